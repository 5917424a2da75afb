"""``loyalty-api jobs run`` steps of the burning feature (SPEC §9).

Each step walks the programs and works in batches, one transaction per batch. Burning steps
claim members by locking their ``balances`` rows with ``FOR UPDATE SKIP LOCKED`` (the ledger's
lock, taken first, as every writer does); a member busy in a request or claimed by another replica
is left for that one or the next run. Announcement steps need no member lock (see ``notices``).
Nothing here relies on the job running on time: reads already treat due lots and holds as gone.
"""

from __future__ import annotations

import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Callable

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from loyalty_api.db import unit_of_work
from loyalty_api.expiry import notices, rules, service
from loyalty_api.expiry.watermarks import SLACK, announce_since_watermark
from loyalty_api.jobs.registry import JobContext, job_step
from loyalty_api.programs.models import Program
from loyalty_api.sql import compose

# Burning runs this many workers side by side, each on its own share of the members
# (a hash partition, so they never compete for the same rows). Replicas add more.
WORKERS = max(1, int(os.environ.get("EXPIRY_JOB_WORKERS", "2")))
# A job batch may take longer than a request; it holds only the members it claimed. A batch lost
# in a crash is burned by the next run (its events with it): no need to wait for each commit's fsync.
JOB_SETTINGS = (text("SET LOCAL statement_timeout = '120s'"), text("SET LOCAL synchronous_commit = off"))
MY_SHARE = "(hashtext({column}) & 2147483647) % :parts = :part"

# Members with due lots, walked in member order (the order of ix_lots_member_open)
# from where the previous batch stopped, so a run reads each index entry about once
# instead of re-reading the entries of lots it already burned.
_DUE_MEMBERS = text(f"""
SELECT DISTINCT member_id FROM (
  SELECT member_id FROM lots
   WHERE program_id = :program_id AND member_id > :after AND remaining > 0 AND expires_at <= :now
     AND {compose(MY_SHARE, column="member_id")}
   ORDER BY member_id LIMIT :batch) due
 ORDER BY member_id
""")
_LOCK_MEMBERS = text("""
SELECT member_id FROM balances WHERE program_id = :program_id AND member_id = ANY(:member_ids)
 ORDER BY member_id FOR UPDATE SKIP LOCKED
""")

# Members with something inactivity took, in member order from the last batch's end.
_INACTIVE_MEMBERS = text(f"""
SELECT b.member_id FROM balances b
 WHERE b.program_id = :program_id AND b.member_id > :after
   AND (b.last_activity_at < :cutoff OR b.last_activity_at IS NULL)
   AND {compose(MY_SHARE, column="b.member_id")}
   AND EXISTS (SELECT 1 FROM lots l WHERE l.program_id = b.program_id AND l.member_id = b.member_id
                 AND {service.INACTIVE_LOT})
 ORDER BY b.member_id LIMIT :batch
""")

# Which programs have anything for a step: one lock-free statement over all programs
# (on Citus a multi-shard query, each shard answering for its programs), joined on
# program_id only; the step then claims program by program.
_WORK = {
    "expired": "lots l WHERE l.remaining > 0 AND l.expires_at <= :now",
    "activated": "lots l LEFT JOIN expiry_progress ep ON ep.program_id = l.program_id"
                 " WHERE l.available_at > l.created_at AND l.available_at <= :now"
                 " AND l.available_at >= coalesce(ep.activated_through - :slack, '-infinity')",
    "holds": "holds l LEFT JOIN expiry_progress ep ON ep.program_id = l.program_id"
             " WHERE l.status = 'held' AND l.expires_at <= :now"
             " AND l.expires_at >= coalesce(ep.holds_through - :slack, '-infinity')",
    # warn_days is at most 365
    "expiring": "lots l WHERE l.remaining > 0 AND l.expires_at > :now"
                " AND l.expires_at <= CAST(:now AS timestamptz) + interval '367 days'",
    "inactive": "programs l WHERE l.settings -> 'expiry' ->> 'inactivity_days' IS NOT NULL",
}


