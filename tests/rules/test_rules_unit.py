"""Pure earning-rule functions: windows, tiers, cap periods, birthdays, rule checks."""

from datetime import date, datetime, timedelta, timezone

import pytest

from loyalty_api.earning_rules import rules

UTC = timezone.utc


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize("moment, expected", [
    ("2026-12-01T00:00:00+00:00", True),    # valid_from is inside
    ("2026-11-30T23:59:59+00:00", False),
    ("2026-12-31T23:59:59+00:00", True),
    ("2027-01-01T00:00:00+00:00", False),   # valid_until is the first instant outside
    ("2027-01-01T02:59:59+03:00", True),    # 23:59:59 UTC written in Moscow time
    ("2027-01-01T03:00:00+03:00", False),   # valid_until itself, in Moscow time
])
def test_window_is_half_open(moment, expected):
    assert rules.in_window(at(moment), at("2026-12-01T00:00:00+00:00"), at("2027-01-01T00:00:00+00:00")) is expected


def test_open_ended_windows():
    moment = at("2026-06-01T12:00:00+00:00")
    assert rules.in_window(moment, None, None)
    assert rules.in_window(moment, None, moment + timedelta(seconds=1))
    assert not rules.in_window(moment, moment + timedelta(seconds=1), None)


@pytest.mark.parametrize("rule_tiers, member_tier, expected", [
    (None, None, True),
    (None, "gold", True),
    (["gold"], "gold", True),
    (["gold", "silver"], "silver", True),
    (["gold"], "silver", False),
    (["gold"], None, False),
])
def test_tier_eligible(rule_tiers, member_tier, expected):
    assert rules.tier_eligible(rule_tiers, member_tier) is expected


# period, instant, time zone -> [start, end) in UTC
PERIODS = [
    # Moscow is UTC+3: Monday 30 Nov 2026 starts at 29 Nov 21:00 UTC.
    ("week", "2026-11-29T20:59:59+00:00", "Europe/Moscow", "2026-11-22T21:00:00+00:00", "2026-11-29T21:00:00+00:00"),
    ("week", "2026-11-29T21:00:00+00:00", "Europe/Moscow", "2026-11-29T21:00:00+00:00", "2026-12-06T21:00:00+00:00"),
    ("week", "2026-11-29T21:00:00+00:00", "UTC", "2026-11-23T00:00:00+00:00", "2026-11-30T00:00:00+00:00"),
    ("day", "2026-03-10T21:30:00+00:00", "Europe/Moscow", "2026-03-10T21:00:00+00:00", "2026-03-11T21:00:00+00:00"),
    ("month", "2026-11-30T21:00:00+00:00", "Europe/Moscow", "2026-11-30T21:00:00+00:00", "2026-12-31T21:00:00+00:00"),
    ("month", "2026-11-30T20:59:59+00:00", "Europe/Moscow", "2026-10-31T21:00:00+00:00", "2026-11-30T21:00:00+00:00"),
    ("month", "2026-12-15T00:00:00+00:00", "UTC", "2026-12-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00"),
    ("year", "2026-12-31T21:00:00+00:00", "Europe/Moscow", "2026-12-31T21:00:00+00:00", "2027-12-31T21:00:00+00:00"),
    # New York switches to summer time on 8 March 2026: that day is 23 hours long.
    ("day", "2026-03-08T12:00:00+00:00", "America/New_York", "2026-03-08T05:00:00+00:00", "2026-03-09T04:00:00+00:00"),
]


@pytest.mark.parametrize("period, moment, tz, start, end", PERIODS)
def test_period_bounds_follow_the_program_calendar(period, moment, tz, start, end):
    assert rules.period_bounds(period, at(moment), tz) == (at(start), at(end))


def test_lifetime_has_no_bounds():
    assert rules.period_bounds("lifetime", at("2026-01-01T00:00:00+00:00"), "UTC") == (None, None)


@pytest.mark.parametrize("cap, used, expected", [
    (None, 100, False),
    (rules.Cap(3, "week"), 2, False),
    (rules.Cap(3, "week"), 3, True),
    (rules.Cap(1, "lifetime"), 1, True),
])
def test_cap_reached(cap, used, expected):
    assert rules.cap_reached(cap, used) is expected


def test_skip_reason_checks_window_then_tier_then_cap():
    moment = at("2026-06-01T00:00:00+00:00")
    common = dict(at=moment, valid_from=None, valid_until=None, rule_tiers=None, member_tier=None,
                  cap=rules.Cap(1, "day"), used_in_period=0)
    assert rules.skip_reason(**common) is None
    assert rules.skip_reason(**{**common, "used_in_period": 1}) == "cap_reached"
    assert rules.skip_reason(**{**common, "used_in_period": 1, "rule_tiers": ["gold"]}) == "tier_not_eligible"
    assert rules.skip_reason(**{**common, "rule_tiers": ["gold"], "valid_until": moment}) == "outside_window"


