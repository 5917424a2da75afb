"""Import use cases: open, send a chunk of rows, complete, read. Each is one
transaction (the caller commits); every statement is scoped by ``program_id``.

A chunk is checked line by line in Python (``rules``, ``plan``) and then written with a
handful of set-based statements (``statements``), whatever its size. Exactly once: a
chunk sent again with the same body answers its stored answer; a line sent again in
another chunk creates no member twice and credits no (member, ``lot_ref``) twice.
Imports write no per-member events; ``complete`` writes one ``import.completed``.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Any, Iterable

import orjson
from sqlalchemy import select, text, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from loyalty_api.audit import service as audit
from loyalty_api.audit.rules import Actor
from loyalty_api.errors import Conflict, ImportClosed, NotFound, PayloadTooLarge, RequestInProgress
from loyalty_api.events.service import emit
from loyalty_api.identities.service import IdentityRow, attach_identities
from loyalty_api.imports import formats, rules, statements
from loyalty_api.imports.models import Import, ImportChunk, ImportLineError
from loyalty_api.imports.plan import Known, Plan, plan_chunk
from loyalty_api.programs.service import get_program, program_config
from loyalty_api.referrals.rules import new_referral_codes
from loyalty_api.tiers import rules as tier_rules

# Referral codes are drawn at random; a clash with an existing code is redrawn.
_CODE_ATTEMPTS = 5


def open_import(session: Session, program_id: uuid.UUID, *, kind: str, dry_run: bool, actor: Actor,
                now: datetime) -> dict[str, Any]:
    record = Import(program_id=program_id, import_id=uuid.uuid4(), kind=kind, dry_run=dry_run, status="open",
                    actor=actor.client_id, chunks=0, created_at=now)
    session.add(record)
    session.flush()
    audit.record(session, program_id, actor, "import.started", ("import", record.import_id),
                 after={"kind": kind, "dry_run": dry_run, "status": "open"})
    return _view(session, record)


def get_import(session: Session, program_id: uuid.UUID, import_id: uuid.UUID) -> dict[str, Any]:
    return _view(session, _get(session, program_id, import_id))


def _get(session: Session, program_id: uuid.UUID, import_id: uuid.UUID, *, for_update: bool = False) -> Import:
    record = session.get(Import, (program_id, import_id), with_for_update=for_update)
    if record is None:
        raise NotFound("Import not found")
    return record


def _counts(session: Session, program_id: uuid.UUID, import_id: uuid.UUID) -> dict[str, int]:
    row = session.execute(statements.COUNTS, {"program_id": program_id, "import_id": import_id}).one()
    return {name: int(getattr(row, name)) for name in ("members", "lots", "points", "rejected", "accepted")}


def _view(session: Session, record: Import) -> dict[str, Any]:
    return {"import_id": record.import_id, "kind": record.kind, "dry_run": record.dry_run,
            "status": record.status, "created_at": record.created_at, "completed_at": record.completed_at,
            "chunks": record.chunks, "counts": _counts(session, record.program_id, record.import_id)}


def complete_import(session: Session, program_id: uuid.UUID, import_id: uuid.UUID, now: datetime, *,
                    actor: Actor) -> dict[str, Any]:
    """Close the import (chunks sent afterwards are refused); completing again answers the same."""
    record = _get(session, program_id, import_id, for_update=True)
    if record.status == "open":
        record.status, record.completed_at = "completed", now
        session.flush()
        view = _view(session, record)
        audit.record(session, program_id, actor, "import.completed", ("import", import_id),
                     before={"status": "open"}, after={"status": "completed", "counts": view["counts"]})
        if not record.dry_run:
            session.execute(statements.ANALYZE)
            emit(session, program_id, "import.completed", {
                "import_id": str(import_id), "kind": record.kind, "counts": view["counts"]})
        return view
    return _view(session, record)


def error_items(session: Session, program_id: uuid.UUID, import_id: uuid.UUID, *, after: tuple[int, int] | None,
                limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` refused lines in (chunk, line) order after ``after``."""
    _get(session, program_id, import_id)
    query = select(ImportLineError).where(ImportLineError.program_id == program_id,
                                          ImportLineError.import_id == import_id)
    if after is not None:
        query = query.where(tuple_(ImportLineError.chunk, ImportLineError.line) > tuple_(*after))
    rows = session.scalars(query.order_by(ImportLineError.chunk, ImportLineError.line).limit(limit))
    return [_error_item(row) for row in rows]


def _error_item(row: Any) -> dict[str, Any]:
    return {"chunk": row.chunk, "line": row.line, "member_id": row.member_id, "code": row.code,
            "detail": row.detail}


# --- a chunk ---------------------------------------------------------------------------------

