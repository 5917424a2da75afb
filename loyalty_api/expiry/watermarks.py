"""Per-program watermarks of the announcement steps (``expiry_progress``).

An announcement step (activations, expired holds) announces what became due since the
program's watermark, then moves the watermark to the run's ``now``; split from
``jobs.py``, which holds the steps and the burning that needs member locks.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import text
from sqlalchemy.orm import Session

from loyalty_api.db import unit_of_work
from loyalty_api.jobs.registry import JobContext
from loyalty_api.sql import compose

# Announcement scans restart a little before the last run's instant, so rows that
# committed just after a run looked are still seen once (the notice keys dedupe).
SLACK = timedelta(days=1)
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

ADVANCE = """
INSERT INTO expiry_progress AS p (program_id, {column}, updated_at) VALUES (:program_id, :value, now())
ON CONFLICT (program_id) DO UPDATE
   SET {column} = GREATEST(p.{column}, excluded.{column}), updated_at = excluded.updated_at
"""


def progress(session: Session, program_id: uuid.UUID, column: str) -> datetime | None:
    return session.execute(text(f"SELECT {column} FROM expiry_progress WHERE program_id = :p"),
                           {"p": program_id}).scalar()


def advance(session: Session, program_id: uuid.UUID, column: str, value: datetime) -> None:
    session.execute(text(compose(ADVANCE, column=column)), {"program_id": program_id, "value": value})


def announce_since_watermark(context: JobContext, program_ids: list[uuid.UUID], column: str, announce) -> int:
    """Announce, batch by batch, what became due since the program's watermark (less a
    slack for transactions that committed late), then move the watermark to ``now``."""
    announced = 0
    for program_id in program_ids:
        with context.program(program_id):
            with unit_of_work(context.session_factory) as uow:
                since = (progress(uow.session, program_id, column) or EPOCH + SLACK) - SLACK
            while True:
                with unit_of_work(context.session_factory) as uow:
                    done, seen = announce(uow.session, program_id, context.now, since, context.batch_size)
                    uow.commit()
                announced += done
                if seen < context.batch_size:
                    break
            with unit_of_work(context.session_factory) as uow:
                advance(uow.session, program_id, column, context.now)
                uow.commit()
    return announced
