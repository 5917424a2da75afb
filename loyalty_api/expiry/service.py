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
from loyalty_api.programs.models import Program
from loyalty_api.programs.service import program_config

try:  # metrics are optional: the observability feature may not be installed
    from loyalty_api.observability.metrics import record_points
except ImportError:  # pragma: no cover
    record_points = None

assert {"points.expired", "points.expiring", "points.activated", "hold.expired"} <= EVENT_TYPES


def _outbox(event_type: str, source: str, data: str) -> str:
    """An ``INSERT … SELECT`` into the outbox from the CTE ``source``; ``data`` builds the JSON."""
    return (f"INSERT INTO outbox_events (program_id, event_id, type, member_id, data) "
            f"SELECT :program_id, gen_random_uuid(), '{event_type}', member_id, {data} FROM {source}")


def settings_of(program: Program) -> tuple[dict[str, Any], str]:
    config = program_config(program)
    return config["expiry"], config["timezone"]


# --- the ledger's paths -------------------------------------------------------------

def burned_through(session: Session, program_id: uuid.UUID, member_id: str, now: datetime,
                   last_activity_at: datetime | None = None) -> datetime | None:
    """The member's passed inactivity deadline, or ``None``.

    Lots that became available at or before it have burned, whether or not the job
    has written their ``expire`` entries yet; reads leave them out.
    """
    program = session.get(Program, program_id)
    expiry, tz = settings_of(program)
    if not expiry.get("inactivity_days"):
        return None
    if last_activity_at is None:
        last_activity_at = session.execute(select(BalanceRow.last_activity_at).where(
            BalanceRow.program_id == program_id, BalanceRow.member_id == member_id)).scalar()
    deadline = rules.inactivity_deadline(last_activity_at, expiry["inactivity_days"], tz)
    return deadline if deadline is not None and deadline <= now else None


def burn_overdue_inactivity(session: Session, program_id: uuid.UUID, member_id: str, now: datetime) -> int:
    """Before a write restarts the member's clock, burn what the passed deadline took.

    Called by the ledger's ``lock_member`` ahead of its own locking statement; it
    takes the same balance row lock first, so the lock order stays the ledger's.
    Answers the points burned.
    """
    program = session.get(Program, program_id)
    expiry, tz = settings_of(program)
    if not expiry.get("inactivity_days"):
        return 0
    last = session.execute(select(BalanceRow.last_activity_at).where(
        BalanceRow.program_id == program_id, BalanceRow.member_id == member_id).with_for_update()).scalar()
    deadline = rules.inactivity_deadline(last, expiry["inactivity_days"], tz)
    if deadline is None or deadline > now:
        return 0
    return burn_inactive_lots(session, program_id, [(member_id, deadline)], now)[1]


_LOTS = text("""
SELECT remaining, available_at, expires_at FROM lots
 WHERE program_id = :program_id AND member_id = :member_id AND remaining > 0
""")


def expiring_schedule(session: Session, program_id: uuid.UUID, member_id: str,
                      now: datetime) -> list[dict[str, Any]]:
    """``[{expires_at, points}]``: every future burn instant, soonest first (SPEC §5),
    including the inactivity deadline for the points it would take."""
    program = session.get(Program, program_id)
    expiry, tz = settings_of(program)
    last = session.execute(select(BalanceRow.last_activity_at).where(
        BalanceRow.program_id == program_id, BalanceRow.member_id == member_id)).scalar()
    deadline = rules.inactivity_deadline(last, expiry.get("inactivity_days"), tz)
    lots = [rules.LotView(int(row.remaining), row.available_at, row.expires_at)
            for row in session.execute(_LOTS, {"program_id": program_id, "member_id": member_id})]
    return [{"expires_at": when, "points": points}
            for when, points in rules.expiring_schedule(lots, now, deadline)]


# --- burning ----------------------------------------------------------------------

