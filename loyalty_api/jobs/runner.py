"""Run every registered job step once.

A step that fails is recorded and the run goes on with the next step; a step that
walks programs records each program that failed and goes on (``JobContext.program``).
The report has one entry per step that finished; when anything failed, ``failures``
lists every failure (step, program, error), and ``loyalty-api jobs run`` exits 1.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

from sqlalchemy.orm import Session, sessionmaker

from loyalty_api.jobs.registry import JobContext, all_steps
from loyalty_api.observability.heartbeats import beat, job_name


def run_all(session_factory: sessionmaker[Session], now: datetime | None = None,
            only: list[str] | None = None) -> dict:
    context = JobContext(session_factory=session_factory, now=now or datetime.now(timezone.utc))
    report: dict = {}
    for step in all_steps():
        if only and step.name not in only:
            continue
        step_context = dataclasses.replace(context, step=step.name)
        failed_before = len(context.failures)
        try:
            report[step.name] = step.run(step_context)
        except Exception as exc:  # noqa: BLE001  (recorded; later steps still run)
            step_context.record_failure(None, exc)
        if len(context.failures) == failed_before:
            beat(session_factory, job_name(step.name))  # read by /metrics: loyalty_job_last_success_timestamp_seconds
    if context.failures:
        report["failures"] = [failure.as_dict() for failure in context.failures]
    return report
