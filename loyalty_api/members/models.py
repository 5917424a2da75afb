"""Members of a program, addressed by the merchant's own customer id."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, String, UniqueConstraint, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base


class Member(Base):
    __tablename__ = "members"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("programs.program_id"), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    referral_code: Mapped[str] = mapped_column(String(16))
    referred_by: Mapped[str | None] = mapped_column(String(128))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(32))
    birthday: Mapped[date | None] = mapped_column(Date)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    # active | blocked | erased (personal data removed; the ledger stays)
    # | merged (everything moved to ``merged_into``; the row answers where it went)
    status: Mapped[str] = mapped_column(String(16), default="active")
    merged_into: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    erased_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint("program_id", "referral_code"),
        CheckConstraint("status IN ('active', 'blocked', 'erased', 'merged')", name="status_known"),
        CheckConstraint("(status <> 'merged' OR merged_into IS NOT NULL)"
                        " AND (merged_into IS NULL OR status IN ('merged', 'erased'))", name="merged_has_target"),
        # Members merged into one (the tier metric and ``ledger verify`` fold them in).
        Index("ix_members_merged_into", "program_id", "merged_into", postgresql_where=text("merged_into IS NOT NULL")),
        CheckConstraint("referred_by IS DISTINCT FROM member_id", name="no_self_referral"),
    )
