"""The points ledger: append-only entries, the lots credits create, and a balance row.

Design overview
---------------
* ``ledger_entries`` is append-only: every movement is one signed, typed row and a
  correction is a new row. A CHECK ties the sign of ``points`` to the ``type``.
* Every credit creates one lot (``lot_id`` = the credit's ``entry_id``) with its
  own ``available_at`` (end of the pending period) and ``expires_at``. Debits lower
  the ``remaining`` of lots, soonest-expiring first; a CHECK keeps it within
  ``0..points``.
* ``balances`` holds what cannot be read off the lots: ``debt`` (points owed after
  a return under ``allow_negative``), ``lifetime_earned`` and ``last_activity_at``.
  Its row is also the member's lock: every change to a member's entries, lots or
  holds takes it first. Available and pending are computed from the lots against
  ``now`` at read time, so nothing depends on a job having run.

* ``lot_draws`` records what each debit took from each lot, so that a refund keeps
  the expiry of the lots its points were spent from.

The invariant (SPEC §3 rule 1), checked by ``service.verify_ledger``:
``sum(entries.points) == sum(lots.remaining) - balances.debt`` per member.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (BigInteger, Boolean, CheckConstraint, DateTime, ForeignKeyConstraint, Identity, Index,
                        String, Text, Uuid, text)
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base

_SIGN_BY_TYPE = (
    "(type IN ('earn', 'bonus', 'referral', 'refund', 'transfer_in', 'import') AND points > 0)"
    " OR (type IN ('redeem', 'reverse', 'expire', 'transfer_out') AND points < 0)"
    " OR (type = 'adjust' AND points <> 0)"
)


class LedgerEntry(Base):
    __tablename__ = "ledger_entries"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    entry_id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128))
    type: Mapped[str] = mapped_column(String(16))
    points: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    order_id: Mapped[str | None] = mapped_column(String(128))
    return_id: Mapped[str | None] = mapped_column(String(128))
    hold_id: Mapped[str | None] = mapped_column(String(64))
    lot_id: Mapped[int | None] = mapped_column(BigInteger)
    rule_id: Mapped[str | None] = mapped_column(String(128))
    event_id: Mapped[str | None] = mapped_column(String(128))
    reason: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str | None] = mapped_column(String(128))
    available_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint(_SIGN_BY_TYPE, name="points_sign_by_type"),
        CheckConstraint("(points > 0) = (available_at IS NOT NULL)", name="credits_have_available_at"),
        CheckConstraint("type <> 'expire' OR lot_id IS NOT NULL", name="expire_names_lot"),
        Index("ix_ledger_entries_member", "program_id", "member_id", text("entry_id DESC")),
        Index("ix_ledger_entries_order", "program_id", "order_id", postgresql_where=text("order_id IS NOT NULL")),
        # Natural keys: one earn per order, one entry per rule per order, one reverse
        # and one refund per return, one expire per lot, one entry per rule per event.
        Index("uq_ledger_entries_order_earn", "program_id", "order_id", unique=True,
              postgresql_where=text("type = 'earn' AND order_id IS NOT NULL")),
        Index("uq_ledger_entries_order_rule", "program_id", "order_id", "rule_id", unique=True,
              postgresql_where=text("type = 'bonus' AND order_id IS NOT NULL AND rule_id IS NOT NULL")),
        Index("uq_ledger_entries_return", "program_id", "order_id", "return_id", "type", unique=True,
              postgresql_where=text("return_id IS NOT NULL AND type <> 'refund'")),
        # A return's refund is one entry per lot its points were spent from (``lot_id``
        # names that lot, NULL for points spent before draws were recorded).
        Index("uq_ledger_entries_refund", "program_id", "order_id", "return_id", "lot_id", unique=True,
              postgresql_nulls_not_distinct=True,
              postgresql_where=text("return_id IS NOT NULL AND type = 'refund'")),
        Index("uq_ledger_entries_expire_lot", "program_id", "lot_id", unique=True,
              postgresql_where=text("type = 'expire'")),
        Index("uq_ledger_entries_event_rule", "program_id", "member_id", "event_id", "rule_id", unique=True,
              postgresql_where=text("event_id IS NOT NULL AND rule_id IS NOT NULL")),
    )


class Lot(Base):
    __tablename__ = "lots"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    lot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128))
    entry_id: Mapped[int] = mapped_column(BigInteger)
    points: Mapped[int] = mapped_column(BigInteger)
    remaining: Mapped[int] = mapped_column(BigInteger)
    available_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    order_id: Mapped[str | None] = mapped_column(String(128))

    __table_args__ = (
        CheckConstraint("points > 0", name="points_positive"),
        CheckConstraint("remaining >= 0 AND remaining <= points", name="remaining_within_points"),
        CheckConstraint("lot_id = entry_id", name="lot_is_its_entry"),
        ForeignKeyConstraint(["program_id", "entry_id"], ["ledger_entries.program_id", "ledger_entries.entry_id"]),
        # Spending order per member, and the burning job's scan by expiry.
        Index("ix_lots_member_open", "program_id", "member_id", "expires_at",
              postgresql_where=text("remaining > 0")),
        Index("ix_lots_expiring", "program_id", "expires_at", postgresql_where=text("remaining > 0")),
    )


class LotDraw(Base):
    """What one debit took from one lot, written by the statement that spends: a
    refund gives points back with the expiry of the lots they came from."""

    __tablename__ = "lot_draws"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    entry_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    lot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    points: Mapped[int] = mapped_column(BigInteger)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint("points > 0", name="points_positive"),
        ForeignKeyConstraint(["program_id", "entry_id"], ["ledger_entries.program_id", "ledger_entries.entry_id"]),
    )


class BalanceRow(Base):
    __tablename__ = "balances"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    debt: Mapped[int] = mapped_column(BigInteger, default=0)
    lifetime_earned: Mapped[int] = mapped_column(BigInteger, default=0)
    last_activity_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The member was merged into another: the lock statement no longer answers this
    # row, so a write that waited for it during the merge finds no member to write to.
    merged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))

    __table_args__ = (
        CheckConstraint("debt >= 0", name="debt_not_negative"),
        ForeignKeyConstraint(["program_id", "member_id"], ["members.program_id", "members.member_id"]),
    )