def _programs(context: JobContext, work: str) -> list[uuid.UUID]:
    # A pass for one program (a test clock) asks that program alone: one shard.
    one = " AND l.program_id = :only" if context.only is not None else ""
    with unit_of_work(context.session_factory) as uow:
        return context.keep(uow.session.execute(text(
            f"SELECT DISTINCT l.program_id FROM {_WORK[work]}{one} ORDER BY l.program_id"),
            {"now": context.now, "slack": SLACK, "only": context.only}).scalars())


@job_step("expiry.activate", order=10)
def activate(context: JobContext) -> dict:
    """``points.activated`` once per lot whose pending period ended."""
    return {"lots": announce_since_watermark(context, _programs(context, "activated"), "activated_through",
                                              notices.announce_activated)}


def _job_settings(session: Session) -> None:
    for statement in JOB_SETTINGS:
        session.execute(statement)


def _in_parallel(work: Callable[[int, int], tuple[int, ...]]) -> tuple[int, ...]:
    """Run ``work(part, parts)`` for every share and add up the counts."""
    if WORKERS == 1:
        return work(0, 1)
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="expiry") as pool:
        results = list(pool.map(lambda part: work(part, WORKERS), range(WORKERS)))
    return tuple(sum(counts) for counts in zip(*results))


@job_step("expiry.burn_expired", order=20)
def burn_expired(context: JobContext) -> dict:
    """An ``expire`` entry for every lot past its ``expires_at``."""
    programs = _programs(context, "expired")

    def share(part: int, parts: int) -> tuple[int, int]:
        lots = points = 0
        for program_id in programs:
            params = {"program_id": program_id, "now": context.now, "batch": context.batch_size,
                      "part": part, "parts": parts, "after": ""}
            with context.program(program_id):
                while True:
                    with unit_of_work(context.session_factory) as uow:
                        _job_settings(uow.session)
                        due = list(uow.session.execute(_DUE_MEMBERS, params).scalars())
                        # Members locked by a request or another replica are left for the next run.
                        members = list(uow.session.execute(_LOCK_MEMBERS, {
                            "program_id": program_id, "member_ids": due}).scalars()) if due else []
                        burned = service.burn_expired_lots(uow.session, program_id, members, context.now)
                        uow.commit()
                    lots, points = lots + burned[0], points + burned[1]
                    if not due:
                        break
                    params["after"] = due[-1]
        return lots, points

    lots, points = _in_parallel(share)
    return {"lots": lots, "points": points}


_LOCK_WAITING = text("SELECT member_id FROM balances WHERE program_id = :program_id AND member_id = :member_id"
                     " FOR UPDATE")
_WAIT_BRIEFLY = text("SET LOCAL lock_timeout = '5s'")
_MARK_INACTIVE = text("""
INSERT INTO expiry_progress AS p (program_id, inactive_through, inactive_burned_at, updated_at)
VALUES (:program_id, :cutoff, :now, now())
ON CONFLICT (program_id) DO UPDATE
   SET inactive_through = excluded.inactive_through, inactive_burned_at = excluded.inactive_burned_at,
       updated_at = excluded.updated_at
 WHERE p.inactive_through IS NULL OR p.inactive_through < excluded.inactive_through
""")


def _burn_skipped(context: JobContext, program_id: uuid.UUID, skipped: list[str], **burn) -> tuple[int, int] | None:
    """Wait (briefly) for each skipped member and burn what inactivity took; ``None`` when one stayed
    locked. One member per transaction: waiting while holding another's lock would close a cycle
    with a request that locks two members (a referral order: its referee, then the referrer)."""
    lots = points = 0
    try:
        for member_id in skipped:
            with unit_of_work(context.session_factory) as uow:
                _job_settings(uow.session)
                uow.session.execute(_WAIT_BRIEFLY)
                locked = list(uow.session.execute(_LOCK_WAITING, {"program_id": program_id, "member_id": member_id}))
                burned = service.burn_inactive_lots(uow.session, program_id, [row.member_id for row in locked],
                                                    context.now, **burn)
                uow.commit()
            lots, points = lots + burned[0], points + burned[1]
    except OperationalError:
        return None
    return lots, points


