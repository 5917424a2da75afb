"""Holds: points reserved while a payment runs (SPEC §4).

A hold counts as held while ``status = 'held' AND expires_at > now``; from
``expires_at`` on it is expired without any job, and its points are available
again. Capture happens when an order names the hold (``service.record_order``).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from loyalty_api.checkout.models import Hold
from loyalty_api.checkout.service import load_program
from loyalty_api.errors import DuplicateOrder, HoldNotActive, InsufficientPoints, NotFound
from loyalty_api.ledger import lots
from loyalty_api.programs.service import program_config


def hold_status(status: str, expires_at: datetime, now: datetime) -> str:
    return "expired" if status == "held" and expires_at <= now else status


def _answer(hold: Any, now: datetime) -> dict[str, Any]:
    return {"hold_id": hold.hold_id, "member_id": hold.member_id, "order_id": hold.order_id,
            "status": hold_status(hold.status, hold.expires_at, now), "points": hold.points,
            "expires_at": hold.expires_at, "created_at": hold.created_at}


def create_hold(session: Session, program_id: uuid.UUID, data: dict[str, Any],
                now: datetime) -> tuple[dict[str, Any], bool]:
    """Reserve ``points`` of the member's available points (limits are the order's business);
    answers (hold, created).

    An ``order_id`` binds the hold to that order for good: the same ``order_id`` again
    answers the existing hold, whatever its status now, when member and points match,
    else ``DuplicateOrder``. The member lock serialises one member's requests; the
    unique index ``ux_holds_order`` settles a race between members.
    """
    program = load_program(session, program_id)
    ttl = data.get("ttl_seconds") or program_config(program)["hold_ttl_seconds"]
    member_id, points, order_id = data["member_id"], data["points"], data.get("order_id")
    debt = lots.lock_member(session, program_id, member_id, now)
    if order_id is not None:
        existing = _hold_of_order(session, program_id, order_id)
        if existing is not None:
            return _existing_for_order(existing, member_id, points, now), False
    figures = lots.spendable(session, program_id, member_id, now, debt)
    if figures.available < points:
        raise InsufficientPoints(f"{figures.available} points available, {points} needed",
                                 available=figures.available)
    row = {"program_id": program_id, "hold_id": uuid.uuid4().hex, "member_id": member_id, "points": points,
           "order_id": order_id, "status": "held", "expires_at": now + timedelta(seconds=ttl),
           "created_at": now}
    inserted = session.execute(pg_insert(Hold).values(row).on_conflict_do_nothing().returning(Hold.hold_id)).scalar()
    if inserted is None:  # another member's hold took this order_id meanwhile
        return _existing_for_order(_hold_of_order(session, program_id, order_id), member_id, points, now), False
    return _answer(Hold(**row), now), True


def _hold_of_order(session: Session, program_id: uuid.UUID, order_id: str) -> Any:
    return session.execute(select(*Hold.__table__.c).where(
        Hold.program_id == program_id, Hold.order_id == order_id)).one_or_none()


def _existing_for_order(existing: Any, member_id: str, points: int, now: datetime) -> dict[str, Any]:
    if existing.member_id != member_id or existing.points != points:
        raise DuplicateOrder(f"Order {existing.order_id!r} already has a hold of other points or another member")
    return _answer(existing, now)


def get_hold(session: Session, program_id: uuid.UUID, hold_id: str) -> Hold:
    hold = session.get(Hold, (program_id, hold_id), populate_existing=True)
    if hold is None:
        raise NotFound(f"Hold {hold_id!r} not found")
    return hold


def release_hold(session: Session, program_id: uuid.UUID, hold_id: str, now: datetime) -> dict[str, Any]:
    """Give the points back; releasing a released or expired hold again answers it as it is."""
    hold = get_hold(session, program_id, hold_id)
    lots.lock_member(session, program_id, hold.member_id, now)
    released = session.execute(update(Hold).where(
        Hold.program_id == program_id, Hold.hold_id == hold_id, Hold.status == "held", Hold.expires_at > now,
    ).values(status="released", closed_at=now).returning(*Hold.__table__.c)).one_or_none()
    if released is not None:
        return _answer(released, now)
    hold = get_hold(session, program_id, hold_id)
    if hold.status == "captured":
        raise HoldNotActive(f"Hold {hold_id!r} was captured by order {hold.captured_by!r}")
    return _answer(hold, now)
