"""The worker's set-based SQL: fan-out, claims with leases, results.

Each function is one short statement in the caller's transaction; the worker commits
after each and never holds a transaction open across an HTTP call.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from loyalty_api.jobs.registry import programs_with

# Only one fan-out runs at a time (the others skip it and deliver): two concurrent
# fan-outs could otherwise write a member's later event before an earlier one.
FAN_OUT_LOCK = 0x10CA17_0004

_FAN_OUT_SQL = """
WITH batch AS (
    SELECT program_id, seq FROM outbox_events
    WHERE program_id = :program_id AND dispatched_at IS NULL
    ORDER BY seq
    LIMIT :limit
    FOR UPDATE SKIP LOCKED
), marked AS (
    UPDATE outbox_events e SET dispatched_at = now()
    FROM batch b WHERE e.program_id = :program_id AND b.program_id = :program_id AND e.seq = b.seq
    RETURNING e.program_id, e.seq, e.event_id, e.type, e.member_id, e.created_at
), inserted AS (
    INSERT INTO webhook_deliveries (program_id, delivery_id, webhook_id, event_seq, event_id, event_type,
                                    member_id, status, attempts, next_attempt_at, created_at)
    SELECT m.program_id, gen_random_uuid(), w.webhook_id, m.seq, m.event_id, m.type,
           m.member_id, 'pending', 0, {clock}, {clock}
    FROM marked m
    JOIN webhooks w ON w.program_id = :program_id AND w.program_id = m.program_id AND w.deleted_at IS NULL
        AND (m.type = ANY (w.event_types) OR '*' = ANY (w.event_types))
        AND m.created_at >= w.created_at
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT (SELECT count(*) FROM marked) AS events, (SELECT count(*) FROM inserted) AS deliveries
"""

# Every table is pinned to :program_id by a value, not only through a join or a CTE:
# on Citus that makes the whole statement one single-shard (router) query, the only
# kind in which FOR UPDATE … SKIP LOCKED takes row locks. The clock is the caller's
# moved clock in tests, the database's otherwise (one clock for all hosts), chosen
# when the statement is picked: Citus refuses a CTE clock (no router query then) and
# now() inside COALESCE.
_CLAIM_SQL = """
WITH due AS (
    SELECT d.program_id, d.delivery_id FROM webhook_deliveries d
    WHERE d.program_id = :program_id AND d.status = 'pending' AND d.next_attempt_at <= {clock}
      AND (d.lease_until IS NULL OR d.lease_until <= {clock})
      -- a fan-out that raced with a DELETE may have added deliveries after it cancelled
      AND EXISTS (SELECT 1 FROM webhooks w WHERE w.program_id = :program_id
                     AND w.webhook_id = d.webhook_id AND w.deleted_at IS NULL)
      AND (d.redelivery_of IS NOT NULL OR d.member_id IS NULL OR NOT EXISTS (
          SELECT 1 FROM webhook_deliveries p
          WHERE p.program_id = :program_id AND p.webhook_id = d.webhook_id
            AND p.member_id = d.member_id AND p.status = 'pending'
            AND p.redelivery_of IS NULL AND p.event_seq < d.event_seq))
    ORDER BY d.next_attempt_at, d.event_seq
    LIMIT :limit
    FOR UPDATE OF d SKIP LOCKED
), claimed AS (
    UPDATE webhook_deliveries d
    SET lease_token = :token, lease_until = {clock} + :lease,
        attempts = d.attempts + 1, last_attempt_at = {clock}
    FROM due WHERE d.program_id = :program_id AND due.program_id = :program_id AND d.delivery_id = due.delivery_id
    RETURNING d.program_id, d.delivery_id, d.webhook_id, d.event_seq, d.attempts, d.created_at, d.last_attempt_at
)
SELECT c.program_id, c.delivery_id, c.webhook_id, c.attempts, c.created_at, c.last_attempt_at AS claimed_at,
       w.url, w.secret_sealed, w.previous_secret_sealed, w.previous_secret_expires_at,
       e.event_id, e.type, e.created_at AS event_created_at, e.data
FROM claimed c
JOIN webhooks w ON w.program_id = :program_id AND w.program_id = c.program_id AND w.webhook_id = c.webhook_id
JOIN outbox_events e ON e.program_id = :program_id AND e.program_id = c.program_id AND e.seq = c.event_seq
"""

_SUCCEEDED = text("""
UPDATE webhook_deliveries
SET status = 'succeeded', delivered_at = :now, last_status_code = :code, last_error = NULL,
    lease_token = NULL, lease_until = NULL
WHERE program_id = :program_id AND delivery_id = :delivery_id AND lease_token = :token
""")

_FAILED = text("""
UPDATE webhook_deliveries
SET status = CASE WHEN CAST(:next_at AS timestamptz) IS NULL THEN 'failed' ELSE 'pending' END,
    next_attempt_at = COALESCE(:next_at, next_attempt_at),
    last_status_code = :code, last_error = :error, lease_token = NULL, lease_until = NULL
WHERE program_id = :program_id AND delivery_id = :delivery_id AND lease_token = :token
""")


_RELEASE = text("""
UPDATE webhook_deliveries
SET lease_token = NULL, lease_until = NULL, attempts = attempts - 1
WHERE program_id = :program_id AND delivery_id = :delivery_id AND lease_token = :token
""")



def _by_clock(sql: str) -> dict[bool, Any]:
    """The statement with the caller's clock (True) or the database's (False)."""
    return {True: text(sql.format(clock="CAST(:now AS timestamptz)")), False: text(sql.format(clock="now()"))}


_FAN_OUT = _by_clock(_FAN_OUT_SQL)
_CLAIM = _by_clock(_CLAIM_SQL)


@dataclass(frozen=True)
class Claimed:
    """A leased delivery with what is needed to send it."""

    program_id: uuid.UUID
    delivery_id: uuid.UUID
    webhook_id: uuid.UUID
    attempts: int
    created_at: datetime
    claimed_at: datetime
    url: str
    secret_sealed: str
    previous_secret_sealed: str | None
    previous_secret_expires_at: datetime | None
    event_id: uuid.UUID
    type: str
    event_created_at: datetime
    data: dict[str, Any]


def try_fan_out_lock(session: Session) -> bool:
    return bool(session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": FAN_OUT_LOCK}))


def programs_to_fan_out(session: Session) -> list[uuid.UUID]:
    return programs_with(session, "outbox_events", "dispatched_at IS NULL", {})


def programs_due(session: Session, now: datetime | None) -> list[uuid.UUID]:
    clock = "now()" if now is None else "CAST(:now AS timestamptz)"
    return programs_with(session, "webhook_deliveries", f"status = 'pending' AND next_attempt_at <= {clock}",
                         {"now": now})


def fan_out(session: Session, program_id: uuid.UUID, now: datetime | None, limit: int) -> tuple[int, int]:
    """Turn up to ``limit`` of the program's undispatched outbox events into deliveries: (events, deliveries)."""
    row = session.execute(_FAN_OUT[now is not None], {"program_id": program_id, "limit": limit, "now": now}).one()
    return int(row.events), int(row.deliveries)


def claim(session: Session, program_id: uuid.UUID, now: datetime | None, limit: int, lease: timedelta,
          token: uuid.UUID) -> list[Claimed]:
    rows = session.execute(_CLAIM[now is not None], {"program_id": program_id, "now": now, "limit": limit, "lease": lease,
                                    "token": token}).mappings()
    return [Claimed(**row) for row in rows]


def record_success(session: Session, item: Claimed, token: uuid.UUID, now: datetime, code: int) -> bool:
    """False when the lease was lost (another worker took over, or the webhook was deleted)."""
    result = session.execute(_SUCCEEDED, {"now": now, "code": code, "program_id": item.program_id,
                                          "delivery_id": item.delivery_id, "token": token})
    return result.rowcount == 1


def record_failure(session: Session, item: Claimed, token: uuid.UUID, next_at: datetime | None,
                   code: int | None, error: str | None) -> bool:
    result = session.execute(_FAILED, {"next_at": next_at, "code": code, "error": error,
                                       "program_id": item.program_id, "delivery_id": item.delivery_id,
                                       "token": token})
    return result.rowcount == 1


def release(session: Session, items: list[Claimed], token: uuid.UUID) -> None:
    """Hand back claimed deliveries that were not attempted (the worker is stopping)."""
    if items:
        session.execute(_RELEASE, [{"program_id": item.program_id, "delivery_id": item.delivery_id,
                                    "token": token} for item in items])
