"""Liveness marks of the background processes, for ``/metrics``.

``loyalty-api jobs run`` marks each step it finished (``jobs:<step>``) and the webhook
worker marks each cycle (``worker:webhooks``). The processes run apart from the API,
often on other hosts, so the marks live in the database, where any API process
answering a scrape reads them. The table holds no tenant data: one row per name,
fleet-wide (hence no ``program_id``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, text
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from loyalty_api.db import Base, unit_of_work

WEBHOOK_WORKER = "worker:webhooks"


class Heartbeat(Base):
    __tablename__ = "heartbeats"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    succeeded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


_BEAT = text("""
INSERT INTO heartbeats (name, succeeded_at, failed_at)
VALUES (:name, CASE WHEN :ok THEN now() END, CASE WHEN :ok THEN NULL ELSE now() END)
ON CONFLICT (name) DO UPDATE
SET succeeded_at = CASE WHEN :ok THEN now() ELSE heartbeats.succeeded_at END,
    failed_at = CASE WHEN :ok THEN heartbeats.failed_at ELSE now() END
""")


def job_name(step: str) -> str:
    return f"jobs:{step}"


def beat(session_factory: sessionmaker[Session], name: str, ok: bool = True) -> None:
    """Record a success (or a failure) of ``name`` now, on the database's clock."""
    with unit_of_work(session_factory) as uow:
        uow.session.execute(_BEAT, {"name": name, "ok": ok})
        uow.commit()
