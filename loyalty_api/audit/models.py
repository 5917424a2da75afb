"""``audit_entries``: one row per audited change, never updated nor deleted.

The primary key leads with ``program_id`` (the distribution column on Citus); the
index serves the list, newest first. A trigger (migration 0023) refuses every UPDATE
and DELETE, so append-only holds whatever code runs against the table.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Index, String, Uuid, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    entry_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[str] = mapped_column(String(320))
    request_id: Mapped[str | None] = mapped_column(String(128))
    changes: Mapped[dict[str, Any]] = mapped_column(JSONB)

    __table_args__ = (
        CheckConstraint("action ~ '^[a-z_]+\\.[a-z_]+$'", name="action_shape"),
        Index("ix_audit_entries_at", "program_id", "at", "entry_id"),
    )
