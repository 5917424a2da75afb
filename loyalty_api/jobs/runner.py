"""Run every registered job step once."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session, sessionmaker

from loyalty_api.jobs.registry import JobContext, all_steps
from loyalty_api.observability.heartbeats import beat, job_name


def run_all(session_factory: sessionmaker[Session], now: datetime | None = None,
            only: list[str] | None = None) -> dict[str, dict]:
    context = JobContext(session_factory=session_factory, now=now or datetime.now(timezone.utc))
    report: dict[str, dict] = {}
    for step in all_steps():
        if only and step.name not in only:
            continue
        report[step.name] = step.run(context)
        beat(session_factory, job_name(step.name))  # read by /metrics: loyalty_job_last_success_timestamp_seconds
    return report