def add_rows(session: Session, program_id: uuid.UUID, import_id: uuid.UUID, body: bytes, media_type: str, *,
             actor: Actor, now: datetime) -> dict[str, Any]:
    """Check and apply one chunk; answers {accepted, rejected, errors}. A dry run's chunk writes nothing
    but its counts, and is not audited."""
    record = _get(session, program_id, import_id)
    # A chunk is thousands of lines in a few statements: more time than a request's.
    session.execute(text("SET LOCAL statement_timeout = '120s'"))
    if len(body) > rules.MAX_BYTES or formats.line_count(body) > rules.MAX_LINES:
        raise PayloadTooLarge(f"A chunk holds at most {rules.MAX_LINES} lines and {rules.MAX_BYTES} bytes")
    digest = hashlib.sha256(media_type.encode() + b"\n" + body).hexdigest()
    stored = session.get(ImportChunk, (program_id, import_id, digest))
    if stored is not None:
        return _answer(stored.accepted, stored.rejected, error_items(
            session, program_id, import_id, after=(stored.chunk, 0), limit=rules.MAX_LINES + 1,
        ), chunk=stored.chunk)
    if record.status != "open":
        raise ImportClosed("The import is completed; open a new one")
    ctx = _context(session, program_id, now)
    lines = [rules.check_line(number, obj, ctx) for number, obj in formats.objects(body, media_type)]
    plan = _plan(session, program_id, lines)
    created, lots, points = len(plan.new_members), len(plan.new_lots), plan.points
    if not record.dry_run:
        created, lots, points = _write(session, record, plan, ctx, actor.client_id)
    chunk = session.execute(statements.NEXT_CHUNK, {"program_id": program_id, "import_id": import_id}).scalar()
    if chunk is None:
        raise ImportClosed("The import was completed while this chunk was applied")
    base = {"program_id": program_id, "import_id": import_id, "chunk": chunk}
    if session.execute(statements.INSERT_CHUNK, {
            **base, "digest": digest, "accepted": plan.accepted, "rejected": len(plan.errors),
            "members": created, "lots": lots, "points": points, "now": now}).scalar() is None:
        raise RequestInProgress("The same chunk is being applied by another request; retry")
    if not record.dry_run:
        audit.record(session, program_id, actor, "import.rows_added", ("import", import_id), after={
            "chunk": chunk, "accepted": plan.accepted, "rejected": len(plan.errors), "members": created,
            "lots": lots, "points": points})
    if plan.errors:
        session.execute(statements.INSERT_ERRORS, {
            **base, "lines": [e.line for e in plan.errors], "member_ids": [e.member_id for e in plan.errors],
            "codes": [e.code for e in plan.errors], "details": [e.detail for e in plan.errors]})
    return _answer(plan.accepted, len(plan.errors), [
        {"chunk": chunk, "line": e.line, "member_id": e.member_id, "code": e.code, "detail": e.detail}
        for e in plan.errors], chunk=chunk)


def _answer(accepted: int, rejected: int, errors: list[dict[str, Any]], *, chunk: int) -> dict[str, Any]:
    return {"chunk": chunk, "accepted": accepted, "rejected": rejected,
            "errors": [error for error in errors if error["chunk"] == chunk]}


def _context(session: Session, program_id: uuid.UUID, now: datetime) -> rules.Context:
    config = program_config(get_program(session, program_id))
    policy = tier_rules.policy_from(config.get("tier_policy") or {})
    ladder = tier_rules.ladder_from(config.get("tiers") or [])
    return rules.Context(now=now, tier_codes=frozenset(tier.code for tier in ladder), metric=policy.metric,
                         expiry=config["expiry"], timezone=config["timezone"], ladder=ladder,
                         retention_months=policy.retention_months)


def _plan(session: Session, program_id: uuid.UUID, lines: list[rules.MemberLine | rules.LineError]) -> Plan:
    good = [line for line in lines if isinstance(line, rules.MemberLine)]
    names = sorted({line.member_id for line in good} | {line.referred_by for line in good if line.referred_by})
    members = {row.member_id: Known(row.status, int(row.debt)) for row in session.execute(
        statements.KNOWN_MEMBERS, {"program_id": program_id, "member_ids": names})}
    # Only a member that exists can hold imported lots: a chunk of new members looks none up.
    sent = {(line.member_id, lot.lot_ref) for line in good if line.member_id in members for lot in line.lots}
    lots = {(row.member_id, row.lot_ref): (int(row.points), row.available_at, row.expires_at)
            for row in session.execute(statements.KNOWN_LOTS, {
                "program_id": program_id, "member_ids": sorted({member_id for member_id, _ in sent})})
            if (row.member_id, row.lot_ref) in sent} if sent else {}
    identities = {identity for line in good for identity in line.identities}
    holders = {(row.type, row.value): row.member_id for row in session.execute(statements.KNOWN_IDENTITIES, {
        "program_id": program_id, "types": sorted({t for t, _ in identities}),
        "identity_values": sorted({v for _, v in identities})}) if (row.type, row.value) in identities
    } if identities else {}
    return plan_chunk(lines, members, lots, holders)


