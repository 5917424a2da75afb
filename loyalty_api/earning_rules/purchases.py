"""Purchase rules at checkout: which of a program's purchase rules an order earns with.

Split from ``service.py`` (which manages rules and applies them to member events):
checkout reaches only this module, through ``checkout/seams.py``. Every query is
scoped by ``program_id``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from loyalty_api.budgets import service as budgets
from loyalty_api.earning_rules import rules
from loyalty_api.earning_rules.models import EarningRule
from loyalty_api.earning_rules.service import active_rules, cap_bounds, cap_of


def purchase_rules_exist(program_id: Any) -> Any:
    """EXISTS of an active purchase rule, for checkout to fold into the statement that
    reads the program: an order of a program without such rules reads no rules at all."""
    return select(EarningRule.rule_id).where(
        EarningRule.program_id == program_id, EarningRule.kind == "purchase",
        EarningRule.active.is_(True)).exists()


def purchase_rules_for(session: Session, program: Any, member_id: str, tier_code: str | None,
                       now: datetime) -> list:
    """The purchase rules an order of this member placed ``now`` earns with.

    Active, inside their window, open to the member's tier, and under their cap,
    which counts the orders the rule gave points to (its ``bonus`` entries) in the
    cap's calendar period. Checkout asks before it takes the member's ledger lock,
    so a per-member advisory lock (only when a cap is in play) keeps two concurrent
    orders from both taking the last use; it is held until the order commits.
    """
    from loyalty_api.checkout.values import PurchaseRule
    from loyalty_api.programs.service import program_config

    candidates = [rule for rule in active_rules(session, program.program_id, "purchase")
                  if rules.in_window(now, rule.valid_from, rule.valid_until)
                  and rules.tier_eligible(rule.tiers, tier_code)]
    capped = [rule for rule in candidates if rule.cap_count]
    if capped:
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
                        {"key": f"purchase-cap|{program.program_id}|{member_id}"})
        tz_name = program_config(program)["timezone"]
        full = {rule.rule_id for rule in capped
                if rules.cap_reached(cap_of(rule), _orders_in_period(session, program.program_id, member_id,
                                                                     rule, now, tz_name))}
        candidates = [rule for rule in candidates if rule.rule_id not in full]
    return [PurchaseRule(rule_id=rule.rule_id, skus=frozenset(rule.skus), categories=frozenset(rule.categories),
                         multiplier=rule.multiplier, points_per_unit=rule.points_per_unit,
                         min_order_amount=rule.min_order_amount, expires_in_days=rule.expires_in_days,
                         budget=budgets.budget_of(rule)) for rule in candidates]


def _orders_in_period(session: Session, program_id: uuid.UUID, member_id: str, rule: EarningRule, now: datetime,
                      tz_name: str) -> int:
    from loyalty_api.ledger.models import LedgerEntry

    start, end = cap_bounds(rule, now, tz_name)
    query = select(func.count(func.distinct(LedgerEntry.order_id))).where(
        LedgerEntry.program_id == program_id, LedgerEntry.member_id == member_id, LedgerEntry.type == "bonus",
        LedgerEntry.rule_id == rule.rule_id, LedgerEntry.order_id.isnot(None))
    if start is not None:
        query = query.where(LedgerEntry.created_at >= start, LedgerEntry.created_at < end)
    return session.scalar(query) or 0
