"""Merge one member (the source) into another (the target), in one transaction.

Locking: both members' ledger locks (their ``balances`` rows) in member-id order,
then both ``members`` rows in the same order. An order, a hold, a return or an
adjustment takes one ledger lock, so neither two merges nor a merge and a checkout
can wait on each other in a circle. A write naming the source that waited for its
lock during the merge finds the row closed (``balances.merged``) and answers 409
``member_merged``; one that came first is part of what moves.

What moves (docs/members.md has the worked examples): every lot with points left
(``transfer_out``/``transfer_in`` per lot, dates kept), the debt and the lifetime
figure, orders with their returns, holds (none active: 409 ``member_busy``),
coupons, member events and rule awards, identities and referrals both ways. Lots
past their expiry burn first, on the source, as the expiry job would have burnt
them. Then the target's tier is evaluated (a merge only ever raises it).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from loyalty_api.audit import service as audit
from loyalty_api.audit.rules import Actor
from loyalty_api.errors import MemberBusy, MemberMerged, ValidationFailed
from loyalty_api.events.service import emit
from loyalty_api.expiry.service import burn_expired_lots
from loyalty_api.ledger import lots
from loyalty_api.members import lookup as members
from loyalty_api.members.models import Member
from loyalty_api.merges import statements as sql
from loyalty_api.merges.models import MemberMerge
from loyalty_api.programs.service import get_program
from loyalty_api.tiers import service as tiers
from loyalty_api.timestamps import rfc3339


def merge(session: Session, program_id: uuid.UUID, target_id: str, source_id: str, now: datetime, *,
          actor: Actor) -> tuple[dict[str, Any], bool]:
    """Move everything of ``source_id`` into ``target_id``; answers (merge, created).

    The same pair again answers the first merge (created False)."""
    if source_id == target_id:
        raise ValidationFailed("A member cannot be merged into itself",
                               errors={"from_member_id": ["Must name another member."]})
    done = _earlier_merge(session, program_id, target_id, source_id)
    if done is not None:
        return done, False
    try:
        debts = {member_id: lots.lock_member(session, program_id, member_id, now)
                 for member_id in sorted((target_id, source_id))}
    except MemberMerged:
        # A concurrent request merged the same pair first: answer what it did.
        done = _earlier_merge(session, program_id, target_id, source_id)
        if done is not None:
            return done, False
        raise
    target, source = _locked_members(session, program_id, target_id, source_id)
    if target.status != "active":
        raise ValidationFailed("The target member is blocked", errors={"member_id": ["Must be active."]})
    params = {"program_id": program_id, "target_id": target_id, "source_id": source_id, "now": now,
              "actor": actor.client_id, "out_reason": f"merged into {target_id}", "in_reason": f"merged from {source_id}"}
    held = session.execute(sql.ACTIVE_HOLDS, params).scalar_one()
    if held:
        raise MemberBusy(f"Member {source_id!r} holds points for a payment in progress; release or capture "
                         "the hold first", active_holds=held)
    burn_expired_lots(session, program_id, [source_id], now)
    moved = _move_points(session, params, debts[source_id])
    for name, statement in sql.MOVE_ROWS.items():
        moved[name] = session.execute(text(statement), params).rowcount
    session.execute(sql.CLOSE_SOURCE, params)
    session.execute(sql.ADOPT_REFERRER, params)
    session.execute(sql.DROP_SOURCE_TIER, params)
    session.expire_all()  # the ORM's copies of the rows changed above are stale now
    program = get_program(session, program_id)
    moved["tier"] = tiers.evaluate_member(session, program, target_id, now).code
    answer = {"member_id": target_id, "from_member_id": source_id, "merged_at": rfc3339(now), "moved": moved}
    session.add(MemberMerge(program_id=program_id, source_id=source_id, target_id=target_id, merged_at=now,
                            actor=actor.client_id, moved=moved))
    audit.record(session, program_id, actor, "member.merged", ("member", target_id),
                 after={"merged_from": source_id, "moved": moved})
    emit(session, program_id, "member.merged", {**answer, "member_id": target_id})
    return answer, True


def _earlier_merge(session: Session, program_id: uuid.UUID, target_id: str, source_id: str) -> dict[str, Any] | None:
    """The answer of an earlier merge of this pair, or None. A source merged into
    another member, or a target merged away, refuses the merge."""
    found = session.execute(select(MemberMerge).where(
        MemberMerge.program_id == program_id, MemberMerge.source_id == source_id)).scalar_one_or_none()
    if found is not None and found.target_id == target_id:
        return {"member_id": target_id, "from_member_id": source_id, "merged_at": rfc3339(found.merged_at),
                "moved": found.moved}
    for member_id in (target_id, source_id):
        member = members.get_member(session, program_id, member_id)
        if member.status == "merged":
            raise members.merged_error(member)
    return None


def _locked_members(session: Session, program_id: uuid.UUID, target_id: str, source_id: str) -> tuple[Member, Member]:
    locked = {member_id: members.get_member(session, program_id, member_id, for_update=True)
              for member_id in sorted((target_id, source_id))}
    for member in locked.values():
        session.refresh(member)  # as of the lock, not as of the first read
        if member.status == "merged":
            raise members.merged_error(member)
    return locked[target_id], locked[source_id]


def _move_points(session: Session, params: dict[str, Any], debt: int) -> dict[str, Any]:
    program_id = params["program_id"]
    moved_lots = session.execute(sql.MOVE_LOTS, params).all()
    if moved_lots:
        mapping = {"program_id": program_id, "target_id": params["target_id"],
                   "from_lots": [row.from_lot for row in moved_lots], "to_lots": [row.to_lot for row in moved_lots]}
        session.execute(sql.REPOINT_REFERRAL_LOTS, mapping)
        session.execute(sql.CARRY_LOT_NOTICES, mapping)
    if debt:
        session.execute(sql.MOVE_DEBT, {**params, "debt": debt})
    session.execute(sql.MOVE_BALANCE, params)
    return {"lots": len(moved_lots), "points": sum(row.points for row in moved_lots),
            "pending_points": sum(row.points for row in moved_lots if row.pending), "debt": int(debt)}