def _inactive_share(context: JobContext, program_id: uuid.UUID, days: int, tz: str, cutoff: datetime,
                    part: int, parts: int) -> tuple[tuple[int, int, int], bool]:
    """One share of one program: ((lots, points, members) burned, every due member claimed?)."""
    lots = points = members = 0
    params = {"program_id": program_id, "cutoff": cutoff, "tz": tz, "days": days, "batch": context.batch_size,
              "part": part, "parts": parts, "after": "", "now": context.now}
    burn = {"cutoff": cutoff, "days": days, "tz": tz}
    skipped: list[str] = []
    while True:
        with unit_of_work(context.session_factory) as uow:
            _job_settings(uow.session)
            due = list(uow.session.execute(_INACTIVE_MEMBERS, params).scalars())
            claimed = list(uow.session.execute(_LOCK_MEMBERS, {
                "program_id": program_id, "member_ids": due}).scalars()) if due else []
            burned = service.burn_inactive_lots(uow.session, program_id, claimed, context.now, **burn)
            uow.commit()
        lots, points = lots + burned[0], points + burned[1]
        members += len(claimed)
        skipped += sorted(set(due) - set(claimed))
        if not due:
            break
        params["after"] = due[-1]
    if skipped:
        burned = _burn_skipped(context, program_id, skipped, **burn)
        if burned is None:
            return (lots, points, members), False
        lots, points, members = lots + burned[0], points + burned[1], members + len(skipped)
    return (lots, points, members), True


@job_step("expiry.burn_inactive", order=30)
def burn_inactive(context: JobContext) -> dict:
    """Burn the available points of members inactive for ``expiry.inactivity_days``. A program's
    watermark (``inactive_through``) moves to the cutoff only when no due member had an active hold at
    the start and every share claimed all its due members (skipped ones are waited for), none failing."""
    programs, incomplete = [], set()
    for program_id in _programs(context, "inactive"):
        with unit_of_work(context.session_factory) as uow:
            expiry, tz = service.settings_of(uow.session.get(Program, program_id))
            if days := expiry.get("inactivity_days"):
                programs.append((program_id, days, tz, rules.inactivity_cutoff(context.now, days, tz)))
                if service.held_from_burn(uow.session, program_id, context.now, *programs[-1][1:]):
                    incomplete.add(program_id)  # its lots stay until the hold ends (docs/expiry.md)

    def share(part: int, parts: int) -> tuple[int, int, int]:
        totals = (0, 0, 0)
        for program_id, days, tz, cutoff in programs:
            complete = False
            with context.program(program_id):
                counts, complete = _inactive_share(context, program_id, days, tz, cutoff, part, parts)
                totals = tuple(a + b for a, b in zip(totals, counts))
            if not complete:
                incomplete.add(program_id)
        return totals

    lots, points, members = _in_parallel(share)
    for program_id, _days, _tz, cutoff in programs:
        if program_id not in incomplete:
            with unit_of_work(context.session_factory) as uow:
                uow.session.execute(_MARK_INACTIVE, {"program_id": program_id, "cutoff": cutoff, "now": context.now})
                uow.commit()
    return {"members": members, "lots": lots, "points": points}


@job_step("expiry.holds", order=40)
def expire_holds(context: JobContext) -> dict:
    """``hold.expired`` once per hold that ran out uncaptured (its points came back at read time)."""
    return {"holds": announce_since_watermark(context, _programs(context, "holds"), "holds_through",
                                               notices.announce_expired_holds)}


@job_step("expiry.expiring", order=50)
def announce_expiring(context: JobContext) -> dict:
    """``points.expiring`` once per lot, ``expiry.warn_days`` ahead."""
    announced = 0
    for program_id in _programs(context, "expiring"):
        with context.program(program_id):
            with unit_of_work(context.session_factory) as uow:
                expiry, tz = service.settings_of(uow.session.get(Program, program_id))
            horizon = rules.warning_horizon(context.now, int(expiry.get("warn_days") or 0), tz)
            while True:
                with unit_of_work(context.session_factory) as uow:
                    done, seen = notices.announce_expiring(uow.session, program_id, context.now, horizon,
                                                           context.batch_size)
                    uow.commit()
                announced += done
                if seen < context.batch_size:
                    break
    return {"lots": announced}

