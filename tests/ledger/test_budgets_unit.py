"""Rule budgets and adjustment limits, pure: periods in a time zone, what a budget grants, limits."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from loyalty_api.adjustment_limits.rules import adjustment_refusal, limit_day, within_daily
from loyalty_api.budgets.rules import LIFETIME_START, Budget, capped_earn, grant, period_start, remaining
from loyalty_api.checkout.rules import Earn, EarnPart

UTC = timezone.utc


# | moment (UTC)          | zone           | period   | period starts (UTC)   | why                                  |
PERIODS = [
    ("2026-12-07T20:30:00", "Europe/Moscow", "day", "2026-12-06T21:00:00", "23:30 on 7 Dec in Moscow"),
    ("2026-12-07T20:59:59", "Europe/Moscow", "day", "2026-12-06T21:00:00", "23:59:59 Moscow, 7 Dec"),
    ("2026-12-07T21:00:00", "Europe/Moscow", "day", "2026-12-07T21:00:00", "00:00 Moscow, 8 Dec"),
    ("2026-12-10T12:00:00", "UTC", "week", "2026-12-07T00:00:00", "Thursday: the week began Monday 7 Dec"),
    ("2026-12-06T23:30:00", "Europe/Moscow", "week", "2026-12-06T21:00:00", "Monday 02:30 Moscow"),
    ("2026-12-31T22:00:00", "Asia/Tokyo", "month", "2026-12-31T15:00:00", "1 Jan 07:00 in Tokyo: January"),
    ("2026-12-31T22:00:00", "Asia/Tokyo", "year", "2026-12-31T15:00:00", "…and 2027"),
    ("2026-12-31T22:00:00", "UTC", "year", "2026-01-01T00:00:00", "still 2026 in UTC"),
    ("2026-03-29T12:00:00", "Europe/Berlin", "month", "2026-02-28T23:00:00", "March began at CET (+01:00)"),
    ("2026-12-07T20:30:00", "Europe/Moscow", "lifetime", "1970-01-01T00:00:00", "one period for ever"),
]


@pytest.mark.parametrize("at, zone, period, start, why", PERIODS)
def test_period_start_in_the_program_zone(at, zone, period, start, why):
    moment = datetime.fromisoformat(at).replace(tzinfo=UTC)
    assert period_start(period, moment, zone) == datetime.fromisoformat(start).replace(tzinfo=UTC), why


def test_lifetime_start_is_the_epoch():
    assert LIFETIME_START == datetime(1970, 1, 1, tzinfo=UTC)


# | budget | used | wanted | granted | remaining after |
GRANTS = [
    (1000, 0, 300, 300, 700),
    (1000, 700, 300, 300, 0),     # exactly the rest
    (1000, 800, 300, 200, 0),     # the remainder, capped
    (1000, 1000, 300, 0, 0),      # spent
    (500, 800, 300, 0, 0),        # the budget was lowered below what was given: nothing, never negative
    (1000, 0, 0, 0, 1000),
]


@pytest.mark.parametrize("points, used, wanted, granted, left", GRANTS)
def test_grant_is_capped_at_the_remainder(points, used, wanted, granted, left):
    budget = Budget(points, "month")
    assert grant(wanted, budget, used) == granted
    assert remaining(budget, used + granted) == left


def test_capped_earn_cuts_budgeted_parts_and_drops_spent_ones():
    earn = Earn(1550, (EarnPart("base", None, 500), EarnPart("rule", "a", 250), EarnPart("rule", "b", 300, 30),
                       EarnPart("rule", "c", 500)))
    # a: budget gives 100 of 250; b: nothing left (leaves the breakdown); c: no budget, untouched
    capped = capped_earn(earn, {"a": 100, "b": 0})
    assert capped.parts == (EarnPart("base", None, 500), EarnPart("rule", "a", 100), EarnPart("rule", "c", 500))
    assert capped.points == 500 + 100 + 500
    # a grant above the part never raises it (a quote shows what is left, not more)
    assert capped_earn(earn, {"a": 10_000}).points == 1550


# | points | max per adjustment | daily | refusal?                       |
REFUSALS = [
    (500, 500, None, None),
    (-500, 500, None, None),          # either sign: the absolute value
    (501, 500, None, "at most 500 points"),
    (-501, 500, None, "at most 500 points"),
    (900, None, 800, "800 points a day"),  # one adjustment alone above the daily limit
    (10**9, None, None, None),        # no limits
]


@pytest.mark.parametrize("points, max_points, daily, refusal", REFUSALS)
def test_one_adjustment_refusals(points, max_points, daily, refusal):
    found = adjustment_refusal(points, max_points, daily)
    assert (found is None) if refusal is None else (refusal in found)


# | moved today | this adjustment | daily | within? |
DAILY = [(0, 800, 800, True), (500, -300, 800, True), (500, -301, 800, False), (800, 1, 800, False),
         (10**9, 5, None, True)]


@pytest.mark.parametrize("used, points, daily, within", DAILY)
def test_daily_limit_sums_absolute_values(used, points, daily, within):
    assert within_daily(used, points, daily) is within


def test_limit_day_is_the_program_zone_day():
    late = datetime(2026, 12, 7, 22, 0, tzinfo=UTC)  # 01:00 on 8 Dec in Moscow
    assert limit_day(late, "Europe/Moscow") == date(2026, 12, 8)
    assert limit_day(late, "UTC") == date(2026, 12, 7)
