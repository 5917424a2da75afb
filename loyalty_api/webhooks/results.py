"""The worker's set-based SQL for results: what an attempt did, and handing back leases.

Each function is one short statement (or two) in the caller's transaction, on the rows
of one program by value, and only while the caller's lease token still holds the
delivery. Split from ``dispatch.py``, which finds work, fans out and claims it.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from loyalty_api.webhooks.dispatch import Claimed

_SUCCEEDED = text("""
UPDATE webhook_deliveries
SET status = 'succeeded', delivered_at = :now, last_status_code = :code, last_error = NULL,
    lease_token = NULL, lease_until = NULL
WHERE program_id = :program_id AND delivery_id = :delivery_id AND lease_token = :token
""")

_FAILED = text("""
UPDATE webhook_deliveries
SET status = CASE WHEN CAST(:next_at AS timestamptz) IS NULL THEN 'failed' ELSE 'pending' END,
    next_attempt_at = COALESCE(:next_at, next_attempt_at), first_failed_at = COALESCE(first_failed_at, :now),
    last_status_code = :code, last_error = :error, lease_token = NULL, lease_until = NULL
WHERE program_id = :program_id AND delivery_id = :delivery_id AND lease_token = :token
""")

# The subscription's failure streak: cleared by a success, started by a failure.
_WEBHOOK_SUCCEEDED = text("""
UPDATE webhooks SET failing_since = NULL
WHERE program_id = :program_id AND webhook_id = :webhook_id AND failing_since IS NOT NULL
""")

_WEBHOOK_FAILED = text("""
UPDATE webhooks SET failing_since = COALESCE(failing_since, :now)
WHERE program_id = :program_id AND webhook_id = :webhook_id
RETURNING failing_since
""")

# Results lock the webhook row before the delivery row: the order DELETE and the
# disabling use (webhook, then its deliveries), so the two cannot deadlock.
_LOCK_WEBHOOK = text("""
SELECT 1 FROM webhooks WHERE program_id = :program_id AND webhook_id = :webhook_id FOR NO KEY UPDATE
""")

_ADD_COUNTS = text("""
INSERT INTO webhook_delivery_counts (program_id, outcome, count) VALUES (:program_id, :outcome, :n)
ON CONFLICT (program_id, outcome) DO UPDATE SET count = webhook_delivery_counts.count + EXCLUDED.count
""")


_RELEASE = text("""
UPDATE webhook_deliveries
SET lease_token = NULL, lease_until = NULL, attempts = attempts - 1, next_attempt_at = last_attempt_at
WHERE program_id = :program_id AND delivery_id = :delivery_id AND lease_token = :token
""")


def lock_webhook(session: Session, item: Claimed) -> None:
    session.execute(_LOCK_WEBHOOK, {"program_id": item.program_id, "webhook_id": item.webhook_id})


def record_success(session: Session, item: Claimed, token: uuid.UUID, now: datetime, code: int) -> bool:
    """False when the lease was lost (another worker took over, or the webhook was deleted)."""
    result = session.execute(_SUCCEEDED, {"now": now, "code": code, "program_id": item.program_id,
                                          "delivery_id": item.delivery_id, "token": token})
    if result.rowcount == 1:
        session.execute(_WEBHOOK_SUCCEEDED, {"program_id": item.program_id, "webhook_id": item.webhook_id})
    return result.rowcount == 1


def record_failure(session: Session, item: Claimed, token: uuid.UUID, now: datetime, next_at: datetime | None,
                   code: int | None, error: str | None) -> datetime | None:
    """The subscription's ``failing_since`` after this failure; None when the lease was lost."""
    result = session.execute(_FAILED, {"now": now, "next_at": next_at, "code": code, "error": error,
                                       "program_id": item.program_id, "delivery_id": item.delivery_id,
                                       "token": token})
    if result.rowcount != 1:
        return None
    return session.scalar(_WEBHOOK_FAILED, {"now": now, "program_id": item.program_id,
                                            "webhook_id": item.webhook_id})


def add_counts(session: Session, counts: dict[tuple[uuid.UUID, str], int]) -> None:
    """Add a cycle's outcomes to the per-program counters (one row per program and outcome)."""
    if counts:
        session.execute(_ADD_COUNTS, [{"program_id": program_id, "outcome": outcome, "n": n}
                                      for (program_id, outcome), n in sorted(counts.items())])


def release(session: Session, items: list[Claimed], token: uuid.UUID) -> None:
    """Hand back claimed deliveries that were not attempted (the worker is stopping)."""
    if items:
        session.execute(_RELEASE, [{"program_id": item.program_id, "delivery_id": item.delivery_id,
                                    "token": token} for item in items])