def _write(session: Session, record: Import, plan: Plan, ctx: rules.Context,
           actor: str | None) -> tuple[int, int, int]:
    """Apply the plan; answers (members created, lots credited, points credited)."""
    program_id, now = record.program_id, ctx.now
    created = _insert_members(session, program_id, plan.new_members, now)
    mine = [line for line in plan.new_members if line.member_id in created]
    base = {"program_id": program_id, "now": now, "import_id": record.import_id}
    receiving = sorted(created | {member_id for member_id, _ in plan.new_lots})
    if receiving:
        locked = session.execute(statements.LOCK_BALANCES, {**base, "member_ids": receiving}).scalar_one()
        if locked < len(receiving):
            # Merged meanwhile (the plan saw it active): roll the chunk back; a retry
            # reports the line as member_merged.
            raise Conflict("A member of this chunk was merged by a concurrent change; send the chunk again")
    credited = [0, 0]
    if plan.new_lots:
        # Oldest first within a member: ties in the spending order go by age (lot id).
        ordered = sorted(plan.new_lots, key=lambda item: (item[0], item[1].available_at, item[1].lot_ref))
        points = session.execute(statements.INSERT_LOTS, {**base, "actor": actor, "rows": _rows(
            (member_id, lot.lot_ref, lot.points, lot.available_at, lot.expires_at, lot.reason)
            for member_id, lot in ordered)}).one()
        credited = [int(points.lots), int(points.points)]
    _insert_tiers(session, base, mine, ctx)
    _attach_identities(session, program_id, mine)
    measured = [line for line in mine if line.metric is not None]
    if measured:
        session.execute(statements.INSERT_METRICS, {**base, "metric": ctx.metric, "rows": _rows(
            (line.member_id, line.metric) for line in measured)})
    referred = [line for line in mine if line.referred_by]
    if referred:
        session.execute(statements.INSERT_REFERRALS, {**base, "referee_ids": [line.member_id for line in referred],
                                                      "referrer_ids": [line.referred_by for line in referred]})
    return len(created), credited[0], credited[1]


def _insert_members(session: Session, program_id: uuid.UUID, lines: list[rules.MemberLine],
                    now: datetime) -> set[str]:
    if not lines:
        return set()
    for attempt in range(_CODE_ATTEMPTS):
        rows = _rows((line.member_id, code, line.referred_by, line.email, line.phone, line.birthday,
                      line.attributes, line.joined_at) for line, code in zip(lines, new_referral_codes(len(lines))))
        try:
            with session.begin_nested():
                return set(session.execute(statements.INSERT_MEMBERS, {
                    "program_id": program_id, "now": now, "rows": rows}).scalars())
        except IntegrityError as exc:
            if "referral_code" not in str(exc.orig) or attempt == _CODE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _attach_identities(session: Session, program_id: uuid.UUID, lines: list[rules.MemberLine]) -> None:
    rows = [IdentityRow(line.member_id, type_, value) for line in lines for type_, value in line.identities]
    # The plan saw every holder committed before this chunk; one that lost here was
    # taken by a concurrent transaction meanwhile: the chunk rolls back whole, and a
    # retry reports that line as identity_taken.
    if rows and attach_identities(session, program_id, rows):
        raise Conflict("An identifier of this chunk was taken by a concurrent change; send the chunk again")


def _insert_tiers(session: Session, base: dict[str, Any], lines: list[rules.MemberLine], ctx: rules.Context) -> None:
    tiered = [line for line in lines if line.tier_code or line.vip_tier]
    if not tiered:
        return
    rows: list[tuple[Any, ...]] = []
    for line in tiered:
        since = line.tier_since or ctx.now
        state = tier_rules.MemberTierState(
            earned_code=line.tier_code, earned_at=since if line.tier_code else None,
            earned_expires_at=tier_rules.add_months(since, ctx.retention_months) if line.tier_code else None,
            vip_code=line.vip_tier, vip_until=line.vip_until, vip_reason=line.vip_reason)
        rows.append((line.member_id, tier_rules.effective_code(ctx.ladder, state, ctx.now), state.earned_code,
                     state.earned_at, state.earned_expires_at, state.vip_code, state.vip_until, state.vip_reason))
    session.execute(statements.INSERT_TIERS, {**base, "rows": _rows(rows)})


def _rows(rows: Iterable[tuple[Any, ...]]) -> str:
    """A chunk's rows as the JSON parameter the statements unpack (dates in ISO 8601,
    amounts as decimal strings)."""
    return orjson.dumps(list(rows), default=str).decode()
