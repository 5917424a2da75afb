"""Rule use cases: create, read, change, deactivate, and pick the rules that apply.

Callers commit. Every query is scoped by ``program_id``; every change is audited."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loyalty_api.budgets import service as budgets
from loyalty_api.earning_rules import rules
from loyalty_api.earning_rules.models import EarningRule, MemberEvent, RuleAward
from loyalty_api.audit import service as audit
from loyalty_api.errors import DuplicateEvent, NotFound, RuleExists, ValidationFailed
from loyalty_api.pagination import keyset_page

CENTS = Decimal("0.01")
TERMS = ("name", "event_type", "points", "multiplier", "points_per_unit", "skus", "categories",
         "min_order_amount", "tiers", "valid_from", "valid_until", "expires_in_days", "reward_id")


def rule_document(rule: EarningRule) -> dict[str, Any]:
    """A rule as the API shows it (and as a PATCH is merged into)."""
    document = {name: getattr(rule, name) for name in TERMS}
    amount = document["min_order_amount"]
    if amount is not None and amount == amount.quantize(CENTS):
        document["min_order_amount"] = amount.quantize(CENTS)  # "100.00", not "100.0000"
    document.update(rule_id=rule.rule_id, kind=rule.kind, active=rule.active, created_at=rule.created_at,
                    updated_at=rule.updated_at,
                    cap={"count": rule.cap_count, "period": rule.cap_period} if rule.cap_count else None,
                    budget={"points": rule.budget_points, "period": rule.budget_period} if rule.budget_points
                    else None)
    return document


def _apply(rule: EarningRule, document: dict[str, Any]) -> None:
    for name in TERMS:
        setattr(rule, name, document.get(name))
    rule.skus = list(document.get("skus") or [])
    rule.categories = list(document.get("categories") or [])
    cap = document.get("cap")
    rule.cap_count, rule.cap_period = (cap["count"], cap["period"]) if cap else (None, None)
    budget = document.get("budget")
    rule.budget_points, rule.budget_period = (budget["points"], budget["period"]) if budget else (None, None)


def get_rule(session: Session, program_id: uuid.UUID, rule_id: str, *, for_update: bool = False) -> EarningRule:
    rule = session.get(EarningRule, (program_id, rule_id), with_for_update=for_update)
    if rule is None:
        raise NotFound(f"Rule {rule_id!r} not found")
    return rule


def list_rules(session: Session, program_id: uuid.UUID, *, active: bool | None, limit: int,
               cursor: str | None) -> dict[str, Any]:
    query = select(EarningRule).where(EarningRule.program_id == program_id)
    if active is not None:
        query = query.where(EarningRule.active.is_(active))
    return keyset_page(session, query, EarningRule.rule_id, limit=limit, cursor=cursor, document=rule_document)


def create_rule(session: Session, program_id: uuid.UUID, data: dict[str, Any], *, actor: audit.Actor) -> EarningRule:
    rule_id = data.get("rule_id") or "rule_" + secrets.token_hex(8)
    if session.get(EarningRule, (program_id, rule_id)) is not None:
        raise RuleExists(f"Rule {rule_id!r} exists already", errors={"rule_id": ["Already used."]})
    if data.get("reward_id"):
        _require_reward(session, program_id, data["reward_id"])
    rule = EarningRule(program_id=program_id, rule_id=rule_id, kind=data["kind"], active=True)
    _apply(rule, data)
    session.add(rule)
    session.flush()
    session.refresh(rule)
    audit.record(session, program_id, actor, "rule.created", ("rule", rule_id), after=rule_document(rule))
    return rule


def update_rule(session: Session, program_id: uuid.UUID, rule_id: str, patch: dict[str, Any], *,
                actor: audit.Actor) -> EarningRule:
    rule = get_rule(session, program_id, rule_id, for_update=True)
    before = rule_document(rule)
    if patch.get("kind", rule.kind) != rule.kind:
        raise ValidationFailed("The kind of a rule is fixed", errors={"kind": ["Cannot be changed."]})
    document = {**rule_document(rule), **{k: v for k, v in patch.items() if k not in ("kind", "active")}}
    errors = rules.rule_errors(document)
    if errors:
        raise ValidationFailed("The rule is not valid", errors=errors)
    if patch.get("reward_id"):
        _require_reward(session, program_id, patch["reward_id"])
    _apply(rule, document)
    if "active" in patch:
        rule.active = patch["active"]
    rule.updated_at = func.now()
    session.flush()
    session.refresh(rule)
    audit.record(session, program_id, actor, "rule.updated", ("rule", rule_id), before=before,
                 after=rule_document(rule))
    return rule


def _require_reward(session: Session, program_id: uuid.UUID, reward_id: str) -> None:
    from loyalty_api.rewards.service import require_reward

    require_reward(session, program_id, reward_id)


def deactivate_rule(session: Session, program_id: uuid.UUID, rule_id: str, *, actor: audit.Actor) -> None:
    """Rules are never deleted: ledger entries keep naming them."""
    rule = get_rule(session, program_id, rule_id, for_update=True)
    if rule.active:
        rule.active = False
        rule.updated_at = func.now()
        session.flush()
        audit.record(session, program_id, actor, "rule.deleted", ("rule", rule_id), **audit.DEACTIVATED)


def active_rules(session: Session, program_id: uuid.UUID, kind: str,
                 event_type: str | None = None) -> list[EarningRule]:
    query = select(EarningRule).where(EarningRule.program_id == program_id, EarningRule.kind == kind,
                                      EarningRule.active.is_(True))
    if event_type is not None:
        query = query.where(EarningRule.event_type == event_type)
    return list(session.scalars(query.order_by(EarningRule.rule_id)))


def cap_of(rule: EarningRule) -> rules.Cap | None:
    return rules.Cap(rule.cap_count, rule.cap_period) if rule.cap_count else None


def cap_bounds(rule: EarningRule, at: datetime, tz_name: str) -> tuple[datetime | None, datetime | None]:
    return rules.period_bounds(rule.cap_period or "lifetime", at, tz_name)


def member_tier(session: Session, program: Any, member_id: str, now: datetime) -> str | None:
    """The member's effective tier code (``None`` without a tier), as the tiers feature sees it."""
    from loyalty_api.tiers import service as tiers

    return tiers.earn_context(session, program, member_id, now)[0]


