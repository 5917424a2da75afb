"""Checkout arithmetic (SPEC §4), pure: money in, points out.

Money is ``Decimal``; shares of money (the discount spread over lines) are exact
``Fraction`` values, floored only once at the end, so no rounding of cents can tip
a point either way.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any, Iterable, Sequence

from loyalty_api.checkout.values import Line, PurchaseRule
from loyalty_api.ledger.rules import share_so_far


# ISO 4217 minor units of the currencies that do not count in hundredths; every other
# currency has two decimals. Money with more decimals than its currency is refused.
MINOR_UNITS = {
    **dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                     "VND", "VUV", "XAF", "XOF", "XPF"), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
    "CLF": 4, "UYW": 4,
}


def minor_units(currency: str) -> int:
    return MINOR_UNITS.get(currency, 2)


def finer_than(currency: str, amount: Decimal) -> bool:
    """Whether ``amount`` has more decimals than ``currency`` has ("10.005" roubles);
    trailing zeros do not count ("100.00" yen is 100 yen)."""
    return amount % Decimal(1).scaleb(-minor_units(currency)) != 0


def money_errors(currency: str, amount: Decimal | None, unit_prices: Sequence[Decimal] = ()) -> dict:
    """Field errors for an amount and line prices finer than the currency's minor unit."""
    message = [f"At most {minor_units(currency)} decimals in {currency}."]
    errors: dict = {"amount": message} if amount is not None and finer_than(currency, amount) else {}
    lines = {str(index): {"unit_price": message} for index, price in enumerate(unit_prices)
             if finer_than(currency, price)}
    if lines:
        errors["lines"] = lines
    return errors


def half_up(value: Fraction | Decimal, places: int) -> Decimal:
    """``value`` (not negative) rounded half up to ``places`` decimals, exactly."""
    return Decimal(math.floor(Fraction(value) * 10**places + Fraction(1, 2))).scaleb(-places)


@dataclass(frozen=True)
class Conversion:
    """An order's money in the program currency (``amount``, ``lines``: what every rule
    sees) and the way back to the order's currency for what the customer is shown."""

    rate: Decimal | None  # 1.00 of the order's currency in the program currency; None: the same currency
    amount: Decimal
    lines: Sequence["Line"]
    shown_amount: Decimal  # the amount as sent, in the order's currency
    shown_places: int

    def shown(self, money: Decimal) -> Decimal:
        """Program-currency money of this order (its discount) in the order's currency,
        round half up, never above the amount the customer pays."""
        if self.rate is None:
            return money
        return min(half_up(Fraction(money) / Fraction(self.rate), self.shown_places), self.shown_amount)


def convert_order(amount: Decimal, lines: Sequence["Line"], rate: Decimal | None, *, program_places: int,
                  order_places: int) -> Conversion:
    """The order in the program currency: each line's unit price and the amount times
    ``rate``, round half up to the program currency's minor unit.

    Lines rounded up one by one can add up to a little more than the rounded amount
    (three lines of 0.01 at 1.5 are 0.06, the amount 0.03 is 0.05); the amount is then
    the lines' sum, so that the lines never exceed it and the rest earns nothing.
    """
    if rate is None:
        return Conversion(None, amount, lines, amount, order_places)
    converted = [replace(line, unit_price=half_up(Fraction(line.unit_price) * Fraction(rate), program_places))
                 for line in lines]
    total = max(half_up(Fraction(amount) * Fraction(rate), program_places),
                sum((line.value for line in converted), Decimal(0)))
    return Conversion(rate, total, converted, amount, order_places)


def converted_so_far(returned: Decimal, shown_amount: Decimal, amount: Decimal, rate: Decimal,
                     program_places: int) -> Decimal:
    """The program-currency part of an order returned so far, from the part returned so far
    in the order's currency (``returned`` of ``shown_amount``) at the order's own rate.

    Converting the running total, not each return, keeps one cent of rounding from piling
    up over many returns; returning the whole order returns its whole ``amount``.
    """
    if returned >= shown_amount:
        return amount
    return min(half_up(Fraction(returned) * Fraction(rate), program_places), amount)


@dataclass(frozen=True)
class EarnPart:
    source: str  # "base" | "rule"
    rule_id: str | None
    points: int
    expires_in_days: int | None = None


@dataclass(frozen=True)
class Earn:
    points: int
    parts: tuple[EarnPart, ...]


def paid_line_values(lines: Sequence[Line], discount: Decimal) -> list[Fraction]:
    """Each line's value after its share of the discount (in proportion to value).

    The discount falls on the lines, not on the rest of the amount (delivery, fees);
    only a discount larger than all lines together spills over to the rest.
    """
    values = [Fraction(line.value) for line in lines]
    total = sum(values, Fraction(0))
    if total == 0:
        return values
    on_lines = min(Fraction(discount), total)
    return [value - on_lines * value / total for value in values]


