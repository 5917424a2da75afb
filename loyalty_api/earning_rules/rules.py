"""Earning rules: windows, tiers, caps and birthdays. Pure functions.

Times in are timezone-aware; calendar periods (a cap's day, week, month, year, a
member's birthday) are read in the program's time zone and answered as UTC
instants. A window is half-open: ``valid_from <= at < valid_until``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable
from zoneinfo import ZoneInfo

CAP_PERIODS = ("day", "week", "month", "year", "lifetime")
SKIP_OUTSIDE_WINDOW = "outside_window"
SKIP_TIER = "tier_not_eligible"
SKIP_CAP = "cap_reached"
BIRTHDAY_EVENT = "birthday"
# How far back a caller may date an event. Older reports are mistakes or replays of
# history; the ledger would take them at today's rules anyway (caps and windows are
# judged when the service records the event).
MAX_EVENT_AGE = timedelta(days=30)
# Clocks differ a little; an event further ahead than this is a mistake.
FUTURE_SLACK = timedelta(minutes=5)


@dataclass(frozen=True)
class Cap:
    count: int
    period: str


def in_window(at: datetime, valid_from: datetime | None, valid_until: datetime | None) -> bool:
    """``valid_from`` is the first instant of the window, ``valid_until`` the first one after it."""
    if valid_from is not None and at < valid_from:
        return False
    return valid_until is None or at < valid_until


def tier_eligible(rule_tiers: Iterable[str] | None, member_tier: str | None) -> bool:
    """No tier list means every member; a list admits only members holding one of those tiers."""
    if rule_tiers is None:
        return True
    return member_tier is not None and member_tier in set(rule_tiers)


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(timezone.utc)


def period_bounds(period: str, at: datetime, tz_name: str) -> tuple[datetime | None, datetime | None]:
    """The calendar period holding ``at`` as ``[start, end)`` in UTC; ``lifetime`` is ``(None, None)``.

    Weeks start on Monday (ISO 8601).
    """
    if period == "lifetime":
        return None, None
    zone = ZoneInfo(tz_name)
    today = at.astimezone(zone).date()
    if period == "day":
        first, after = today, today + timedelta(days=1)
    elif period == "week":
        first = today - timedelta(days=today.weekday())
        after = first + timedelta(days=7)
    elif period == "month":
        first = today.replace(day=1)
        after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    elif period == "year":
        first, after = date(today.year, 1, 1), date(today.year + 1, 1, 1)
    else:
        raise ValueError(f"unknown period {period!r}")
    return _local_midnight(first, zone), _local_midnight(after, zone)


def cap_reached(cap: Cap | None, used_in_period: int) -> bool:
    return cap is not None and used_in_period >= cap.count


def skip_reason(*, at: datetime, valid_from: datetime | None, valid_until: datetime | None,
                rule_tiers: Iterable[str] | None, member_tier: str | None, cap: Cap | None,
                used_in_period: int) -> str | None:
    """Why a matching rule gives nothing (``None``: it awards). Checked window, tier, cap."""
    if not in_window(at, valid_from, valid_until):
        return SKIP_OUTSIDE_WINDOW
    if not tier_eligible(rule_tiers, member_tier):
        return SKIP_TIER
    if cap_reached(cap, used_in_period):
        return SKIP_CAP
    return None


def birthday_in_year(birthday: date, year: int) -> date:
    """The day a member celebrates in ``year``: 29 February falls back to the 28th in common years."""
    if birthday.month == 2 and birthday.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return birthday.replace(year=year)


def birthdays_celebrated_on(day: date) -> list[tuple[int, int]]:
    """The (month, day) birthdays celebrated on ``day``."""
    celebrated = [(day.month, day.day)]
    if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
        celebrated.append((2, 29))
    return celebrated


def local_date(at: datetime, tz_name: str) -> date:
    return at.astimezone(ZoneInfo(tz_name)).date()


def day_start(day: date, tz_name: str) -> datetime:
    """Midnight of ``day`` in the program's zone, as a UTC instant."""
    return _local_midnight(day, ZoneInfo(tz_name))


def occurred_at_error(occurred_at: datetime, now: datetime, enrolled_at: datetime) -> str | None:
    """Why a caller's ``occurred_at`` is implausible (``None``: it is fine)."""
    if occurred_at > now + FUTURE_SLACK:
        return "In the future."
    if occurred_at < now - MAX_EVENT_AGE:
        return f"More than {MAX_EVENT_AGE.days} days ago."
    if occurred_at < enrolled_at:
        return "Before the member enrolled."
    return None


def birthday_year_bounds(birthday: date | None, at: datetime, tz_name: str) -> tuple[datetime, datetime]:
    """The member's "birthday year" holding ``at``: from the last birthday celebrated on or
    before that day to the next one, in the program's zone, as ``[start, end)`` UTC instants.

    A birthday gift is given once in it, however the events come (the job's, a caller's
    under other ids, a catch-up after New Year). Without a birthday on file: the calendar year.
    """
    today = local_date(at, tz_name)
    if birthday is None:
        return day_start(date(today.year, 1, 1), tz_name), day_start(date(today.year + 1, 1, 1), tz_name)
    year = today.year if birthday_in_year(birthday, today.year) <= today else today.year - 1
    return (day_start(birthday_in_year(birthday, year), tz_name),
            day_start(birthday_in_year(birthday, year + 1), tz_name))


def birthday_event_id(day: date) -> str:
    """One birthday event per member and year: the job's natural key."""
    return f"birthday-{day.year}"


def rule_errors(doc: dict) -> dict[str, list[str]]:
    """Cross-field checks of a whole rule document (after a create or a merged PATCH)."""
    errors: dict[str, list[str]] = {}
    kind = doc.get("kind")
    if kind == "purchase":
        if (doc.get("multiplier") is None) == (doc.get("points_per_unit") is None):
            errors["multiplier"] = ["A purchase rule needs exactly one of multiplier and points_per_unit."]
        for name in ("event_type", "points", "reward_id"):
            if doc.get(name) is not None:
                errors[name] = ["Only for event rules."]
    elif kind == "event":
        if doc.get("event_type") is None:
            errors["event_type"] = ["Required for event rules."]
        if (doc.get("points") is None) == (doc.get("reward_id") is None):
            errors["points"] = ["An event rule gives either points or a reward's coupon (reward_id)."]
        for name in ("multiplier", "points_per_unit", "min_order_amount"):
            if doc.get(name) is not None:
                errors[name] = ["Only for purchase rules."]
        for name in ("skus", "categories"):
            if doc.get(name):
                errors[name] = ["Only for purchase rules."]
    valid_from, valid_until = doc.get("valid_from"), doc.get("valid_until")
    if valid_from is not None and valid_until is not None and valid_from >= valid_until:
        errors["valid_until"] = ["Must be later than valid_from."]
    if doc.get("budget") and kind == "event" and doc.get("points") is None:
        errors["budget"] = ["A budget counts points: only for rules that give points."]
    if doc.get("tiers") == []:
        errors["tiers"] = ["List at least one tier, or leave tiers out for every member."]
    return errors
