"""Earning rules, member events and the awards that count against caps.

A rule is never deleted: DELETE deactivates it, so ledger entries that name its
``rule_id`` keep pointing at something. ``member_events`` makes each event exactly
once per (member, ``event_id``) and keeps the first answer for replays.
``rule_awards`` holds one row per event rule that awarded points; a cap counts the
rows of its period by ``awarded_at``, the time the service recorded the award (the
caller's ``occurred_at`` is kept for reading, never trusted for caps). Purchase rules are counted
from the ledger (entries that name the rule and an order).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (ARRAY, Boolean, CheckConstraint, DateTime, Index, Integer, Numeric, String, Text,
                        Uuid, extract, func)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base
from loyalty_api.members.models import Member


class EarningRule(Base):
    __tablename__ = "earning_rules"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    event_type: Mapped[str | None] = mapped_column(String(64))
    points: Mapped[int | None] = mapped_column(Integer)
    multiplier: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))
    points_per_unit: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))
    skus: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    categories: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list)
    min_order_amount: Mapped[Decimal | None] = mapped_column(Numeric(19, 4))
    tiers: Mapped[list[str] | None] = mapped_column(ARRAY(Text))
    valid_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    valid_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cap_count: Mapped[int | None] = mapped_column(Integer)
    cap_period: Mapped[str | None] = mapped_column(String(16))
    expires_in_days: Mapped[int | None] = mapped_column(Integer)
    # Event rules: grant this reward's coupon instead of points (rewards feature).
    reward_id: Mapped[str | None] = mapped_column(String(64))
    # Across all members: at most budget_points per budget_period (budgets feature).
    budget_points: Mapped[int | None] = mapped_column(Integer)
    budget_period: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        CheckConstraint("kind IN ('purchase', 'event')", name="kind_known"),
        CheckConstraint("kind <> 'event' OR (event_type IS NOT NULL AND (points > 0 OR reward_id IS NOT NULL))",
                        name="event_has_points"),
        CheckConstraint("kind <> 'purchase' OR (multiplier IS NULL) <> (points_per_unit IS NULL)",
                        name="purchase_has_one_rate"),
        CheckConstraint("(cap_count IS NULL) = (cap_period IS NULL)", name="cap_complete"),
        CheckConstraint("valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until",
                        name="window_ordered"),
        CheckConstraint("(budget_points IS NULL) = (budget_period IS NULL) AND "
                        "(budget_points IS NULL OR budget_points > 0)", name="budget_complete"),
        Index(None, "program_id", "kind", "event_type", postgresql_where="active"),
    )


class MemberEvent(Base):
    __tablename__ = "member_events"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    type: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attributes: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    request_hash: Mapped[str] = mapped_column(String(64))
    response: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class RuleAward(Base):
    __tablename__ = "rule_awards"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    awarded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    points: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (Index(None, "program_id", "member_id", "rule_id", "awarded_at"),)


# The birthday job looks members up by month and day (declared here, on the members
# table, so that the schema and the migrations agree).
Index("ix_members_birthday_month_day", Member.program_id, extract("month", Member.birthday),
      extract("day", Member.birthday), postgresql_where=Member.birthday.isnot(None))