def _awards_between(session: Session, program_id: uuid.UUID, member_id: str, rule: EarningRule,
                    start: datetime | None, end: datetime | None) -> int:
    """Awards of ``rule`` to the member recorded in ``[start, end)`` (``None``: ever)."""
    query = select(func.count()).select_from(RuleAward).where(
        RuleAward.program_id == program_id, RuleAward.member_id == member_id, RuleAward.rule_id == rule.rule_id)
    if start is not None:
        query = query.where(RuleAward.awarded_at >= start, RuleAward.awarded_at < end)
    return session.scalar(query) or 0


def _skip_reason(session: Session, program_id: uuid.UUID, member: Any, rule: EarningRule, tier: str | None,
                 now: datetime, tz_name: str) -> str | None:
    """Why ``rule`` gives nothing to this event, judged at ``now`` (the time the service
    records it), never at the caller's ``occurred_at``, so backdating games nothing."""
    used = _awards_between(session, program_id, member.member_id, rule, *cap_bounds(rule, now, tz_name)) \
        if rule.cap_count else 0
    reason = rules.skip_reason(at=now, valid_from=rule.valid_from, valid_until=rule.valid_until,
                               rule_tiers=rule.tiers, member_tier=tier, cap=cap_of(rule), used_in_period=used)
    if reason is None and rule.event_type == rules.BIRTHDAY_EVENT and _awards_between(
            session, program_id, member.member_id, rule, *rules.birthday_year_bounds(member.birthday, now, tz_name)):
        return rules.SKIP_CAP  # one birthday gift a birthday year, whatever the rule's own cap
    return reason


def _event_fingerprint(data: dict[str, Any]) -> str:
    """The request as sent: a left-out ``occurred_at`` (now) matches a repeat that leaves it out too."""
    occurred_at = data.get("occurred_at")
    canonical = {"type": data["type"], "attributes": data.get("attributes") or {},
                 "occurred_at": occurred_at.astimezone(timezone.utc).isoformat() if occurred_at else None}
    return hashlib.sha256(orjson.dumps(canonical, option=orjson.OPT_SORT_KEYS)).hexdigest()


