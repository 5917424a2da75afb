"""One row per identifier of a member.

The primary key (program, type, canonical value) is the uniqueness rule: an
identifier belongs to at most one member of a program, whatever the concurrency.
Values are stored canonical (``rules.canonical``): phones in E.164, emails in lower
case, cards without spaces or dashes, so a lookup is one index probe.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKeyConstraint, Index, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base


class MemberIdentity(Base):
    __tablename__ = "member_identities"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    type: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(320), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        CheckConstraint("type IN ('card', 'phone', 'email', 'external')", name="type_known"),
        ForeignKeyConstraint(["program_id", "member_id"], ["members.program_id", "members.member_id"]),
        Index("ix_member_identities_member", "program_id", "member_id"),
    )
