"""Referral links: one row per referred member (the referee).

``status``: ``pending`` (linked, no qualifying order yet), ``qualified`` (the
qualifying order came but the program awards no referral points), ``rewarded``
(both sides credited), ``rejected`` with a ``reason`` (``same_contact``,
``self_referral``, ``cap_reached``, ``order_returned``). ``order_id`` is the
referee's qualifying order; the points credited are kept so a reversal takes back
exactly what was given even if the settings changed since, from the lots it created.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Index, Integer, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base


class Referral(Base):
    __tablename__ = "referrals"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    referee_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    referrer_id: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[str | None] = mapped_column(String(32))
    order_id: Mapped[str | None] = mapped_column(String(128))
    referrer_points: Mapped[int] = mapped_column(Integer, default=0)
    referee_points: Mapped[int] = mapped_column(Integer, default=0)
    # The lots the rewards created (a lot's id is its credit entry's id): a reversal
    # takes from them first, pending or not.
    referrer_lot_id: Mapped[int | None] = mapped_column(BigInteger)
    referee_lot_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    rewarded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reversed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint("status IN ('pending', 'qualified', 'rewarded', 'rejected')", name="status_known"),
        CheckConstraint("referrer_id <> referee_id", name="no_self_referral"),
        Index(None, "program_id", "referrer_id", "created_at"),
        Index("ix_referrals_rewarded", "program_id", "rewarded_at", postgresql_where="status = 'rewarded'"),
    )
