"""Writing and reading the audit log.

``record`` is called by each audited use case with the session of its own unit of
work, after its change: the entry commits with the change or not at all, and a
failure to write it (the statement raises) fails the use case, so there is never a
change without its entry nor an entry without its change. One INSERT, no read.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Iterable, Mapping

from sqlalchemy import and_, insert, or_, select
from sqlalchemy.orm import Session

from loyalty_api.audit import rules
from loyalty_api.audit.models import AuditEntry
from loyalty_api.audit.rules import Actor
from loyalty_api.errors import ValidationFailed
from loyalty_api.pagination import decode_cursor, page

# What a withdrawal (DELETE of a rule or a reward, which stay readable) changes.
DEACTIVATED: dict[str, Any] = {"before": {"active": True}, "after": {"active": False}}


def record(session: Session, program_id: uuid.UUID, actor: Actor, action: str, target: tuple[str, Any], *,
           before: Mapping[str, Any] | None = None, after: Mapping[str, Any] | None = None,
           redact: Iterable[str] = ()) -> None:
    """Append one entry: ``actor`` did ``action`` to ``target`` (type, id); ``changes``
    are what differs between ``before`` and ``after`` (``rules.changes``)."""
    if action not in rules.ACTIONS or target[0] not in rules.TARGET_TYPES:
        raise ValueError(f"unknown audit action or target: {action!r}, {target[0]!r}")
    session.execute(insert(AuditEntry).values(
        program_id=program_id, entry_id=uuid.uuid4(), actor=actor.client_id, action=action,
        target_type=target[0], target_id=str(target[1]), request_id=actor.request_id,
        changes=rules.changes(before, after, redact)))


def document(entry: AuditEntry) -> dict[str, Any]:
    return {"id": entry.entry_id, "at": entry.at, "actor": entry.actor, "action": entry.action,
            "target": {"type": entry.target_type, "id": entry.target_id}, "request_id": entry.request_id,
            "changes": entry.changes}


def audit_page(session: Session, program_id: uuid.UUID, *, limit: int, cursor: str | None,
               actor: str | None = None, action: str | None = None, since: datetime | None = None,
               until: datetime | None = None) -> dict[str, Any]:
    """The program's entries, newest first (ties by id); ``since`` inclusive, ``until`` exclusive."""
    if since is not None and until is not None and since >= until:
        raise ValidationFailed("`from` must be before `to`", errors={"from": ["Must be before `to`."]})
    e = AuditEntry
    query = select(e).where(e.program_id == program_id)
    if actor is not None:
        query = query.where(e.actor == actor)
    if action is not None:
        query = query.where(e.action == action)
    if since is not None:
        query = query.where(e.at >= since)
    if until is not None:
        query = query.where(e.at < until)
    after = decode_cursor(cursor, 2)
    if after is not None:
        try:
            at, last = datetime.fromisoformat(after[0]), uuid.UUID(after[1])
        except (TypeError, ValueError) as exc:
            raise ValidationFailed("The cursor is not valid", errors={"cursor": ["Invalid cursor."]}) from exc
        query = query.where(or_(e.at < at, and_(e.at == at, e.entry_id < last)))
    rows = session.scalars(query.order_by(e.at.desc(), e.entry_id.desc()).limit(limit + 1)).all()
    result = page(rows, limit, lambda row: [row.at.isoformat(), str(row.entry_id)])
    result["items"] = [document(row) for row in result["items"]]
    return result
