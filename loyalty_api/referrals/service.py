"""Referral use cases: link at enrolment, reward on the first qualifying order, take
back on a cancel or full return, list a member's referrals, rank referrers.

Callers commit. Every query is scoped by ``program_id``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text, tuple_
from sqlalchemy.orm import Session

from loyalty_api.earning_rules.rules import period_bounds
from loyalty_api.errors import NotFound, ValidationFailed
from loyalty_api.events.service import emit
from loyalty_api.pagination import decode_cursor, page
from loyalty_api.members.models import Member
from loyalty_api.referrals import rules
from loyalty_api.referrals.models import Referral

LEADERBOARD_PERIODS = {"month": "month", "year": "year", "all": "lifetime"}


def link_referral(session: Session, program_id: uuid.UUID, referee: Member, referrer: Member) -> Referral:
    """Record who referred a new member; a link between one person's accounts is kept but rejected."""
    reason = rules.link_verdict(
        referrer_id=referrer.member_id, referrer_email=referrer.email, referrer_phone=referrer.phone,
        referee_id=referee.member_id, referee_email=referee.email, referee_phone=referee.phone)
    if reason == rules.SELF_REFERRAL:
        raise ValidationFailed("A member cannot refer themselves", errors={"referral_code": ["Your own code."]})
    referral = Referral(program_id=program_id, referee_id=referee.member_id, referrer_id=referrer.member_id,
                        status="rejected" if reason else "pending", reason=reason,
                        referrer_points=0, referee_points=0)
    session.add(referral)
    session.flush()
    return referral


def _lock_referrer(session: Session, program_id: uuid.UUID, referrer_id: str) -> None:
    # Serialises the monthly-cap count of one referrer across concurrent orders of
    # different referees (each order only holds its own member's lock).
    session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
                    {"key": f"referral-cap|{program_id}|{referrer_id}"})


def _rewards_this_month(session: Session, program_id: uuid.UUID, referrer_id: str, now: datetime,
                        tz_name: str) -> int:
    start, end = period_bounds("month", now, tz_name)
    return session.scalar(select(func.count()).select_from(Referral).where(
        Referral.program_id == program_id, Referral.referrer_id == referrer_id,
        Referral.rewarded_at >= start, Referral.rewarded_at < end)) or 0


def reward_on_order(session: Session, program: Any, order: Any, now: datetime) -> Referral | None:
    """The referee's first order paying at least ``referral.min_order_amount`` rewards both sides.

    The points are pending until the order's ``points_available_at``, like its earn.
    """
    from loyalty_api.ledger import service as ledger
    from loyalty_api.programs.service import program_config

    referral = session.scalar(select(Referral).where(
        Referral.program_id == program.program_id, Referral.referee_id == order.member_id,
        Referral.status == "pending").with_for_update())
    if referral is None:
        return None
    config = program_config(program)
    settings = config["referral"]
    if not rules.order_qualifies(order.paid_amount, settings["min_order_amount"]):
        return None
    referral.order_id = order.order_id
    referrer = session.get(Member, (program.program_id, referral.referrer_id))
    _lock_referrer(session, program.program_id, referral.referrer_id)
    reason = rules.REFERRER_INACTIVE if referrer is None or referrer.status != "active" else rules.reward_verdict(
        rewards_this_month=_rewards_this_month(session, program.program_id, referral.referrer_id, now,
                                               config["timezone"]),
        max_rewards_per_month=settings.get("max_rewards_per_month"))
    if reason is not None:
        referral.status, referral.reason = "rejected", reason
        session.flush()
        return referral
    referrer_points, referee_points = settings["referrer_points"], settings["referee_points"]
    if not referrer_points and not referee_points:
        referral.status = "qualified"
        session.flush()
        return referral
    reason = f"referral: {referral.referrer_id} referred {referral.referee_id}"
    if referee_points:
        referral.referee_lot_id = ledger.credit(
            session, program, order.member_id, entry_type="referral", points=referee_points, now=now,
            order_id=order.order_id, available_at=order.points_available_at, reason=reason)
    if referrer_points:
        referral.referrer_lot_id = ledger.credit(
            session, program, referral.referrer_id, entry_type="referral", points=referrer_points, now=now,
            order_id=order.order_id, available_at=order.points_available_at, reason=reason)
    referral.status, referral.rewarded_at = "rewarded", now
    referral.referrer_points, referral.referee_points = referrer_points, referee_points
    session.flush()
    if referrer_points:
        # The referee's tier is looked at by the order itself; the referrer's here.
        from loyalty_api.tiers.service import reevaluate_after_credit

        reevaluate_after_credit(session, program, referral.referrer_id, now)
    emit(session, program.program_id, "referral.rewarded", {
        "member_id": referral.referrer_id, "referee_id": referral.referee_id, "order_id": order.order_id,
        "referrer_points": referrer_points, "referee_points": referee_points})
    return referral


def reverse_on_return(session: Session, program: Any, order: Any, now: datetime) -> Referral | None:
    """A cancelled or fully returned qualifying order takes both rewards back (``reverse`` entries)."""
    if order.status not in ("cancelled", "returned"):
        return None
    referral = session.scalar(select(Referral).where(
        Referral.program_id == program.program_id, Referral.referee_id == order.member_id,
        Referral.order_id == order.order_id, Referral.status == "rewarded").with_for_update())
    if referral is None:
        return None
    reason = f"referral taken back: order {order.order_id} {order.status}"
    for member_id, points, lot_id in ((referral.referee_id, referral.referee_points, referral.referee_lot_id),
                                      (referral.referrer_id, referral.referrer_points, referral.referrer_lot_id)):
        if points:
            _take_back(session, program, member_id, points, lot_id, order.order_id, now, reason)
    referral.status, referral.reason, referral.reversed_at = "rejected", rules.ORDER_RETURNED, now
    session.flush()
    return referral


