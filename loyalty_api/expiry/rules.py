"""Burning rules (SPEC §2 ``expiry.*``). Pure functions: instants in, instants out.

Every "end of a day/month/year" is the first instant of the next local day in the
program's IANA time zone, returned in UTC. A lot is expired from that instant on
(``expires_at <= now``), so the whole last day stays spendable whatever its length
(23 or 25 hours across a DST change). Local midnights that do not exist (a zone
that springs forward at 00:00) resolve to the instant the clock jumps, the same
way PostgreSQL's ``AT TIME ZONE`` does, so SQL and Python agree.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Iterable, Iterator, Mapping, Sequence, TypeVar
from zoneinfo import ZoneInfo

MODES = ("none", "days", "end_of_month", "end_of_year")
T = TypeVar("T")


def zone(tz: str | ZoneInfo) -> ZoneInfo:
    return tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("instants must be timezone-aware")
    return instant


def local_date(instant: datetime, tz: str | ZoneInfo) -> date:
    """The calendar day ``instant`` falls on in the zone."""
    return _aware(instant).astimezone(zone(tz)).date()


def start_of_day(day: date, tz: str | ZoneInfo) -> datetime:
    """The first instant of ``day`` in the zone, in UTC."""
    return datetime.combine(day, time(0), tzinfo=zone(tz)).astimezone(timezone.utc)


def end_of_day(day: date, tz: str | ZoneInfo) -> datetime:
    """The instant ``day`` ends (= the next day starts) in the zone, in UTC."""
    return start_of_day(day + timedelta(days=1), tz)


def end_of_month(day: date, tz: str | ZoneInfo) -> datetime:
    last = calendar.monthrange(day.year, day.month)[1]
    return end_of_day(day.replace(day=last), tz)


def end_of_year(day: date, tz: str | ZoneInfo) -> datetime:
    return end_of_day(date(day.year, 12, 31), tz)


def expiry_instant(available_at: datetime, expiry_settings: Mapping[str, Any],
                   tz: str | ZoneInfo) -> datetime | None:
    """When a lot that becomes available at ``available_at`` burns; ``None`` = never.

    ``days``: at the end of the local day ``expiry.days`` after the lot became available.
    ``end_of_month`` / ``end_of_year``: at the end of the month / year in which that day
    falls (``days`` missing or null counts as 0: the month/year the lot became available).
    """
    mode = expiry_settings.get("mode") or "none"
    if mode == "none":
        return None
    if mode not in MODES:
        raise ValueError(f"unknown expiry mode {mode!r}")
    day = local_date(available_at, tz) + timedelta(days=int(expiry_settings.get("days") or 0))
    if mode == "days":
        return end_of_day(day, tz)
    if mode == "end_of_month":
        return end_of_month(day, tz)
    return end_of_year(day, tz)


def lifetime_expiry(available_at: datetime, expires_in_days: int, tz: str | ZoneInfo) -> datetime:
    """Points with a lifetime of their own (a birthday gift that burns in 30 days):
    the end of the local day ``expires_in_days`` after they became available."""
    if expires_in_days < 0:
        raise ValueError("expires_in_days must not be negative")
    return end_of_day(local_date(available_at, tz) + timedelta(days=expires_in_days), tz)


def inactivity_deadline(last_activity_at: datetime | None, inactivity_days: int | None,
                        tz: str | ZoneInfo, available_at: datetime | None = None) -> datetime | None:
    """When points burn for inactivity: the end of the local day ``inactivity_days``
    after the last earn or redeem. ``None`` = the rule is off.

    With ``available_at`` it is the deadline of one lot: a lot that arrives while the
    member is already inactive (a win-back bonus) gets its own ``inactivity_days`` from
    the day it became available, so it neither burns at once nor lives forever.
    """
    starts = [instant for instant in (last_activity_at, available_at) if instant is not None]
    if not inactivity_days or not starts:
        return None
    return end_of_day(local_date(max(starts), tz) + timedelta(days=inactivity_days), tz)


def inactivity_cutoff(now: datetime, inactivity_days: int | None, tz: str | ZoneInfo) -> datetime | None:
    """Points whose inactivity clock started before this instant have burned.

    ``inactivity_deadline(start) <= now`` holds exactly when ``start < cutoff``: the
    deadline is the end of local day ``d(start) + n``, which has passed when
    ``d(start) + n < d(now)``, i.e. when ``start`` is before the start of day ``d(now) - n``.
    So a lot has burned when both its ``available_at`` and the member's last activity
    are before the cutoff: one instant per program, usable in an index range scan.
    """
    if not inactivity_days:
        return None
    return start_of_day(local_date(now, tz) - timedelta(days=inactivity_days), tz)


def warning_horizon(now: datetime, warn_days: int, tz: str | ZoneInfo) -> datetime:
    """Lots expiring after ``now`` and no later than this are "expiring soon".
    ``warn_days`` counts local calendar days (wall-clock), not 24-hour blocks."""
    local = _aware(now).astimezone(zone(tz))
    return datetime.combine(local.date() + timedelta(days=warn_days), local.time(),
                            tzinfo=zone(tz)).astimezone(timezone.utc)


@dataclass(frozen=True)
class LotView:
    """What the rules need to know about a lot."""

    points: int  # remaining
    available_at: datetime
    expires_at: datetime | None


@dataclass(frozen=True)
class Inactivity:
    """A member's inactivity clock: ``days`` is ``expiry.inactivity_days`` (``None`` = off)."""

    last_activity_at: datetime | None
    days: int | None
    tz: str | ZoneInfo

    def deadline(self, lot: LotView) -> datetime | None:
        return inactivity_deadline(self.last_activity_at, self.days, self.tz, lot.available_at)


