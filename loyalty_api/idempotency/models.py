"""One row per (program, caller, key, method, path): the first final response to replay.

``caller`` is who sent the request (the client, and for a member token also the
member), so one caller's key never replays another's answer. ``member_id`` is the
member the answer concerns, when there is one: erasure finds the member's stored
answers by it (an index), never by reading every body.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, LargeBinary, String, Text, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_keys"

    # Platform-admin calls have no program; they are keyed under the nil UUID.
    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    caller: Mapped[str] = mapped_column(String(200), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    method: Mapped[str] = mapped_column(String(8), primary_key=True)
    path: Mapped[str] = mapped_column(Text, primary_key=True)
    member_id: Mapped[str | None] = mapped_column(String(128))
    request_hash: Mapped[str] = mapped_column(String(64))
    response_status: Mapped[int] = mapped_column(Integer)
    response_body: Mapped[bytes] = mapped_column(LargeBinary)
    response_content_type: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)

    __table_args__ = (
        Index("ix_idempotency_keys_member", "program_id", "member_id", postgresql_where=member_id.isnot(None)),
    )
