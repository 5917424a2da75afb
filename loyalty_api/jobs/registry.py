"""Job steps register here; ``loyalty-api jobs run`` runs them in ``order``.

A feature adds ``loyalty_api/<feature>/jobs.py`` with functions decorated by
``@job_step(name, order)`` and lists the module in ``FEATURE_JOB_MODULES``.
A step receives a ``JobContext`` and returns a dict of counts for the report. Each
step must be idempotent and safe to run on several replicas at once: claim rows
with ``FOR UPDATE SKIP LOCKED``, work in batches, commit per batch.

Claims run program by program (``program_id = …`` in every claim): on a Citus cluster
distributed by program a single-shard statement takes row locks and ``SKIP LOCKED``
works, a statement over all programs does neither. Which programs have work is one
lock-free read over all of them (``programs_with``), a multi-shard query off the
request path, so a run over thousands of quiet programs does not claim in each.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

FEATURE_JOB_MODULES: list[str] = [
    "loyalty_api.analytics.jobs",
    "loyalty_api.earning_rules.jobs",
    "loyalty_api.expiry.jobs",
    "loyalty_api.idempotency.jobs",
    "loyalty_api.rewards.jobs",
    "loyalty_api.segments.jobs",
    "loyalty_api.tiers.jobs",
    "loyalty_api.webhooks.jobs",
]


@dataclass(frozen=True)
class JobContext:
    session_factory: sessionmaker[Session]
    now: datetime
    batch_size: int = 5000


@dataclass(frozen=True)
class JobStep:
    name: str
    order: int
    run: Callable[[JobContext], dict]


_STEPS: dict[str, JobStep] = {}


def job_step(name: str, order: int) -> Callable:
    def decorator(func: Callable[[JobContext], dict]) -> Callable[[JobContext], dict]:
        _STEPS[name] = JobStep(name, order, func)
        return func

    return decorator


def all_steps() -> list[JobStep]:
    for module in FEATURE_JOB_MODULES:
        importlib.import_module(module)
    return sorted(_STEPS.values(), key=lambda step: (step.order, step.name))


def programs_with(session: Session, table: str, condition: str, params: dict) -> list:
    """The programs that have rows of ``table`` matching ``condition``, in program order.

    No row locks: the caller claims in each program with a single-program statement.
    ``table`` and ``condition`` are the caller's constants, never input.
    """
    return list(session.execute(text(f"SELECT DISTINCT program_id FROM {table} WHERE {condition} "
                                     "ORDER BY program_id"), params).scalars())
