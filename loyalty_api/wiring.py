"""The composition root of cross-feature reactions: the one table saying which
feature reacts to which hook (``loyalty_api.reactions``), and in which order.

``install()`` is called where a process starts using services: ``create_app``, the
jobs runner, and the test suite's conftest. Nothing below ``loyalty_api.app`` and the
jobs runner imports this module, so the import graph stays acyclic: the features
import ``reactions`` (a leaf), this module imports the features.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from loyalty_api import reactions
from loyalty_api.earning_rules.purchases import purchase_rules_exist, purchase_rules_for
from loyalty_api.expiry.service import burn_overdue_inactivity
from loyalty_api.referrals.service import reverse_on_return, reward_on_order
from loyalty_api.rewards.coupons import release_for_order
from loyalty_api.tiers.service import after_order as tier_after_order
from loyalty_api.tiers.service import after_return as tier_after_return
from loyalty_api.tiers.service import earn_context as tier_earn_context
from loyalty_api.tiers.service import note_absent as tier_row_absent
from loyalty_api.tiers.service import row_exists_clause as tier_row_exists
from loyalty_api.tiers.service import tier_after


def referral_on_order(session: Session, program: Any, order: Any, now: datetime, *, referred: bool) -> None:
    # A member referred by nobody cannot qualify a referral: skip its query.
    if referred:
        reward_on_order(session, program, order, now)


def tier_on_order(session: Session, program: Any, order: Any, now: datetime, *, referred: bool) -> str | None:
    return tier_after_order(session, program, order.member_id, now)


def coupons_on_cancel(session: Session, program: Any, order: Any, now: datetime) -> None:
    if order.status == "cancelled":
        release_for_order(session, program.program_id, order.order_id, now)  # its coupons are usable again


def tier_on_return(session: Session, program: Any, order: Any, now: datetime) -> None:
    # The metric is read live, so the return already lowers it; the tier itself only
    # falls when its retention ends (jobs), never here.
    tier_after_return(session, program, order.member_id, now)


TABLE: tuple[tuple[str, reactions.Reaction], ...] = (
    # A passed inactivity deadline burns before the write's lock restarts the clock;
    # the burn takes the same balance row lock first, so the ledger's lock order holds.
    (reactions.BEFORE_MEMBER_LOCK, burn_overdue_inactivity),
    # Referral credits first, so that they count when the tier metric is points_earned.
    (reactions.AFTER_ORDER_RECORDED, referral_on_order),
    # Last: its answer (the tier code after the order) is the hook's answer.
    (reactions.AFTER_ORDER_RECORDED, tier_on_order),
    # The referral reversal before the tier re-evaluation, which must see the points it
    # takes back when the metric is points_earned.
    (reactions.AFTER_ORDER_RETURNED, reverse_on_return),
    # Independent of the referral reversal and read by no tier metric; it stays between
    # them, where the order path always ran it, so no statement moves.
    (reactions.AFTER_ORDER_RETURNED, coupons_on_cancel),
    # Last: the metric it reads live includes every write above.
    (reactions.AFTER_ORDER_RETURNED, tier_on_return),
)


# What checkout reads from tiers and earning rules before an order (no writes).
PROVIDERS: dict[str, reactions.Reaction] = {
    reactions.TIER_EARN_CONTEXT: tier_earn_context,
    reactions.TIER_AFTER: tier_after,
    reactions.TIER_ROW_EXISTS: tier_row_exists,
    reactions.TIER_ROW_ABSENT: tier_row_absent,
    reactions.PURCHASE_RULES_EXIST: purchase_rules_exist,
    reactions.PURCHASE_RULES_FOR: purchase_rules_for,
}


def install() -> None:
    reactions.install(TABLE)
    reactions.install_providers(PROVIDERS)