NO_INACTIVITY = Inactivity(None, None, "UTC")


def lot_state(lot: LotView, now: datetime, inactivity: Inactivity = NO_INACTIVITY) -> str:
    """``pending``, ``active``, ``expired`` (its own ``expires_at`` came first) or
    ``inactive`` (its inactivity deadline came first); both burned ones are gone."""
    deadline = inactivity.deadline(lot)
    if deadline is not None and deadline <= now and (lot.expires_at is None or deadline < lot.expires_at):
        return "inactive"
    if lot.expires_at is not None and lot.expires_at <= now:
        return "expired"
    if lot.available_at > now:
        return "pending"
    return "active"


def burns_at(lot: LotView, inactivity: Inactivity = NO_INACTIVITY) -> datetime | None:
    """The instant the lot burns if nothing changes: its expiry or its inactivity deadline."""
    candidates = [when for when in (lot.expires_at, inactivity.deadline(lot)) if when is not None]
    return min(candidates) if candidates else None


def points_by_state(lots: Iterable[LotView], now: datetime,
                    inactivity: Inactivity = NO_INACTIVITY) -> dict[str, int]:
    """Remaining points per ``lot_state``: what a balance shows (``active``,
    ``pending``) and what is gone although no job has burned it yet."""
    totals = {"active": 0, "pending": 0, "expired": 0, "inactive": 0}
    for lot in lots:
        totals[lot_state(lot, now, inactivity)] += lot.points
    return totals


def expiring_schedule(lots: Iterable[LotView], now: datetime,
                      inactivity: Inactivity = NO_INACTIVITY) -> list[tuple[datetime, int]]:
    """Every future burn instant with the points that burn then, soonest first.

    Pending and held points are included (they burn too unless spent first); with
    inactivity on, a lot counts at its inactivity deadline when that comes first
    (the member can move it by earning or redeeming). Empty lots and lots that never
    burn are left out.
    """
    totals: dict[datetime, int] = {}
    for lot in lots:
        if lot.points <= 0 or lot_state(lot, now, inactivity) in ("expired", "inactive"):
            continue
        when = burns_at(lot, inactivity)
        if when is not None:
            totals[when] = totals.get(when, 0) + lot.points
    return sorted(totals.items())


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Batches of at most ``size`` items, in order."""
    if size < 1:
        raise ValueError("batch size must be positive")
    for start in range(0, len(items), size):
        yield items[start:start + size]
