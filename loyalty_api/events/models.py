"""Outbox rows. ``seq`` orders events; delivery (``webhooks``) reads them in order.

Rows are never deleted: they are the audit trail. ``dispatched_at`` is the only
column written after the insert: the webhook worker sets it when it has fanned the
event out to the subscriptions (a partial index keeps the not-yet-dispatched rows
cheap to find however long the table grows).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Identity, Index, String, UniqueConstraint, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base


class OutboxEvent(Base):
    __tablename__ = "outbox_events"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, default=uuid.uuid4)
    type: Mapped[str] = mapped_column(String(64))
    member_id: Mapped[str | None] = mapped_column(String(128))
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint("program_id", "event_id"),
        Index(None, "program_id", "type", "created_at"),
        Index("ix_outbox_events_undispatched", "seq", postgresql_where=text("dispatched_at IS NULL")),
    )
