"""Reward catalogue use cases: manage rewards, show a member what they can claim, claim.

Callers commit. Every query is scoped by ``program_id``. Coupons (use, cancel,
validate, lists) live in ``coupons``. Locking order (see ``models``): the member's
ledger lock, then the reward row.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from loyalty_api.audit import service as audit
from loyalty_api.audit.rules import Actor
from loyalty_api.errors import InsufficientPoints, NotFound, RewardExists, RewardNotClaimable, ValidationFailed
from loyalty_api.events.service import emit
from loyalty_api.pagination import decode_cursor, keyset_page, page
from loyalty_api.ledger import lots
from loyalty_api.ledger import service as ledger
from loyalty_api.programs.models import Program
from loyalty_api.rewards import rules
from loyalty_api.rewards.models import Coupon, Reward
from loyalty_api.timestamps import rfc3339_or_none

CENTS = Decimal("0.01")
TERMS = ("name", "kind", "value", "sku", "cost_points", "stock", "limit_per_member", "tiers", "valid_from",
         "valid_until", "coupon_valid_days")


def reward_document(reward: Reward) -> dict[str, Any]:
    document = {name: getattr(reward, name) for name in TERMS}
    if reward.value is not None and reward.value == reward.value.quantize(CENTS):
        document["value"] = reward.value.quantize(CENTS)  # "500.00", not "500.0000"
    document.update(reward_id=reward.reward_id, active=reward.active, created_at=reward.created_at,
                    updated_at=reward.updated_at)
    return document


def get_reward(session: Session, program_id: uuid.UUID, reward_id: str, *, for_update: bool = False) -> Reward:
    reward = session.get(Reward, (program_id, reward_id), with_for_update=for_update,
                         populate_existing=for_update)
    if reward is None:
        raise NotFound(f"Reward {reward_id!r} not found")
    return reward


def list_rewards(session: Session, program_id: uuid.UUID, *, active: bool | None, limit: int,
                 cursor: str | None) -> dict[str, Any]:
    query = select(Reward).where(Reward.program_id == program_id)
    if active is not None:
        query = query.where(Reward.active.is_(active))
    return keyset_page(session, query, Reward.reward_id, limit=limit, cursor=cursor, document=reward_document)


def create_reward(session: Session, program_id: uuid.UUID, data: dict[str, Any], *, actor: Actor) -> Reward:
    reward_id = data.get("reward_id") or "rwd_" + secrets.token_hex(8)
    values = {name: data.get(name) for name in TERMS}
    inserted = session.execute(insert(Reward).values(
        program_id=program_id, reward_id=reward_id, active=True, **values,
    ).on_conflict_do_nothing().returning(Reward.reward_id)).scalar()
    if inserted is None:
        raise RewardExists(f"Reward {reward_id!r} exists already", errors={"reward_id": ["Already used."]})
    reward = get_reward(session, program_id, reward_id)
    audit.record(session, program_id, actor, "reward.created", ("reward", reward_id), after=reward_document(reward))
    return reward


def update_reward(session: Session, program_id: uuid.UUID, reward_id: str, patch: dict[str, Any], *,
                  actor: Actor) -> Reward:
    reward = get_reward(session, program_id, reward_id, for_update=True)
    before = reward_document(reward)
    document = {**reward_document(reward), **{k: v for k, v in patch.items() if k != "active"}}
    errors = rules.reward_errors(document)
    if errors:
        raise ValidationFailed("The reward is not valid", errors=errors)
    for name in TERMS:
        setattr(reward, name, document.get(name))
    if "active" in patch:
        reward.active = patch["active"]
    reward.updated_at = func.now()
    session.flush()
    session.refresh(reward)
    audit.record(session, program_id, actor, "reward.updated", ("reward", reward_id), before=before,
                 after=reward_document(reward))
    return reward


def deactivate_reward(session: Session, program_id: uuid.UUID, reward_id: str, *, actor: Actor) -> None:
    """Rewards are never deleted: coupons keep naming them and stay usable."""
    reward = get_reward(session, program_id, reward_id, for_update=True)
    if reward.active:
        reward.active = False
        reward.updated_at = func.now()
        session.flush()
        audit.record(session, program_id, actor, "reward.deleted", ("reward", reward_id), **audit.DEACTIVATED)


# --- the member's catalogue and claims ----------------------------------------------------

def _program(session: Session, program_id: uuid.UUID) -> Program:
    program = session.get(Program, program_id)
    if program is None:
        raise NotFound("Program not found")
    return program


def _member_tier(session: Session, program: Program, member_id: str, now: datetime) -> str | None:
    from loyalty_api.tiers.service import earn_context

    return earn_context(session, program, member_id, now)[0]


def _claims_by_reward(session: Session, program_id: uuid.UUID, member_id: str,
                      reward_ids: list[str]) -> dict[str, int]:
    """What counts against ``limit_per_member``: the member's claims not given back."""
    rows = session.execute(select(Coupon.reward_id, func.count()).where(
        Coupon.program_id == program_id, Coupon.member_id == member_id, Coupon.reward_id.in_(reward_ids),
        Coupon.source == "claim", Coupon.status != "cancelled").group_by(Coupon.reward_id))
    return {reward_id: count for reward_id, count in rows}


def _refusal(reward: Reward, now: datetime, tier: str | None, claimed: int, available: int) -> str | None:
    return rules.claim_refusal(at=now, valid_from=reward.valid_from, valid_until=reward.valid_until,
                               reward_tiers=reward.tiers, member_tier=tier, stock=reward.stock,
                               limit_per_member=reward.limit_per_member, claimed_by_member=claimed,
                               cost_points=reward.cost_points, available=available)


