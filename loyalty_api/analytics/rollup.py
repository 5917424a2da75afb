"""The ``analytics.rollup`` job's work: per-day totals of a program's closed days.

One ``INSERT … SELECT … GROUP BY`` per chunk of days over the entries' and members'
``(program_id, created_at)`` indexes. Re-running is harmless: a row is rewritten
only when its figures changed (``ON CONFLICT … DO UPDATE … WHERE``), and a program
busy with another runner is skipped (a transaction advisory lock), so replicas may
run the step side by side.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from loyalty_api.analytics import rules
from loyalty_api.sql import compose

TRY_LOCK = text("SELECT pg_try_advisory_xact_lock(hashtext('analytics.rollup'), hashtext(CAST(:program_id AS text)))")

_UPSERT = """
INSERT INTO analytics_days AS d (program_id, day, kind, sign, points, items)
{select}
ON CONFLICT (program_id, day, kind, sign) DO UPDATE SET points = excluded.points, items = excluded.items
 WHERE (d.points, d.items) IS DISTINCT FROM (excluded.points, excluded.items)
"""
_ROLL_UP = text(compose(_UPSERT, select="""
SELECT program_id, CAST(created_at AT TIME ZONE 'UTC' AS date), type, sign(points), sum(points), count(*)
  FROM ledger_entries WHERE program_id = :program_id AND created_at >= :start AND created_at < :end
 GROUP BY 1, 2, 3, 4
UNION ALL
SELECT program_id, CAST(created_at AT TIME ZONE 'UTC' AS date), 'enrolled', 0, 0, count(*)
  FROM members WHERE program_id = :program_id AND created_at >= :start AND created_at < :end
 GROUP BY 1, 2"""))

_PROGRESS = text("""
SELECT p.created_at, a.rolled_from, a.rolled_through, CAST(now() AS timestamptz) AS clock
  FROM programs p LEFT JOIN analytics_progress a ON a.program_id = :program_id AND a.program_id = p.program_id
 WHERE p.program_id = :program_id
""")
_ADVANCE = text("""
INSERT INTO analytics_progress AS a (program_id, rolled_from, rolled_through, updated_at)
VALUES (:program_id, :rolled_from, :rolled_through, now())
ON CONFLICT (program_id) DO UPDATE SET rolled_through = GREATEST(a.rolled_through, excluded.rolled_through),
                                       updated_at = excluded.updated_at
""")


def progress(session: Session, program_id: uuid.UUID) -> tuple[datetime, datetime] | None:
    """``(rolled_from, rolled_through)`` of the program, or ``None`` before its first rollup."""
    row = session.execute(text("SELECT rolled_from, rolled_through FROM analytics_progress"
                               " WHERE program_id = :program_id"), {"program_id": program_id}).first()
    return (row.rolled_from, row.rolled_through) if row else None


def roll_up_chunk(session: Session, program_id: uuid.UUID, now: datetime) -> tuple[int, bool]:
    """Roll up the next chunk of closed days, with the last ``RECHECK`` days rolled up
    before; answers (rows written, whether closed days remain).
    The caller holds ``TRY_LOCK`` and commits."""
    row = session.execute(_PROGRESS, {"program_id": program_id}).one()
    # Never past the database's own clock: a job run with a clock ahead must not close today.
    target = rules.closed_through(min(now, row.clock))
    rolled_from = row.rolled_from or rules.rollup_start(row.created_at)
    through = row.rolled_through or rolled_from
    # The last RECHECK days are read again with the new ones (an entry that committed
    # after its day was rolled up, past the grace, is counted from then on).
    start = max(rolled_from, through - rules.RECHECK)
    end = max(through, min(target, start + rules.CHUNK))
    if start >= end:
        return 0, False
    written = session.execute(_ROLL_UP, {"program_id": program_id, "start": start, "end": end}).rowcount
    session.execute(_ADVANCE, {"program_id": program_id, "rolled_from": rolled_from, "rolled_through": end})
    return written, end < target
