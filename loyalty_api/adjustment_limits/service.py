"""Adjustment limits: refuse an adjustment beyond them, and count what each client moved.

Callers commit; the caller's transaction holds the adjustment, so a refusal here
(``LimitExceeded``) rolls the adjustment back with it: nothing is applied.

Concurrency: the day's count is one upsert of the (program, client, day) row whose
``DO UPDATE`` applies only while the sum stays within the limit. PostgreSQL locks
the row for the upsert, so two parallel adjustments by one client are counted one
after the other and the second sees the first: both cannot pass the limit. It runs
after the ledger write, under the member's ledger lock (member lock first, then this
row; nothing takes them the other way round). Counted even without a daily limit, so
that a limit set during the day counts the day's earlier adjustments too.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from loyalty_api.adjustment_limits import rules
from loyalty_api.errors import LimitExceeded

_CHARGE = text("""
INSERT INTO adjustment_usage AS u (program_id, client_id, day, points, updated_at)
VALUES (:program_id, :client_id, :day, :points, :now)
ON CONFLICT (program_id, client_id, day) DO UPDATE
   SET points = u.points + excluded.points, updated_at = excluded.updated_at
 WHERE CAST(:daily AS bigint) IS NULL OR u.points + excluded.points <= CAST(:daily AS bigint)
RETURNING u.points
""")


def _limits(config: dict[str, Any]) -> tuple[int | None, int | None]:
    limits = config.get("limits") or {}
    return limits.get("adjustment_max_points"), limits.get("adjustment_daily_points")


def check_adjustment(config: dict[str, Any], points: int) -> None:
    """Refuse an adjustment that no day's total could allow (before anything is written)."""
    max_points, daily = _limits(config)
    refusal = rules.adjustment_refusal(points, max_points, daily)
    if refusal is not None:
        raise LimitExceeded("The adjustment is beyond the program's limits", errors={"points": [refusal]})


def count_adjustment(session: Session, program_id: uuid.UUID, config: dict[str, Any], client_id: str,
                     points: int, now: datetime) -> None:
    """Add ``|points|`` to the client's day; ``LimitExceeded`` past the daily limit."""
    _max_points, daily = _limits(config)
    total = session.execute(_CHARGE, {
        "program_id": program_id, "client_id": client_id, "day": rules.limit_day(now, config["timezone"]),
        "points": abs(points), "now": now, "daily": daily}).scalar()
    if total is None:
        raise LimitExceeded("The client's adjustments today would pass the daily limit",
                            errors={"points": [f"A client may move at most {daily} points a day by adjustments."]})
