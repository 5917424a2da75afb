"""Checkout use cases: quote and orders.

Returns and cancels live in ``returns``, holds in ``holds``, the seams other
features fill in (tiers, earning rules, referrals) in ``seams``. Services take ``now``
so tests can move the clock; the HTTP layer passes the real time.

Order recording, in statements: program, earn context (seam), then the order row
(``INSERT … ON CONFLICT DO NOTHING``: the ``order_id`` is the natural key), its
outbox events, the member lock (carrying the lifetime and activity figures) and,
when no points are spent, the entries with their lots in one (``statements.py``);
an order that spends points spends next, then writes its entries and lots.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from loyalty_api.budgets import service as order_budgets
from loyalty_api.checkout import rules, seams
from loyalty_api.checkout.rules import to_lines
from loyalty_api.checkout.models import Hold, Order
from loyalty_api.checkout.values import Line, OrderView
from loyalty_api.errors import (CurrencyMismatch, DuplicateOrder, HoldNotActive, InsufficientPoints, NotFound,
                                RedeemLimit, ValidationFailed)
from loyalty_api.checkout.statements import RECORD_EARNING_ORDER, RECORD_ORDER
from loyalty_api.events.service import event_arrays
from loyalty_api.ledger import lots, reserved
from loyalty_api.ledger import service as ledger
from loyalty_api.ledger.rules import MAX_POINTS
from loyalty_api.programs.models import Program
from loyalty_api.programs.values import ProgramColumns
from loyalty_api.programs.service import program_config
from loyalty_api.timestamps import rfc3339

FUTURE_TOLERANCE = timedelta(minutes=5)
MONEY_LIMIT = Decimal(10**15)


# --- shared helpers -----------------------------------------------------------------------

def load_program(session: Session, program_id: uuid.UUID) -> Program:
    program = session.get(Program, program_id)
    if program is None:
        raise NotFound("Program not found")
    return program


def _check_order_input(config: dict[str, Any], program: ProgramColumns, amount: Decimal, currency: str,
                       lines: list[Line]) -> rules.Conversion:
    """Refuse bad money; answer the order converted to the program currency
    (docs/currencies-and-limits.md)."""
    rate = None
    if currency != program.currency:
        rate = config["currencies"].get(currency)
        if rate is None:
            accepted = sorted([program.currency, *config["currencies"]])
            raise CurrencyMismatch(f"This program takes money in {', '.join(accepted)}",
                                   errors={"currency": [f"One of {', '.join(accepted)}."]})
    finer = rules.money_errors(currency, amount, [line.unit_price for line in lines])
    if finer:
        raise ValidationFailed(f"Money has more decimals than {currency} has", errors=finer)
    if sum((line.value for line in lines), Decimal(0)) > amount:
        raise ValidationFailed("The lines add up to more than the amount",
                               errors={"lines": ["Lines add up to more than amount."]})
    money = rules.convert_order(amount, lines, rate, program_places=rules.minor_units(program.currency),
                                order_places=rules.minor_units(currency))
    if money.amount >= MONEY_LIMIT:  # the columns' precision; only a conversion can get here
        raise ValidationFailed(f"The amount is too large in {program.currency}",
                               errors={"amount": [f"Below {MONEY_LIMIT} {program.currency} once converted."]})
    return money


def _earn(config: dict[str, Any], context: seams.EarnContext, amount: Decimal, lines: list[Line],
          discount: Decimal) -> rules.Earn:
    earn = config["earn"]
    computed = rules.compute_earn(
        amount=amount, lines=lines, discount=discount, points_per_unit=earn["points_per_unit"],
        tier_multiplier=context.tier_multiplier, excluded_skus=earn.get("excluded_skus") or (),
        excluded_categories=earn.get("excluded_categories") or (), purchase_rules=context.purchase_rules)
    if computed.points > MAX_POINTS:
        # Refused before anything is written: the ledger could not hold the entry.
        raise ValidationFailed("The order would earn more points than the ledger can hold",
                               errors={"amount": [f"Would earn more than {MAX_POINTS} points."]})
    return computed


def _breakdown(earn: rules.Earn) -> list[dict[str, Any]]:
    return [{"source": part.source, "rule_id": part.rule_id, "points": part.points} for part in earn.parts]


# --- quote --------------------------------------------------------------------------------

def quote(session: Session, program_id: uuid.UUID, member_id: str, order: dict[str, Any],
          redeem_points: int | None, now: datetime) -> dict[str, Any]:
    """What an order would earn and how many points it may use; writes nothing."""
    program = load_program(session, program_id)
    config = program_config(program)
    money = _check_order_input(config, program, order["amount"], order["currency"], to_lines(order.get("lines")))
    amount = money.amount
    available = ledger.available_points(session, program_id, member_id, now)
    redeem = config["redeem"]
    clamped = rules.clamp_redeem(redeem_points, available, amount, redeem["point_value"],
                                 redeem["max_order_share"], redeem["min_points"])
    discount = redeem["point_value"] * clamped.applied_points
    context = seams.earn_context(session, program, member_id, now)
    earn = order_budgets.shown_for_quote(session, program, context.purchase_rules,
                                         _earn(config, context, amount, money.lines, discount), now)
    figures = seams.OrderFigures(member_id, amount, amount - discount, earn.points, clamped.applied_points)
    return {
        "member_id": member_id, "earn_points": earn.points, "earn_breakdown": _breakdown(earn),
        "redeem": {"max_points": clamped.max_points, "applied_points": clamped.applied_points,
                   "discount_amount": money.shown(discount), "reason": clamped.reason},
        "available": available, "tier_after": seams.tier_after(session, program, member_id, figures, now),
        "exchange_rate": money.rate,
    }


# --- orders -------------------------------------------------------------------------------

def _fingerprint(data: dict[str, Any]) -> str:
    content = {
        "member_id": data["member_id"], "amount": str(data["amount"].normalize()), "currency": data["currency"],
        "lines": [{**line, "unit_price": str(Decimal(line["unit_price"]).normalize())}
                  for line in data.get("lines") or []],
        "hold_id": data.get("hold_id"), "redeem_points": data.get("redeem_points") or 0,
        "placed_at": data["placed_at"].isoformat() if data.get("placed_at") else None,
    }
    return hashlib.sha256(orjson.dumps(content, option=orjson.OPT_SORT_KEYS)).hexdigest()


def get_order(session: Session, program_id: uuid.UUID, order_id: str, *, for_update: bool = False) -> OrderView:
    query = select(*Order.__table__.c).where(Order.program_id == program_id, Order.order_id == order_id)
    row = session.execute(query.with_for_update() if for_update else query).one_or_none()
    if row is None:
        raise NotFound(f"Order {order_id!r} not found")
    return OrderView.of(row)


def _hold_for_order(session: Session, program_id: uuid.UUID, data: dict[str, Any], now: datetime) -> Hold:
    hold = session.get(Hold, (program_id, data["hold_id"]))
    if hold is None:
        raise NotFound(f"Hold {data['hold_id']!r} not found")
    if hold.member_id != data["member_id"] or (hold.order_id and hold.order_id != data["order_id"]):
        raise ValidationFailed("The hold belongs to another member or order",
                               errors={"hold_id": ["Belongs to another member or order."]})
    replay = hold.status == "captured" and hold.captured_by == data["order_id"]
    if not replay and (hold.status != "held" or hold.expires_at <= now):
        # A retry of the order that captured it gets past here to answer the recorded order.
        raise HoldNotActive(f"Hold {hold.hold_id!r} is not active")
    return hold


def record_order(session: Session, program_id: uuid.UUID, data: dict[str, Any],
                 now: datetime) -> tuple[dict[str, Any], bool]:
    """Record a paid order once per ``order_id``; answers (order, created)."""
    member_id, order_id = data["member_id"], data["order_id"]
    program, any_purchase_rules = seams.program_for_order(session, program_id, member_id)
    config = program_config(program)
    # Every rule below counts in the program currency; the customer is shown the order's.
    money = _check_order_input(config, program, data["amount"], data["currency"], to_lines(data.get("lines")))
    amount = money.amount
    placed_at = data.get("placed_at") or now
    if placed_at > now + FUTURE_TOLERANCE:
        raise ValidationFailed("placed_at is in the future", errors={"placed_at": ["Must not be in the future."]})
    if data.get("hold_id") and data.get("redeem_points"):
        raise ValidationFailed("Give hold_id or redeem_points, not both",
                               errors={"redeem_points": ["Not with hold_id."]})
    hold = _hold_for_order(session, program_id, data, now) if data.get("hold_id") else None
    redeem = config["redeem"]
    redeemed = hold.points if hold else int(data.get("redeem_points") or 0)
    if hold and rules.redeem_refusal(redeemed, redeemed, amount, redeem["point_value"],
                                     redeem["max_order_share"], redeem["min_points"]):
        raise RedeemLimit("The hold's points break this order's redemption limits")
    discount = redeem["point_value"] * redeemed
    context = seams.earn_context(session, program, member_id, now, any_purchase_rules=any_purchase_rules)
    # Budgeted rules get what their budgets grant: taken now, before the member lock (the
    # lock order, see budgets.service), and given back below if this is a replay.
    budgets = order_budgets.take_for_order(session, program, context.purchase_rules,
                                           _earn(config, context, amount, money.lines, discount), now)
    earn = budgets.earn
    shown_discount = money.shown(discount)
    available_at = placed_at + timedelta(days=config["pending_days"])
    request_hash = _fingerprint(data)
    row = {
        "program_id": program_id, "order_id": order_id, "member_id": member_id, "amount": amount,
        # Clamped only for a refusal still to come (limits are checked under the lock).
        "paid_amount": max(amount - discount, Decimal(0)), "currency": data["currency"], "lines": data.get("lines") or [],
        "earned_points": earn.points, "redeemed_points": redeemed, "discount_amount": discount,
        "returned_amount": Decimal(0), "status": "completed", "hold_id": data.get("hold_id"),
        "placed_at": placed_at, "points_available_at": available_at, "created_at": now,
        "request_hash": request_hash, **_in_order_currency(money, shown_discount),
    }
    events: list[tuple[str, dict[str, Any]]] = []
    if redeemed:
        events.append(("points.redeemed", {
            "member_id": member_id, "order_id": order_id, "points": redeemed,
            "discount_amount": str(shown_discount), "hold_id": hold.hold_id if hold else None}))
    credits = _earn_credits(program, order_id, earn, available_at)
    if credits:
        events.append(("points.earned", {
            "member_id": member_id, "order_id": order_id, "points": earn.points,
            "breakdown": _breakdown(earn), "available_at": rfc3339(available_at)}))
    # The order row, its events, the member lock and, unless points are spent first,
    # the credits in one statement (see statements.py).
    credits_now = bool(credits) and not redeemed
    recorded = lots.lock_member_within(session, RECORD_EARNING_ORDER if credits_now else RECORD_ORDER, {
        **row, "lines": orjson.dumps(_json_lines(row["lines"])).decode(), **event_arrays(events), "now": now,
        "lifetime": earn.points, "activity": now if earn.points or redeemed else None, **lots.credit_arrays(credits),
    }, program_id, member_id, now, program=program)
    if recorded.inserted is None:
        budgets.give_back(session)
        existing = get_order(session, program_id, order_id)
        if existing.request_hash != request_hash:
            raise DuplicateOrder(f"Order {order_id!r} was recorded with different content")
        return existing.answer(), False
    if not recorded.member_found:
        from loyalty_api.members.lookup import missing_member_error

        raise missing_member_error(session, program_id, member_id)
    debt, referred = recorded.debt, bool(recorded.referred)
    if credits_now:
        lots.credits_written(session, program_id, member_id, credits, recorded.lot_ids, now, debt)
    else:
        if redeemed:
            _spend_for_order(session, program_id, member_id, order_id, hold, redeemed, config, amount, debt, now)
        if credits:
            lots.insert_credits(session, program_id, member_id, credits, now, debt)
    view = OrderView(**row)
    seams.after_order_recorded(session, program, view, now, referred=referred)
    return view.answer(), True


def _in_order_currency(money: rules.Conversion, shown_discount: Decimal) -> dict[str, Any]:
    converted = money.rate is not None
    return {"exchange_rate": money.rate, "currency_amount": money.shown_amount if converted else None,
            "currency_discount_amount": shown_discount if converted else None,
            "currency_returned_amount": Decimal(0) if converted else None}


def _json_lines(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**line, "unit_price": str(line["unit_price"])} for line in lines]


def _spend_for_order(session: Session, program_id: uuid.UUID, member_id: str, order_id: str, hold: Hold | None,
                     points: int, config: dict[str, Any], amount: Decimal, debt: int, now: datetime) -> None:
    if hold is not None:
        # Read before the capture: the expired points the holds (this one too) keep.
        kept = lots.spendable(session, program_id, member_id, now, debt).kept
        captured = session.execute(update(Hold).where(
            Hold.program_id == program_id, Hold.hold_id == hold.hold_id, Hold.status == "held",
            Hold.expires_at > now,
        ).values(status="captured", closed_at=now, captured_by=order_id).returning(Hold.hold_id)).scalar()
        if captured is None:
            raise HoldNotActive(f"Hold {hold.hold_id!r} is not active")
        entry_id = reserved.capture_hold(session, program_id, member_id, points, kept, now, order_id=order_id,
                                         hold_id=hold.hold_id)
    else:
        figures = lots.spendable(session, program_id, member_id, now, debt)
        redeem = config["redeem"]
        refusal = rules.redeem_refusal(points, figures.available, amount, redeem["point_value"],
                                       redeem["max_order_share"], redeem["min_points"])
        if refusal == "insufficient_points":
            raise InsufficientPoints(f"{figures.available} points available, {points} needed",
                                     available=figures.available)
        if refusal:
            raise RedeemLimit("The points break this order's redemption limits")
        entry_id = lots.spend_and_record(session, program_id, member_id, points, now, entry_type="redeem",
                                         order_id=order_id)
    if entry_id is None:
        # Cannot happen under the member lock: held points are exclusive (SPEC §4).
        raise InsufficientPoints("The points are no longer there")


def _earn_credits(program: ProgramColumns, order_id: str, earn: rules.Earn,
                  available_at: datetime) -> list[dict[str, Any]]:
    """The order's earn entry (base points) and one bonus entry per rule, each its own lot."""
    return [{"type": "earn" if part.source == "base" else "bonus", "points": part.points, "order_id": order_id,
             "rule_id": part.rule_id, "available_at": available_at,
             "expires_at": ledger.credit_expiry(program, available_at, expires_in_days=part.expires_in_days)}
            for part in earn.parts if part.points > 0]
