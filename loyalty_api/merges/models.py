"""One row per merge, keyed by the source: a member is merged away at most once.

``moved`` is the answer of the merge (what moved, in counts and points), replayed
when the same merge is asked for again.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Index, String, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from loyalty_api.db import Base


class MemberMerge(Base):
    __tablename__ = "member_merges"

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    source_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    target_id: Mapped[str] = mapped_column(String(128))
    merged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str | None] = mapped_column(String(128))
    moved: Mapped[dict[str, Any]] = mapped_column(JSONB)

    __table_args__ = (
        CheckConstraint("source_id <> target_id", name="not_itself"),
        Index("ix_member_merges_target", "program_id", "target_id"),
    )
