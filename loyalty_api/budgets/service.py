"""Rule budgets: take points from a rule's budget, give a take back, read what is used.

Callers commit. Every statement names ``program_id``.

Concurrency: a take is one upsert of the (program, rule, period, period start) row,
``used = used + least(wanted, points - used)``; PostgreSQL locks the row for the
upsert, so concurrent takes of one budget run one after the other and the last one
gets what is left, never more (and the table's CHECK ``used <= points`` backs it).
The row stays locked until the taking transaction commits: a budget is a hot row.

Lock order. A purchase rule's budget rows are taken only by orders, in ``rule_id``
order, before the order takes any member lock: an order may go on to lock a second
member (the referrer its referral credits), so a budget row taken under a member
lock could close a cycle with another order of that member. An event rule's budget
rows are taken only by events, after the member's ledger lock (caps are counted
under it), in ``rule_id`` order. Returns never touch budgets (they give nothing
back, see docs/currencies-and-limits.md).

Quotes only read (``used_now``): a quote shows what the budget would allow at that
moment and reserves nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session

from loyalty_api.budgets import rules
from loyalty_api.budgets.rules import Budget
from loyalty_api.checkout.rules import Earn

_TAKE = text("""
INSERT INTO rule_budget_usage AS u (program_id, rule_id, period, period_start, points, used, last_taken, updated_at)
SELECT :program_id, w.rule_id, w.period, w.period_start, w.points, LEAST(w.wanted, w.points),
       LEAST(w.wanted, w.points), :now
  FROM unnest(CAST(:rule_ids AS text[]), CAST(:periods AS text[]), CAST(:starts AS timestamptz[]),
              CAST(:points AS int[]), CAST(:wanted AS int[])) AS w(rule_id, period, period_start, points, wanted)
 ORDER BY w.rule_id
ON CONFLICT (program_id, rule_id, period, period_start) DO UPDATE
   SET last_taken = GREATEST(LEAST(excluded.last_taken, excluded.points - u.used), 0),
       used = u.used + GREATEST(LEAST(excluded.last_taken, excluded.points - u.used), 0),
       points = GREATEST(excluded.points, u.used),
       updated_at = excluded.updated_at
RETURNING u.rule_id, u.last_taken
""")

# A take undone in the same transaction (an order that turned out to be a replay):
# the row is still ours, locked since the take.
_GIVE_BACK = text("""
UPDATE rule_budget_usage AS u SET used = u.used - w.taken, last_taken = 0
  FROM unnest(CAST(:rule_ids AS text[]), CAST(:periods AS text[]), CAST(:starts AS timestamptz[]),
              CAST(:taken AS int[])) AS w(rule_id, period, period_start, taken)
 WHERE u.program_id = :program_id AND u.rule_id = w.rule_id AND u.period = w.period
   AND u.period_start = w.period_start
""")

_USED = text("""
SELECT u.rule_id, u.used FROM rule_budget_usage u
  JOIN unnest(CAST(:rule_ids AS text[]), CAST(:periods AS text[]), CAST(:starts AS timestamptz[]))
       AS w(rule_id, period, period_start)
    ON u.rule_id = w.rule_id AND u.period = w.period AND u.period_start = w.period_start
 WHERE u.program_id = :program_id
""")


def budget_of(rule: Any) -> Budget | None:
    """The budget of an earning rule (its ``budget_points``/``budget_period`` columns)."""
    return Budget(rule.budget_points, rule.budget_period) if rule.budget_points else None


def _keys(wants: Iterable[tuple[str, Budget, int]], now: datetime, tz_name: str) -> dict[str, list]:
    wants = sorted(wants, key=lambda want: want[0])
    return {"rule_ids": [rule_id for rule_id, _, _ in wants],
            "periods": [budget.period for _, budget, _ in wants],
            "starts": [rules.period_start(budget.period, now, tz_name) for _, budget, _ in wants],
            "points": [budget.points for _, budget, _ in wants],
            "wanted": [wanted for _, _, wanted in wants]}


def take(session: Session, program_id: uuid.UUID, wants: Iterable[tuple[str, Budget, int]], now: datetime,
         tz_name: str) -> dict[str, int]:
    """Take ``wanted`` points from each (rule_id, budget, wanted); answers what each rule got
    (the remainder when less is left, 0 when nothing is). One statement for all."""
    keys = _keys(wants, now, tz_name)
    if not keys["rule_ids"]:
        return {}
    rows = session.execute(_TAKE, {"program_id": program_id, "now": now, **keys})
    return {row.rule_id: int(row.last_taken) for row in rows}


def give_back(session: Session, program_id: uuid.UUID, budgets: dict[str, Budget], taken: dict[str, int],
              now: datetime, tz_name: str) -> None:
    """Undo ``take`` within the same transaction (same ``now``, so the same periods)."""
    wants = [(rule_id, budgets[rule_id], points) for rule_id, points in taken.items() if points]
    if not wants:
        return
    keys = _keys(wants, now, tz_name)
    session.execute(_GIVE_BACK, {"program_id": program_id, "rule_ids": keys["rule_ids"],
                                 "periods": keys["periods"], "starts": keys["starts"], "taken": keys["wanted"]})


def used_now(session: Session, program_id: uuid.UUID, budgets: dict[str, Budget], now: datetime,
             tz_name: str) -> dict[str, int]:
    """What each rule's budget has given in the period holding ``now`` (a read, no lock)."""
    if not budgets:
        return {}
    keys = _keys([(rule_id, budget, 0) for rule_id, budget in budgets.items()], now, tz_name)
    rows = session.execute(_USED, {"program_id": program_id, "rule_ids": keys["rule_ids"],
                                   "periods": keys["periods"], "starts": keys["starts"]})
    used = {row.rule_id: int(row.used) for row in rows}
    return {rule_id: used.get(rule_id, 0) for rule_id in budgets}


