"""Subject-access export and the scrubbing that erasure adds.

``export_member`` reads in one transaction, so the document is one consistent
picture. ``scrub_member`` runs inside the erasure's transaction (members.service):
what the member or an operator wrote about them goes, what the accounts need stays
(the ledger's points, dates and ids, orders' figures).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from loyalty_api.checkout.models import Order, OrderReturn
from loyalty_api.earning_rules.models import MemberEvent
from loyalty_api.identities import service as identities
from loyalty_api.ledger import service as ledger
from loyalty_api.ledger.balances import get_balance
from loyalty_api.members import lookup as members
from loyalty_api.members.models import Member
from loyalty_api.merges.models import MemberMerge
from loyalty_api.referrals.models import Referral
from loyalty_api.rewards.coupons import coupon_document
from loyalty_api.rewards.models import Coupon
from loyalty_api.tiers import service as tiers

ERASED = "[erased]"
# Entry types whose ``reason`` a caller wrote (the others carry the service's own words).
CALLER_REASON_TYPES = ("adjust", "import")
# Outbox events whose ``data.reason`` repeats a caller's words.
CALLER_REASON_EVENTS = ("points.earned", "points.redeemed", "points.reversed", "vip.granted")
_LEDGER_PAGE = 200

_ORDER_FIELDS = ("order_id", "amount", "paid_amount", "currency", "lines", "earned_points", "redeemed_points",
                 "discount_amount", "returned_amount", "status", "placed_at", "points_available_at", "created_at",
                 # an order in another currency: the figures above are in the program currency
                 "exchange_rate", "currency_amount", "currency_discount_amount", "currency_returned_amount")


def export_member(session: Session, program_id: uuid.UUID, member_id: str, now: datetime) -> dict[str, Any]:
    """Profile, identities, balance, tier, ledger, orders with returns, events,
    referrals both ways, coupons and merges: one JSON-ready document."""
    member = members.get_member(session, program_id, member_id)
    profile = {column.key: getattr(member, column.key) for column in Member.__table__.columns
               if column.key not in ("program_id", "erased_at")}
    return {
        "member_id": member_id, "exported_at": now,
        "profile": profile,
        "identities": identities.list_identities(session, program_id, member_id),
        "balance": get_balance(session, program_id, member_id, now).__dict__,
        "tier": tiers.member_tier(session, program_id, member_id, now),
        "ledger": _all_entries(session, program_id, member_id),
        "orders": _orders(session, program_id, member_id),
        "events": [{"event_id": event.event_id, "type": event.type, "occurred_at": event.occurred_at,
                    "attributes": event.attributes, "created_at": event.created_at, "result": event.response}
                   for event in session.scalars(select(MemberEvent).where(
                       MemberEvent.program_id == program_id, MemberEvent.member_id == member_id)
                       .order_by(MemberEvent.created_at, MemberEvent.event_id))],
        "referrals": [_referral(referral, member_id) for referral in session.scalars(select(Referral).where(
            Referral.program_id == program_id,
            or_(Referral.referrer_id == member_id, Referral.referee_id == member_id)).order_by(Referral.created_at))],
        "coupons": [coupon_document(coupon, now) for coupon in session.scalars(select(Coupon).where(
            Coupon.program_id == program_id, Coupon.member_id == member_id).order_by(Coupon.issued_at, Coupon.code))],
        "merges": [{"member_id": merge.target_id, "from_member_id": merge.source_id, "merged_at": merge.merged_at}
                   for merge in session.scalars(select(MemberMerge).where(
                       MemberMerge.program_id == program_id,
                       or_(MemberMerge.target_id == member_id, MemberMerge.source_id == member_id))
                       .order_by(MemberMerge.merged_at))],
    }


def _all_entries(session: Session, program_id: uuid.UUID, member_id: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    cursor = None
    while True:
        found = ledger.ledger_page(session, program_id, member_id, limit=_LEDGER_PAGE, cursor=cursor)
        entries.extend(found["items"])
        cursor = found["next_cursor"]
        if cursor is None:
            return entries


def _orders(session: Session, program_id: uuid.UUID, member_id: str) -> list[dict[str, Any]]:
    orders = session.scalars(select(Order).where(Order.program_id == program_id, Order.member_id == member_id)
                             .order_by(Order.placed_at, Order.order_id)).all()
    returns: dict[str, list[dict[str, Any]]] = {}
    if orders:
        for found in session.scalars(select(OrderReturn).where(
                OrderReturn.program_id == program_id, OrderReturn.order_id.in_([o.order_id for o in orders]))
                .order_by(OrderReturn.created_at, OrderReturn.return_id)):
            returns.setdefault(found.order_id, []).append({
                "return_id": found.return_id, "amount": found.amount, "lines": found.lines,
                "points_reversed": found.points_reversed, "points_refunded": found.points_refunded,
                "created_at": found.created_at, "currency_amount": found.currency_amount})
    return [{**{name: getattr(order, name) for name in _ORDER_FIELDS}, "returns": returns.get(order.order_id, [])}
            for order in orders]


def _referral(referral: Referral, member_id: str) -> dict[str, Any]:
    return {"role": "referrer" if referral.referrer_id == member_id else "referee",
            "referrer_id": referral.referrer_id, "referee_id": referral.referee_id, "status": referral.status,
            "reason": referral.reason, "order_id": referral.order_id, "created_at": referral.created_at,
            "rewarded_at": referral.rewarded_at}


_SCRUB = [
    # What the member sent with their events.
    "UPDATE member_events SET attributes = '{}'::jsonb"
    " WHERE program_id = :program_id AND member_id = :member_id AND attributes <> '{}'::jsonb",
    # Operators' and importers' words about the member; points, dates and ids stay.
    "UPDATE ledger_entries SET reason = :erased WHERE program_id = :program_id AND member_id = :member_id"
    " AND type = ANY(:reason_types) AND reason IS NOT NULL",
    "UPDATE member_tiers SET vip_reason = :erased"
    " WHERE program_id = :program_id AND member_id = :member_id AND vip_reason IS NOT NULL",
    # The same words repeated in the events kept for webhooks (and their redeliveries).
    "UPDATE outbox_events SET data = jsonb_set(data, '{reason}', to_jsonb(CAST(:erased AS text)))"
    " WHERE program_id = :program_id AND member_id = :member_id AND type = ANY(:event_types)"
    " AND data ->> 'reason' IS NOT NULL",
    # A transfer's reason, written by the sender, is about both members: it goes from
    # the transfer, from both sides' entries and from both events.
    "UPDATE ledger_entries e SET reason = :erased FROM member_transfers t"
    " WHERE e.program_id = :program_id AND t.program_id = :program_id"
    " AND (t.from_member_id = :member_id OR t.to_member_id = :member_id)"
    " AND (e.entry_id = t.out_entry_id OR e.entry_id = ANY(t.in_entry_ids)) AND e.reason IS NOT NULL",
    "UPDATE member_transfers SET reason = :erased WHERE program_id = :program_id"
    " AND (from_member_id = :member_id OR to_member_id = :member_id) AND reason IS NOT NULL",
    "UPDATE outbox_events SET data = jsonb_set(data, '{reason}', to_jsonb(CAST(:erased AS text)))"
    " WHERE program_id = :program_id AND type = 'points.transferred'"
    " AND (data ->> 'from_member_id' = :member_id OR data ->> 'to_member_id' = :member_id)"
    " AND data ->> 'reason' IS NOT NULL",
]


def scrub_member(session: Session, program_id: uuid.UUID, member_id: str) -> None:
    """Erasure's part beyond the profile: identities go, event attributes and free-text
    reasons are blanked. The caller holds the member's row lock."""
    identities.remove_all(session, program_id, member_id)
    params = {"program_id": program_id, "member_id": member_id, "erased": ERASED,
              "reason_types": list(CALLER_REASON_TYPES), "event_types": list(CALLER_REASON_EVENTS)}
    for statement in _SCRUB:
        session.execute(text(statement), params)
