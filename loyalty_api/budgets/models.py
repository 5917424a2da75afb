"""What each budgeted rule has given in each period.

One row per (program, rule, period, period start). ``used`` only grows by the
atomic take in ``service`` and never passes ``points``, the budget of that period
(a CHECK says so, so a bug cannot overspend either). ``last_taken`` is what the
latest take got: an upsert's RETURNING sees only new values, and this column is
how the take learns its own share in the same statement.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKeyConstraint, Integer, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base


class RuleBudgetUsage(Base):
    __tablename__ = "rule_budget_usage"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    period_start: Mapped[datetime] = mapped_column(DateTime(timezone=True), primary_key=True)
    points: Mapped[int] = mapped_column(Integer)
    used: Mapped[int] = mapped_column(Integer)
    last_taken: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        CheckConstraint("points > 0", name="points_positive"),
        CheckConstraint("used >= 0 AND used <= points", name="used_within_budget"),
        CheckConstraint("last_taken >= 0 AND last_taken <= used", name="last_taken_within_used"),
        CheckConstraint("period IN ('day', 'week', 'month', 'year', 'lifetime')", name="period_known"),
        ForeignKeyConstraint(["program_id", "rule_id"], ["earning_rules.program_id", "earning_rules.rule_id"]),
    )
