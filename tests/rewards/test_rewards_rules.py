"""Pure reward rules: what a coupon is worth, whether a member may claim, codes."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from loyalty_api.rewards import rules

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("kind, value, sku, amount, discount, free_delivery, gift_sku", [
    # kind               value     sku      amount      discount  free   gift
    ("discount_amount", "500.00", None, "1200.00", "500.00", False, None),
    ("discount_amount", "500.00", None, "300.00", "300.00", False, None),      # capped at the amount
    ("discount_amount", "500.00", None, "99.99", "99.99", False, None),
    ("discount_percent", "15", None, "1200.00", "180.00", False, None),
    ("discount_percent", "15", None, "99.99", "15.00", False, None),          # 14.9985 -> 15.00
    ("discount_percent", "12.5", None, "0.10", "0.01", False, None),          # 0.0125 -> 0.01
    ("discount_percent", "100", None, "250.40", "250.40", False, None),
    ("free_delivery", None, None, "1200.00", "0.00", True, None),
    ("gift", None, "MUG-1", "1200.00", "0.00", False, "MUG-1"),
])
def test_coupon_value_for_an_order(kind, value, sku, amount, discount, free_delivery, gift_sku):
    worth = rules.coupon_value(kind, Decimal(value) if value else None, sku, Decimal(amount))
    assert (worth.discount_amount, worth.free_delivery, worth.gift_sku) == (Decimal(discount), free_delivery,
                                                                            gift_sku)


def _refusal(**overrides):
    terms = dict(at=T0, valid_from=None, valid_until=None, reward_tiers=None, member_tier=None, stock=None,
                 limit_per_member=None, claimed_by_member=0, cost_points=100, available=100)
    terms.update(overrides)
    return rules.claim_refusal(**terms)


@pytest.mark.parametrize("overrides, reason", [
    ({}, None),
    ({"available": 99}, "insufficient_points"),
    ({"stock": 0}, "out_of_stock"),
    ({"stock": 1}, None),
    ({"limit_per_member": 2, "claimed_by_member": 2}, "limit_reached"),
    ({"limit_per_member": 2, "claimed_by_member": 1}, None),
    ({"reward_tiers": ["gold"], "member_tier": "silver"}, "tier_not_eligible"),
    ({"reward_tiers": ["gold"], "member_tier": None}, "tier_not_eligible"),
    ({"reward_tiers": ["gold"], "member_tier": "gold"}, None),
    ({"valid_from": T0 + timedelta(seconds=1)}, "outside_window"),
    ({"valid_from": T0}, None),
    ({"valid_until": T0}, "outside_window"),  # half-open: valid_until is the first instant after
    # Checked in a fixed order: window, tier, stock, limit, points.
    ({"valid_until": T0, "stock": 0, "available": 0}, "outside_window"),
    ({"reward_tiers": ["gold"], "stock": 0}, "tier_not_eligible"),
    ({"stock": 0, "limit_per_member": 1, "claimed_by_member": 1}, "out_of_stock"),
    ({"limit_per_member": 1, "claimed_by_member": 1, "available": 0}, "limit_reached"),
    ({"cost_points": 0, "available": 0}, None),
])
def test_claim_refusal(overrides, reason):
    assert _refusal(**overrides) == reason


def test_codes_use_the_human_friendly_alphabet_and_enough_entropy():
    assert not set("0O1IL") & set(rules.CODE_ALPHABET)
    assert len(rules.CODE_ALPHABET) == 31
    codes = {rules.new_coupon_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert rules.CODE_PATTERN.fullmatch(code), code
        assert set(code.replace("-", "")) <= set(rules.CODE_ALPHABET)
    # 12 symbols of 31: more than 59 bits, far beyond guessing through the API.
    assert 31 ** 12 > 2 ** 59


def test_code_generation_draws_every_symbol_from_the_source_it_is_given():
    source = random.Random(7)
    code = rules.new_coupon_code(choice=source.choice)
    assert code == rules.new_coupon_code(choice=random.Random(7).choice)
    assert len(code) == 14 and code[4] == code[9] == "-"


@pytest.mark.parametrize("typed, stored", [
    ("K7QM-3XHT-9PRW", "K7QM-3XHT-9PRW"),
    ("k7qm3xht9prw", "K7QM-3XHT-9PRW"),
    (" k7qm 3xht-9prw ", "K7QM-3XHT-9PRW"),
    ("K7QM-3XHT-9PR", None),     # too short
    ("K7QM-3XHT-9PRO", None),    # O is not in the alphabet
    ("../admin", None),
])
def test_normalize_coupon_code(typed, stored):
    assert rules.normalize_coupon_code(typed) == stored


@pytest.mark.parametrize("status, expires_at, effective", [
    ("active", None, "active"),
    ("active", T0 + timedelta(seconds=1), "active"),
    ("active", T0, "expired"),  # from expires_at on, before the job writes it down
    ("used", T0 - timedelta(days=1), "used"),
    ("cancelled", T0 - timedelta(days=1), "cancelled"),
])
def test_effective_status(status, expires_at, effective):
    assert rules.effective_status(status, expires_at, T0) == effective


def test_coupon_expires_after_its_days_or_never():
    assert rules.coupon_expires_at(T0, 30) == datetime(2026, 7, 1, 12, 0, tzinfo=timezone.utc)
    assert rules.coupon_expires_at(T0, None) is None


@pytest.mark.parametrize("status, owner, member, currency, reason", [
    ("active", "m1", "m1", "RUB", None),
    ("active", "m1", "m2", "RUB", "not_owner"),
    ("active", "m1", "m1", "USD", "currency_mismatch"),
    ("used", "m1", "m1", "RUB", "used"),
    ("expired", "m1", "m2", "USD", "expired"),
    ("cancelled", "m1", "m1", "RUB", "cancelled"),
])
def test_use_refusal(status, owner, member, currency, reason):
    assert rules.use_refusal(status=status, owner=owner, member_id=member, order_currency=currency,
                             program_currency="RUB") == reason


@pytest.mark.parametrize("doc, errors", [
    ({"kind": "discount_amount", "value": Decimal("500")}, set()),
    ({"kind": "discount_amount"}, {"value"}),
    ({"kind": "discount_amount", "value": Decimal("0")}, {"value"}),
    ({"kind": "discount_percent", "value": Decimal("100")}, set()),
    ({"kind": "discount_percent", "value": Decimal("100.01")}, {"value"}),
    ({"kind": "discount_percent", "value": Decimal("-1")}, {"value"}),
    ({"kind": "free_delivery"}, set()),
    ({"kind": "free_delivery", "value": Decimal("1")}, {"value"}),
    ({"kind": "gift"}, {"sku"}),
    ({"kind": "gift", "sku": "MUG"}, set()),
    ({"kind": "discount_amount", "value": Decimal("5"), "sku": "MUG"}, {"sku"}),
    ({"kind": "gift", "sku": "MUG", "valid_from": T0, "valid_until": T0}, {"valid_until"}),
    ({"kind": "gift", "sku": "MUG", "tiers": []}, {"tiers"}),
])
def test_reward_errors(doc, errors):
    assert set(rules.reward_errors(doc)) == errors
