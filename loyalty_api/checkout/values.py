"""Checkout's plain types that other features see: an order as plain data
(``OrderView``, what the reactions receive), an order line and a purchase rule (what
earning rules hand to the earn arithmetic). A leaf: it imports nothing of the
package, so any feature may use these types without importing checkout's service,
models or rules.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class PurchaseRule:
    """A purchase rule: extra points on the paid amount of the lines it matches.

    No ``skus`` and no ``categories`` means every earning line (or, for an order
    without lines, its whole earning amount).
    """

    rule_id: str
    skus: frozenset[str]
    categories: frozenset[str]
    multiplier: Decimal | None
    points_per_unit: Decimal | None
    min_order_amount: Decimal | None
    expires_in_days: int | None
    budget: Any = None  # budgets.rules.Budget: the most it may give across members per period

    def matches(self, sku: str | None, category: str | None) -> bool:
        if not self.skus and not self.categories:
            return True
        return (sku is not None and sku in self.skus) or (category is not None and category in self.categories)


@dataclass(frozen=True)
class Line:
    sku: str | None
    category: str | None
    quantity: int
    unit_price: Decimal

    @property
    def value(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass
class OrderView:
    """An order's columns as plain data (what the seams and answers see). Its money is in
    the program currency; ``answer`` shows an order in another currency in that one."""

    program_id: uuid.UUID
    order_id: str
    member_id: str
    amount: Decimal
    paid_amount: Decimal
    currency: str
    lines: list[dict[str, Any]]
    earned_points: int
    redeemed_points: int
    discount_amount: Decimal
    returned_amount: Decimal
    status: str
    hold_id: str | None
    placed_at: datetime
    points_available_at: datetime
    created_at: datetime
    request_hash: str
    exchange_rate: Decimal | None = None
    currency_amount: Decimal | None = None
    currency_discount_amount: Decimal | None = None
    currency_returned_amount: Decimal | None = None

    @classmethod
    def of(cls, row: Any) -> "OrderView":
        return cls(**{name: getattr(row, name) for name in cls.__dataclass_fields__})

    @property
    def shown_amount(self) -> Decimal:
        """The amount in the order's own currency (what returns are measured against)."""
        return self.amount if self.exchange_rate is None else self.currency_amount

    @property
    def shown_returned(self) -> Decimal:
        return self.returned_amount if self.exchange_rate is None else self.currency_returned_amount

    def answer(self) -> dict[str, Any]:
        # Shallow: the answer is serialised at once, so asdict's deep copy is waste.
        answer = {name: getattr(self, name) for name in self.__dataclass_fields__}
        if self.exchange_rate is not None:
            answer.update(amount=self.currency_amount, discount_amount=self.currency_discount_amount,
                          paid_amount=self.currency_amount - self.currency_discount_amount,
                          returned_amount=self.currency_returned_amount)
        return answer
