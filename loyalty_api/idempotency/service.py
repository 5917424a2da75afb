"""Claim, look up and store idempotency records inside the caller's transaction.

A record is keyed by (program, caller, key, method, path): the same key from another
caller (another client, another member's token), on another path or in another
program is another record. The first final answer is stored in the
transaction of the change it describes; retries get it back byte for byte.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime

import orjson
from sqlalchemy import Delete, delete, select, text, tuple_
from sqlalchemy.orm import Session

from loyalty_api.driver import Constant, one_or_none, run
from loyalty_api.errors import IdempotencyConflict, RequestInProgress
from loyalty_api.idempotency.models import IdempotencyRecord

NIL_PROGRAM = uuid.UUID(int=0)


def request_fingerprint(body: bytes, query: bytes = b"") -> str:
    """Same JSON with other spacing or key order is the same request; the query counts too."""
    try:
        canonical = orjson.dumps(orjson.loads(body or b"null"), option=orjson.OPT_SORT_KEYS)
    except orjson.JSONDecodeError:
        canonical = body
    return hashlib.sha256(canonical + b"\0" + query).hexdigest()


@dataclass(frozen=True)
class Scope:
    """Whose key it is and what it names: a key means something only within its scope."""

    program_id: uuid.UUID | None
    caller: str
    key: str
    method: str
    path: str

    def params(self) -> dict[str, object]:
        return {"program_id": self.program_id or NIL_PROGRAM, "caller": self.caller, "key": self.key,
                "method": self.method, "path": self.path}


def lock_name(scope: Scope) -> str:
    """The advisory lock's name; a test may hold it from another connection."""
    return f"{scope.program_id or NIL_PROGRAM}|{scope.caller}|{scope.method}|{scope.path}|{scope.key}"


@dataclass(frozen=True)
class StoredAnswer:
    """The first final answer given to a key, replayed byte for byte."""

    response_status: int
    response_body: bytes
    response_content_type: str


# The try-lock and the lookup after it, in one round trip (migration 0011 says why
# this needs a function); a constant statement, so it is compiled once.
_CLAIM = Constant("SELECT * FROM idempotency_claim(:lock_name, :program_id, :caller, :key, :method, :path)")
_STORE = Constant("""
INSERT INTO idempotency_keys (program_id, caller, key, method, path, member_id, request_hash, response_status,
                              response_body, response_content_type)
VALUES (:program_id, :caller, :key, :method, :path, :member_id, :request_hash, :response_status, :response_body,
        :response_content_type)
ON CONFLICT DO NOTHING
""")


def claim(session: Session, scope: Scope, fingerprint: str) -> StoredAnswer | None:
    """Return the stored answer to replay, or None when this request should run.

    A transaction-scoped advisory lock on the key makes a concurrent duplicate fail
    fast with ``request_in_progress`` instead of queueing behind the first.
    """
    row = one_or_none(session, _CLAIM, {"lock_name": lock_name(scope), **scope.params()})
    if not row.locked:
        raise RequestInProgress("A request with this Idempotency-Key is still being processed")
    if row.request_hash is None:
        return None
    if row.request_hash != fingerprint:
        raise IdempotencyConflict("This Idempotency-Key was used with a different request body")
    return StoredAnswer(row.response_status, bytes(row.response_body), row.response_content_type)


def lock(session: Session, scope: Scope) -> None:
    """Take the key's lock again, waiting for it (used to store a 4xx after a rollback)."""
    session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": lock_name(scope)})


def store(session: Session, scope: Scope, member_id: str | None, fingerprint: str, status: int, body: bytes,
          content_type: str) -> None:
    """Keep the answer; ``member_id`` names the member it concerns (``None``: no member)."""
    run(session, _STORE, {**scope.params(), "member_id": member_id, "request_hash": fingerprint,
                          "response_status": status, "response_body": body, "response_content_type": content_type})


def forget_member_statement(program_id: uuid.UUID, member_id: str) -> Delete:
    """The stored answers concerning the member, by the ``ix_idempotency_keys_member`` index."""
    return delete(IdempotencyRecord).where(IdempotencyRecord.program_id == program_id,
                                           IdempotencyRecord.member_id == member_id)


def forget_member(session: Session, program_id: uuid.UUID, member_id: str) -> int:
    """Erasure: drop stored answers that may hold the member's personal data: those of
    the member's own routes, of their member tokens and of answers naming them (the
    enrolment, their orders), all marked with ``member_id`` when they were stored."""
    return session.execute(forget_member_statement(program_id, member_id)).rowcount or 0


def purge_batch(session: Session, program_id: uuid.UUID, older_than: datetime, batch_size: int) -> int:
    """Delete up to ``batch_size`` of the program's records created before ``older_than``.

    ``SKIP LOCKED`` lets several job runners share the work without waiting on each other.
    """
    pk = (IdempotencyRecord.program_id, IdempotencyRecord.caller, IdempotencyRecord.key, IdempotencyRecord.method,
          IdempotencyRecord.path)
    # MATERIALIZED: claimed once. As a plain subquery the planner may rescan it per row
    # (a nested loop), and each rescan would lock past the rows already deleted.
    doomed = (select(*pk).where(IdempotencyRecord.program_id == program_id, IdempotencyRecord.created_at < older_than)
              .limit(batch_size).with_for_update(skip_locked=True)).cte("doomed").prefix_with("MATERIALIZED")
    result = session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.program_id == program_id,
                                                             tuple_(*pk).in_(select(*doomed.c))))
    return result.rowcount or 0