# Takes up to :points from the reward's own lot (not expired); once the lot is
# available only up to :free, the available points no active hold reserves (SPEC §4).
_TAKE_FROM_LOT = text("""
WITH l AS (
  SELECT lot_id,
         LEAST(remaining, CASE WHEN available_at > :now THEN :points ELSE LEAST(:points, :free) END) AS taken,
         available_at <= :now AS was_available
    FROM lots
   WHERE program_id = :program_id AND member_id = :member_id AND lot_id = :lot_id AND remaining > 0
     AND (expires_at IS NULL OR expires_at > :now)
)
UPDATE lots SET remaining = lots.remaining - l.taken FROM l
 WHERE lots.program_id = :program_id AND lots.lot_id = l.lot_id
RETURNING l.taken, l.was_available
""")


def _take_back(session: Session, program: Any, member_id: str, points: int, lot_id: int | None, order_id: str,
               now: datetime, reason: str) -> None:
    """A ``reverse`` entry: drawn from the reward's own lot first (pending or not), then
    from available points, like a return's reversal; never from points an active hold
    reserves.

    Under ``allow_negative`` what cannot be drawn becomes debt; under ``clamp_to_zero``
    only what is there is taken. The member's ledger lock is held throughout.
    """
    from loyalty_api.ledger import lots
    from loyalty_api.programs.service import program_config

    program_id = program.program_id
    lots.lock_member(session, program_id, member_id, now, program=program)
    # Never the points an active hold reserves (SPEC §4).
    free = lots.spendable(session, program_id, member_id, now, 0).free
    taken = 0
    if lot_id is not None:
        own = session.execute(_TAKE_FROM_LOT, {"program_id": program_id, "member_id": member_id, "lot_id": lot_id,
                                               "points": points, "free": free, "now": now}).one_or_none()
        if own is not None:
            taken, free = own.taken, free - (own.taken if own.was_available else 0)
    taken += lots.spend_lots(session, program_id, member_id, min(points - taken, free), now)
    reversed_points = points if program_config(program)["clawback"] == "allow_negative" else taken
    if reversed_points:
        lots.insert_debit(session, program_id, member_id, entry_type="reverse", points=reversed_points, now=now,
                          order_id=order_id, reason=reason)
    lots.change_debt(session, program_id, member_id, reversed_points - taken, now, lifetime_delta=-reversed_points)
    emit(session, program_id, "points.reversed", {
        "member_id": member_id, "order_id": order_id, "points": reversed_points, "reason": reason})


def _item(referral: Referral) -> dict[str, Any]:
    return {"member_id": referral.referee_id, "status": referral.status, "reason": referral.reason,
            "created_at": referral.created_at, "rewarded_at": referral.rewarded_at,
            "points": referral.referrer_points if referral.status == "rewarded" else 0}


def referrals_of(session: Session, program_id: uuid.UUID, member_id: str, limit: int,
                 cursor: str | None) -> dict[str, Any]:
    """The members ``member_id`` referred, newest first; ``points`` is what the referrer holds for each."""
    member = session.get(Member, (program_id, member_id))
    if member is None or member.status == "erased":
        raise NotFound(f"Member {member_id!r} not found")
    query = select(Referral).where(Referral.program_id == program_id, Referral.referrer_id == member_id)
    after = decode_cursor(cursor, 2)
    if after is not None:
        try:
            created = datetime.fromisoformat(str(after[0]))
        except ValueError as exc:
            raise ValidationFailed("The cursor is not valid", errors={"cursor": ["Invalid cursor."]}) from exc
        query = query.where(tuple_(Referral.created_at, Referral.referee_id) < tuple_(created, str(after[1])))
    found = session.scalars(query.order_by(Referral.created_at.desc(), Referral.referee_id.desc())
                            .limit(limit + 1)).all()
    result = page(found, limit, lambda r: [r.created_at.isoformat(), r.referee_id])
    result["items"] = [_item(referral) for referral in result["items"]]
    return result


def leaderboard(session: Session, program_id: uuid.UUID, period: str, limit: int, now: datetime) -> dict[str, Any]:
    """Referrers by rewards standing now (rewarded in the period, not taken back); active members only.

    Ties share a rank (1, 1, 3) and are listed by ``member_id``.
    """
    from loyalty_api.programs.service import get_program, program_config

    program = get_program(session, program_id)
    start, end = period_bounds(LEADERBOARD_PERIODS[period], now, program_config(program)["timezone"])
    rewarded = func.count().label("rewarded")
    query = (select(Referral.referrer_id, rewarded)
             .join(Member, (Member.program_id == Referral.program_id) & (Member.member_id == Referral.referrer_id))
             .where(Referral.program_id == program.program_id, Referral.status == "rewarded",
                    Member.status == "active")
             .group_by(Referral.referrer_id)
             .order_by(rewarded.desc(), Referral.referrer_id)
             .limit(limit))
    if start is not None:
        query = query.where(Referral.rewarded_at >= start, Referral.rewarded_at < end)
    rows = session.execute(query).all()
    ranks = rules.competition_ranks([row.rewarded for row in rows])
    return {"items": [{"rank": rank, "member_id": row.referrer_id, "rewarded_referrals": row.rewarded}
                      for rank, row in zip(ranks, rows)]}
