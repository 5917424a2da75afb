"""What the burning job remembers between runs.

* ``expiry_lot_notices``: one row per lot and announcement (``activated``,
  ``expiring``). Its primary key is what makes "announced once per lot" hold when
  two replicas run the job at once: both insert, one wins, the other's
  ``ON CONFLICT DO NOTHING`` returns nothing and emits nothing.
* ``expiry_hold_notices``: the same for ``hold.expired``.
* ``expiry_progress``: per-program watermarks so the announcement steps look only
  at lots and holds that became due since the last run, not the whole history. They are an optimisation, never the
  source of truth: burning is exactly-once because a burned lot has
  ``remaining = 0`` (and the ledger's unique index allows one ``expire`` per lot).
  ``inactive_through`` is the cutoff of the last complete inactivity burn, which
  the analytics summary uses to look only at members who came due since.

Lots and balances belong to the ledger (``loyalty_api.ledger.models``); there are
no foreign keys to them. The indexes the job's scans need on those tables are
declared here (and created by migration 0007) because only this feature reads them.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Index, String, Uuid, func, text
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base
from loyalty_api.checkout.models import Hold
from loyalty_api.ledger.models import BalanceRow, Lot

NOTICE_KINDS = ("activated", "expiring")


class LotNotice(Base):
    __tablename__ = "expiry_lot_notices"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    lot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (CheckConstraint("kind IN ('activated', 'expiring')", name="kind_known"),)


class HoldNotice(Base):
    """A ``hold.expired`` announcement, once per hold (the hold row itself is not changed)."""

    __tablename__ = "expiry_hold_notices"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    hold_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ExpiryProgress(Base):
    __tablename__ = "expiry_progress"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    # Lots that became available before this instant have been announced.
    activated_through: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Holds that ran out before this instant have been announced.
    holds_through: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A run of the inactivity burn with this cutoff, at ``inactive_burned_at``, claimed
    # every due member: no member inactive since before the cutoff keeps a lot that
    # became available before it (analytics counts only what came due since).
    inactive_through: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    inactive_burned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


# Activation announcements look only at lots that were born pending; the analytics
# summary sums the pending ones from the index alone (migration 0010 added INCLUDE:
# no extra index writes, every change of such a lot already updates this index).
Index("ix_lots_pending_born", Lot.program_id, Lot.available_at,
      postgresql_where=text("available_at > created_at"), postgresql_include=["remaining", "expires_at"])
# The inactivity burn walks members by last activity.
Index("ix_balances_last_activity", BalanceRow.program_id, BalanceRow.last_activity_at)
# Expired-hold announcements scan unreleased holds by expiry.
Index("ix_holds_held_expiry", Hold.program_id, Hold.expires_at, postgresql_where=text("status = 'held'"))
