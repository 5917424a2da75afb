"""Rule budgets, pure: which period a moment falls in, and what a rule may still give.

A budget is ``points`` a rule may give across all members per ``period`` (calendar
periods in the program's time zone, as caps use; weeks start on Monday). A rule that
would give more than the budget has left gives what is left, never more (an order
that crosses the line still gets a share, and the budget ends spent exactly); once
nothing is left it gives nothing until the next period.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Mapping

from loyalty_api.checkout.rules import Earn
from loyalty_api.earning_rules.rules import CAP_PERIODS, period_bounds

BUDGET_PERIODS = CAP_PERIODS
SKIP_BUDGET = "budget_exhausted"
# The one "period start" of a lifetime budget: the key needs a value, and no other
# period of the same rule can start then (the table's key includes the period too).
LIFETIME_START = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Budget:
    points: int
    period: str


def period_start(period: str, at: datetime, tz_name: str) -> datetime:
    """The first instant (UTC) of the budget period holding ``at``."""
    start, _end = period_bounds(period, at, tz_name)
    return LIFETIME_START if start is None else start


def remaining(budget: Budget, used: int) -> int:
    """What the budget has left; 0 when a lowered budget is already passed."""
    return max(budget.points - used, 0)


def grant(wanted: int, budget: Budget, used: int) -> int:
    """What a rule that would give ``wanted`` points gives now: capped at the remainder."""
    return max(min(wanted, remaining(budget, used)), 0)


def capped_earn(earn: Earn, granted: Mapping[str, int]) -> Earn:
    """``earn`` with each budgeted rule's part cut to what its budget granted.

    A rule granted nothing leaves the breakdown (as a rule that matched nothing does);
    parts of rules not in ``granted`` stay as computed.
    """
    parts = []
    for part in earn.parts:
        if part.source == "rule" and part.rule_id in granted:
            part = replace(part, points=min(part.points, granted[part.rule_id]))
            if part.points <= 0:
                continue
        parts.append(part)
    return Earn(sum(part.points for part in parts), tuple(parts))
