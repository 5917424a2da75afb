"""The seams of checkout that other features fill in: the member's tier and the
purchase rules before an order (earn context), the tier a quote would lead to, and
what runs inside an order's or a return's transaction after its points are written
(tier upgrade, referral qualification and reversal, coupons released by a cancel).

The reactions after an order or a return go through ``loyalty_api.reactions``, in the
order of ``loyalty_api.wiring``'s table; so do the reads asked of tiers and earning
rules (earn context, the program statement's EXISTS clauses, tier after a quote),
through the providers the same wiring installs: those features import checkout's
models and rules themselves, so checkout imports neither.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from loyalty_api import reactions
from loyalty_api.checkout.values import OrderView, PurchaseRule
from loyalty_api.driver import Constant, one_or_none
from loyalty_api.errors import NotFound
from loyalty_api.programs.models import Program
from loyalty_api.programs.values import ProgramColumns, ProgramSettings


@dataclass(frozen=True)
class EarnContext:
    tier_code: str | None = None
    tier_multiplier: Decimal = Decimal(1)
    purchase_rules: list[PurchaseRule] = field(default_factory=list)


@dataclass(frozen=True)
class OrderFigures:
    """What an order would add, for ``tier_after`` on a quote (nothing is written)."""

    member_id: str
    amount: Decimal
    paid_amount: Decimal
    earned_points: int
    redeemed_points: int


def earn_context(session: Session, program: ProgramColumns, member_id: str, now: datetime, *,
                 any_purchase_rules: bool = True) -> EarnContext:
    """The member's tier before this order and the purchase rules that apply now."""
    tier_code, tier_multiplier = reactions.provider(reactions.TIER_EARN_CONTEXT)(session, program, member_id, now)
    if not any_purchase_rules:
        return EarnContext(tier_code, tier_multiplier)
    return EarnContext(tier_code, tier_multiplier,
                       reactions.provider(reactions.PURCHASE_RULES_FOR)(session, program, member_id, tier_code, now))


@functools.cache
def _program_statement() -> Constant:
    """Built and compiled once per process, run on the driver: SQLAlchemy's ORM loading
    of the ``Program`` cost about 0.3 ms per order on the reference machine."""
    # The subqueries name the parameter, not programs.program_id: on Citus a program table
    # correlated with the reference table ``programs`` cannot be routed to one shard.
    program_id = bindparam("program_id")
    purchase_rules_exist = reactions.provider(reactions.PURCHASE_RULES_EXIST)
    tier_row_exists = reactions.provider(reactions.TIER_ROW_EXISTS)
    return Constant.of(select(
        *Program.__table__.columns, purchase_rules_exist(program_id).label("any_purchase_rules"),
        tier_row_exists(program_id, bindparam("member_id")).label("tier_row"),
    ).where(Program.program_id == program_id))


def program_for_order(session: Session, program_id: uuid.UUID, member_id: str) -> tuple[ProgramSettings, bool]:
    """The program, and whether it has active purchase rules, in the one statement that
    reads the program; the member's tier row's existence rides along too, so an order
    in a program without tiers reads neither ``earning_rules`` nor ``member_tiers``.

    The program is a plain value that the order path hands to everything it calls
    (nothing else of the transaction reads the ``programs`` row again)."""
    found = one_or_none(session, _program_statement(), {"program_id": program_id, "member_id": member_id})
    if found is None:
        raise NotFound("Program not found")
    if not found.tier_row:
        reactions.provider(reactions.TIER_ROW_ABSENT)(session, program_id, member_id)
    return ProgramSettings.of(found), found.any_purchase_rules


def tier_after(session: Session, program: ProgramColumns, member_id: str, order_figures: OrderFigures,
                now: datetime) -> str | None:
    """The tier the member would have after an order with these figures (no writes)."""
    return reactions.provider(reactions.TIER_AFTER)(session, program, member_id, now,
                                                    paid_amount=order_figures.paid_amount,
                                                    earned_points=order_figures.earned_points)


def after_order_recorded(session: Session, program: ProgramColumns, order: OrderView, now: datetime, *,
                          referred: bool = True) -> str | None:
    """Runs the ``after_order_recorded`` reactions (``loyalty_api.wiring``: referral
    qualification, then the tier upgrade) inside the order's transaction after its
    points are written; answers the last reaction's result, the member's tier code
    after the order.

    ``referred=False``: the member was referred by nobody, so no referral can qualify.
    """
    answers = reactions.run(reactions.AFTER_ORDER_RECORDED, session, program, order, now, referred=referred)
    return answers[-1] if answers else None


def after_order_returned(session: Session, program: ProgramColumns, order: OrderView, now: datetime) -> None:
    """Runs the ``after_order_returned`` reactions (``loyalty_api.wiring``: referral
    reversal, coupons released by a cancel, tier re-evaluation) inside the return's
    (or cancel's) transaction after its points are written."""
    reactions.run(reactions.AFTER_ORDER_RETURNED, session, program, order, now)
