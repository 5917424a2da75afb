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

Failures are isolated: the runner catches what a step raises, and a step that walks
the programs does each one inside ``context.program(program_id)``, so one program's
lock timeout or deadlock is recorded (``context.failures``) and the step goes on with
the next program. What failed is simply done by the next run.
"""

from __future__ import annotations

import importlib
import logging
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Iterator

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


log = logging.getLogger("loyalty_api.jobs")


@dataclass(frozen=True)
class JobFailure:
    step: str
    program_id: uuid.UUID | None  # None: the step itself failed
    error: str

    def as_dict(self) -> dict:
        return {"step": self.step, "program_id": str(self.program_id) if self.program_id else None,
                "error": self.error}


@dataclass(frozen=True)
class JobContext:
    session_factory: sessionmaker[Session]
    now: datetime
    batch_size: int = 5000
    step: str = ""
    # Shared by every step of one run (the runner gives each step a copy naming it).
    failures: list[JobFailure] = field(default_factory=list)
    # Which programs this pass is for (``now`` is their time): ``only`` one test program
    # at its own clock, or every program but ``exclude`` (the shifted test clocks).
    only: uuid.UUID | None = None
    exclude: frozenset = frozenset()
    # When a test clock jumped: the program's time before the jump, so that a step
    # that catches up a bounded past (birthdays) covers the whole jump.
    since: datetime | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record_failure(self, program_id: uuid.UUID | None, exc: BaseException) -> None:
        error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:500]
        log.error("job step failed", extra={"step": self.step, "program_id": str(program_id or ""),
                                            "error": error}, exc_info=exc)
        with self._lock:  # steps may work programs in threads
            self.failures.append(JobFailure(self.step, program_id, error))

    def keep(self, program_ids) -> list:
        """The programs of this pass among those a step found with work."""
        if self.only is not None:
            return [program_id for program_id in program_ids if program_id == self.only]
        return [program_id for program_id in program_ids if program_id not in self.exclude]

    @contextmanager
    def program(self, program_id: uuid.UUID) -> Iterator[None]:
        """Do one program's share of a step: an exception is recorded and swallowed, so
        the step goes on with the next program."""
        try:
            yield
        except Exception as exc:  # noqa: BLE001  (any failure: recorded, the run goes on)
            self.record_failure(program_id, exc)


@dataclass(frozen=True)
class JobStep:
    name: str
    order: int
    run: Callable[[JobContext], dict]
    # Bookkeeping on the real time for every program (idempotency keys, the delivery
    # log): never run at a test program's clock.
    real_time: bool = False


_STEPS: dict[str, JobStep] = {}


def job_step(name: str, order: int, *, real_time: bool = False) -> Callable:
    def decorator(func: Callable[[JobContext], dict]) -> Callable[[JobContext], dict]:
        _STEPS[name] = JobStep(name, order, func, real_time)
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
