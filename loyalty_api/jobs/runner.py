"""Run every registered job step once.

A step that fails is recorded and the run goes on with the next step; a step that
walks programs records each program that failed and goes on (``JobContext.program``).
The report has one entry per step that finished; when anything failed, ``failures``
lists every failure (step, program, error), and ``loyalty-api jobs run`` exits 1.

Test programs whose clock is ahead (``clock``) are run at their own time: the first
pass runs every other program at the real now, then one pass per shifted clock runs
that program alone at its now (steps marked ``real_time`` run only in the first pass,
for all programs). A step's counts are summed over the passes.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime, timezone

from sqlalchemy.orm import Session, sessionmaker

from loyalty_api import wiring
from loyalty_api.clock import service as clock
from loyalty_api.db import unit_of_work
from loyalty_api.jobs.registry import JobContext, all_steps
from loyalty_api.observability.heartbeats import beat, job_name


def run_all(session_factory: sessionmaker[Session], now: datetime | None = None,
            only: list[str] | None = None) -> dict:
    real = now or datetime.now(timezone.utc)
    with unit_of_work(session_factory) as uow:
        shifted = clock.shifted_clocks(uow.session)
    context = JobContext(session_factory=session_factory, now=real,
                         exclude=frozenset(program_id for program_id, _ in shifted))
    passes = [context] + [dataclasses.replace(context, now=real + offset, only=program_id, exclude=frozenset())
                          for program_id, offset in shifted]
    return _run(context, passes, only)


def run_program(session_factory: sessionmaker[Session], program_id: uuid.UUID, now: datetime,
                since: datetime | None = None) -> dict:
    """One program's time-based work at ``now`` (its clock), as a run would do it;
    ``since``: the program's time before its clock jumped to ``now``."""
    context = JobContext(session_factory=session_factory, now=now, only=program_id, since=since)
    return _run(context, [context], None)


def _run(context: JobContext, passes: list[JobContext], only: list[str] | None) -> dict:
    wiring.install()  # a runner may be used without the app (its steps write points)
    report: dict = {}
    for step in all_steps():
        if only and step.name not in only:
            continue
        failed_before = len(context.failures)
        for one_pass in passes:
            if step.real_time and one_pass.only is not None:
                continue
            step_context = dataclasses.replace(one_pass, step=step.name)
            try:
                counts = step.run(step_context)
            except Exception as exc:  # noqa: BLE001  (recorded; later steps still run)
                step_context.record_failure(None, exc)
            else:
                report[step.name] = _summed(report[step.name], counts) if step.name in report else counts
        if len(context.failures) == failed_before and context.only is None:
            beat(context.session_factory, job_name(step.name))  # read by /metrics: loyalty_job_last_success_timestamp_seconds
    if context.failures:
        report["failures"] = [failure.as_dict() for failure in context.failures]
    return report


def _summed(total: dict, counts: dict) -> dict:
    summed = dict(total)
    for key, value in counts.items():
        before = summed.get(key)
        both_counts = isinstance(value, int) and isinstance(before, int)
        summed[key] = before + value if both_counts else (value if before is None else before)
    return summed