def allowed_now(session: Session, program_id: uuid.UUID, budgets: dict[str, Budget], now: datetime,
                tz_name: str) -> dict[str, int]:
    """What each budget has left now (for a quote: shown, not reserved)."""
    used = used_now(session, program_id, budgets, now, tz_name)
    return {rule_id: rules.remaining(budget, used[rule_id]) for rule_id, budget in budgets.items()}


def rule_status(session: Session, program_id: uuid.UUID, rule: Any, now: datetime, tz_name: str) -> dict[str, Any]:
    """``budget_used`` and ``budget_remaining`` of the current period (``None`` without a budget)."""
    budget = budget_of(rule)
    if budget is None:
        return {"budget_used": None, "budget_remaining": None}
    used = used_now(session, program_id, {rule.rule_id: budget}, now, tz_name)[rule.rule_id]
    return {"budget_used": used, "budget_remaining": rules.remaining(budget, used)}


def take_for_rule(session: Session, program_id: uuid.UUID, rule: Any, wanted: int, now: datetime,
                  tz_name: str) -> int:
    """What an award of ``wanted`` points by ``rule`` gives: all of it without a budget,
    else what the budget grants (taken atomically)."""
    budget = budget_of(rule)
    if budget is None:
        return wanted
    return take(session, program_id, [(rule.rule_id, budget, wanted)], now, tz_name).get(rule.rule_id, 0)


@dataclass
class OrderBudgets:
    """What an order took from its rules' budgets, and its earn cut to it."""

    earn: Earn
    program_id: uuid.UUID | None = None
    budgets: dict[str, Budget] = field(default_factory=dict)
    taken: dict[str, int] = field(default_factory=dict)
    now: datetime | None = None
    tz_name: str = "UTC"

    def give_back(self, session: Session) -> None:
        """The order was a replay: it takes nothing (the first recording took its share)."""
        if self.taken:
            give_back(session, self.program_id, self.budgets, self.taken, self.now, self.tz_name)


def _budgeted_parts(purchase_rules: Iterable[Any], earn: Earn) -> dict[str, tuple[Budget, int]]:
    budget_by_rule = {rule.rule_id: rule.budget for rule in purchase_rules if rule.budget is not None}
    return {part.rule_id: (budget_by_rule[part.rule_id], part.points) for part in earn.parts
            if part.source == "rule" and part.rule_id in budget_by_rule and part.points > 0}


def take_for_order(session: Session, program: Any, purchase_rules: Iterable[Any], earn: Earn,
                   now: datetime) -> OrderBudgets:
    """Take the order's budgeted rule points; no statement at all when no rule it earns with
    has a budget. Runs before the order takes any member lock (see the lock order above)."""
    wanted = _budgeted_parts(purchase_rules, earn)
    if not wanted:
        return OrderBudgets(earn)
    from loyalty_api.programs.service import program_config

    tz_name = program_config(program)["timezone"]
    taken = take(session, program.program_id, [(rule_id, budget, points) for rule_id, (budget, points)
                                               in wanted.items()], now, tz_name)
    return OrderBudgets(rules.capped_earn(earn, taken), program.program_id,
                        {rule_id: budget for rule_id, (budget, _) in wanted.items()}, taken, now, tz_name)


def shown_for_quote(session: Session, program: Any, purchase_rules: Iterable[Any], earn: Earn,
                    now: datetime) -> Earn:
    """A quote's earn with each budgeted rule cut to what its budget has left now (read only)."""
    wanted = _budgeted_parts(purchase_rules, earn)
    if not wanted:
        return earn
    from loyalty_api.programs.service import program_config

    left = allowed_now(session, program.program_id, {rule_id: budget for rule_id, (budget, _) in wanted.items()},
                       now, program_config(program)["timezone"])
    return rules.capped_earn(earn, left)
