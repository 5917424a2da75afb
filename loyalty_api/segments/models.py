"""RFM scores per member, refreshed by ``loyalty-api jobs run`` (step ``segments.rfm``).

One row per member with at least one kept order (not cancelled, not fully
returned). Scores are quintiles within the program (``ntile(5)``): 5 is the most
recent last order, the most orders, the most money paid net of returns. ``cell``
is the three digits (``"545"``) and ``segment`` the named segment of
``segments.rules.NAMED_SEGMENTS`` (or null), stored so that the member filters and
``GET /v1/analytics/rfm`` read them off an index.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, Numeric, SmallInteger, String, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base
from loyalty_api.ledger.models import LedgerEntry
from loyalty_api.members.models import Member
from loyalty_api.tiers.models import MemberTier


class MemberRfm(Base):
    __tablename__ = "member_rfm"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    recency: Mapped[int] = mapped_column(SmallInteger)
    frequency: Mapped[int] = mapped_column(SmallInteger)
    monetary: Mapped[int] = mapped_column(SmallInteger)
    cell: Mapped[str] = mapped_column(String(3))
    segment: Mapped[str | None] = mapped_column(String(16))
    last_order_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    orders: Mapped[int] = mapped_column(Integer)
    spend: Mapped[Decimal] = mapped_column(Numeric(19, 4))
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint("recency BETWEEN 1 AND 5 AND frequency BETWEEN 1 AND 5 AND monetary BETWEEN 1 AND 5",
                        name="scores_are_quintiles"),
        Index("ix_member_rfm_cell", "program_id", "cell", "member_id"),
        Index("ix_member_rfm_segment", "program_id", "segment", "member_id"),
        # the last refresh that changed a score: GET /v1/analytics/rfm (migration 0012)
        Index("ix_member_rfm_computed", "program_id", "computed_at"),
    )


# Indexes on other features' tables that segments and analytics read (migration 0009).
Index("ix_members_enrolled", Member.program_id, Member.created_at)
Index("ix_ledger_entries_created", LedgerEntry.program_id, LedgerEntry.created_at,
      postgresql_include=["type", "points", "member_id"])
Index("ix_member_tiers_vip", MemberTier.program_id, MemberTier.member_id,
      postgresql_where=text("vip_code IS NOT NULL"))
