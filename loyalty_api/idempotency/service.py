"""Claim, look up and store idempotency records inside the caller's transaction."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

import orjson
from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from loyalty_api.errors import IdempotencyConflict, RequestInProgress
from loyalty_api.idempotency.models import IdempotencyRecord

NIL_PROGRAM = uuid.UUID(int=0)


def request_fingerprint(body: bytes) -> str:
    """Same JSON with other spacing or key order is the same request."""
    try:
        canonical = orjson.dumps(orjson.loads(body or b"null"), option=orjson.OPT_SORT_KEYS)
    except orjson.JSONDecodeError:
        canonical = body
    return hashlib.sha256(canonical).hexdigest()


def claim(session: Session, program_id: uuid.UUID | None, key: str, method: str, path: str,
          fingerprint: str) -> IdempotencyRecord | None:
    """Return the stored record to replay, or None when this request should run.

    A transaction-scoped advisory lock on the key makes a concurrent duplicate fail
    fast with ``request_in_progress`` instead of queueing behind the first.
    """
    scope = program_id or NIL_PROGRAM
    locked = session.execute(
        text("SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 0))"),
        {"k": f"{scope}|{method}|{path}|{key}"},
    ).scalar_one()
    if not locked:
        raise RequestInProgress("A request with this Idempotency-Key is still being processed")
    record = session.get(IdempotencyRecord, (scope, key, method, path))
    if record is not None and record.request_hash != fingerprint:
        raise IdempotencyConflict("This Idempotency-Key was used with a different request body")
    return record


def store(session: Session, program_id: uuid.UUID | None, key: str, method: str, path: str,
          fingerprint: str, status: int, body: bytes, content_type: str) -> None:
    session.execute(
        insert(IdempotencyRecord)
        .values(program_id=program_id or NIL_PROGRAM, key=key, method=method, path=path,
                request_hash=fingerprint, response_status=status, response_body=body,
                response_content_type=content_type)
        .on_conflict_do_nothing()
    )


def purge_expired(session: Session, keep: timedelta) -> int:
    result = session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.created_at < func.now() - keep)
    )
    return result.rowcount or 0
