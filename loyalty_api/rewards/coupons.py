"""Coupon use cases: lists, validate and use at checkout, cancel, give back on order cancel, expire.

Callers commit. A coupon reads as ``expired`` from its ``expires_at`` on, whether or
not the job has written it down yet, so nobody can use or cancel it after that
instant. Writers that change points lock the member first (ledger lock), then the
coupon row; ``use`` changes no points and locks only the coupon.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from loyalty_api.checkout.models import Order
from loyalty_api.errors import CouponNotActive, NotFound, ValidationFailed
from loyalty_api.events.service import emit
from loyalty_api.pagination import decode_cursor, page
from loyalty_api.ledger import lots
from loyalty_api.ledger import service as ledger
from loyalty_api.members.models import Member
from loyalty_api.programs.models import Program
from loyalty_api.programs.service import program_config
from loyalty_api.rewards import rules
from loyalty_api.rewards.models import Coupon, Reward
from loyalty_api.timestamps import rfc3339


def coupon_document(coupon: Coupon, now: datetime) -> dict[str, Any]:
    return {
        "code": coupon.code, "reward_id": coupon.reward_id, "member_id": coupon.member_id, "kind": coupon.kind,
        "value": coupon.value, "sku": coupon.sku,
        "status": rules.effective_status(coupon.status, coupon.expires_at, now),
        "points_spent": coupon.points_spent, "rule_id": coupon.rule_id, "issued_at": coupon.issued_at,
        "expires_at": coupon.expires_at, "used_at": coupon.used_at, "order_id": coupon.order_id,
    }


def _find(session: Session, program_id: uuid.UUID, code: str, *, for_update: bool = False) -> Coupon:
    normalized = rules.normalize_coupon_code(code)
    coupon = None
    if normalized is not None:
        coupon = session.get(Coupon, (program_id, normalized), with_for_update=for_update,
                             populate_existing=for_update)
    if coupon is None:
        raise NotFound(f"Coupon {code!r} not found")
    return coupon


def get_coupon(session: Session, program_id: uuid.UUID, code: str, now: datetime) -> dict[str, Any]:
    return coupon_document(_find(session, program_id, code), now)


def member_coupons(session: Session, program_id: uuid.UUID, member_id: str, now: datetime, *, limit: int,
                   cursor: str | None) -> dict[str, Any]:
    """The member's coupons, newest first."""
    member = session.get(Member, (program_id, member_id))
    if member is None or member.status == "erased":
        raise NotFound(f"Member {member_id!r} not found")
    query = select(Coupon).where(Coupon.program_id == program_id, Coupon.member_id == member_id)
    after = decode_cursor(cursor, 2)
    if after is not None:
        try:
            issued_at, code = datetime.fromisoformat(str(after[0])), str(after[1])
        except ValueError as exc:
            raise ValidationFailed("The cursor is not valid", errors={"cursor": ["Invalid cursor."]}) from exc
        query = query.where((Coupon.issued_at < issued_at) | ((Coupon.issued_at == issued_at) & (Coupon.code < code)))
    rows = session.scalars(query.order_by(Coupon.issued_at.desc(), Coupon.code.desc()).limit(limit + 1)).all()
    result = page(rows, limit, lambda coupon: [coupon.issued_at.isoformat(), coupon.code])
    result["items"] = [coupon_document(coupon, now) for coupon in result["items"]]
    return result


def validate_coupon(session: Session, program_id: uuid.UUID, code: str, order: dict[str, Any],
                    now: datetime) -> dict[str, Any]:
    """Whether the coupon can pay part of this order, and what it is worth for it (writes nothing)."""
    from loyalty_api.checkout.rules import money_errors, to_lines

    program = session.get(Program, program_id)
    coupon = _find(session, program_id, code)
    lines = to_lines(order.get("lines"))
    finer = money_errors(program.currency, order["amount"], [line.unit_price for line in lines])
    if finer:
        raise ValidationFailed(f"Money has more decimals than {program.currency} has", errors=finer)
    if sum((line.value for line in lines), 0) > order["amount"]:
        raise ValidationFailed("The lines add up to more than the amount",
                               errors={"lines": ["Lines add up to more than amount."]})
    status = rules.effective_status(coupon.status, coupon.expires_at, now)
    reason = rules.use_refusal(status=status, owner=coupon.member_id, member_id=order["member_id"],
                               order_currency=order["currency"], program_currency=program.currency)
    worth = rules.NOTHING if reason else rules.coupon_value(coupon.kind, coupon.value, coupon.sku, order["amount"])
    return {"code": coupon.code, "reward_id": coupon.reward_id, "kind": coupon.kind, "status": status,
            "usable": reason is None, "reason": reason, "discount_amount": worth.discount_amount,
            "free_delivery": worth.free_delivery, "gift_sku": worth.gift_sku, "expires_at": coupon.expires_at}


