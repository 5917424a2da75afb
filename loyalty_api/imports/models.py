"""An import's rows: the import, its chunks, its per-line errors, the imported lots'
natural keys and the tier metric members brought along.

Design overview
---------------
* ``imports``: one per ``POST /v1/imports``; ``open`` until completed.
* ``import_chunks``: one per distinct chunk body (keyed by its SHA-256 digest), with
  the answer's figures; a retried chunk finds its row and answers it again, so the
  counts of ``complete`` add each chunk once.
* ``import_errors``: the refused lines, by chunk number and line number.
* ``import_lots``: the natural key (program, member, ``lot_ref``) of every imported
  lot, pointing at its ``import`` ledger entry; the primary key makes a lot credited
  once, whichever chunk or import sends it again.
* ``imported_metrics``: the tier metric the old system had counted for a member,
  added to the metric the service counts (``tiers.metrics``).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (BigInteger, Boolean, CheckConstraint, DateTime, ForeignKeyConstraint, Index, Integer,
                        Numeric, String, Text, UniqueConstraint, Uuid, text)
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base


class Import(Base):
    __tablename__ = "imports"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    import_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    dry_run: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str | None] = mapped_column(String(128))
    # Chunks received so far: numbers them, and its row lock orders a chunk's end
    # against ``complete``.
    chunks: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint("kind IN ('members')", name="kind_known"),
        CheckConstraint("status IN ('open', 'completed')", name="status_known"),
        CheckConstraint("(status = 'completed') = (completed_at IS NOT NULL)", name="completed_has_time"),
    )


class ImportChunk(Base):
    __tablename__ = "import_chunks"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    import_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    chunk: Mapped[int] = mapped_column(Integer)
    accepted: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    members: Mapped[int] = mapped_column(Integer)
    lots: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        ForeignKeyConstraint(["program_id", "import_id"], ["imports.program_id", "imports.import_id"]),
        UniqueConstraint("program_id", "import_id", "chunk"),
    )


class ImportLineError(Base):
    __tablename__ = "import_errors"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    import_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    chunk: Mapped[int] = mapped_column(Integer, primary_key=True)
    line: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[str | None] = mapped_column(String(128))
    code: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        ForeignKeyConstraint(["program_id", "import_id"], ["imports.program_id", "imports.import_id"]),
    )


class ImportedLot(Base):
    __tablename__ = "import_lots"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    lot_ref: Mapped[str] = mapped_column(String(128), primary_key=True)
    import_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    entry_id: Mapped[int] = mapped_column(BigInteger)
    points: Mapped[int] = mapped_column(BigInteger)
    available_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        # No foreign key to the entry: written by the same statement, and the lot's
        # own key names it (see migration 0018).
        Index("ix_import_lots_import", "program_id", "import_id"),
    )


class ImportedMetric(Base):
    __tablename__ = "imported_metrics"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    member_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    metric: Mapped[str] = mapped_column(String(16))
    value: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    counted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    import_id: Mapped[uuid.UUID] = mapped_column(Uuid)

    __table_args__ = (
        CheckConstraint("value >= 0", name="value_not_negative"),
        ForeignKeyConstraint(["program_id", "member_id"], ["members.program_id", "members.member_id"]),
    )
