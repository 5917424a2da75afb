"""Write events to the outbox inside the caller's transaction."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import bindparam, insert
from sqlalchemy.orm import Session

from loyalty_api.events.models import OutboxEvent

EVENT_TYPES = frozenset({
    "member.enrolled", "points.earned", "points.activated", "points.redeemed", "points.reversed",
    "points.expired", "points.expiring", "hold.expired", "tier.upgraded", "tier.downgraded",
    "vip.granted", "vip.revoked", "referral.rewarded", "reward.claimed", "coupon.used", "coupon.expired",
})


def emit(session: Session, program_id: uuid.UUID, event_type: str, data: dict[str, Any]) -> None:
    """Record an event; it commits or rolls back with the change that caused it.

    ``data`` is JSON-ready (strings for money and times) and carries ``member_id``
    when the event concerns a member.
    """
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event_type!r}")
    session.execute(_INSERT_EVENT, {"program_id": program_id, "event_id": uuid.uuid4(), "type": event_type,
                                    "member_id": data.get("member_id"), "data": data})


# A constant Core statement: built and compiled once, and no ORM bulk-insert path.
_INSERT_EVENT = insert(OutboxEvent.__table__).values(
    {name: bindparam(name, type_=OutboxEvent.__table__.c[name].type)
     for name in ("program_id", "event_id", "type", "member_id", "data")})