@pytest.mark.parametrize("birthday, year, celebrated", [
    (date(1992, 2, 29), 2026, date(2026, 2, 28)),
    (date(1992, 2, 29), 2028, date(2028, 2, 29)),
    (date(1985, 12, 31), 2026, date(2026, 12, 31)),
    (date(2000, 3, 1), 2026, date(2026, 3, 1)),
])
def test_birthday_in_year(birthday, year, celebrated):
    assert rules.birthday_in_year(birthday, year) == celebrated


@pytest.mark.parametrize("day, birthdays", [
    (date(2027, 2, 28), [(2, 28), (2, 29)]),   # common year: the 29th is kept on the 28th
    (date(2028, 2, 28), [(2, 28)]),            # leap year: the 29th comes the next day
    (date(2028, 2, 29), [(2, 29)]),
    (date(2027, 3, 1), [(3, 1)]),
])
def test_birthdays_celebrated_on(day, birthdays):
    assert rules.birthdays_celebrated_on(day) == birthdays


def test_local_date_and_day_start_use_the_program_zone():
    late = at("2026-12-31T21:30:00+00:00")
    assert rules.local_date(late, "Europe/Moscow") == date(2027, 1, 1)
    assert rules.local_date(late, "UTC") == date(2026, 12, 31)
    assert rules.day_start(date(2027, 1, 1), "Europe/Moscow") == at("2026-12-31T21:00:00+00:00")
    assert rules.birthday_event_id(date(2027, 1, 1)) == "birthday-2027"


@pytest.mark.parametrize("doc, fields", [
    ({"kind": "purchase", "multiplier": 2}, set()),
    ({"kind": "purchase", "points_per_unit": 5, "skus": ["A"], "min_order_amount": 100}, set()),
    ({"kind": "purchase"}, {"multiplier"}),
    ({"kind": "purchase", "multiplier": 2, "points_per_unit": 1}, {"multiplier"}),
    ({"kind": "purchase", "multiplier": 2, "event_type": "review", "points": 5}, {"event_type", "points"}),
    ({"kind": "event", "event_type": "review", "points": 50}, set()),
    ({"kind": "event", "points": 50}, {"event_type"}),
    ({"kind": "event", "event_type": "review"}, {"points"}),
    ({"kind": "event", "event_type": "review", "points": 5, "multiplier": 2, "skus": ["A"]},
     {"multiplier", "skus"}),
    ({"kind": "event", "event_type": "review", "points": 5, "tiers": []}, {"tiers"}),
    ({"kind": "event", "event_type": "review", "points": 5, "valid_from": at("2026-01-02T00:00:00+00:00"),
      "valid_until": at("2026-01-02T00:00:00+00:00")}, {"valid_until"}),
])
def test_rule_errors(doc, fields):
    assert set(rules.rule_errors(doc)) == fields


# | birthday   | recorded (UTC)         | zone          | birthday year (UTC)                            |
BIRTHDAY_YEARS = [
    ("1990-12-31", "2027-01-01T09:00:00", "UTC", "2026-12-31T00:00:00", "2027-12-31T00:00:00"),  # catch-up
    ("1990-12-31", "2027-12-31T00:00:00", "UTC", "2027-12-31T00:00:00", "2028-12-31T00:00:00"),
    ("1992-02-29", "2027-02-28T12:00:00", "UTC", "2027-02-28T00:00:00", "2028-02-29T00:00:00"),
    ("1990-03-10", "2027-03-09T21:00:00", "Europe/Moscow", "2027-03-09T21:00:00", "2028-03-09T21:00:00"),
    ("1990-03-10", "2027-03-09T20:59:59", "Europe/Moscow", "2026-03-09T21:00:00", "2027-03-09T21:00:00"),
    (None, "2027-06-01T00:00:00", "UTC", "2027-01-01T00:00:00", "2028-01-01T00:00:00"),
]


@pytest.mark.parametrize("birthday, at, tz, start, end", BIRTHDAY_YEARS)
def test_birthday_year_runs_from_one_birthday_to_the_next(birthday, at, tz, start, end):
    def utc(text):
        return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)

    born = date.fromisoformat(birthday) if birthday else None
    assert rules.birthday_year_bounds(born, utc(at), tz) == (utc(start), utc(end))


def test_occurred_at_must_be_plausible():
    now = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)
    enrolled = now - timedelta(days=40)
    assert rules.occurred_at_error(now - timedelta(days=30), now, enrolled) is None
    assert rules.occurred_at_error(now + timedelta(minutes=5), now, enrolled) is None
    assert rules.occurred_at_error(now - timedelta(days=30, seconds=1), now, enrolled) == "More than 30 days ago."
    assert rules.occurred_at_error(now + timedelta(minutes=6), now, enrolled) == "In the future."
    assert rules.occurred_at_error(now - timedelta(days=2), now, now - timedelta(days=1)) == \
        "Before the member enrolled."
