"""Pure checkout arithmetic (SPEC §4): earn, discount spread, redemption limits, returns."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

import pytest

from loyalty_api.checkout.rules import (
    ReturnTooLarge,
    clamp_redeem,
    compute_earn,
    paid_line_values,
    redeem_refusal,
    return_points,
    returned_lines_value,
)
from loyalty_api.checkout.values import Line, PurchaseRule


def rule(rule_id, skus=(), categories=(), multiplier=None, per_unit=None, min_amount=None, days=None):
    return PurchaseRule(rule_id, frozenset(skus), frozenset(categories), multiplier and D(multiplier),
                        per_unit and D(per_unit), min_amount and D(min_amount), days)


LINES = [Line("TEA", "food", 2, D("150.00")),  # 300.00
         Line("CUP", "home", 1, D("100.00")),  # 100.00
         Line("GIFT", "cards", 1, D("100.00"))]  # 100.00, excluded by SKU


def test_discount_falls_on_lines_in_proportion_and_spills_only_beyond_them():
    assert paid_line_values(LINES, D("50.00")) == [Fraction(270), Fraction(90), Fraction(90)]
    assert paid_line_values(LINES[:1], D("400.00")) == [Fraction(0)]  # 100.00 more falls on the rest


def test_base_tier_multiplier_and_rules():
    # amount 560.00 (60.00 delivery), discount 50.00 -> lines pay TEA 270, CUP 90, GIFT 90 (no points)
    # base        floor(360 x 2 x 1.5)                    = 1080
    # tea x3      floor(270 x 2 x (3 - 1))                = 1080
    # home +0.55  floor(90 x 0.55) = floor(49.5)          = 49
    # big order   min 1000.00 not reached                  -> nothing
    earn = compute_earn(amount=D("560.00"), lines=LINES, discount=D("50.00"), points_per_unit=D(2),
                        tier_multiplier=D("1.5"), excluded_skus=["GIFT"],
                        purchase_rules=[rule("tea", skus=["TEA"], multiplier="3", days=30),
                                        rule("home", categories=["home"], per_unit="0.55"),
                                        rule("big", multiplier="2", min_amount="1000.00")])
    assert [(p.source, p.rule_id, p.points, p.expires_in_days) for p in earn.parts] == [
        ("base", None, 1080, None), ("rule", "tea", 1080, 30), ("rule", "home", 49, None)]
    assert earn.points == 2209


def test_without_lines_the_whole_paid_amount_earns_and_catch_all_rules_apply():
    earn = compute_earn(amount=D("99.99"), lines=[], discount=D("10.00"), points_per_unit=D(1),
                        tier_multiplier=D(1), purchase_rules=[rule("all", per_unit="1"), rule("tea", skus=["TEA"],
                                                                                             per_unit="5")])
    assert [(p.source, p.points) for p in earn.parts] == [("base", 89), ("rule", 89)]


@pytest.mark.parametrize("requested, available, expected", [
    # amount 1000.00, point_value 2.00, share 0.3 -> at most floor(0.3 x 1000 / 2) = 150 points; min 20
    (None, 500, (150, 0, None)),
    (100, 500, (150, 100, None)),
    (400, 500, (150, 150, "max_order_share")),
    (400, 120, (120, 120, "insufficient_points")),
    (19, 500, (150, 0, "below_min_points")),
    (50, 15, (0, 0, "below_min_points")),  # 15 available is below min: nothing can be used
    (50, -30, (0, 0, "below_min_points")),  # a member in debt
])
def test_quote_clamps_redemption(requested, available, expected):
    quoted = clamp_redeem(requested, available, D("1000.00"), D("2.00"), D("0.3"), 20)
    assert (quoted.max_points, quoted.applied_points, quoted.reason) == expected


@pytest.mark.parametrize("points, available, code", [
    (0, 0, None), (150, 150, None), (151, 500, "redeem_limit"), (19, 500, "redeem_limit"),
    (151, 100, "insufficient_points"), (19, 10, "insufficient_points"),
])
def test_order_refusals(points, available, code):
    assert redeem_refusal(points, available, D("1000.00"), D("2.00"), D("0.3"), 20) == code


def test_returned_lines_are_valued_in_line_order():
    lines = [Line("A", None, 2, D("10.00")), Line("B", None, 1, D("5.00")), Line("A", None, 1, D("7.00"))]
    value, counts = returned_lines_value(lines, {}, [("A", 1)])
    assert (value, counts) == (D("10.00"), {"A": 1})
    value, counts = returned_lines_value(lines, counts, [("A", 2), ("B", 1)])
    assert (value, counts) == (D("22.00"), {"A": 3, "B": 1})  # 10.00 + 7.00, then 5.00
    with pytest.raises(ReturnTooLarge):
        returned_lines_value(lines, counts, [("A", 1)])


def test_return_points_telescope_to_the_order_totals():
    # amount 90.00, earned 10, redeemed 5; returns of 30.00 each
    # so far   reversed: 10 x share     refunded: 5 x share
    # 30.00    3.33 -> 3                1.67 -> 2
    # 60.00    6.67 -> 7                3.33 -> 3
    # 90.00    10                       5
    steps = [return_points(D(90), 10, 5, D(before), D(before + 30)) for before in (0, 30, 60)]
    assert steps == [(3, 2), (4, 1), (3, 2)]