def compute_earn(*, amount: Decimal, lines: Sequence[Line] | None, discount: Decimal,
                 points_per_unit: Decimal, tier_multiplier: Decimal,
                 excluded_skus: Iterable[str] = (), excluded_categories: Iterable[str] = (),
                 purchase_rules: Sequence[PurchaseRule] = ()) -> Earn:
    """Base points and each purchase rule's points for an order (SPEC §4 earn arithmetic)."""
    excluded_skus, excluded_categories = frozenset(excluded_skus), frozenset(excluded_categories)
    if lines:
        paid = paid_line_values(lines, discount)
        earning = [(line, value) for line, value in zip(lines, paid)
                   if line.sku not in excluded_skus and line.category not in excluded_categories]
    else:
        earning = [(None, Fraction(amount) - Fraction(discount))]
    eligible = sum((value for _, value in earning), Fraction(0))
    base = math.floor(eligible * Fraction(points_per_unit) * Fraction(tier_multiplier))
    parts = [EarnPart("base", None, max(base, 0))]
    for rule in purchase_rules:
        if rule.min_order_amount is not None and amount < rule.min_order_amount:
            continue
        matched = sum((value for line, value in earning
                       if rule.matches(line.sku if line else None, line.category if line else None)
                       and (line is not None or (not rule.skus and not rule.categories))), Fraction(0))
        points = 0
        if rule.multiplier is not None:
            points += math.floor(matched * Fraction(points_per_unit) * (Fraction(rule.multiplier) - 1))
        if rule.points_per_unit is not None:
            points += math.floor(matched * Fraction(rule.points_per_unit))
        if points > 0:
            parts.append(EarnPart("rule", rule.rule_id, points, rule.expires_in_days))
    return Earn(sum(part.points for part in parts), tuple(parts))


def share_cap(amount: Decimal, point_value: Decimal, max_order_share: Decimal) -> int:
    """Most points an order of ``amount`` may be paid with (``max_order_share``)."""
    return math.floor(Fraction(max_order_share) * Fraction(amount) / Fraction(point_value))


@dataclass(frozen=True)
class RedeemQuote:
    max_points: int
    applied_points: int
    reason: str | None  # None | insufficient_points | max_order_share | below_min_points


def clamp_redeem(requested: int | None, available: int, amount: Decimal, point_value: Decimal,
                 max_order_share: Decimal, min_points: int) -> RedeemQuote:
    """What a quote applies of ``requested``; ``max_points`` is 0 when even the most allowed is below ``min_points``."""
    by_share = share_cap(amount, point_value, max_order_share)
    cap = max(min(max(available, 0), by_share), 0)
    max_points = cap if cap >= min_points and cap > 0 else 0
    if not requested:
        return RedeemQuote(max_points, 0, None)
    applied, reason = requested, None
    if requested > cap:
        applied = cap
        reason = "insufficient_points" if available < by_share else "max_order_share"
    if applied < min_points:
        return RedeemQuote(max_points, 0, "below_min_points")
    return RedeemQuote(max_points, applied, reason)


def redeem_refusal(points: int, available: int, amount: Decimal, point_value: Decimal,
                   max_order_share: Decimal, min_points: int) -> str | None:
    """Why an order may not spend ``points`` (an error code), or None."""
    if points <= 0:
        return None
    if points > available:
        return "insufficient_points"
    if points < min_points or points > share_cap(amount, point_value, max_order_share):
        return "redeem_limit"
    return None


class ReturnTooLarge(ValueError):
    """More of a line would be returned than was bought."""


def returned_lines_value(order_lines: Sequence[Line], returned_before: dict[str, int],
                         request: Sequence[tuple[str, int]]) -> tuple[Decimal, dict[str, int]]:
    """Money value of returning ``request`` [(sku, quantity)] and the new returned counts.

    Units of a SKU bought on several lines are returned in line order.
    """
    counts = defaultdict(int, returned_before)
    value = Decimal(0)
    for sku, quantity in request:
        skip, need = counts[sku], quantity
        for line in order_lines:
            if line.sku != sku or need == 0:
                continue
            skipped = min(skip, line.quantity)
            skip -= skipped
            take = min(need, line.quantity - skipped)
            value += line.unit_price * take
            need -= take
        if need:
            raise ReturnTooLarge(f"more of {sku!r} than was bought")
        counts[sku] += quantity
    return value, dict(counts)


def return_points(amount: Decimal, earned: int, redeemed: int, returned_before: Decimal,
                  returned_after: Decimal) -> tuple[int, int]:
    """Points to reverse and to refund for one return, so that the totals so far are
    round-half-up(returned so far / amount x earned) and the same share of redeemed."""
    whole, before, after = Fraction(amount), Fraction(returned_before), Fraction(returned_after)
    reverse = share_so_far(after, whole, earned) - share_so_far(before, whole, earned)
    refund = share_so_far(after, whole, redeemed) - share_so_far(before, whole, redeemed)
    return reverse, refund


def to_lines(raw: list[dict[str, Any]] | None) -> list[Line]:
    """An order's lines as the request document gives them (``unit_price`` as a string
    or a number), as ``Line`` values."""
    return [Line(sku=line.get("sku"), category=line.get("category"), quantity=int(line["quantity"]),
                 unit_price=Decimal(str(line["unit_price"]))) for line in raw or []]
