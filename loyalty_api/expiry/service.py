"""Burning use cases: what the ledger's read and write paths ask, and the job's batches.

Exactly-once without a job lock: a lot burns by setting its ``remaining`` to 0 in
the same statement that writes its ``expire`` entry, under the member's lock (the
ledger's ``balances`` row, always taken first). A second runner either skips the
locked member (``SKIP LOCKED``) or, once the first commits, finds nothing left to
burn; the ledger's unique index (one ``expire`` per lot) backs this up.

The job writes its outbox rows with ``INSERT … SELECT`` in the statement that
makes the change instead of one ``emit()`` call per event: a million burned lots
would otherwise be a million round trips. The rows are the ones ``emit`` writes.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from loyalty_api.events.service import EVENT_TYPES
from loyalty_api.expiry import rules
from loyalty_api.ledger.models import BalanceRow
from loyalty_api.observability.metrics import record_points
from loyalty_api.programs.models import Program
from loyalty_api.programs.values import ProgramColumns
from loyalty_api.programs.service import program_config
from loyalty_api.timestamps import rfc3339_sql
from loyalty_api.sql import compose

# The job writes these event types without going through emit(), which checks them.
if not {"points.expired", "points.expiring", "points.activated", "hold.expired"} <= EVENT_TYPES:
    raise RuntimeError("the outbox no longer knows an event type the expiry job writes")


def _outbox(event_type: str, source: str, data: str) -> str:
    """An ``INSERT … SELECT`` into the outbox from the CTE ``source``; ``data`` builds the JSON."""
    return (f"INSERT INTO outbox_events (program_id, event_id, type, member_id, data) "
            f"SELECT :program_id, gen_random_uuid(), '{event_type}', member_id, {data} FROM {source}")


def settings_of(program: ProgramColumns) -> tuple[dict[str, Any], str]:
    config = program_config(program)
    return config["expiry"], config["timezone"]


# --- the ledger's paths -------------------------------------------------------------

# A hold is exclusive (SPEC §4): while a member has an active hold, inactivity burns
# nothing of theirs; the burn (at the deadline it had) resumes once no hold is active.
# The write path, the job and the reads all test this same condition.
ACTIVE_HOLD = """EXISTS (SELECT 1 FROM holds h WHERE h.program_id = :program_id AND h.member_id = {member}
   AND h.status = 'held' AND h.expires_at > :now)"""
_HAS_ACTIVE_HOLD = text("SELECT " + compose(ACTIVE_HOLD, member=":member_id"))


def has_active_hold(session: Session, program_id: uuid.UUID, member_id: str, now: datetime) -> bool:
    return bool(session.execute(_HAS_ACTIVE_HOLD, {"program_id": program_id, "member_id": member_id,
                                                   "now": now}).scalar())


def deadline_sql(start: str) -> str:
    """``rules.inactivity_deadline`` in SQL, for the instant ``start`` (tests hold the two equal)."""
    return (f"((date_trunc('day', ({start}) AT TIME ZONE :tz) + make_interval(days => :days + 1))"
            " AT TIME ZONE :tz)")


def _last_activity(session: Session, program_id: uuid.UUID, member_id: str, *, lock: bool = False):
    query = select(BalanceRow.last_activity_at).where(
        BalanceRow.program_id == program_id, BalanceRow.member_id == member_id)
    return session.execute(query.with_for_update() if lock else query).first()


def inactive_before(session: Session, program_id: uuid.UUID, member_id: str, now: datetime) -> datetime | None:
    """If the member is past the inactivity deadline: the instant before which lots
    that became available have burned (whether or not the job wrote their ``expire``
    entries yet). ``None`` when nothing has burned for inactivity; reads leave out
    lots with ``available_at`` before the answer."""
    expiry, tz = settings_of(session.get(Program, program_id))
    cutoff = rules.inactivity_cutoff(now, expiry.get("inactivity_days"), tz)
    if cutoff is None:
        return None
    row = _last_activity(session, program_id, member_id)
    if row is None or (row.last_activity_at is not None and row.last_activity_at >= cutoff):
        return None
    return None if has_active_hold(session, program_id, member_id, now) else cutoff


def burn_overdue_inactivity(session: Session, program_id: uuid.UUID, member_id: str, now: datetime, *,
                            program: Any = None) -> int:
    """Before a write restarts the member's clock, burn what inactivity took already.

    The ledger runs it ahead of its own locking statement (its ``before_member_lock``
    hook, wired in ``loyalty_api.wiring``); it takes the same balance row lock first,
    so the lock order stays the ledger's.
    ``program``: the program's columns if the ledger's caller passed them (the order
    path's ``ProgramSettings``); otherwise they are read here.
    Answers the points burned.
    """
    expiry, tz = settings_of(program if program is not None else session.get(Program, program_id))
    cutoff = rules.inactivity_cutoff(now, expiry.get("inactivity_days"), tz)
    if cutoff is None:
        return 0
    row = _last_activity(session, program_id, member_id, lock=True)
    if row is None or (row.last_activity_at is not None and row.last_activity_at >= cutoff):
        return 0
    return burn_inactive_lots(session, program_id, [member_id], now, cutoff=cutoff, days=expiry["inactivity_days"],
                              tz=tz)[1]


def read_cutoff(program: ProgramColumns, now: datetime) -> datetime | None:
    """The inactivity cutoff for a read at ``now`` (``None`` when inactivity is off);
    a member whose balance row shows activity before it (or none) is past the deadline
    and ``inactive_before`` answers it. For a read that folds that test into its own
    statement (the ledger's balance)."""
    expiry, tz = settings_of(program)
    return rules.inactivity_cutoff(now, expiry.get("inactivity_days"), tz)


_LOTS = text("""
SELECT remaining, available_at, expires_at FROM lots
 WHERE program_id = :program_id AND member_id = :member_id AND remaining > 0
""")


def expiring_schedule(session: Session, program_id: uuid.UUID, member_id: str,
                      now: datetime) -> list[dict[str, Any]]:
    """``[{expires_at, points}]``: every future burn instant, soonest first (SPEC §5),
    counting a lot at its inactivity deadline when that comes first."""
    expiry, tz = settings_of(session.get(Program, program_id))
    row = _last_activity(session, program_id, member_id)
    # While a hold is active nothing burns for inactivity (``ACTIVE_HOLD``).
    days = None if has_active_hold(session, program_id, member_id, now) else expiry.get("inactivity_days")
    inactivity = rules.Inactivity(row.last_activity_at if row else None, days, tz)
    lots = [rules.LotView(int(lot.remaining), lot.available_at, lot.expires_at)
            for lot in session.execute(_LOTS, {"program_id": program_id, "member_id": member_id})]
    return [{"expires_at": when, "points": points}
            for when, points in rules.expiring_schedule(lots, now, inactivity)]


# --- burning ----------------------------------------------------------------------

def _burn(due: str, reason: str, burns_at: str):
    """Empty the due lots, write one ``expire`` entry per lot (carrying its ``lot_id``) and
    one ``points.expired`` event; ``due`` selects lot_id, member_id, remaining and the
    instant ``burns_at`` reported as the event's ``expires_at``."""
    return text(f"""
WITH due AS ({due}
), burned AS (
  UPDATE lots SET remaining = 0 FROM due WHERE lots.program_id = :program_id AND lots.lot_id = due.lot_id
), entries AS (
  INSERT INTO ledger_entries (program_id, member_id, type, points, created_at, lot_id, reason)
  SELECT :program_id, member_id, 'expire', -remaining, :now, lot_id, '{reason}' FROM due
  RETURNING entry_id, member_id, points, lot_id
), burn AS (
  SELECT e.entry_id, e.member_id, -e.points AS points, e.lot_id, d.{burns_at} AS burns_at
    FROM entries e JOIN due d ON d.lot_id = e.lot_id
), events AS (
  {_outbox("points.expired", "burn", "jsonb_build_object('member_id', member_id, 'points', points, "
           f"'lot_id', lot_id, 'entry_id', entry_id, 'reason', '{reason}', 'expires_at', {rfc3339_sql('burns_at')})")}
)
SELECT count(*) AS lots, coalesce(sum(points), 0) AS points FROM burn
""")


# A lot that expired while held burns only once the hold is captured, released or run
# out (SPEC §4): of a member's expired lots, in spending order, those needed to cover
# what the active holds lack in unexpired points are kept (whole lots; reads count
# only the points needed, ``lots.Spendable.kept``, and a capture spends them first).
_BURN_EXPIRED = _burn("""
  WITH need AS (
    SELECT h.member_id, sum(h.points) - (
             SELECT coalesce(sum(u.remaining), 0) FROM lots u
              WHERE u.program_id = :program_id AND u.member_id = h.member_id AND u.remaining > 0
                AND u.available_at <= :now AND (u.expires_at IS NULL OR u.expires_at > :now)) AS points
      FROM holds h
     WHERE h.program_id = :program_id AND h.member_id = ANY(:member_ids) AND h.status = 'held'
       AND h.expires_at > :now
     GROUP BY h.member_id
  ), expired AS (
    SELECT lot_id, member_id, remaining, expires_at,
           sum(remaining) OVER (PARTITION BY member_id ORDER BY expires_at, created_at, lot_id)
             - remaining AS before
      FROM lots
     WHERE program_id = :program_id AND member_id = ANY(:member_ids) AND remaining > 0 AND expires_at <= :now
  )
  SELECT e.lot_id, e.member_id, e.remaining, e.expires_at
    FROM expired e LEFT JOIN need n ON n.member_id = e.member_id
   WHERE e.before >= coalesce(n.points, 0)""",
                      "expiry", "expires_at")

# Inactivity takes each lot whose clock (the later of the member's last activity and
# the lot's arrival) started before the cutoff, unless the lot's own expiry came
# first (then it is the expiry step's). Not while the member has an active hold: the
# whole inactivity burn waits until no hold is active (SPEC §4, ``ACTIVE_HOLD``).
LOT_DEADLINE = deadline_sql("greatest(l.available_at, b.last_activity_at)")
_PAST_DEADLINE = f"""
 l.remaining > 0 AND l.available_at < :cutoff AND coalesce(b.last_activity_at, '-infinity') < :cutoff
 AND (l.expires_at IS NULL OR l.expires_at > {LOT_DEADLINE})"""
INACTIVE_LOT = f"""{_PAST_DEADLINE}
 AND NOT {compose(ACTIVE_HOLD, member="l.member_id")}"""
# Is a member past the deadline kept from the burn by an active hold? Then the job's
# watermark (analytics' ``inactivity_floor``) must not move: that member's lots stay.
_HELD_FROM_BURN = text(f"""
SELECT EXISTS (SELECT 1 FROM holds h JOIN balances b ON b.program_id = h.program_id AND b.member_id = h.member_id
                 JOIN lots l ON l.program_id = b.program_id AND l.member_id = b.member_id
                WHERE h.program_id = :program_id AND h.status = 'held' AND h.expires_at > :now AND {_PAST_DEADLINE})
""")
_BURN_INACTIVE = _burn(f"""
  SELECT l.lot_id, l.member_id, l.remaining, {LOT_DEADLINE} AS deadline
    FROM lots l JOIN balances b ON b.program_id = l.program_id AND b.member_id = l.member_id
   WHERE l.program_id = :program_id AND l.member_id = ANY(:member_ids) AND {INACTIVE_LOT}""",
                       "inactivity", "deadline")


def held_from_burn(session: Session, program_id: uuid.UUID, now: datetime, days: int, tz: str,
                   cutoff: datetime) -> bool:
    return bool(session.execute(_HELD_FROM_BURN, {"program_id": program_id, "now": now, "days": days, "tz": tz,
                                                  "cutoff": cutoff}).scalar())


def _count(session: Session, points: int) -> None:
    record_points("expired", points, session)


def burn_expired_lots(session: Session, program_id: uuid.UUID, member_ids: list[str],
                      now: datetime) -> tuple[int, int]:
    """Burn every lot of these (locked) members past its ``expires_at``; answers (lots, points)."""
    if not member_ids:
        return 0, 0
    row = session.execute(_BURN_EXPIRED, {"program_id": program_id, "member_ids": member_ids, "now": now}).one()
    _count(session, int(row.points))
    return int(row.lots), int(row.points)


def burn_inactive_lots(session: Session, program_id: uuid.UUID, member_ids: list[str], now: datetime, *,
                       cutoff: datetime, days: int, tz: str) -> tuple[int, int]:
    """Burn what inactivity took from these (locked) members; answers (lots, points).
    ``cutoff`` is ``rules.inactivity_cutoff(now, days, tz)``."""
    if not member_ids:
        return 0, 0
    row = session.execute(_BURN_INACTIVE, {"program_id": program_id, "now": now, "member_ids": member_ids,
                                           "cutoff": cutoff, "days": days, "tz": tz}).one()
    _count(session, int(row.points))
    return int(row.lots), int(row.points)
