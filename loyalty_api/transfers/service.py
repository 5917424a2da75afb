"""Transfer use cases: move available points from one member to another, list transfers.

Locking: both members' ledger locks (their ``balances`` rows, ``lots.lock_member``)
in member-id order, the order merges use. Every other writer of points takes one
member's lock (a merge takes two, in the same order), so two transfers A→B and B→A,
or a transfer and a merge, cannot wait on each other in a circle; everything that
follows (the sender's monthly sum, its spendable figures, the spend, the receiver's
credits) happens under both locks. A member merged away while we waited is found
closed by the lock (409 ``member_merged``), an erased one not found (404).

One transfer writes (docs/currencies-and-limits.md, "Transfers"): a ``transfer_out``
entry on the sender that draws from its available lots soonest-expiring first
(``lot_draws`` record what came from each lot), one ``transfer_in`` entry and lot per
source lot on the receiver with that lot's ``expires_at`` (new points pay the
receiver's debt first, as any credit does), the ``member_transfers`` row, and one
``points.transferred`` event per member.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from loyalty_api.audit import service as audit
from loyalty_api.audit.rules import Actor
from loyalty_api.earning_rules.rules import period_bounds
from loyalty_api.errors import Forbidden, InsufficientPoints, LimitExceeded, NotFound, ValidationFailed
from loyalty_api.events.service import emit
from loyalty_api.pagination import decode_cursor, page
from loyalty_api.identities import rules as identity_rules
from loyalty_api.identities.service import holder_of
from loyalty_api.ledger import lots
from loyalty_api.ledger.balances import get_balance
from loyalty_api.ledger.rules import Draw
from loyalty_api.members import lookup as members
from loyalty_api.programs.service import get_program, program_config
from loyalty_api.transfers import rules
from loyalty_api.transfers.models import MemberTransfer
from loyalty_api.timestamps import rfc3339_or_none

_DRAWS = text("""
SELECT lot_id, points, expires_at FROM lot_draws
 WHERE program_id = :program_id AND entry_id = :entry_id
""")
_STATUSES = text("""
SELECT member_id, status FROM members
 WHERE program_id = :program_id AND member_id IN (:from_id, :to_id)
""")


def recipient_of(session: Session, program_id: uuid.UUID, identity: dict[str, str]) -> str:
    """The member holding an identity (§14: phones in E.164, emails case-insensitive)."""
    value = identity_rules.canonical(identity["type"], identity["value"])
    holder = holder_of(session, program_id, identity["type"], value)
    if holder is None:
        raise NotFound(f"No member has this {identity['type']}")
    return holder


def transfer(session: Session, program_id: uuid.UUID, from_id: str, to_id: str, *, points: int,
             reason: str | None, now: datetime, actor: str | None, initiated_by: str = "client") -> dict[str, Any]:
    """Move ``points`` available points of ``from_id`` to ``to_id``; answers the transfer
    with the sender's balance after it."""
    config = program_config(get_program(session, program_id))
    settings = config["transfers"]
    if not settings["enabled"]:
        raise Forbidden("Transfers between members are not enabled in this program")
    if from_id == to_id:
        raise ValidationFailed("A member cannot transfer points to themselves",
                               errors={"to_member_id": ["Must name another member."]})
    if not 0 < points <= rules.MAX_POINTS:
        raise ValidationFailed("points must be a positive integer", errors={"points": ["Must be at least 1."]})
    debts = {member_id: lots.lock_member(session, program_id, member_id, now) for member_id in sorted((from_id, to_id))}
    _both_active(session, program_id, from_id, to_id)
    _within_monthly_limit(session, program_id, from_id, points, now, config)
    figures = lots.spendable(session, program_id, from_id, now, debts[from_id])
    if figures.available < points:
        raise InsufficientPoints(f"{max(figures.available, 0)} points available, {points} to transfer",
                                 available=figures.available)
    out_entry = lots.spend_and_record(session, program_id, from_id, points, now, entry_type="transfer_out",
                                      reason=reason, actor=actor)
    if out_entry is None:  # cannot happen under the lock; never write a half-made transfer
        raise InsufficientPoints("The points are no longer there")
    draws = [Draw(row.lot_id, int(row.points), row.expires_at)
             for row in session.execute(_DRAWS, {"program_id": program_id, "entry_id": out_entry})]
    credits = rules.receiver_credits(draws, now=now, reason=reason, actor=actor)
    in_entries = lots.insert_credits(session, program_id, to_id, credits, now, debts[to_id])
    row = MemberTransfer(program_id=program_id, from_member_id=from_id, to_member_id=to_id, points=points,
                         reason=reason, initiated_by=initiated_by, actor=actor, created_at=now,
                         out_entry_id=out_entry, in_entry_ids=in_entries)
    session.add(row)
    session.flush()
    answer = transfer_document(row, rules.expiry_slices(credits))
    for member_id, direction in ((from_id, "out"), (to_id, "in")):
        emit(session, program_id, "points.transferred", {
            "member_id": member_id, "direction": direction, "transfer_id": row.transfer_id,
            "from_member_id": from_id, "to_member_id": to_id, "points": points, "reason": reason,
            "lots": [{"expires_at": rfc3339_or_none(lot["expires_at"]), "points": lot["points"]}
                     for lot in answer["lots"]]})
    answer["balance"] = {"member_id": from_id, **get_balance(session, program_id, from_id, now).__dict__}
    return answer


