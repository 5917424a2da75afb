"""The tier metric of a member over a window, read from orders and the ledger.

Written against the tables (not the ledger's models) so the tiers stay a reader of
the ledger, never a writer. Definitions (SPEC §6):

* ``spend``: paid amount of orders placed in the window, net of returns. A return
  of part of an order's ``amount`` takes back the same share of what was paid
  (the points discount is spread the same way), rounded to cents.
* ``orders``: orders placed in the window that are not fully returned or cancelled.
* ``points_earned``: earn, bonus and referral credits in the window, minus their
  reversals. Entries of an order count at the order's ``placed_at``, others at
  their ``created_at``. The entries of members merged into this one count too
  (orders move with a merge; ledger entries never move).

A member brought by an import may carry the metric the old system had counted
(``imported_metrics``): it is added while its ``counted_at`` (the import) is in the
window, for the metric it was counted for.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, case, column, func, literal, or_, select, table, true
from sqlalchemy.orm import Session

orders = table("orders", column("program_id"), column("order_id"), column("member_id"), column("amount"),
               column("paid_amount"), column("returned_amount"), column("status"), column("placed_at"))
imported = table("imported_metrics", column("program_id"), column("member_id"), column("metric"),
                 column("value"), column("counted_at"))
members = table("members", column("program_id"), column("member_id"), column("merged_into"))
entries = table("ledger_entries", column("program_id"), column("member_id"), column("type"),
                column("points"), column("created_at"), column("order_id"))

COUNTED_TYPES = ("earn", "bonus", "referral", "reverse")
GONE_STATUSES = ("returned", "cancelled")
CENT = Decimal("0.01")


def _in_window(moment, since: datetime | None):
    # No upper bound: what is recorded has happened (an order may be placed up to a
    # few minutes ahead of the clock, and it must count for the request recording it).
    return true() if since is None else moment > since


def spend(session: Session, program_id: uuid.UUID, member_id: str, since: datetime | None) -> Decimal:
    kept = case((orders.c.status.in_(GONE_STATUSES), literal(0)),
                (orders.c.amount <= 0, orders.c.paid_amount),
                else_=orders.c.paid_amount * (orders.c.amount - orders.c.returned_amount) / orders.c.amount)
    total = session.scalar(select(func.coalesce(func.sum(func.round(kept, 2)), 0)).where(
        orders.c.program_id == program_id, orders.c.member_id == member_id,
        _in_window(orders.c.placed_at, since)))
    return max(Decimal(total), Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP)


def order_count(session: Session, program_id: uuid.UUID, member_id: str, since: datetime | None) -> int:
    return int(session.scalar(select(func.count()).select_from(orders).where(
        orders.c.program_id == program_id, orders.c.member_id == member_id,
        orders.c.status.not_in(GONE_STATUSES), _in_window(orders.c.placed_at, since))))


def points_earned(session: Session, program_id: uuid.UUID, member_id: str, since: datetime | None) -> int:
    # An order's credits and reversals count at the order's placed_at (a backdated
    # order counts where it belongs, a return never reaches back past the window).
    counted_at = func.coalesce(orders.c.placed_at, entries.c.created_at)
    joined = entries.outerjoin(orders, and_(orders.c.program_id == entries.c.program_id,
                                            orders.c.order_id == entries.c.order_id))
    merged_in = select(members.c.member_id).where(members.c.program_id == program_id,
                                                  members.c.merged_into == member_id)
    total = session.scalar(select(func.coalesce(func.sum(entries.c.points), 0)).select_from(joined).where(
        entries.c.program_id == program_id,
        or_(entries.c.member_id == member_id, entries.c.member_id.in_(merged_in)),
        entries.c.type.in_(COUNTED_TYPES), _in_window(counted_at, since)))
    return max(int(total), 0)


def _imported(session: Session, program_id: uuid.UUID, member_id: str, metric: str,
              since: datetime | None) -> Decimal:
    value = session.scalar(select(imported.c.value).where(
        imported.c.program_id == program_id, imported.c.member_id == member_id, imported.c.metric == metric,
        _in_window(imported.c.counted_at, since)))
    return Decimal(value or 0)


def metric_value(session: Session, program_id: uuid.UUID, member_id: str, metric: str,
                 since: datetime | None) -> Decimal | int:
    """The metric over what was recorded after ``since`` (everything for None)."""
    brought = _imported(session, program_id, member_id, metric, since)
    if metric == "spend":
        return spend(session, program_id, member_id, since) + brought.quantize(CENT)
    if metric == "orders":
        return order_count(session, program_id, member_id, since) + int(brought)
    return points_earned(session, program_id, member_id, since) + int(brought)
