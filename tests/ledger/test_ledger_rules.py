"""Pure ledger rules: expiry instants, rounding, spending order."""

from __future__ import annotations

from datetime import datetime, timezone
from fractions import Fraction

import pytest

from loyalty_api.ledger.rules import (expiry_instant, plan_spend, round_half_up, share_so_far, spend_key)

UTC = timezone.utc


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize("available_at, settings, tz, expected", [
    # available_at (UTC)        expiry settings                          zone             burns at (UTC)
    ("2026-03-10T12:00:00+00:00", {"mode": "none"}, "UTC", None),
    ("2026-03-10T12:00:00+00:00", {"mode": "days", "days": 1}, "UTC", "2026-03-12T00:00:00+00:00"),
    ("2026-03-10T12:00:00+00:00", {"mode": "days", "days": 365}, "UTC", "2027-03-11T00:00:00+00:00"),
    # 22:30 UTC is already 01:30 on the 11th in Moscow (UTC+3): day 11 + 30 ends 2026-04-11 00:00 MSK
    ("2026-03-10T22:30:00+00:00", {"mode": "days", "days": 30}, "Europe/Moscow", "2026-04-10T21:00:00+00:00"),
    ("2026-03-10T12:00:00+00:00", {"mode": "end_of_month", "days": 0}, "UTC", "2026-04-01T00:00:00+00:00"),
    ("2026-12-31T12:00:00+00:00", {"mode": "end_of_month", "days": 0}, "UTC", "2027-01-01T00:00:00+00:00"),
    ("2026-01-20T12:00:00+00:00", {"mode": "end_of_month", "days": 15}, "UTC", "2026-03-01T00:00:00+00:00"),
    ("2026-06-01T00:00:00+00:00", {"mode": "end_of_year", "days": 365}, "UTC", "2028-01-01T00:00:00+00:00"),
    ("2026-12-31T22:00:00+00:00", {"mode": "end_of_year", "days": 0}, "Europe/Moscow", "2027-12-31T21:00:00+00:00"),
    # New York switches to summer time on 2026-03-08: local midnight of the 9th is 04:00 UTC
    ("2026-03-07T12:00:00+00:00", {"mode": "days", "days": 1}, "America/New_York", "2026-03-09T04:00:00+00:00"),
])
def test_expiry_instant(available_at, settings, tz, expected):
    result = expiry_instant(at(available_at), settings, tz)
    assert result == (at(expected) if expected else None)


@pytest.mark.parametrize("value, expected", [
    (Fraction(0), 0), (Fraction(1, 2), 1), (Fraction(3, 2), 2), (Fraction(5, 2), 3),
    (Fraction(249, 100), 2), (Fraction(-1, 2), -1),
])
def test_round_half_up(value, expected):
    assert round_half_up(value) == expected


def test_shares_of_partial_returns_add_up():
    # an order of 300.00 that earned 101 points, returned as 100 + 100 + 100
    amount, earned = Fraction(300), 101
    totals = [share_so_far(Fraction(r), amount, earned) for r in (100, 200, 300)]
    assert totals == [34, 67, 101]  # 33.67 -> 34, 67.33 -> 67, 101
    assert [b - a for a, b in zip([0] + totals, totals)] == [34, 33, 34]


def test_spending_order_soonest_expiry_first_none_last_then_age():
    t1, t2 = at("2026-01-01T00:00:00+00:00"), at("2026-02-01T00:00:00+00:00")
    lots = [(1, None, t1), (2, t2, t1), (3, t1, t2), (4, t1, t1)]  # (lot_id, expires_at, created_at)
    ordered = sorted(lots, key=lambda lot: spend_key(lot[1], lot[2], lot[0]))
    assert [lot[0] for lot in ordered] == [4, 3, 2, 1]
    assert plan_spend([(4, 10), (3, 5), (2, 7)], 12) == [(4, 10), (3, 2)]
