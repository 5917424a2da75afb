"""``loyalty-api jobs run`` step ``segments.rfm``: recompute every program's RFM scores.

One set-based statement per program (``service.refresh_rfm``), one transaction each.
Replicas running side by side skip a program another one is refreshing (a
transaction-level advisory lock); a second run rewrites nothing that did not change.
"""

from __future__ import annotations

from sqlalchemy import select, text

from loyalty_api.db import unit_of_work
from loyalty_api.jobs.registry import JobContext, job_step
from loyalty_api.programs.models import Program
from loyalty_api.segments import service

_TRY_LOCK = text("SELECT pg_try_advisory_xact_lock(hashtext('segments.rfm'), hashtext(CAST(:program_id AS text)))")
_TIMEOUT = text("SET LOCAL statement_timeout = '300s'")


@job_step("segments.rfm", order=90)
def refresh_rfm(context: JobContext) -> dict:
    counts = {"programs": 0, "scored": 0, "changed": 0, "removed": 0, "skipped_busy": 0}
    with unit_of_work(context.session_factory) as uow:
        program_ids = context.keep(uow.session.execute(select(Program.program_id).order_by(Program.program_id)).scalars())
    for program_id in program_ids:
        with context.program(program_id):
            with unit_of_work(context.session_factory) as uow:
                if not uow.session.execute(_TRY_LOCK, {"program_id": program_id}).scalar():
                    counts["skipped_busy"] += 1
                    continue
                uow.session.execute(_TIMEOUT)
                result = service.refresh_rfm(uow.session, program_id, context.now)
                uow.commit()
            counts["programs"] += 1
            for key in ("scored", "changed", "removed"):
                counts[key] += result[key]
    return counts
