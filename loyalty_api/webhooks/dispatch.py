"""The worker's set-based SQL: fan-out and claims with leases (results: ``results.py``).

Each function is one short statement in the caller's transaction. Every statement that
takes row locks names one program by value (``program_id = :program_id`` on every
table): on Citus it runs on one shard, where ``FOR UPDATE … SKIP LOCKED`` works. Which
programs have work is found by lock-free reads over all programs (multi-shard, off the
request path). The clock is the caller's moved clock in tests, else the database's (one
clock for all hosts): picked with the statement (Citus refuses ``now()`` in ``COALESCE``),
or read first and passed as a value (the claim).
"""

from __future__ import annotations

import uuid
from loyalty_api.sql import compose
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

# Per-program transaction advisory locks. Fan-out: one worker at a time in a program (the
# others skip it), so two fan-outs cannot write a member's later event before an earlier one.
_TRY_FAN_OUT_LOCK = text("SELECT pg_try_advisory_xact_lock(hashtext('webhooks.fan_out'), "
                         "hashtext(CAST(:program_id AS text)))")
# Claims in one program wait for each other (each is one short statement), so the
# per-program cap is exact: a claim sees the leases the previous one committed. Claims
# in different programs do not wait for each other. Answers the database's clock: Citus
# refuses a stable function of a column in an UPDATE, so the claim's times are values.
_CLAIM_LOCK = text("SELECT now() FROM pg_advisory_xact_lock(hashtext('webhooks.claim'), "
                   "hashtext(CAST(:program_id AS text)))")

_PROGRAMS_TO_FAN_OUT = text("SELECT DISTINCT program_id FROM outbox_events WHERE dispatched_at IS NULL "
                            "ORDER BY program_id")

# Programs with a live webhook and a delivery due now: one probe each of the due-ordered
# ix_webhook_deliveries_due_by_program, however large the backlog.
_PROGRAMS_DUE_SQL = """
SELECT w.program_id FROM (SELECT DISTINCT program_id FROM webhooks WHERE deleted_at IS NULL AND disabled_at IS NULL) w
WHERE EXISTS (
    SELECT 1 FROM webhook_deliveries d
    WHERE d.program_id = w.program_id AND d.status = 'pending' AND d.next_attempt_at <= {clock}
      AND (d.lease_until IS NULL OR d.lease_until <= {clock}) AND d.attempts < :max_attempts)
ORDER BY w.program_id
"""

# Programs with deliveries that used up their attempts (a scan of the pending ones).
_PROGRAMS_EXHAUSTED_SQL = """
SELECT DISTINCT program_id FROM webhook_deliveries
WHERE status = 'pending' AND attempts >= :max_attempts AND (lease_until IS NULL OR lease_until <= {clock})
ORDER BY program_id
"""

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
    JOIN webhooks w ON w.program_id = :program_id AND w.program_id = m.program_id
        AND w.deleted_at IS NULL AND w.disabled_at IS NULL
        AND (m.type = ANY (w.event_types) OR '*' = ANY (w.event_types))
        AND m.created_at >= w.created_at
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT (SELECT count(*) FROM marked) AS events, (SELECT count(*) FROM inserted) AS deliveries
"""

# The program's deliveries leased now, by every worker (ix_webhook_deliveries_leased).
_LEASED = text("""
SELECT count(*) FROM webhook_deliveries
WHERE program_id = :program_id AND status = 'pending' AND lease_token IS NOT NULL AND lease_until > :now
""")

_CLAIM = text("""
WITH due AS (
    SELECT d.program_id, d.delivery_id FROM webhook_deliveries d
    WHERE d.program_id = :program_id AND d.status = 'pending' AND d.next_attempt_at <= :now
      AND (d.lease_until IS NULL OR d.lease_until <= :now)
      AND d.attempts < :max_attempts
      -- a fan-out that raced with a DELETE may have added deliveries after it cancelled.
      -- A scalar subquery, not EXISTS: kept per row, so the walk stays an ordered scan
      -- of ix_webhook_deliveries_due_by_program that stops at the limit.
      AND (SELECT w.deleted_at IS NULL AND w.disabled_at IS NULL FROM webhooks w
            WHERE w.program_id = :program_id AND w.webhook_id = d.webhook_id)
      AND (d.redelivery_of IS NOT NULL OR d.member_id IS NULL OR NOT EXISTS (
          SELECT 1 FROM webhook_deliveries e
          WHERE e.program_id = :program_id AND e.webhook_id = d.webhook_id
            AND e.member_id = d.member_id AND e.status = 'pending'
            AND e.redelivery_of IS NULL AND e.event_seq < d.event_seq))
    ORDER BY d.next_attempt_at, d.event_seq
    LIMIT :room
    FOR UPDATE OF d SKIP LOCKED
), claimed AS (
    -- The backoff is written now, before the attempt: an attempt whose result is never
    -- recorded (the worker died) waits like a failed one once its lease runs out.
    UPDATE webhook_deliveries d
    SET lease_token = :token, lease_until = :lease_until,
        attempts = d.attempts + 1, last_attempt_at = :now,
        next_attempt_at = unrecorded.due
    -- the n-th attempt's due time if its result is never recorded: now + lease + n-th backoff
    -- (a join, not an array subscript: it crashed the Citus 13.2 coordinator in this UPDATE)
    FROM due, unnest(CAST(:unrecorded_due AS timestamptz[])) WITH ORDINALITY AS unrecorded (due, attempt)
    WHERE d.program_id = :program_id AND due.program_id = :program_id AND d.delivery_id = due.delivery_id
      AND unrecorded.attempt = LEAST(d.attempts + 1, :max_attempts)
    RETURNING d.program_id, d.delivery_id, d.webhook_id, d.event_seq, d.attempts, d.created_at,
              d.first_failed_at, d.last_attempt_at
)
SELECT c.program_id, c.delivery_id, c.webhook_id, c.attempts, c.created_at, c.first_failed_at,
       c.last_attempt_at AS claimed_at,
       w.url, w.secret_sealed, w.previous_secret_sealed, w.previous_secret_expires_at,
       e.event_id, e.type, e.created_at AS event_created_at, e.data, p.mode = 'live' AS livemode
