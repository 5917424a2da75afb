"""Scheduled webhook housekeeping: report the backlog, prune old finished deliveries.

The outbox is never pruned here (it is the audit trail), nor is any pending delivery.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from loyalty_api.db import unit_of_work
from loyalty_api.jobs.registry import JobContext, job_step, programs_with

DELIVERY_LOG_DAYS = 30

# Deliveries a fan-out added for a webhook while it was being deleted (the worker
# never sends them; this closes them in the log).
_CANCEL_ORPHANS = text("""
UPDATE webhook_deliveries d SET status = 'cancelled', lease_token = NULL, lease_until = NULL
FROM webhooks w
WHERE d.status = 'pending' AND w.program_id = d.program_id AND w.webhook_id = d.webhook_id
  AND w.deleted_at IS NOT NULL
""")

_REPORT = text("""
SELECT (SELECT count(*) FROM outbox_events WHERE dispatched_at IS NULL) AS undispatched_events,
       (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending') AS pending_deliveries,
       (SELECT count(*) FROM webhook_deliveries WHERE status = 'failed' AND last_attempt_at >= :since)
           AS failed_last_day
""")

_PRUNE = text("""
WITH old AS (
    SELECT program_id, delivery_id FROM webhook_deliveries
    WHERE program_id = :program_id AND status IN ('succeeded', 'failed', 'cancelled') AND created_at < :before
    LIMIT :limit
    FOR UPDATE SKIP LOCKED
)
DELETE FROM webhook_deliveries d USING old
WHERE d.program_id = :program_id AND d.program_id = old.program_id AND d.delivery_id = old.delivery_id
""")


@job_step("webhooks", order=950, real_time=True)
def webhook_housekeeping(context: JobContext) -> dict:
    before = context.now - timedelta(days=DELIVERY_LOG_DAYS)
    pruned = 0
    with unit_of_work(context.session_factory) as uow:
        programs = programs_with(uow.session, "webhook_deliveries",
                                 "status IN ('succeeded', 'failed', 'cancelled') AND created_at < :before",
                                 {"before": before})
    for program_id in programs:
        while True:
            with unit_of_work(context.session_factory) as uow:
                count = uow.session.execute(_PRUNE, {"program_id": program_id, "before": before,
                                                     "limit": context.batch_size}).rowcount
                uow.commit()
            pruned += count
            if count < context.batch_size:
                break
    cancelled = cancel_orphans(context)
    return {**backlog_report(context), "pruned_deliveries": pruned, "cancelled_orphans": cancelled}


def cancel_orphans(context: JobContext) -> int:
    """One UPDATE over all programs, joined on program_id: on Citus a multi-shard write that
    each shard runs on its own (no claim, no SKIP LOCKED)."""
    with unit_of_work(context.session_factory) as uow:
        cancelled = uow.session.execute(_CANCEL_ORPHANS).rowcount
        uow.commit()
    return cancelled


def backlog_report(context: JobContext) -> dict:
    """Counts over all programs: a multi-shard aggregate, for the job report only."""
    with unit_of_work(context.session_factory) as uow:
        report = uow.session.execute(_REPORT, {"since": context.now - timedelta(days=1)}).mappings().one()
    return {key: int(value) for key, value in report.items()}
