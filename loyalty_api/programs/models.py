"""Programs and API clients.

A program is one merchant's loyalty program (a tenant); all other tables carry
``program_id``. Settings live in one JSONB document validated by
``programs.schemas.SettingsSchema`` on every write, so reads can trust it.
Client secrets are random 256-bit tokens; only their SHA-256 is stored (a slow
password hash buys nothing for secrets that cannot be guessed).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (ARRAY, Boolean, CheckConstraint, DateTime, ForeignKey, Integer, Interval, String, Text, Uuid,
                        Index, func, text)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base


class Program(Base):
    __tablename__ = "programs"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(3))
    settings: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # ``test`` programs have a clock of their own: real time + ``clock_offset`` (clock/).
    mode: Mapped[str] = mapped_column(String(4), server_default=text("'live'"))
    clock_offset: Mapped[timedelta] = mapped_column(Interval, server_default=text("interval '0'"))

    __table_args__ = (CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso4217"),
                      CheckConstraint("mode IN ('live', 'test')", name="mode_known"),
                      CheckConstraint("clock_offset >= interval '0'", name="clock_offset_forward"),
                      CheckConstraint("mode = 'test' OR clock_offset = interval '0'", name="live_has_no_clock"),
                      Index("ix_programs_shifted_clock", "program_id",
                            postgresql_where=text("clock_offset > interval '0'")))


class ApiClient(Base):
    __tablename__ = "api_clients"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # NULL only for platform administrators, who belong to no program.
    program_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("programs.program_id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    secret_hash: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(Text))
    platform_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Tokens carry the version they were issued under (``ver``); raising it cuts off
    # every token issued before. Revocation raises it. Replicas see it within
    # TOKEN_REVOCATION_CHECK_SECONDS (http/revocation.py).
    token_version: Mapped[int] = mapped_column(Integer, server_default=text("0"))

    __table_args__ = (
        CheckConstraint("platform_admin = (program_id IS NULL)", name="platform_admin_has_no_program"),
        # The clients whose tokens were ever cut off: what every process reloads.
        Index("ix_api_clients_cut_off", "client_id",
              postgresql_where=text("token_version > 0 OR revoked_at IS NOT NULL")),
    )
