"""Unit tests of the pure burning rules: worked examples a reader can check by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings, strategies as st

from loyalty_api.expiry import rules
from loyalty_api.expiry.rules import LotView


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


# available_at (UTC) | tz | mode | days | expires_at (UTC) | why
EXPIRY_EXAMPLES = [
    ("2026-01-15T10:00", "Europe/Moscow", "days", 365, "2027-01-15T21:00",
     "13:00 MSK on 15 Jan 2026; +365 days = 15 Jan 2027; ends 16 Jan 00:00 MSK"),
    ("2026-01-15T22:30", "Europe/Moscow", "days", 365, "2027-01-16T21:00",
     "already 16 Jan in Moscow (01:30); +365 = 16 Jan 2027"),
    ("2027-03-01T09:00", "Europe/Moscow", "days", 365, "2028-02-29T21:00",
     "1 Mar 2027 + 365 = 29 Feb 2028 (leap year)"),
    ("2024-02-28T12:00", "UTC", "days", 1, "2024-03-01T00:00",
     "28 Feb 2024 + 1 = 29 Feb (leap day), ends at midnight UTC"),
    ("2026-03-28T12:00", "Europe/Berlin", "days", 1, "2026-03-29T22:00",
     "day 29 Mar 2026 has 23 h (CET->CEST); ends 30 Mar 00:00 CEST = 22:00Z"),
    ("2026-10-24T10:00", "Europe/Berlin", "days", 1, "2026-10-25T23:00",
     "day 25 Oct 2026 has 25 h (CEST->CET); ends 26 Oct 00:00 CET = 23:00Z"),
    ("2018-11-02T15:00", "America/Sao_Paulo", "days", 1, "2018-11-04T03:00",
     "4 Nov 2018 00:00 did not exist in Sao Paulo; the day began when clocks jumped, 03:00Z"),
    ("2024-02-10T00:00", "UTC", "end_of_month", 0, "2024-03-01T00:00",
     "end of February 2024 (29 days)"),
    ("2026-01-31T20:00", "Europe/Moscow", "end_of_month", 30, "2026-03-31T21:00",
     "31 Jan 23:00 MSK + 30 days = 2 Mar; end of March = 1 Apr 00:00 MSK"),
    ("2026-03-05T12:00", "America/New_York", "end_of_month", 0, "2026-04-01T04:00",
     "1 Apr 00:00 EDT (-4)"),
    ("2026-11-15T12:00", "America/New_York", "end_of_month", 0, "2026-12-01T05:00",
     "1 Dec 00:00 EST (-5)"),
    ("2026-01-31T12:00", "Pacific/Auckland", "end_of_month", 0, "2026-02-28T11:00",
     "already 1 Feb in Auckland (+13): end of February, 1 Mar 00:00 NZDT"),
    ("2026-12-31T21:30", "Europe/Moscow", "end_of_year", 365, "2028-12-31T21:00",
     "1 Jan 2027 00:30 MSK + 365 = 1 Jan 2028; end of 2028"),
    ("2026-12-31T23:59:59", "UTC", "end_of_year", 0, "2027-01-01T00:00",
     "one second before the year ends"),
    ("2026-06-30T12:00", "UTC", "end_of_year", 200, "2028-01-01T00:00",
     "30 Jun 2026 + 200 days = 16 Jan 2027; end of 2027"),
]


@pytest.mark.parametrize("available, tz, mode, days, expected, why", EXPIRY_EXAMPLES)
def test_expiry_instant_worked_examples(available, tz, mode, days, expected, why):
    got = rules.expiry_instant(utc(available), {"mode": mode, "days": days}, tz)
    assert got == utc(expected), why
    assert got.tzinfo is not None


def test_mode_none_never_expires():
    assert rules.expiry_instant(utc("2026-01-01T00:00"), {"mode": "none", "days": 365}, "UTC") is None


def test_end_of_month_with_days_null_counts_from_the_day_itself():
    assert rules.expiry_instant(utc("2026-02-03T00:00"), {"mode": "end_of_month", "days": None},
                                "UTC") == utc("2026-03-01T00:00")


def test_unknown_mode_and_naive_instants_are_refused():
    with pytest.raises(ValueError):
        rules.expiry_instant(utc("2026-01-01T00:00"), {"mode": "weekly"}, "UTC")
    with pytest.raises(ValueError):
        rules.expiry_instant(datetime(2026, 1, 1), {"mode": "days", "days": 1}, "UTC")


# available_at | tz | expires_in_days | expires_at
LIFETIME_EXAMPLES = [
    ("2026-05-10T08:00", "Europe/Moscow", 30, "2026-06-09T21:00"),  # 10 May + 30 = 9 Jun, ends 10 Jun MSK
    ("2026-05-10T08:00", "UTC", 0, "2026-05-11T00:00"),  # burns at the end of the day it arrives
]


@pytest.mark.parametrize("available, tz, days, expected", LIFETIME_EXAMPLES)
def test_lifetime_expiry(available, tz, days, expected):
    assert rules.lifetime_expiry(utc(available), days, tz) == utc(expected)


# last activity | tz | inactivity_days | deadline
INACTIVITY_EXAMPLES = [
    ("2026-01-10T12:00", "Europe/Moscow", 180, "2026-07-09T21:00"),  # 10 Jan + 180 = 9 Jul
    ("2026-01-10T22:00", "Europe/Moscow", 180, "2026-07-10T21:00"),  # already 11 Jan in Moscow
    ("2024-01-01T00:00", "UTC", 366, "2025-01-02T00:00"),  # 2024 has 366 days: 1 Jan 2025 ends
]


@pytest.mark.parametrize("last, tz, days, expected", INACTIVITY_EXAMPLES)
def test_inactivity_deadline(last, tz, days, expected):
    assert rules.inactivity_deadline(utc(last), days, tz) == utc(expected)


def test_inactivity_off_or_never_active():
    assert rules.inactivity_deadline(utc("2026-01-01T00:00"), None, "UTC") is None
    assert rules.inactivity_deadline(None, 30, "UTC") is None
    assert rules.inactivity_cutoff(utc("2026-01-01T00:00"), None, "UTC") is None


def test_inactivity_cutoff_at_the_deadline_boundary():
    last = utc("2026-01-10T12:00")  # deadline 2026-07-09T21:00Z in Moscow, 180 days
    just_before = utc("2026-07-09T20:59:59")
    at_deadline = utc("2026-07-09T21:00")
    assert rules.inactivity_cutoff(just_before, 180, "Europe/Moscow") == utc("2026-01-09T21:00")
    assert not last < rules.inactivity_cutoff(just_before, 180, "Europe/Moscow")
    assert rules.inactivity_cutoff(at_deadline, 180, "Europe/Moscow") == utc("2026-01-10T21:00")
    assert last < rules.inactivity_cutoff(at_deadline, 180, "Europe/Moscow")


ZONES = ["UTC", "Europe/Moscow", "Europe/Berlin", "America/New_York", "America/Sao_Paulo",
         "Pacific/Auckland", "Australia/Lord_Howe", "Asia/Kathmandu"]
INSTANTS = st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2035, 1, 1)).map(
    lambda d: d.replace(tzinfo=timezone.utc))


@settings(max_examples=400, deadline=None)
@given(last=INSTANTS, now=INSTANTS, days=st.integers(1, 800), tz=st.sampled_from(ZONES))
def test_cutoff_selects_exactly_the_members_past_their_deadline(last, now, days, tz):
    deadline = rules.inactivity_deadline(last, days, tz)
    assert (deadline <= now) == (last < rules.inactivity_cutoff(now, days, tz))


@settings(max_examples=400, deadline=None)
@given(last=st.none() | INSTANTS, available=INSTANTS, now=INSTANTS, days=st.integers(1, 800),
       tz=st.sampled_from(ZONES))
def test_a_lot_has_burned_exactly_when_both_clocks_started_before_the_cutoff(last, available, now, days, tz):
    """What the reads and the job use (two comparisons) agrees with the per-lot deadline."""
    cutoff = rules.inactivity_cutoff(now, days, tz)
    burned = rules.inactivity_deadline(last, days, tz, available) <= now
    assert burned == (available < cutoff and (last is None or last < cutoff))


@settings(max_examples=300, deadline=None)
@given(available=INSTANTS, days=st.integers(1, 800), tz=st.sampled_from(ZONES))
def test_lot_expires_at_a_local_midnight_after_its_day(available, days, tz):
    expires = rules.expiry_instant(available, {"mode": "days", "days": days}, tz)
    local = expires.astimezone(rules.zone(tz))
    assert local.date() == rules.local_date(available, tz) + timedelta(days=days + 1)
    # A local midnight, or the instant a missing midnight was skipped to.
    assert local.time().hour in (0, 1) and expires > available
    month_end = rules.expiry_instant(available, {"mode": "end_of_month", "days": days}, tz)
    year_end = rules.expiry_instant(available, {"mode": "end_of_year", "days": days}, tz)
    assert expires <= month_end <= year_end
    assert month_end.astimezone(rules.zone(tz)).day == 1
    assert year_end.astimezone(rules.zone(tz)).timetuple()[1:3] == (1, 1)


# now (UTC) | tz | warn_days | horizon
WARNING_EXAMPLES = [
    ("2026-03-20T12:00", "Europe/Berlin", 14, "2026-04-03T11:00"),  # 13:00 CET -> 13:00 CEST
    ("2026-03-20T12:00", "UTC", 0, "2026-03-20T12:00"),
]


@pytest.mark.parametrize("now, tz, days, expected", WARNING_EXAMPLES)
def test_warning_horizon(now, tz, days, expected):
    assert rules.warning_horizon(utc(now), days, tz) == utc(expected)


NOW = utc("2026-06-01T12:00")
THIRTY_DAYS_UTC = 30


# points | available_at | expires_at | last activity (None = never) or "off" | state
STATE_EXAMPLES = [
    (100, "2026-05-01T00:00", "2026-07-01T00:00", "off", "active"),
    (100, "2026-06-10T00:00", "2026-07-01T00:00", "off", "pending"),
    (100, "2026-05-01T00:00", "2026-06-01T12:00", "off", "expired"),  # expires exactly now
    # 30 days inactivity, UTC: a lot burns at the end of day max(last, available) + 30.
    (100, "2026-03-01T00:00", None, "2026-04-01T10:00", "inactive"),  # burned 2 May 00:00
    (100, "2026-03-01T00:00", "2026-07-01T00:00", "2026-04-01T10:00", "inactive"),  # before its expiry
    (100, "2026-04-20T00:00", "2026-05-01T00:00", "2026-04-01T10:00", "expired"),  # expiry came first
    (100, "2026-05-10T00:00", None, "2026-04-01T10:00", "active"),  # arrived while lapsed: burns 10 Jun
    (100, "2026-03-01T00:00", None, "2026-05-20T10:00", "active"),  # recent activity: burns 20 Jun
    (100, "2026-04-15T00:00", None, None, "inactive"),  # never active: burned 16 May 00:00
]


@pytest.mark.parametrize("points, available, expires, last, state", STATE_EXAMPLES)
def test_lot_state(points, available, expires, last, state):
    lot = LotView(points, utc(available), utc(expires) if expires else None)
    inactivity = (rules.NO_INACTIVITY if last == "off"
                  else rules.Inactivity(utc(last) if last else None, THIRTY_DAYS_UTC, "UTC"))
    assert rules.lot_state(lot, NOW, inactivity) == state


def test_expiring_schedule_groups_and_sorts():
    lots = [
        LotView(50, utc("2026-05-01T00:00"), utc("2026-09-01T00:00")),
        LotView(30, utc("2026-05-02T00:00"), utc("2026-07-01T00:00")),
        LotView(20, utc("2026-06-10T00:00"), utc("2026-07-01T00:00")),  # pending, still burns then
        LotView(70, utc("2026-05-01T00:00"), utc("2026-05-31T00:00")),  # already expired
        LotView(0, utc("2026-05-01T00:00"), utc("2026-08-01T00:00")),  # spent
        LotView(40, utc("2026-05-01T00:00"), None),  # never
    ]
    assert rules.expiring_schedule(lots, NOW) == [
        (utc("2026-07-01T00:00"), 50), (utc("2026-09-01T00:00"), 50)]


def test_expiring_schedule_counts_lots_at_their_inactivity_deadline():
    # Last activity 20 May: the member's points burn at the end of 19 Jun (20 Jun 00:00 UTC).
    inactivity = rules.Inactivity(utc("2026-05-20T10:00"), THIRTY_DAYS_UTC, "UTC")
    lots = [
        LotView(50, utc("2026-05-01T00:00"), utc("2026-09-01T00:00")),  # the deadline comes first
        LotView(30, utc("2026-05-01T00:00"), utc("2026-06-10T00:00")),  # its own expiry comes first
        LotView(40, utc("2026-05-01T00:00"), None),  # only the deadline
        LotView(25, utc("2026-06-05T00:00"), None),  # pending until 5 Jun: 30 days from then
    ]
    assert rules.expiring_schedule(lots, NOW, inactivity) == [
        (utc("2026-06-10T00:00"), 30), (utc("2026-06-20T00:00"), 90), (utc("2026-07-06T00:00"), 25)]


def test_chunked():
    assert [list(c) for c in rules.chunked([1, 2, 3, 4, 5], 2)] == [[1, 2], [3, 4], [5]]
    with pytest.raises(ValueError):
        list(rules.chunked([1], 0))
