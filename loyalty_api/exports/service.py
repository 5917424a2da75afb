"""Streamed exports of every member's balance and of the ledger.

Each export runs in a session of its own (the request's transaction ends before the
body is sent), in one REPEATABLE READ, read-only transaction: every line is as of the
same instant, the transaction's start (``as_of``), however long the stream takes. Rows
come through a server-side cursor in batches, so memory stays at one batch whatever
the program's size.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Iterator

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from loyalty_api.programs.service import get_program
from loyalty_api.segments.service import segment_query
from loyalty_api.sql import compose

BATCH = 2000

_ENTRIES = """
SELECT entry_id, member_id, type, points, created_at, order_id, return_id, rule_id, reason, actor,
       available_at, expires_at, lot_id
  FROM ledger_entries
 WHERE program_id = :program_id {window}
 ORDER BY entry_id
"""


def _snapshot(session: Session) -> datetime:
    session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    session.execute(text("SET TRANSACTION READ ONLY"))
    # A whole program takes minutes, and a slow reader leaves the transaction idle
    # between fetches: the request's budgets do not apply to a stream.
    session.execute(text("SET LOCAL statement_timeout = '30min'"))
    session.execute(text("SET LOCAL idle_in_transaction_session_timeout = '10min'"))
    return session.execute(text("SELECT now()")).scalar_one()


def _rows(session: Session, sql: str, params: dict[str, Any]) -> Iterator[Any]:
    result = session.execute(text(sql).execution_options(yield_per=BATCH), params)
    try:
        yield from result
    finally:
        result.close()


def balance_items(session_factory: sessionmaker[Session], program_id: uuid.UUID) -> Iterator[dict[str, Any]]:
    """Every member's figures (erased members left out), in member-id order; the
    figures are those of the balance read and the segments, as of ``as_of``."""
    with session_factory() as session:
        as_of = _snapshot(session)
        query = segment_query(get_program(session, program_id), {}, as_of)
        for row in _rows(session, query.sql, query.params):
            yield {"member_id": row.member_id, "available": int(row.available), "pending": int(row.pending),
                   "held": int(row.held), "debt": int(row.debt), "lifetime_earned": int(row.lifetime_earned),
                   "tier": row.tier, "vip": bool(row.vip), "last_activity_at": row.last_activity_at,
                   "enrolled_at": row.enrolled_at, "as_of": as_of}
        session.rollback()


def entry_items(session_factory: sessionmaker[Session], program_id: uuid.UUID, since: datetime | None,
                until: datetime | None) -> Iterator[dict[str, Any]]:
    """Every ledger entry created in [since, until), oldest first (by id)."""
    window = (" AND created_at >= :since" if since else "") + (" AND created_at < :until" if until else "")
    with session_factory() as session:
        _snapshot(session)
        for row in _rows(session, compose(_ENTRIES, window=window),
                         {"program_id": program_id, "since": since, "until": until}):
            credit = row.points > 0
            yield {"id": row.entry_id, "member_id": row.member_id, "type": row.type, "points": int(row.points),
                   "created_at": row.created_at, "order_id": row.order_id, "return_id": row.return_id,
                   "rule_id": row.rule_id, "reason": row.reason, "actor": row.actor,
                   "available_at": row.available_at if credit else None,
                   "expires_at": row.expires_at if credit else None, "lot_id": row.lot_id}
        session.rollback()
