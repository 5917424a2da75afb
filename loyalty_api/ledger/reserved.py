"""Spending around held points, and giving spent points back (SPEC §4).

Points an active hold reserves are exclusive: a return's reversal and a referral
takeback draw only on ``Spendable.free``, and a lot that expires while held is kept
for the hold (``Spendable.kept``) until a capture spends it or the hold ends. Every
debit records what it took from each lot (``lot_draws``), so a refund gives points
back with the expiry of the lots they were spent from, never a fresh lifetime.
The caller holds the member's lock (``lots.lock_member``) throughout.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from loyalty_api.ledger import lots
from loyalty_api.ledger.lots import SPEND
from loyalty_api.ledger.models import LotDraw
from loyalty_api.ledger.rules import Draw, refund_slices
from loyalty_api.sql import compose

# A reversal takes the order's own pending lots first (no hold reserves pending
# points), then available ones, the order's own first, up to what no hold reserves.
_SPEND_OWN_PENDING = text(compose(SPEND,
    priority="", where="order_id = :order_id AND available_at > :now AND (expires_at IS NULL OR expires_at > :now)"))
_SPEND_FOR_REVERSAL = text(compose(SPEND,
    priority="(order_id IS DISTINCT FROM :order_id),",
    where="available_at <= :now AND (expires_at IS NULL OR expires_at > :now)"))
# Points of lots past their expiry that active holds still reserve (``Spendable.kept``);
# only a capture takes them, in spending order (the order the expiry job keeps them in).
_SPEND_KEPT = text(compose(SPEND, priority="", where="available_at <= :now AND expires_at <= :now"))


def take_for_reversal(session: Session, program_id: uuid.UUID, member_id: str, points: int, now: datetime,
                      order_id: str) -> int:
    """Take back up to ``points`` for a return of ``order_id``: its pending lots first, then
    available points no active hold reserves (the member is locked); answers the points taken."""
    taken = lots.take(session, _SPEND_OWN_PENDING, program_id, member_id, points, now, order_id=order_id)
    if taken == points:
        return taken
    free = lots.spendable(session, program_id, member_id, now, 0).free
    return taken + lots.take(session, _SPEND_FOR_REVERSAL, program_id, member_id, min(points - taken, free), now,
                             order_id=order_id)


def capture_hold(session: Session, program_id: uuid.UUID, member_id: str, points: int, kept: int, now: datetime,
                 *, order_id: str, hold_id: str) -> int | None:
    """Spend a captured hold's ``points`` and write its ``redeem`` entry: first the expired
    points kept for holds (at most ``kept``, as ``Spendable.kept`` read before the
    capture), then unexpired ones. None when the lots fell short (the caller rolls back)."""
    from_kept = min(points, kept)
    if from_kept == 0:
        return lots.spend_and_record(session, program_id, member_id, points, now, entry_type="redeem",
                                     order_id=order_id, hold_id=hold_id)
    drawn = lots.take_rows(session, _SPEND_KEPT, program_id, member_id, from_kept, now)
    drawn += lots.take_rows(session, lots.SPEND_AVAILABLE, program_id, member_id,
                            points - sum(row.taken for row in drawn), now)
    if sum(row.taken for row in drawn) != points:
        return None
    entry_id = lots.insert_debit(session, program_id, member_id, entry_type="redeem", points=points, now=now,
                                 order_id=order_id, hold_id=hold_id)
    session.execute(insert(LotDraw), [
        {"program_id": program_id, "entry_id": entry_id, "lot_id": row.lot_id, "points": row.taken,
         "expires_at": row.expires_at} for row in drawn if row.taken])
    return entry_id


_ORDER_DRAWS = text("""
SELECT d.lot_id, d.points, d.expires_at FROM lot_draws d
  JOIN ledger_entries e ON e.program_id = d.program_id AND e.entry_id = d.entry_id
 WHERE e.program_id = :program_id AND e.order_id = :order_id AND e.member_id = :member_id AND e.type = 'redeem'
""")


def refund_credits(session: Session, program_id: uuid.UUID, member_id: str, order_id: str, return_id: str,
                   points: int, already: int, now: datetime, fresh_expiry: datetime | None) -> list[dict[str, Any]]:
    """The ``refund`` credits (one per source lot, carrying its ``lot_id`` and expiry) that
    give back ``points`` of the order's redeemed points, ``already`` having come back by
    earlier returns; points without recorded draws get ``fresh_expiry``. A lot whose
    expiry has passed gives back points that are expired at once."""
    draws = [Draw(row.lot_id, int(row.points), row.expires_at) for row in session.execute(_ORDER_DRAWS, {
        "program_id": program_id, "order_id": order_id, "member_id": member_id})]
    return [{"type": "refund", "points": part.points, "order_id": order_id, "return_id": return_id,
             "lot_id": part.lot_id, "available_at": now,
             "expires_at": part.expires_at if part.lot_id is not None else fresh_expiry}
            for part in refund_slices(draws, already, points)]