_BURN_EXPIRED = text(f"""
WITH due AS (
  SELECT lot_id, member_id, remaining, expires_at FROM lots
   WHERE program_id = :program_id AND member_id = ANY(:member_ids) AND remaining > 0 AND expires_at <= :now
), burned AS (
  UPDATE lots SET remaining = 0 FROM due WHERE lots.program_id = :program_id AND lots.lot_id = due.lot_id
), entries AS (
  INSERT INTO ledger_entries (program_id, member_id, type, points, created_at, lot_id, reason)
  SELECT :program_id, member_id, 'expire', -remaining, :now, lot_id, 'expiry' FROM due
  RETURNING entry_id, member_id, points, lot_id
), burn AS (
  SELECT e.entry_id, e.member_id, -e.points AS points, e.lot_id, d.expires_at
    FROM entries e JOIN due d ON d.lot_id = e.lot_id
), events AS (
  {_outbox("points.expired", "burn", "jsonb_build_object('member_id', member_id, 'points', points, "
           "'lot_id', lot_id, 'entry_id', entry_id, 'reason', 'expiry', 'expires_at', expires_at)")}
)
SELECT count(*) AS lots, coalesce(sum(points), 0) AS points FROM burn
""")

# Inactivity takes the lots that were available at the deadline and had not expired
# by then (those are the expiry step's); lots that arrive later are not touched.
_BURN_INACTIVE = text(f"""
WITH d AS (
  SELECT * FROM unnest(CAST(:member_ids AS varchar[]), CAST(:deadlines AS timestamptz[]))
           AS d(member_id, deadline)
), due AS (
  SELECT l.lot_id, l.member_id, l.remaining, d.deadline FROM lots l JOIN d ON d.member_id = l.member_id
   WHERE l.program_id = :program_id AND l.remaining > 0 AND l.available_at <= d.deadline
     AND (l.expires_at IS NULL OR l.expires_at > d.deadline)
), burned AS (
  UPDATE lots SET remaining = 0 FROM due WHERE lots.program_id = :program_id AND lots.lot_id = due.lot_id
), entries AS (
  INSERT INTO ledger_entries (program_id, member_id, type, points, created_at, lot_id, reason)
  SELECT :program_id, member_id, 'expire', -remaining, :now, lot_id, 'inactivity' FROM due
  RETURNING entry_id, member_id, points, lot_id
), burn AS (
  SELECT e.entry_id, e.member_id, -e.points AS points, e.lot_id, d.deadline
    FROM entries e JOIN due d ON d.lot_id = e.lot_id
), events AS (
  {_outbox("points.expired", "burn", "jsonb_build_object('member_id', member_id, 'points', points, "
           "'lot_id', lot_id, 'entry_id', entry_id, 'reason', 'inactivity', 'expires_at', deadline)")}
)
SELECT count(*) AS lots, coalesce(sum(points), 0) AS points FROM burn
""")


def _count(session: Session, points: int) -> None:
    if record_points is not None and points:
        record_points("expired", points, session)


def burn_expired_lots(session: Session, program_id: uuid.UUID, member_ids: list[str],
                      now: datetime) -> tuple[int, int]:
    """Burn every lot of these (locked) members past its ``expires_at``; answers (lots, points)."""
    if not member_ids:
        return 0, 0
    row = session.execute(_BURN_EXPIRED, {"program_id": program_id, "member_ids": member_ids, "now": now}).one()
    _count(session, int(row.points))
    return int(row.lots), int(row.points)


def burn_inactive_lots(session: Session, program_id: uuid.UUID, deadlines: list[tuple[str, datetime]],
                       now: datetime) -> tuple[int, int]:
    """Burn what each (locked) member's passed inactivity deadline took; answers (lots, points)."""
    if not deadlines:
        return 0, 0
    row = session.execute(_BURN_INACTIVE, {
        "program_id": program_id, "now": now, "member_ids": [member for member, _ in deadlines],
        "deadlines": [deadline for _, deadline in deadlines]}).one()
    _count(session, int(row.points))
    return int(row.lots), int(row.points)
