"""Holds, orders and returns.

A hold reserves points; it is not a ledger entry. It counts as held while
``status = 'held' AND expires_at > now``, so an unreleased hold gives its points
back at ``expires_at`` without any job. Orders and returns are the natural keys
that make checkout writes exactly-once (``order_id``, ``return_id``).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Index, Numeric, String, Uuid, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base

MONEY = Numeric(19, 4)
# 1.00 of an order's currency in the program currency (the program setting ``currencies``).
RATE = Numeric(19, 10)


class Hold(Base):
    __tablename__ = "holds"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    hold_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128))
    points: Mapped[int] = mapped_column(BigInteger)
    order_id: Mapped[str | None] = mapped_column(String(128))
    # held | captured | released; "expired" is read off expires_at, never stored.
    status: Mapped[str] = mapped_column(String(16))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    captured_by: Mapped[str | None] = mapped_column(String(128))

    __table_args__ = (
        CheckConstraint("points > 0", name="points_positive"),
        CheckConstraint("status IN ('held', 'captured', 'released')", name="status_known"),
        CheckConstraint("(status = 'captured') = (captured_by IS NOT NULL)", name="captured_names_order"),
        Index("ix_holds_member_active", "program_id", "member_id", "expires_at",
              postgresql_where=text("status = 'held'")),
        # order_id is a hold's natural key: one hold per order (SPEC §4).
        Index("ux_holds_order", "program_id", "order_id", unique=True,
              postgresql_where=text("order_id IS NOT NULL")),
    )


class Order(Base):
    __tablename__ = "orders"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    order_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    paid_amount: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    earned_points: Mapped[int] = mapped_column(BigInteger)
    redeemed_points: Mapped[int] = mapped_column(BigInteger)
    discount_amount: Mapped[Decimal] = mapped_column(MONEY)
    returned_amount: Mapped[Decimal] = mapped_column(MONEY)
    status: Mapped[str] = mapped_column(String(24))
    hold_id: Mapped[str | None] = mapped_column(String(64))
    placed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    points_available_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Fingerprint of the request's content: a retry must match it (else duplicate_order).
    request_hash: Mapped[str] = mapped_column(String(64))
    # An order in another listed currency: the money columns above are in the program
    # currency (what tiers, referrals and returns count); these keep the rate it was
    # converted at, for good, and what the customer was shown in the order's currency.
    # All NULL for an order in the program currency.
    exchange_rate: Mapped[Decimal | None] = mapped_column(RATE)
    currency_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    currency_discount_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    currency_returned_amount: Mapped[Decimal | None] = mapped_column(MONEY)

    __table_args__ = (
        CheckConstraint("status IN ('completed', 'partially_returned', 'returned', 'cancelled')",
                        name="status_known"),
        # Either all four are NULL or all are set and sane (coalesce: a NULL among them must fail, not pass).
        CheckConstraint("CASE WHEN exchange_rate IS NULL"
                        " THEN num_nonnulls(currency_amount, currency_discount_amount, currency_returned_amount) = 0"
                        " ELSE coalesce(exchange_rate > 0 AND currency_amount > 0"
                        " AND currency_discount_amount BETWEEN 0 AND currency_amount"
                        " AND currency_returned_amount BETWEEN 0 AND currency_amount, false) END",
                        name="converted_sane"),
        CheckConstraint("amount > 0 AND paid_amount >= 0 AND paid_amount <= amount", name="amounts_sane"),
        CheckConstraint("returned_amount >= 0 AND returned_amount <= amount", name="returned_within_amount"),
        CheckConstraint("earned_points >= 0 AND redeemed_points >= 0", name="points_not_negative"),
        Index("ix_orders_member_placed", "program_id", "member_id", "placed_at"),
    )


class OrderReturn(Base):
    __tablename__ = "order_returns"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    order_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    return_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    lines: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB)
    points_reversed: Mapped[int] = mapped_column(BigInteger)
    points_refunded: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    request_hash: Mapped[str] = mapped_column(String(64))
    # The return's amount in its order's currency (NULL when that is the program currency).
    currency_amount: Mapped[Decimal | None] = mapped_column(MONEY)

    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("currency_amount >= 0", name="currency_amount_not_negative"),
        CheckConstraint("points_reversed >= 0 AND points_refunded >= 0", name="points_not_negative"),
    )
