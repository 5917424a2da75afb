"""When a day counts as closed, and how a period splits into rolled-up days and live edges.

Pure functions: instants in, instants out (UTC). Days are UTC days: the rollup only
needs some fixed grid, and whatever of a period does not fill whole rolled-up days
(its edges, the days not rolled up yet) is read live from the entries, so the
program's time zone never matters for the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

# A day is closed (no entry dated in it can still commit) this long after it ended.
# Entries are dated with the writer's ``now``; the longest a writer holds it before
# committing bounds the grace. Requests: a 5 s statement timeout, 30 s idle-in-
# transaction timeout and the worker timeout, all well under a minute. Job batches:
# 120 s each, but a run dates its expire entries with the instant the run started,
# so the grace must also exceed one run of the burning steps (about a minute per
# million due lots on the bench machine). One hour covers both with room; the
# rollup also re-reads its last RECHECK days each run, so an entry that commits
# later still (a run that took over an hour) is counted from the next run on.
GRACE = timedelta(hours=1)
RECHECK = timedelta(days=2)
# How many days one job transaction rolls up (the first run over a long history).
CHUNK = timedelta(days=31)
NEVER = datetime(1, 1, 1, tzinfo=timezone.utc)


def day_floor(instant: datetime) -> datetime:
    """The UTC midnight at or before ``instant``."""
    utc = instant.astimezone(timezone.utc)
    return datetime.combine(utc.date(), time(0), tzinfo=timezone.utc)


def day_ceil(instant: datetime) -> datetime:
    """The UTC midnight at or after ``instant``."""
    floor = day_floor(instant)
    return floor if floor == instant else floor + timedelta(days=1)


def closed_through(now: datetime) -> datetime:
    """Days before this UTC midnight are closed at ``now``."""
    return day_floor(now - GRACE)


def rollup_start(program_created_at: datetime) -> datetime:
    """The first day the rollup may cover: the first full day of the program. Entries
    dated earlier can only be imports or backdated test data, which may arrive at any
    time, so they are always read live."""
    return day_ceil(program_created_at)


@dataclass(frozen=True)
class Split:
    """``[from, to)`` as whole rolled-up days ``[days_from, days_to)`` (empty when
    equal) and the live ranges around them."""

    live: tuple[tuple[datetime, datetime], ...]
    days_from: date
    days_to: date


def split_period(start: datetime, end: datetime, rolled_from: datetime, rolled_through: datetime) -> Split:
    """Which part of ``[start, end)`` the rolled-up days ``[rolled_from, rolled_through)`` answer."""
    first = max(day_ceil(start), rolled_from)
    last = min(day_floor(end), rolled_through)
    if first >= last:
        return Split(((start, end),), first.date(), first.date())
    live = tuple((a, b) for a, b in ((start, first), (last, end)) if a < b)
    return Split(live, first.date(), last.date())


def inactivity_floor(through: datetime | None, burned_at: datetime | None, cutoff: datetime,
                     now: datetime) -> datetime | None:
    """How far back a read at ``now`` with inactivity ``cutoff`` must look for lots that
    inactivity took and the job has not burned yet, given the burn's watermark
    (``through``, from a complete run at ``burned_at``); ``None``: all the way.

    A complete run with cutoff W burned every lot that became available before W of
    every member inactive since before W, except lots whose own expiry came first,
    which expired before the run (so before ``now``) and count as expired. This stays
    true: last activity only moves forward, and a lot written later either becomes
    available when written or later (refunds, adjustments, pending points) or is an
    earn that moves the member's activity past W. So only members whose activity fell
    in ``[W, cutoff)`` and lots that became available then can be left. A
    watermark from a run later than ``now`` (a job run with a clock ahead) is not used.
    """
    if through is None or burned_at is None or burned_at > now:
        return None
    return min(through, cutoff)
