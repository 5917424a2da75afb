"""Webhook subscriptions and their deliveries.

Design: the outbox (``events.models.OutboxEvent``) is the source of truth and is never
pruned. The worker fans each outbox event out once (marking ``dispatched_at``) into
one ``WebhookDelivery`` per matching subscription, then delivers those rows. A
delivery is ``pending`` until it succeeds or runs out of retries (``failed``), or its
webhook is deleted (``cancelled``). A worker claims a pending delivery by writing a
lease (``lease_token``, ``lease_until``) and commits before making the HTTP call; if it
dies, the lease runs out and another worker takes the delivery again (at least once).
Per-member order: a fan-out delivery is not claimed while an earlier one (lower
``event_seq``) of the same member to the same webhook is still pending.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (ARRAY, BigInteger, CheckConstraint, DateTime, Index, Integer, SmallInteger,
                        String, Text, Uuid, func, text)
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base

DELIVERY_STATUSES = ("pending", "succeeded", "failed", "cancelled")


class Webhook(Base):
    __tablename__ = "webhooks"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    webhook_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    url: Mapped[str] = mapped_column(Text)
    event_types: Mapped[list[str]] = mapped_column(ARRAY(Text))
    # Fernet tokens (webhooks.crypto), never the plain secret.
    secret_sealed: Mapped[str] = mapped_column(Text)
    previous_secret_sealed: Mapped[str | None] = mapped_column(Text)
    previous_secret_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set by the first failed attempt after a success; a subscription failing every
    # attempt for DISABLE_AFTER (webhooks.rules) is disabled.
    failing_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Disabled (410, or failing for days): nothing is fanned out to it or sent until re-enabled.
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    disabled_reason: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        Index("ix_webhooks_active", "program_id", "created_at", "webhook_id",
              postgresql_where=text("deleted_at IS NULL")),
    )


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    delivery_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    webhook_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    event_seq: Mapped[int] = mapped_column(BigInteger)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    event_type: Mapped[str] = mapped_column(String(64))
    member_id: Mapped[str | None] = mapped_column(String(128))
    redelivery_of: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    lease_token: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status_code: Mapped[int | None] = mapped_column(SmallInteger)
    last_error: Mapped[str | None] = mapped_column(String(200))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The give-up clock starts here, not at creation: a backlog that waited for the
    # worker does not count against the receiver.
    first_failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        CheckConstraint("status IN ('pending', 'succeeded', 'failed', 'cancelled')", name="status_known"),
        # One fan-out delivery per event and webhook; redeliveries are extra rows.
        Index("uq_webhook_deliveries_fan_out", "program_id", "webhook_id", "event_seq", unique=True,
              postgresql_where=text("redelivery_of IS NULL")),
        # The worker's scan for due work.
        Index("ix_webhook_deliveries_due", "next_attempt_at", "event_seq", postgresql_where=text("status = 'pending'")),
        # The claim's per-program walk (the per-program cap).
        Index("ix_webhook_deliveries_due_by_program", "program_id", "next_attempt_at", "event_seq",
              postgresql_where=text("status = 'pending'")),
        # The claim's count of a program's leased deliveries (few: results clear the lease).
        Index("ix_webhook_deliveries_leased", "program_id", "lease_until",
              postgresql_where=text("status = 'pending' AND lease_token IS NOT NULL")),
        # The per-member ordering check.
        Index("ix_webhook_deliveries_member_pending", "program_id", "webhook_id", "member_id", "event_seq",
              postgresql_where=text("status = 'pending' AND redelivery_of IS NULL")),
        # The delivery log, newest first.
        Index("ix_webhook_deliveries_log", "program_id", "webhook_id", "created_at", "delivery_id"),
    )


class WebhookDeliveryCount(Base):
    """Attempts per outcome since the start, per program: monotonic counters for ``/metrics``
    that survive the pruning of the delivery log (the worker adds once per cycle)."""

    __tablename__ = "webhook_delivery_counts"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (
        CheckConstraint("outcome IN ('succeeded', 'retrying', 'failed')", name="outcome_known"),
        CheckConstraint("count >= 0", name="count_not_negative"),
    )