FROM claimed c
JOIN webhooks w ON w.program_id = :program_id AND w.program_id = c.program_id AND w.webhook_id = c.webhook_id
JOIN outbox_events e ON e.program_id = :program_id AND e.program_id = c.program_id AND e.seq = c.event_seq
JOIN programs p ON p.program_id = :program_id
-- in the order the events were written: UPDATE ... RETURNING promises no order, and a
-- single sender sends its claim front to back
ORDER BY c.event_seq
""")

# Deliveries that used up their attempts without a recorded result (each claim
# counts one): closed as failed once their last lease has run out.
_EXHAUSTED_SQL = """
UPDATE webhook_deliveries d
SET status = 'failed', last_error = COALESCE(d.last_error, 'no result recorded'),
    lease_token = NULL, lease_until = NULL
WHERE d.program_id = :program_id AND d.status = 'pending' AND d.attempts >= :max_attempts
  AND (d.lease_until IS NULL OR d.lease_until <= {clock})
"""


def _by_clock(sql: str) -> dict[bool, TextClause]:
    """The statement with the caller's clock (True) or the database's (False)."""
    return {True: text(compose(sql, clock="CAST(:now AS timestamptz)")), False: text(compose(sql, clock="now()"))}


_PROGRAMS_DUE = _by_clock(_PROGRAMS_DUE_SQL)
_PROGRAMS_EXHAUSTED = _by_clock(_PROGRAMS_EXHAUSTED_SQL)
_FAN_OUT = _by_clock(_FAN_OUT_SQL)
_EXHAUSTED = _by_clock(_EXHAUSTED_SQL)

@dataclass(frozen=True)
class Claimed:
    """A leased delivery with what is needed to send it."""

    program_id: uuid.UUID
    delivery_id: uuid.UUID
    webhook_id: uuid.UUID
    attempts: int
    created_at: datetime
    first_failed_at: datetime | None
    claimed_at: datetime
    url: str
    secret_sealed: str
    previous_secret_sealed: str | None
    previous_secret_expires_at: datetime | None
    event_id: uuid.UUID
    type: str
    event_created_at: datetime
    data: dict[str, Any]
    livemode: bool = True


def programs_to_fan_out(session: Session) -> list[uuid.UUID]:
    return list(session.scalars(_PROGRAMS_TO_FAN_OUT))


def programs_due(session: Session, now: datetime | None, max_attempts: int) -> list[uuid.UUID]:
    return list(session.scalars(_PROGRAMS_DUE[now is not None], {"now": now, "max_attempts": max_attempts}))


def programs_exhausted(session: Session, now: datetime | None, max_attempts: int) -> list[uuid.UUID]:
    return list(session.scalars(_PROGRAMS_EXHAUSTED[now is not None], {"now": now, "max_attempts": max_attempts}))


def try_fan_out_lock(session: Session, program_id: uuid.UUID) -> bool:
    return bool(session.scalar(_TRY_FAN_OUT_LOCK, {"program_id": program_id}))


def fan_out(session: Session, program_id: uuid.UUID, now: datetime | None, limit: int) -> tuple[int, int]:
    """Turn up to ``limit`` of the program's undispatched outbox events into deliveries: (events, deliveries)."""
    row = session.execute(_FAN_OUT[now is not None], {"program_id": program_id, "limit": limit, "now": now}).one()
    return int(row.events), int(row.deliveries)


def claim(session: Session, program_id: uuid.UUID, now: datetime | None, limit: int, lease: timedelta,
          token: uuid.UUID, *, per_program: int, max_attempts: int, backoffs: list[timedelta]) -> list[Claimed]:
    """Lease up to ``limit`` of the program's due deliveries, at most ``per_program`` leased at once."""
    database_now = session.scalar(_CLAIM_LOCK, {"program_id": program_id})
    at = database_now if now is None else now
    # the per-program cap: one program cannot occupy every sender
    room = min(limit, per_program - session.scalar(_LEASED, {"program_id": program_id, "now": at}))
    if room <= 0:
        return []
    rows = session.execute(_CLAIM, {
        "program_id": program_id, "now": at, "lease_until": at + lease, "room": room, "token": token,
        "max_attempts": max_attempts, "unrecorded_due": [at + lease + backoff for backoff in backoffs]}).mappings()
    return [Claimed(**row) for row in rows]


def close_exhausted(session: Session, program_id: uuid.UUID, now: datetime | None, max_attempts: int) -> int:
    return session.execute(_EXHAUSTED[now is not None], {"program_id": program_id, "now": now,
                                                         "max_attempts": max_attempts}).rowcount
