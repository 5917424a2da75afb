"""Points each API client moved by manual adjustments, per day of the program's zone.

``points`` is the sum of absolute values (a debit counts as much as a credit). It
only grows by the atomic charge in ``service``; the limit itself lives in the
program settings and may change, so the row does not store it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, Date, DateTime, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base


class AdjustmentUsage(Base):
    __tablename__ = "adjustment_usage"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    client_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    points: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (CheckConstraint("points > 0", name="points_positive"),)