def _require_order_of(session: Session, program_id: uuid.UUID, order_id: str, member_id: str) -> None:
    """A coupon is used by an order the shop has recorded, of the coupon's member: a typo
    in ``order_id`` must not burn the customer's coupon on an order that does not exist."""
    owner = session.scalar(select(Order.member_id).where(Order.program_id == program_id,
                                                         Order.order_id == order_id))
    if owner is None:
        raise NotFound(f"Order {order_id!r} not found: record the order (POST /v1/orders) first")
    if owner != member_id:
        raise ValidationFailed("The order belongs to another member",
                               errors={"order_id": ["The order belongs to another member."]})


def use_coupon(session: Session, program_id: uuid.UUID, code: str, order_id: str, member_id: str | None,
               now: datetime) -> dict[str, Any]:
    """Mark the coupon used by ``order_id``, exactly once; the same order again answers the same."""
    coupon = _find(session, program_id, code, for_update=True)
    if member_id is not None and member_id != coupon.member_id:
        raise ValidationFailed("The coupon belongs to another member",
                               errors={"member_id": ["The coupon belongs to another member."]})
    _require_order_of(session, program_id, order_id, coupon.member_id)
    if coupon.status == "used" and coupon.order_id == order_id:
        return coupon_document(coupon, now)
    status = rules.effective_status(coupon.status, coupon.expires_at, now)
    if status != "active":
        detail = f"used by order {coupon.order_id!r}" if status == "used" else status
        raise CouponNotActive(f"Coupon {coupon.code} is {detail}", coupon_status=status)
    coupon.status, coupon.order_id, coupon.used_at = "used", order_id, now
    session.flush()
    emit(session, program_id, "coupon.used", {
        "member_id": coupon.member_id, "code": coupon.code, "reward_id": coupon.reward_id, "order_id": order_id})
    return coupon_document(coupon, now)


def _give_back_stock(session: Session, program_id: uuid.UUID, reward_id: str) -> None:
    session.execute(update(Reward).where(Reward.program_id == program_id, Reward.reward_id == reward_id,
                                         Reward.stock.isnot(None)).values(stock=Reward.stock + 1))


def _refund(session: Session, program: Program, coupon: Coupon, now: datetime, reason: str) -> None:
    if coupon.points_spent > 0:
        coupon.refund_entry_id = ledger.credit(session, program, coupon.member_id, entry_type="refund",
                                               points=coupon.points_spent, now=now,
                                               reason=f"{reason} {coupon.code}")


def cancel_coupon(session: Session, program_id: uuid.UUID, code: str, now: datetime) -> dict[str, Any]:
    """Give the points back while the coupon is unused (a ``refund`` entry); again answers the same."""
    program = session.get(Program, program_id)
    member_id = _find(session, program_id, code).member_id
    lots.lock_member(session, program_id, member_id, now)
    coupon = _find(session, program_id, code, for_update=True)
    if coupon.status == "cancelled":
        return coupon_document(coupon, now)
    status = rules.effective_status(coupon.status, coupon.expires_at, now)
    if status != "active":
        raise CouponNotActive(f"Coupon {coupon.code} is {status}", coupon_status=status)
    _refund(session, program, coupon, now, "coupon cancelled")
    coupon.status, coupon.closed_at = "cancelled", now
    _give_back_stock(session, program_id, coupon.reward_id)
    session.flush()
    return coupon_document(coupon, now)


def release_for_order(session: Session, program_id: uuid.UUID, order_id: str, now: datetime) -> int:
    """A cancelled order gives its coupons back (the caller holds the member's lock).

    One past its ``expires_at`` reads as expired at once and the job settles it.
    """
    released = session.execute(update(Coupon).where(
        Coupon.program_id == program_id, Coupon.order_id == order_id, Coupon.status == "used",
    ).values(status="active", order_id=None, used_at=None).returning(Coupon.code)).scalars().all()
    return len(released)


def expire_member_coupons(session: Session, program: Program, member_ids: Sequence[str], now: datetime) -> int:
    """Write down the members' coupons past ``expires_at`` (their ledger locks held by the caller).

    ``rewards.refund_expired`` decides whether the points come back.
    """
    program_id = program.program_id
    refund = bool(program_config(program).get("rewards", {}).get("refund_expired"))
    due = session.scalars(select(Coupon).where(
        Coupon.program_id == program_id, Coupon.member_id.in_(member_ids), Coupon.status == "active",
        Coupon.expires_at <= now).order_by(Coupon.member_id, Coupon.code).with_for_update()).all()
    erased = set(session.scalars(select(Member.member_id).where(
        Member.program_id == program_id, Member.member_id.in_(member_ids), Member.status == "erased")))
    for coupon in due:
        refunded = refund and coupon.points_spent > 0 and coupon.member_id not in erased
        if refunded:
            _refund(session, program, coupon, now, "coupon expired")
        coupon.status, coupon.closed_at = "expired", now
        _give_back_stock(session, program_id, coupon.reward_id)
        emit(session, program_id, "coupon.expired", {
            "member_id": coupon.member_id, "code": coupon.code, "reward_id": coupon.reward_id,
            "expires_at": rfc3339(coupon.expires_at), "points_refunded": coupon.points_spent if refunded else 0})
    session.flush()
    return len(due)
