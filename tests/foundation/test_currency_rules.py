"""Conversion of an order in another currency (pure rules): round half up to the cent."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from loyalty_api.checkout.rules import convert_order, converted_so_far, half_up
from loyalty_api.checkout.values import Line


@pytest.mark.parametrize("value, places, rounded", [
    ("1082.515", 2, "1082.52"),   # exactly half: up
    ("1082.5149", 2, "1082.51"),
    ("0.005", 2, "0.01"),
    ("0.0049999", 2, "0.00"),
    ("10.152284", 2, "10.15"),
    ("149.5", 0, "150"),          # yen: to the yen
    ("1.0005", 3, "1.001"),       # dinars: to the fils
])
def test_half_up(value, places, rounded):
    assert str(half_up(D(value), places)) == rounded


def test_each_line_and_the_amount_are_converted():
    # line       EUR     x 98.50      rounded
    # A unit     10.99   1082.515     1082.52  (x3 = 3247.56)
    # B unit     20.05   1974.925     1974.93
    # amount     60.00   5910.00      5910.00
    money = convert_order(D("60.00"), [Line("A", None, 3, D("10.99")), Line("B", None, 1, D("20.05"))],
                          D("98.50"), program_places=2, order_places=2)
    assert [line.unit_price for line in money.lines] == [D("1082.52"), D("1974.93")]
    assert [line.quantity for line in money.lines] == [3, 1]
    assert money.amount == D("5910.00") and money.shown_amount == D("60.00") and money.rate == D("98.50")


def test_the_program_currency_is_not_touched():
    lines = [Line("A", None, 1, D("10.005"))]
    money = convert_order(D("20.00"), lines, None, program_places=2, order_places=2)
    assert (money.amount, money.lines, money.rate) == (D("20.00"), lines, None)
    assert money.shown(D("7.777")) == D("7.777")


def test_lines_rounded_up_raise_the_amount_to_their_sum():
    # three lines of 0.01 at 1.5: each 0.015 -> 0.02, together 0.06; the amount 0.03 -> 0.045 -> 0.05
    money = convert_order(D("0.03"), [Line(sku, None, 1, D("0.01")) for sku in "ABC"], D("1.5"),
                          program_places=2, order_places=2)
    assert money.amount == D("0.06")
    assert sum(line.value for line in money.lines) <= money.amount


@pytest.mark.parametrize("amount, discount, rate, shown", [
    ("60.00", "1000.00", "98.50", "10.15"),   # 10.1522... EUR
    ("60.00", "985.00", "98.50", "10.00"),
    ("60.00", "0.05", "0.10", "0.50"),        # a rate below 1
    ("5.00", "4.00", "0.50", "5.00"),         # 8.00 would be more than the 5.00 the customer pays: capped
])
def test_the_discount_is_shown_in_the_order_currency(amount, discount, rate, shown):
    money = convert_order(D(amount), [], D(rate), program_places=2, order_places=2)
    assert money.shown(D(discount)) == D(shown)


def test_yen_order_in_a_rouble_program_and_back():
    # 1 JPY = 0.55 RUB: 1999 JPY -> 1099.45 RUB; a 100.00 RUB discount is 181.818... -> 182 JPY
    money = convert_order(D("1999"), [Line("A", None, 1, D("1999"))], D("0.55"), program_places=2, order_places=0)
    assert money.amount == D("1099.45")
    assert money.shown(D("100.00")) == D("182")


@pytest.mark.parametrize("returned, program_part", [
    ("0.00", "0.00"),
    ("10.99", "1082.52"),   # 1082.515 -> 1082.52
    ("17.97", "1770.05"),   # the running total, 1770.045 -> 1770.05 (not 1082.52 + 687.53 rounded apart)
    ("59.99", "5909.02"),
    ("60.00", "5910.00"),   # the whole order: its whole amount
])
def test_returns_convert_the_running_total_at_the_order_rate(returned, program_part):
    assert converted_so_far(D(returned), D("60.00"), D("5910.00"), D("98.50"), 2) == D(program_part)


def test_a_full_return_takes_back_an_amount_raised_to_the_lines():
    # the 0.03 order above, its amount raised to 0.06: returning 0.03 returns all 0.06
    assert converted_so_far(D("0.03"), D("0.03"), D("0.06"), D("1.5"), 2) == D("0.06")
    assert converted_so_far(D("0.02"), D("0.03"), D("0.06"), D("1.5"), 2) == D("0.03")
