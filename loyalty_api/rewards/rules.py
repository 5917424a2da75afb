"""Rewards and coupons: claimability, what a coupon is worth, codes. Pure functions.

A reward's window is half-open like a rule's (``valid_from <= at < valid_until``).
A coupon's stored status is ``active``, ``used``, ``expired`` or ``cancelled``; an
active coupon past its ``expires_at`` reads as ``expired`` at once, before the
job writes it down (as a hold does).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable, Iterable

KINDS = ("discount_amount", "discount_percent", "free_delivery", "gift")
STATUSES = ("active", "used", "expired", "cancelled")

# Why a member cannot claim a reward (SPEC §13), in the order they are checked.
OUTSIDE_WINDOW = "outside_window"
TIER_NOT_ELIGIBLE = "tier_not_eligible"
OUT_OF_STOCK = "out_of_stock"
LIMIT_REACHED = "limit_reached"
INSUFFICIENT_POINTS = "insufficient_points"

# Why a coupon cannot be used for an order.
NOT_OWNER = "not_owner"
CURRENCY_MISMATCH = "currency_mismatch"

# No 0/O, 1/I/L: a code read aloud or typed from a receipt survives.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_GROUPS, CODE_GROUP_LENGTH = 3, 4  # 12 symbols of 31: about 59 bits
CODE_PATTERN = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_GROUP_LENGTH}}}(-[{CODE_ALPHABET}]{{{CODE_GROUP_LENGTH}}})"
                          rf"{{{CODE_GROUPS - 1}}}$")
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def new_coupon_code(choice: Callable[[str], str] = secrets.choice) -> str:
    """A fresh code such as ``K7QM-3XHT-9PRW`` (cryptographic randomness)."""
    return "-".join("".join(choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH)) for _ in range(CODE_GROUPS))


def normalize_coupon_code(text: str) -> str | None:
    """A code as typed (any case, spaces or dashes anywhere) in its stored form; None if it cannot be one."""
    symbols = re.sub(r"[\s-]", "", text).upper()
    if len(symbols) != CODE_GROUPS * CODE_GROUP_LENGTH or any(c not in CODE_ALPHABET for c in symbols):
        return None
    return "-".join(symbols[i:i + CODE_GROUP_LENGTH] for i in range(0, len(symbols), CODE_GROUP_LENGTH))


def in_window(at: datetime, valid_from: datetime | None, valid_until: datetime | None) -> bool:
    return (valid_from is None or valid_from <= at) and (valid_until is None or at < valid_until)


def claim_refusal(*, at: datetime, valid_from: datetime | None, valid_until: datetime | None,
                  reward_tiers: Iterable[str] | None, member_tier: str | None, stock: int | None,
                  limit_per_member: int | None, claimed_by_member: int, cost_points: int,
                  available: int) -> str | None:
    """Why the member cannot claim the reward now (``None``: they can)."""
    if not in_window(at, valid_from, valid_until):
        return OUTSIDE_WINDOW
    if reward_tiers is not None and member_tier not in set(reward_tiers):
        return TIER_NOT_ELIGIBLE
    if stock is not None and stock <= 0:
        return OUT_OF_STOCK
    if limit_per_member is not None and claimed_by_member >= limit_per_member:
        return LIMIT_REACHED
    if available < cost_points:
        return INSUFFICIENT_POINTS
    return None


def coupon_expires_at(issued_at: datetime, coupon_valid_days: int | None) -> datetime | None:
    """``coupon_valid_days`` after issue, to the second; ``None`` days: the coupon never expires."""
    return None if coupon_valid_days is None else issued_at + timedelta(days=coupon_valid_days)


def effective_status(status: str, expires_at: datetime | None, now: datetime) -> str:
    if status == "active" and expires_at is not None and expires_at <= now:
        return "expired"
    return status


@dataclass(frozen=True)
class CouponValue:
    discount_amount: Decimal
    free_delivery: bool
    gift_sku: str | None


NOTHING = CouponValue(Decimal("0.00"), False, None)


def coupon_value(kind: str, value: Decimal | None, sku: str | None, amount: Decimal) -> CouponValue:
    """What a coupon takes off an order of ``amount``: never more than the amount.

    A percentage is rounded half up to the cent.
    """
    if kind == "discount_amount":
        return CouponValue(min(Decimal(value), amount).quantize(CENT, rounding=ROUND_HALF_UP), False, None)
    if kind == "discount_percent":
        discount = (amount * Decimal(value) / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)
        return CouponValue(min(discount, amount), False, None)
    if kind == "free_delivery":
        return CouponValue(Decimal("0.00"), True, None)
    if kind == "gift":
        return CouponValue(Decimal("0.00"), False, sku)
    raise ValueError(f"unknown reward kind {kind!r}")


def use_refusal(*, status: str, owner: str, member_id: str, order_currency: str,
                program_currency: str) -> str | None:
    """Why a coupon (in its effective status) cannot pay part of this member's order."""
    if status != "active":
        return status  # used, expired, cancelled
    if owner != member_id:
        return NOT_OWNER
    if order_currency != program_currency:
        return CURRENCY_MISMATCH
    return None


def reward_errors(doc: dict) -> dict[str, list[str]]:
    """Cross-field checks of a whole reward document (after a create or a merged PATCH)."""
    errors: dict[str, list[str]] = {}
    kind, value = doc.get("kind"), doc.get("value")
    if kind == "discount_amount":
        if value is None or value <= 0:
            errors["value"] = ["A discount_amount reward needs a money value above 0."]
    elif kind == "discount_percent":
        if value is None or not 0 < value <= HUNDRED:
            errors["value"] = ["A discount_percent reward needs a percent above 0, at most 100."]
    elif value is not None:
        errors["value"] = ["Only for discount rewards."]
    if kind == "gift" and not doc.get("sku"):
        errors["sku"] = ["Required for gift rewards."]
    elif kind != "gift" and doc.get("sku") is not None:
        errors["sku"] = ["Only for gift rewards."]
    valid_from, valid_until = doc.get("valid_from"), doc.get("valid_until")
    if valid_from is not None and valid_until is not None and valid_from >= valid_until:
        errors["valid_until"] = ["Must be later than valid_from."]
    if doc.get("tiers") == []:
        errors["tiers"] = ["List at least one tier, or leave tiers out for every member."]
    return errors