def _both_active(session: Session, program_id: uuid.UUID, from_id: str, to_id: str) -> None:
    # Read after the locks, in a statement of its own: as of now, not of the first read.
    statuses = dict(session.execute(_STATUSES, {"program_id": program_id, "from_id": from_id, "to_id": to_id}).all())
    for member_id, field in ((from_id, "member_id"), (to_id, "to_member_id")):
        if statuses.get(member_id) != "active":
            raise ValidationFailed(f"Member {member_id!r} is blocked", errors={field: ["Must be an active member."]})


def _within_monthly_limit(session: Session, program_id: uuid.UUID, from_id: str, points: int, now: datetime,
                          config: dict[str, Any]) -> None:
    limit = config["transfers"]["max_points_per_month"]
    if limit is None:
        return
    start, end = period_bounds("month", now, config["timezone"])
    used = session.scalar(select(func.coalesce(func.sum(MemberTransfer.points), 0)).where(
        MemberTransfer.program_id == program_id, MemberTransfer.from_member_id == from_id,
        MemberTransfer.created_at >= start, MemberTransfer.created_at < end))
    room = rules.MonthlyRoom(limit=limit, used=int(used))
    if not room.allows(points):
        raise LimitExceeded(f"{room.remaining} of {limit} points per month left to transfer, {points} asked",
                            limit=limit, used=room.used, remaining=room.remaining)


def transfer_document(row: MemberTransfer, lots_received: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    document = {"id": row.transfer_id, "from_member_id": row.from_member_id, "to_member_id": row.to_member_id,
                "points": row.points, "reason": row.reason, "initiated_by": row.initiated_by,
                "created_at": row.created_at}
    if lots_received is not None:
        document["lots"] = lots_received
    return document


def transfers_page(session: Session, program_id: uuid.UUID, member_id: str, *, limit: int,
                   cursor: str | None) -> dict[str, Any]:
    """The member's transfers both ways, newest first; ``cursor`` continues after the last."""
    members.get_member(session, program_id, member_id)
    query = select(MemberTransfer).where(
        MemberTransfer.program_id == program_id,
        or_(MemberTransfer.from_member_id == member_id, MemberTransfer.to_member_id == member_id))
    after = decode_cursor(cursor, 1)
    if after is not None:
        if not isinstance(after[0], int):
            raise ValidationFailed("The cursor is not valid", errors={"cursor": ["Invalid cursor."]})
        query = query.where(MemberTransfer.transfer_id < after[0])
    rows = session.scalars(query.order_by(MemberTransfer.transfer_id.desc()).limit(limit + 1)).all()
    return page([transfer_document(row) for row in rows], limit, lambda item: [item["id"]])


def transfer_for_client(session: Session, program_id: uuid.UUID, from_id: str, to_id: str, *, points: int,
                        reason: str | None, now: datetime, actor: Actor) -> dict[str, Any]:
    """``POST /v1/members/{id}/transfers``: a client moves a member's points; audited (the
    reason is free text an erasure scrubs, so it is never copied into the log)."""
    answer = transfer(session, program_id, from_id, to_id, points=points, reason=reason, now=now,
                      actor=actor.client_id)
    audit.record(session, program_id, actor, "member.transferred", ("member", from_id), redact=("reason",),
                 after={"points": points, "to_member_id": to_id, "transfer_id": answer["id"], "reason": reason})
    return answer


def send_my_transfer(session: Session, program_id: uuid.UUID, member_id: str, data: dict[str, Any], *,
                     now: datetime, actor: str | None) -> dict[str, Any]:
    """``POST /v1/me/transfers``: the token's member sends, to a member named by id or by
    an identity. Addressed by identity, the answer keeps the receiver's id to itself."""
    from loyalty_api.me.service import token_member

    token_member(session, program_id, member_id)
    by_identity = data.get("to_identity") is not None
    to_id = recipient_of(session, program_id, data["to_identity"]) if by_identity else data["to_member_id"]
    answer = transfer(session, program_id, member_id, to_id, points=data["points"], reason=data.get("reason"),
                      now=now, actor=actor, initiated_by="member")
    if by_identity:
        answer["to_member_id"] = None
    return answer
