"""One row per transfer between two members.

The points themselves move in the ledger: one ``transfer_out`` entry on the sender
(``out_entry_id``; its ``lot_draws`` say which lots gave what) and one
``transfer_in`` entry per source lot on the receiver (``in_entry_ids``), each the
crediting entry of a new lot with the source lot's ``expires_at``. This row is what
the monthly limit counts (``ix_member_transfers_sender``) and what the transfer
lists answer; it is written in the same transaction as the entries.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ARRAY, BigInteger, CheckConstraint, DateTime, ForeignKeyConstraint, Identity, Index, \
    String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base


class MemberTransfer(Base):
    __tablename__ = "member_transfers"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    transfer_id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    from_member_id: Mapped[str] = mapped_column(String(128))
    to_member_id: Mapped[str] = mapped_column(String(128))
    points: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str | None] = mapped_column(Text)
    # ``client`` (members:write) or ``member`` (a member token, /v1/me/transfers).
    initiated_by: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    out_entry_id: Mapped[int] = mapped_column(BigInteger)
    in_entry_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger))

    __table_args__ = (
        CheckConstraint("points > 0", name="points_positive"),
        CheckConstraint("from_member_id <> to_member_id", name="not_to_self"),
        CheckConstraint("initiated_by IN ('client', 'member')", name="initiated_by_known"),
        CheckConstraint("cardinality(in_entry_ids) >= 1", name="has_credits"),
        ForeignKeyConstraint(["program_id", "from_member_id"], ["members.program_id", "members.member_id"],
                             name="fk_member_transfers_from_member"),
        ForeignKeyConstraint(["program_id", "to_member_id"], ["members.program_id", "members.member_id"],
                             name="fk_member_transfers_to_member"),
        ForeignKeyConstraint(["program_id", "out_entry_id"], ["ledger_entries.program_id", "ledger_entries.entry_id"],
                             name="fk_member_transfers_out_entry"),
        # The monthly limit sums a sender's transfers of the month; the lists page by id.
        Index("ix_member_transfers_sender", "program_id", "from_member_id", "created_at"),
        Index("ix_member_transfers_receiver", "program_id", "to_member_id", "transfer_id"),
        Index("uq_member_transfers_out_entry", "program_id", "out_entry_id", unique=True),
    )
