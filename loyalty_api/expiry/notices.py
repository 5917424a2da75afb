"""Announcements the job makes once: points activated, points expiring soon, holds expired.

None of them changes a balance (balances are computed at read time), so none
needs the member lock. "Once" is the primary key of the notice table: the notice
row and its outbox event are inserted by one statement, and a second runner's
``ON CONFLICT DO NOTHING`` returns no row, hence writes no event.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from loyalty_api.expiry.service import _outbox
from loyalty_api.timestamps import rfc3339_sql

def _lot_notice(kind: str, due: str, event_type: str, payload: str):
    """Note each due lot once under ``kind`` and emit its event; lots another runner
    noted first (the insert conflicts) are skipped. Answers (lots announced, lots seen)."""
    return text(f"""
WITH due AS ({due}
), noted AS (
  INSERT INTO expiry_lot_notices (program_id, lot_id, kind, member_id, created_at)
  SELECT :program_id, lot_id, '{kind}', member_id, :now FROM due
  ON CONFLICT DO NOTHING RETURNING lot_id
), news AS (
  SELECT due.* FROM due JOIN noted USING (lot_id)
), events AS (
  {_outbox(event_type, "news", payload)}
)
SELECT count(*) AS lots, (SELECT count(*) FROM due) AS seen FROM news
""")


_ACTIVATE = _lot_notice("activated", """
  SELECT l.lot_id, l.member_id, l.remaining, l.available_at, l.expires_at, l.order_id FROM lots l
   WHERE l.program_id = :program_id AND l.available_at > l.created_at
     AND l.available_at >= :since AND l.available_at <= :now
     AND l.remaining > 0 AND (l.expires_at IS NULL OR l.expires_at > :now)
     AND NOT EXISTS (SELECT 1 FROM expiry_lot_notices n WHERE n.program_id = l.program_id
                        AND n.lot_id = l.lot_id AND n.kind = 'activated')
   ORDER BY l.available_at, l.lot_id LIMIT :batch""", "points.activated",
    "jsonb_build_object('member_id', member_id, 'points', remaining, "
    f"'lot_id', lot_id, 'order_id', order_id, 'available_at', {rfc3339_sql('available_at')}, "
    f"'expires_at', {rfc3339_sql('expires_at')})")

_EXPIRING = _lot_notice("expiring", """
  SELECT l.lot_id, l.member_id, l.remaining, l.expires_at FROM lots l
   WHERE l.program_id = :program_id AND l.remaining > 0 AND l.expires_at > :now
     AND l.expires_at <= :horizon AND l.available_at <= :now
     AND NOT EXISTS (SELECT 1 FROM expiry_lot_notices n WHERE n.program_id = l.program_id
                        AND n.lot_id = l.lot_id AND n.kind = 'expiring')
   ORDER BY l.expires_at, l.lot_id LIMIT :batch""", "points.expiring",
    "jsonb_build_object('member_id', member_id, 'points', remaining, 'lot_id', lot_id, "
    f"'expires_at', {rfc3339_sql('expires_at')})")

_HOLDS = text(f"""
WITH due AS (
  SELECT h.hold_id, h.member_id, h.points, h.order_id, h.expires_at FROM holds h
   WHERE h.program_id = :program_id AND h.status = 'held'
     AND h.expires_at >= :since AND h.expires_at <= :now
     AND NOT EXISTS (SELECT 1 FROM expiry_hold_notices n WHERE n.program_id = h.program_id
                        AND n.hold_id = h.hold_id)
   ORDER BY h.expires_at, h.hold_id LIMIT :batch
), noted AS (
  INSERT INTO expiry_hold_notices (program_id, hold_id, member_id, created_at)
  SELECT :program_id, hold_id, member_id, :now FROM due
  ON CONFLICT DO NOTHING RETURNING hold_id
), news AS (
  SELECT due.* FROM due JOIN noted USING (hold_id)
), events AS (
  {_outbox("hold.expired", "news", "jsonb_build_object('member_id', member_id, 'hold_id', hold_id, "
           f"'points', points, 'order_id', order_id, 'expires_at', {rfc3339_sql('expires_at')})")}
)
SELECT count(*) AS lots, (SELECT count(*) FROM due) AS seen FROM news
""")


def _run(session: Session, statement, **params) -> tuple[int, int]:
    row = session.execute(statement, params).one()
    return int(row.lots), int(row.seen)


def announce_activated(session: Session, program_id: uuid.UUID, now: datetime, since: datetime,
                       batch: int) -> tuple[int, int]:
    """``points.activated`` for lots born pending that became available in ``[since, now]``.
    Answers (announced, looked at); fewer looked at than ``batch`` means done."""
    return _run(session, _ACTIVATE, program_id=program_id, now=now, since=since, batch=batch)


def announce_expiring(session: Session, program_id: uuid.UUID, now: datetime, horizon: datetime,
                      batch: int) -> tuple[int, int]:
    """``points.expiring`` for available lots that burn in ``(now, horizon]``."""
    return _run(session, _EXPIRING, program_id=program_id, now=now, horizon=horizon, batch=batch)


def announce_expired_holds(session: Session, program_id: uuid.UUID, now: datetime, since: datetime,
                           batch: int) -> tuple[int, int]:
    """``hold.expired`` for holds never captured nor released that ran out in ``[since, now]``.

    The hold's row is left as it is: an unreleased hold stops counting at its
    ``expires_at`` (the checkout feature reads "expired" off that instant)."""
    return _run(session, _HOLDS, program_id=program_id, now=now, since=since, batch=batch)
