"""Tier state per member and the history of tier changes.

``member_tiers`` holds what ``tiers.rules`` calls the state: the earned tier with
its retention end, and the VIP assignment. ``tier_code`` is the effective tier
(the higher of the two), kept here so that segments and analytics can filter on
it without the ladder. A member with no tier and no VIP has no row.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (BigInteger, CheckConstraint, DateTime, ForeignKeyConstraint, Identity, Index, String,
                        Uuid, func, text)
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base


class MemberTier(Base):
    __tablename__ = "member_tiers"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    tier_code: Mapped[str | None] = mapped_column(String(32))
    earned_code: Mapped[str | None] = mapped_column(String(32))
    earned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    earned_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    vip_code: Mapped[str | None] = mapped_column(String(32))
    vip_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    vip_reason: Mapped[str | None] = mapped_column(String(500))
    vip_granted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        ForeignKeyConstraint(["program_id", "member_id"], ["members.program_id", "members.member_id"]),
        CheckConstraint("(earned_code IS NULL) = (earned_expires_at IS NULL)", name="earned_has_expiry"),
        CheckConstraint("vip_code IS NOT NULL OR vip_until IS NULL", name="vip_until_needs_vip"),
        Index(None, "program_id", "tier_code"),
        # The jobs look for retention ends and VIP ends across programs.
        Index("ix_member_tiers_earned_expires_at", "earned_expires_at",
              postgresql_where=text("earned_expires_at IS NOT NULL")),
        Index("ix_member_tiers_vip_until", "vip_until", postgresql_where=text("vip_until IS NOT NULL")),
    )


class TierChange(Base):
    __tablename__ = "tier_changes"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    change_id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128))
    from_tier: Mapped[str | None] = mapped_column(String(32))
    to_tier: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(16))
    metric: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint("reason IN ('upgrade', 'downgrade', 'vip', 'ladder_change')", name="reason_known"),
        Index(None, "program_id", "member_id", "change_id"),
    )