def record_event(session: Session, program_id: uuid.UUID, member_id: str, data: dict[str, Any],
                 now: datetime) -> tuple[dict[str, Any], bool]:
    """Award the event rules matching ``data["type"]``, once per (member, ``event_id``).

    Answers the result and whether it is new (``False``: a replay of the first answer).
    The member's ledger lock is taken before anything is read, so concurrent events
    of one member are counted against caps one after the other.
    """
    from loyalty_api.ledger import service as ledger
    from loyalty_api.members.lookup import get_member
    from loyalty_api.programs.service import get_program, program_config

    fingerprint = _event_fingerprint(data)
    program = get_program(session, program_id)
    member = get_member(session, program_id, member_id)
    ledger.lock_member(session, program_id, member_id, now)
    seen = session.get(MemberEvent, (program_id, member_id, data["event_id"]))
    if seen is not None:
        if seen.request_hash != fingerprint:
            raise DuplicateEvent(f"Event {data['event_id']!r} was recorded with different content")
        return seen.response, False
    if data.get("occurred_at") is not None:
        error = rules.occurred_at_error(data["occurred_at"], now, member.created_at)
        if error is not None:
            raise ValidationFailed("occurred_at is not plausible", errors={"occurred_at": [error]})
    data = {**data, "occurred_at": data.get("occurred_at") or now}
    tz_name = program_config(program)["timezone"]
    tier = member_tier(session, program, member_id, now)
    awarded, skipped = [], []
    for rule in active_rules(session, program_id, "event", data["type"]):
        reason = _skip_reason(session, program_id, member, rule, tier, now, tz_name)
        if reason is not None:
            skipped.append({"rule_id": rule.rule_id, "reason": reason})
            continue
        if rule.reward_id:
            award = _grant_coupon(session, program_id, member_id, rule, data, now)
            (awarded if "coupon_code" in award else skipped).append(award)
            continue
        points = budgets.take_for_rule(session, program_id, rule, rule.points, now, tz_name)
        if not points:  # the budget is spent for this period (taken after the member lock)
            skipped.append({"rule_id": rule.rule_id, "reason": budgets.rules.SKIP_BUDGET})
            continue
        ledger.credit(session, program, member_id, entry_type="bonus", points=points, now=now,
                      rule_id=rule.rule_id, event_id=data["event_id"], reason=f"event {data['type']}",
                      expires_in_days=rule.expires_in_days)
        session.add(RuleAward(program_id=program_id, member_id=member_id, rule_id=rule.rule_id,
                              event_id=data["event_id"], occurred_at=data["occurred_at"], awarded_at=now,
                              points=points))
        awarded.append({"rule_id": rule.rule_id, "points": points})
    response = {"event_id": data["event_id"], "awarded": awarded, "skipped": skipped}
    session.add(MemberEvent(program_id=program_id, member_id=member_id, event_id=data["event_id"],
                            type=data["type"], occurred_at=data["occurred_at"],
                            attributes=data.get("attributes") or {}, request_hash=fingerprint, response=response))
    session.flush()
    if awarded:
        from loyalty_api.tiers import service as tiers

        tiers.reevaluate_after_credit(session, program, member_id, now)
    return response, True


def _grant_coupon(session: Session, program_id: uuid.UUID, member_id: str, rule: EarningRule,
                  data: dict[str, Any], now: datetime) -> dict[str, Any]:
    """A rule with ``reward_id`` gives that reward's coupon, no points; counted against the cap alike."""
    from loyalty_api.rewards.service import grant_for_rule

    code, reason = grant_for_rule(session, program_id, member_id, rule.reward_id, rule_id=rule.rule_id,
                                  event_id=data["event_id"], now=now)
    if code is None:
        return {"rule_id": rule.rule_id, "reason": reason}
    session.add(RuleAward(program_id=program_id, member_id=member_id, rule_id=rule.rule_id,
                          event_id=data["event_id"], occurred_at=data["occurred_at"], awarded_at=now, points=0))
    return {"rule_id": rule.rule_id, "points": 0, "coupon_code": code}


def rule_with_budget(session: Session, program_id: uuid.UUID, rule_id: str, now: datetime) -> dict[str, Any]:
    """A rule's document, with ``budget_used``/``budget_remaining`` of the period holding ``now``
    when it has a budget."""
    from loyalty_api.programs.service import get_program, program_config

    rule = get_rule(session, program_id, rule_id)
    if not rule.budget_points:
        return rule_document(rule)  # the figures are left out, as in the list
    tz_name = program_config(get_program(session, program_id))["timezone"]
    return {**rule_document(rule), **budgets.rule_status(session, program_id, rule, now, tz_name)}
