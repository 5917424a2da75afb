"""What the analytics summary keeps between requests: per-day totals of closed days.

* ``analytics_days``: one row per (program, UTC day, kind, sign). For ledger entries
  ``kind`` is the entry type and ``sign`` the sign of its points (an ``adjust`` can go
  either way), with the sum of points and the number of entries (``items``); ``kind = 'enrolled'``
  (sign 0) counts the members enrolled that day. Rows are written only for *closed*
  days (see ``analytics.rules``) by the ``analytics.rollup`` job step; nothing on the
  checkout path writes here.
* ``analytics_progress``: per program, the days ``[rolled_from, rolled_through)``
  that the rows cover (UTC midnights). The summary reads the rest live.

Entries and members stay the source of truth: the summary adds the rows of the
whole days it may use to a live scan of everything outside them, so its answer is
the same whether the job ran yesterday, long ago or never.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, Date, DateTime, Index, SmallInteger, String, Uuid, func, text
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base
from loyalty_api.members.models import Member


class AnalyticsDay(Base):
    __tablename__ = "analytics_days"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    sign: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    points: Mapped[int] = mapped_column(BigInteger)
    items: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (CheckConstraint("sign IN (-1, 0, 1)", name="sign_known"),)


class AnalyticsProgress(Base):
    __tablename__ = "analytics_progress"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    rolled_from: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    rolled_through: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (CheckConstraint("rolled_from <= rolled_through", name="range_ordered"),)


# members.total is enrolled minus erased; erasures are rare, so this index stays small
# and only an erasure writes to it.
Index("ix_members_erased", Member.program_id, postgresql_where=text("status = 'erased'"))
