"""Rewards (the catalogue) and coupons (what a claim or an event rule issues).

Design overview
---------------
* A reward is never deleted: DELETE deactivates it, so coupons keep naming it.
  ``stock`` is what is left to claim (``NULL``: unlimited); claims take one under
  the reward's row lock, a CHECK keeps it from going below zero.
* A coupon copies the reward's terms (``kind``, ``value``, ``sku``) when issued: a
  later change of the reward does not change what a coupon in a customer's hands
  is worth. ``points_spent`` is what its claim cost (0 for an event rule's grant),
  the amount a cancel or an expiry with ``rewards.refund_expired`` gives back.
* Locking order: the member's ledger lock (``ledger.lock_member``) first, as for
  every points writer. A claim then locks the reward row (stock, limit) and inserts
  the coupon; cancel and expiry lock the coupon row and give stock back with one
  atomic ``UPDATE`` of the reward. No path holds a reward row while it waits for a
  coupon row, so the orders cannot cross.
* ``code`` is unguessable (``rules.new_coupon_code``) and unique per program.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (ARRAY, BigInteger, Boolean, CheckConstraint, DateTime, Index, Integer, Numeric,
                        String, Text, Uuid, func, text)
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base

MONEY = Numeric(19, 4)


class Reward(Base):
    __tablename__ = "rewards"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    reward_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(24))
    value: Mapped[Decimal | None] = mapped_column(MONEY)
    sku: Mapped[str | None] = mapped_column(String(200))
    cost_points: Mapped[int] = mapped_column(BigInteger)
    stock: Mapped[int | None] = mapped_column(BigInteger)
    limit_per_member: Mapped[int | None] = mapped_column(Integer)
    tiers: Mapped[list[str] | None] = mapped_column(ARRAY(Text))
    valid_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    valid_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    coupon_valid_days: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        CheckConstraint("kind IN ('discount_amount', 'discount_percent', 'free_delivery', 'gift')",
                        name="kind_known"),
        CheckConstraint("cost_points >= 0", name="cost_not_negative"),
        CheckConstraint("stock IS NULL OR stock >= 0", name="stock_not_negative"),
        CheckConstraint("kind <> 'gift' OR sku IS NOT NULL", name="gift_has_sku"),
        CheckConstraint("kind NOT IN ('discount_amount', 'discount_percent') OR value > 0", name="discount_has_value"),
        CheckConstraint("valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until",
                        name="window_ordered"),
    )


class Coupon(Base):
    __tablename__ = "coupons"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128))
    reward_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(24))
    value: Mapped[Decimal | None] = mapped_column(MONEY)
    sku: Mapped[str | None] = mapped_column(String(200))
    # active | used | expired | cancelled; "expired" is also read off expires_at.
    status: Mapped[str] = mapped_column(String(16))
    points_spent: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(16))  # claim | rule
    rule_id: Mapped[str | None] = mapped_column(String(64))
    event_id: Mapped[str | None] = mapped_column(String(128))
    redeem_entry_id: Mapped[int | None] = mapped_column(BigInteger)
    refund_entry_id: Mapped[int | None] = mapped_column(BigInteger)
    order_id: Mapped[str | None] = mapped_column(String(128))
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint("status IN ('active', 'used', 'expired', 'cancelled')", name="status_known"),
        CheckConstraint("source IN ('claim', 'rule')", name="source_known"),
        CheckConstraint("points_spent >= 0", name="points_not_negative"),
        CheckConstraint("(status = 'used') = (order_id IS NOT NULL)", name="used_names_order"),
        # Newest first per member (lists), claims per member and reward (limits).
        Index("ix_coupons_member", "program_id", "member_id", text("issued_at DESC"), text("code DESC")),
        Index("ix_coupons_member_reward", "program_id", "member_id", "reward_id"),
        Index("ix_coupons_due", "program_id", "expires_at", postgresql_where=text("status = 'active'")),
        # An event rule grants its coupon once per member and event.
        Index("uq_coupons_event_rule", "program_id", "member_id", "event_id", "rule_id", unique=True,
              postgresql_where=text("event_id IS NOT NULL")),
    )
