"""Returns and cancels (SPEC §4): points taken back and given back in proportion.

After every return the totals so far are round-half-up(returned / amount x earned)
taken back and the same share of the redeemed points given back, so returns that
add up to the whole order net to exactly zero. Within one return the refund is
written first, so under ``clamp_to_zero`` the reversal can take back points the
refund just returned.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from loyalty_api.checkout import rules
from loyalty_api.checkout.models import Order, OrderReturn
from loyalty_api.checkout.seams import after_order_returned
from loyalty_api.checkout.service import get_order, load_program, to_lines
from loyalty_api.checkout.values import OrderView
from loyalty_api.errors import Conflict, ReturnExceedsOrder, ValidationFailed
from loyalty_api.events.service import emit
from loyalty_api.ledger import lots, reserved
from loyalty_api.ledger import service as ledger
from loyalty_api.programs.service import program_config

CANCEL_RETURN_ID = "#cancel"  # never a client's: return ids cannot contain "#"


def _fingerprint(data: dict[str, Any]) -> str:
    content = {"amount": str(data["amount"].normalize()) if data.get("amount") is not None else None,
               "lines": sorted((line["sku"], line["quantity"]) for line in data.get("lines") or [])}
    return hashlib.sha256(orjson.dumps(content)).hexdigest()


def _answer(row: Any) -> dict[str, Any]:
    # An order in another currency: the return is answered in that currency, as it was asked.
    amount = row.amount if row.currency_amount is None else row.currency_amount
    return {"return_id": row.return_id, "order_id": row.order_id, "amount": amount,
            "points_reversed": row.points_reversed, "points_refunded": row.points_refunded,
            "created_at": row.created_at}


def _existing_return(session: Session, program_id: uuid.UUID, order_id: str, return_id: str) -> Any:
    return session.execute(select(*OrderReturn.__table__.c).where(
        OrderReturn.program_id == program_id, OrderReturn.order_id == order_id,
        OrderReturn.return_id == return_id)).one_or_none()


def _returned_counts(session: Session, program_id: uuid.UUID, order_id: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for lines in session.execute(select(OrderReturn.lines).where(
            OrderReturn.program_id == program_id, OrderReturn.order_id == order_id)).scalars():
        for line in lines or []:
            counts[line["sku"]] = counts.get(line["sku"], 0) + int(line["quantity"])
    return counts


def _locked_order(session: Session, program_id: uuid.UUID, order_id: str, now: datetime,
                  amount: Decimal | None = None) -> OrderView:
    # The member lock comes first; the order is read again after it, fresh.
    first = get_order(session, program_id, order_id)
    finer = rules.money_errors(first.currency, amount)  # in the order's currency; bad input holds no lock
    if finer:
        raise ValidationFailed(f"Money has more decimals than {first.currency} has", errors=finer)
    lots.lock_member(session, program_id, first.member_id, now)
    return get_order(session, program_id, order_id)


def record_return(session: Session, program_id: uuid.UUID, order_id: str, data: dict[str, Any],
                  now: datetime) -> tuple[dict[str, Any], bool]:
    """Return part of an order, by lines or by amount, once per ``return_id``; answers (return, created)."""
    program = load_program(session, program_id)
    order = _locked_order(session, program_id, order_id, now, data.get("amount"))
    request_hash = _fingerprint(data)
    existing = _existing_return(session, program_id, order_id, data["return_id"])
    if existing is not None:
        if existing.request_hash != request_hash:
            raise Conflict(f"Return {data['return_id']!r} was recorded with different content")
        return _answer(existing), False
    lines = None
    if data.get("lines"):
        try:
            value, _ = rules.returned_lines_value(
                to_lines(order.lines), _returned_counts(session, program_id, order_id),
                [(line["sku"], line["quantity"]) for line in data["lines"]])
        except rules.ReturnTooLarge as exc:
            raise ReturnExceedsOrder(str(exc)) from exc
        lines = [{"sku": line["sku"], "quantity": line["quantity"]} for line in data["lines"]]
    else:
        value = data["amount"]
    # Measured in the order's own currency (the stored lines and the amount are as sent).
    if order.shown_returned + value > order.shown_amount:
        raise ReturnExceedsOrder(f"Only {order.shown_amount - order.shown_returned} of the order is left to return")
    row = _apply_return(session, program, order, data["return_id"], value, lines, request_hash, now)
    return _answer(row), True


def cancel_order(session: Session, program_id: uuid.UUID, order_id: str, now: datetime) -> dict[str, Any]:
    """Return what is left of the order and mark it cancelled; again answers the same."""
    program = load_program(session, program_id)
    order = _locked_order(session, program_id, order_id, now)
    if order.status == "cancelled":
        return order.answer()
    _apply_return(session, program, order, CANCEL_RETURN_ID, order.shown_amount - order.shown_returned, None,
                  "cancel", now, cancel=True)
    return get_order(session, program_id, order_id).answer()


def _apply_return(session: Session, program: Any, order: OrderView, return_id: str, value: Decimal,
                  lines: list[dict[str, Any]] | None, request_hash: str, now: datetime,
                  cancel: bool = False) -> Any:
    """Write the refund, the reversal, the order's new state and the return (member locked).

    ``value`` is in the order's currency; the points follow its program-currency part at
    the order's own rate (``exchange_rate``), never today's."""
    program_id, member_id = program.program_id, order.member_id
    shown_after = order.shown_returned + value
    after = shown_after if order.exchange_rate is None else rules.converted_so_far(
        shown_after, order.currency_amount, order.amount, order.exchange_rate, rules.minor_units(program.currency))
    reverse, refund = rules.return_points(order.amount, order.earned_points, order.redeemed_points,
                                          order.returned_amount, after)
    debt = lots.lock_member(session, program_id, member_id, now)
    if refund > 0:
        # Refunded points keep the expiry of the lots they were spent from.
        already = rules.return_points(order.amount, order.earned_points, order.redeemed_points, Decimal(0),
                                      order.returned_amount)[1]
        lots.insert_credits(session, program_id, member_id, reserved.refund_credits(
            session, program_id, member_id, order.order_id, return_id, refund, already, now,
            ledger.credit_expiry(program, now)), now, debt)
    reversed_points = 0
    if reverse > 0:
        taken = reserved.take_for_reversal(session, program_id, member_id, reverse, now, order.order_id)
        negative = program_config(program)["clawback"] == "allow_negative"
        reversed_points = reverse if negative else taken
        if reversed_points:
            lots.insert_debit(session, program_id, member_id, entry_type="reverse", points=reversed_points,
                              now=now, order_id=order.order_id, return_id=return_id)
        lots.change_debt(session, program_id, member_id, reversed_points - taken, now,
                         lifetime_delta=-reversed_points)
    converted = {} if order.exchange_rate is None else {"currency_returned_amount": shown_after}
    status = "cancelled" if cancel else ("returned" if shown_after >= order.shown_amount else "partially_returned")
    session.execute(update(Order).where(Order.program_id == program_id, Order.order_id == order.order_id)
                    .values(returned_amount=after, status=status, **converted))
    row = {"program_id": program_id, "order_id": order.order_id, "return_id": return_id,
           "amount": after - order.returned_amount, "lines": lines, "points_reversed": reversed_points,
           "points_refunded": refund, "created_at": now, "request_hash": request_hash,
           "currency_amount": None if order.exchange_rate is None else value}
    session.execute(insert(OrderReturn).values(row))
    emit(session, program_id, "points.reversed", {
        "member_id": member_id, "order_id": order.order_id, "return_id": None if cancel else return_id,
        "cancelled": cancel, "amount": str(value), "points": reversed_points,
        "points_reversed": reversed_points, "points_refunded": refund})
    order.returned_amount, order.status = after, status
    if converted:
        order.currency_returned_amount = shown_after
    after_order_returned(session, program, order, now)
    return OrderReturn(**row)
