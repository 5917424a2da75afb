"""Write events to the outbox inside the caller's transaction."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import orjson

from sqlalchemy import bindparam, insert
from sqlalchemy.orm import Session

from loyalty_api.events.models import OutboxEvent
from loyalty_api.timestamps import rfc3339

EVENT_TYPES = frozenset({
    "member.enrolled", "points.earned", "points.activated", "points.redeemed", "points.reversed",
    "points.expired", "points.expiring", "hold.expired", "tier.upgraded", "tier.downgraded",
    "vip.granted", "vip.revoked", "referral.rewarded", "reward.claimed", "coupon.used", "coupon.expired",
    "import.completed",
    "member.merged",
    "points.transferred",
    "webhook.disabled",
})


def _check_type(event_type: str) -> None:
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event_type!r}")


def emit(session: Session, program_id: uuid.UUID, event_type: str, data: dict[str, Any]) -> None:
    """Record an event; it commits or rolls back with the change that caused it.

    ``data`` is JSON-ready (strings for money; instants as datetimes or ``rfc3339``
    text, written in the one format either way) and carries ``member_id``
    when the event concerns a member.
    """
    _check_type(event_type)
    data = {key: rfc3339(value) if isinstance(value, datetime) else value for key, value in data.items()}
    session.execute(_INSERT_EVENT, {"program_id": program_id, "event_id": uuid.uuid4(), "type": event_type,
                                    "member_id": data.get("member_id"), "data": data})


def _json_value(value: Any) -> str:
    if isinstance(value, datetime):
        return rfc3339(value)
    raise TypeError(f"{type(value).__name__} is not JSON-ready")


def payload_json(data: dict[str, Any]) -> str:
    """An event's ``data`` as JSON text, instants in the one format of ``timestamps``."""
    return orjson.dumps(data, default=_json_value, option=orjson.OPT_PASSTHROUGH_DATETIME).decode()


# A constant Core statement: built and compiled once, and no ORM bulk-insert path.
_INSERT_EVENT = insert(OutboxEvent.__table__).values(
    {name: bindparam(name, type_=OutboxEvent.__table__.c[name].type)
     for name in ("program_id", "event_id", "type", "member_id", "data")})


# For a use case that folds its events into a statement it runs anyway (an order:
# one round trip fewer per event). The events come as arrays (``event_arrays``);
# ``{when}`` is the caller's condition for writing them; ``ORDER BY`` keeps ``seq``
# in the order the events were listed.
INSERT_FROM_ARRAYS = """
INSERT INTO outbox_events (program_id, event_id, type, member_id, data)
SELECT :program_id, e.event_id, e.type, e.member_id, CAST(e.data AS jsonb)
  FROM unnest(CAST(:event_ids AS uuid[]), CAST(:event_types AS varchar[]), CAST(:event_members AS varchar[]),
              CAST(:event_data AS text[])) WITH ORDINALITY AS e(event_id, type, member_id, data, n)
 WHERE {when}
 ORDER BY e.n
"""


def event_arrays(events: list[tuple[str, dict[str, Any]]]) -> dict[str, list[Any]]:
    """The parameters of ``INSERT_FROM_ARRAYS`` for these (type, data) events."""
    for event_type, _ in events:
        _check_type(event_type)
    return {"event_ids": [uuid.uuid4() for _ in events], "event_types": [event_type for event_type, _ in events],
            "event_members": [data.get("member_id") for _, data in events],
            "event_data": [payload_json(data) for _, data in events]}