def member_catalogue(session: Session, program_id: uuid.UUID, member_id: str, now: datetime, *,
                     limit: int, cursor: str | None) -> dict[str, Any]:
    """The active rewards, each with ``can_claim`` and, when false, the ``reason``."""
    program = _program(session, program_id)
    available = ledger.available_points(session, program_id, member_id, now)  # NotFound for unknown members
    tier = _member_tier(session, program, member_id, now)
    query = select(Reward).where(Reward.program_id == program_id, Reward.active.is_(True))
    after = decode_cursor(cursor, 1)
    if after is not None:
        query = query.where(Reward.reward_id > str(after[0]))
    result = page(session.scalars(query.order_by(Reward.reward_id).limit(limit + 1)).all(), limit,
                  lambda reward: [reward.reward_id])
    claimed = _claims_by_reward(session, program_id, member_id, [reward.reward_id for reward in result["items"]])
    items = []
    for reward in result["items"]:
        reason = _refusal(reward, now, tier, claimed.get(reward.reward_id, 0), available)
        items.append({**reward_document(reward), "can_claim": reason is None, "reason": reason,
                      "claimed": claimed.get(reward.reward_id, 0)})
    result["items"] = items
    return result


def insert_coupon(session: Session, program_id: uuid.UUID, member_id: str, reward: Reward, now: datetime,
                  **fields: Any) -> Coupon:
    """Issue a coupon with a fresh code (a new draw in the unlikely case the code is taken)."""
    expires_at = rules.coupon_expires_at(now, reward.coupon_valid_days)
    while True:
        code = session.execute(insert(Coupon).values(
            program_id=program_id, code=rules.new_coupon_code(), member_id=member_id, reward_id=reward.reward_id,
            kind=reward.kind, value=reward.value, sku=reward.sku, status="active", issued_at=now,
            expires_at=expires_at, **fields,
        ).on_conflict_do_nothing(index_elements=[Coupon.program_id, Coupon.code]).returning(Coupon.code)).scalar()
        if code is not None:
            return session.get(Coupon, (program_id, code))


def claim_reward(session: Session, program_id: uuid.UUID, member_id: str, reward_id: str,
                 now: datetime) -> dict[str, Any]:
    """Spend the reward's points once and issue its coupon; stock and limits hold under concurrency."""
    from loyalty_api.rewards.coupons import coupon_document

    program = _program(session, program_id)
    debt = lots.lock_member(session, program_id, member_id, now)  # NotFound for unknown members
    reward = get_reward(session, program_id, reward_id, for_update=True)
    if not reward.active:
        raise NotFound(f"Reward {reward_id!r} not found")
    tier = _member_tier(session, program, member_id, now)
    claimed = _claims_by_reward(session, program_id, member_id, [reward_id]).get(reward_id, 0)
    available = lots.spendable(session, program_id, member_id, now, debt).available
    reason = _refusal(reward, now, tier, claimed, available)
    if reason == rules.INSUFFICIENT_POINTS:
        raise InsufficientPoints(f"{available} points available, {reward.cost_points} needed", available=available)
    if reason is not None:
        raise RewardNotClaimable(f"Reward {reward_id!r} cannot be claimed: {reason}", reason=reason)
    entry_id = None
    if reward.cost_points > 0:
        entry_id = ledger.debit(session, program, member_id, entry_type="redeem", points=reward.cost_points,
                                now=now, reason=f"reward {reward_id}")
    if reward.stock is not None:
        reward.stock -= 1
    coupon = insert_coupon(session, program_id, member_id, reward, now, points_spent=reward.cost_points,
                           source="claim", redeem_entry_id=entry_id)
    session.flush()
    emit(session, program_id, "reward.claimed", {
        "member_id": member_id, "reward_id": reward_id, "code": coupon.code, "points": reward.cost_points,
        "entry_id": entry_id, "expires_at": rfc3339_or_none(coupon.expires_at)})
    return coupon_document(coupon, now)


def grant_for_rule(session: Session, program_id: uuid.UUID, member_id: str, reward_id: str, *, rule_id: str,
                   event_id: str, now: datetime) -> tuple[str | None, str | None]:
    """An event rule's coupon, without spending points (the caller holds the member's lock).

    Answers (code, None), or (None, reason) when the reward is gone or out of stock.
    """
    reward = session.get(Reward, (program_id, reward_id), with_for_update=True, populate_existing=True)
    if reward is None or not reward.active:
        return None, "reward_unavailable"
    if reward.stock is not None:
        if reward.stock <= 0:
            return None, rules.OUT_OF_STOCK
        reward.stock -= 1
    coupon = insert_coupon(session, program_id, member_id, reward, now, points_spent=0, source="rule",
                           rule_id=rule_id, event_id=event_id)
    emit(session, program_id, "reward.claimed", {
        "member_id": member_id, "reward_id": reward_id, "code": coupon.code, "points": 0, "rule_id": rule_id,
        "event_id": event_id, "expires_at": rfc3339_or_none(coupon.expires_at)})
    return coupon.code, None


def require_reward(session: Session, program_id: uuid.UUID, reward_id: str) -> None:
    """For rules that grant a reward: it must exist and be active when the rule is written."""
    reward = session.get(Reward, (program_id, reward_id))
    if reward is None or not reward.active:
        raise ValidationFailed(f"Reward {reward_id!r} not found", errors={"reward_id": ["Unknown reward."]})
