"""``loyalty-api jobs run`` step ``analytics.rollup``: per-day totals of closed days.

Each program's days are rolled up a chunk per transaction until the closed days are
all in (see ``rollup``); the summary reads live whatever is not, so a late or missed
run costs time, never exactness.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import text

from loyalty_api.analytics import rollup, rules
from loyalty_api.db import unit_of_work
from loyalty_api.jobs.registry import JobContext, job_step

_TIMEOUT = text("SET LOCAL statement_timeout = '300s'")
# Programs with closed days not rolled up yet: a run over thousands of programs that
# are caught up costs two lock-free reads. Not one outer join of ``programs`` (a Citus
# reference table) with ``analytics_progress``: a cluster cannot run that join.
_CREATED = text("SELECT program_id, created_at FROM programs WHERE created_at < :closed")
_ROLLED = text("SELECT program_id, rolled_through FROM analytics_progress WHERE rolled_through >= :closed")


def programs_behind(session, closed: datetime) -> list:
    caught_up = set(session.execute(_ROLLED, {"closed": closed}).scalars())
    return sorted(program_id for program_id, _ in session.execute(_CREATED, {"closed": closed})
                  if program_id not in caught_up)


@job_step("analytics.rollup", order=95)
def roll_up(context: JobContext) -> dict:
    counts = {"programs": 0, "rows": 0, "skipped_busy": 0}
    closed = rules.closed_through(min(context.now, datetime.now(timezone.utc)))
    with unit_of_work(context.session_factory) as uow:
        program_ids = context.keep(programs_behind(uow.session, closed))
    for program_id in program_ids:
        with context.program(program_id):
            more = True
            while more:
                with unit_of_work(context.session_factory) as uow:
                    if not uow.session.execute(rollup.TRY_LOCK, {"program_id": program_id}).scalar():
                        counts["skipped_busy"] += 1
                        break
                    uow.session.execute(_TIMEOUT)
                    written, more = rollup.roll_up_chunk(uow.session, program_id, context.now)
                    uow.commit()
                counts["rows"] += written
            counts["programs"] += 1
    return counts
