"""Job steps register here; ``loyalty-api jobs run`` runs them in ``order``.

A feature adds ``loyalty_api/<feature>/jobs.py`` with functions decorated by
``@job_step(name, order)`` and lists the module in ``FEATURE_JOB_MODULES``.
A step receives a ``JobContext`` and returns a dict of counts for the report. Each
step must be idempotent and safe to run on several replicas at once: claim rows
with ``FOR UPDATE SKIP LOCKED``, work in batches, commit per batch.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

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
