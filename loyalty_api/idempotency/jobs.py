"""Scheduled purge of idempotency records older than ``IDEMPOTENCY_KEY_TTL_HOURS``."""

from __future__ import annotations

import os
from datetime import timedelta

from loyalty_api.config import Settings
from loyalty_api.db import unit_of_work
from loyalty_api.idempotency import service
from loyalty_api.jobs.registry import JobContext, job_step, programs_with

MIN_TTL_HOURS = 24  # SPEC §12: keys are kept at least 24 h


def ttl_hours() -> int:
    raw = os.environ.get("IDEMPOTENCY_KEY_TTL_HOURS")
    hours = int(raw) if raw else Settings.IDEMPOTENCY_KEY_TTL_HOURS
    return max(hours, MIN_TTL_HOURS)


@job_step("idempotency", order=900, real_time=True)
def purge_idempotency_keys(context: JobContext) -> dict:
    older_than = context.now - timedelta(hours=ttl_hours())
    deleted = 0
    with unit_of_work(context.session_factory) as uow:
        programs = programs_with(uow.session, "idempotency_keys", "created_at < :older_than",
                                 {"older_than": older_than})
    for program_id in programs:
        while True:
            with unit_of_work(context.session_factory) as uow:
                count = service.purge_batch(uow.session, program_id, older_than, context.batch_size)
                uow.commit()
            deleted += count
            if count < context.batch_size:
                break
    return {"deleted": deleted}
