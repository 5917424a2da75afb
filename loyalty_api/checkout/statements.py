"""The statement that records a new order: the order row, its outbox events, the
member lock and (for an order that spends no points) its credits, in one round trip.

``INSERT … ON CONFLICT DO NOTHING`` on the natural key ``order_id`` decides whether
the order is new; the events and the lock happen only if it is (their ``WHERE``
reads the order CTE), so a retried order changes nothing. Figures that must be read
*after* the lock (spendable points) get statements of their own: a statement's
snapshot predates the lock it waits for. So an order that spends points writes its
credits afterwards, in a statement of its own (``RECORD_ORDER``): spending comes
first and must not draw on the order's own new lots.
"""

from __future__ import annotations

from loyalty_api.driver import Constant
from loyalty_api.events.service import INSERT_FROM_ARRAYS
from loyalty_api.ledger.lots import CREDIT_CTES, LOCK_FOR_ORDER, REFERRED
from loyalty_api.sql import compose

_ORDER_COLUMNS = ("program_id", "order_id", "member_id", "amount", "paid_amount", "currency", "lines",
                  "earned_points", "redeemed_points", "discount_amount", "returned_amount", "status", "hold_id",
                  "placed_at", "points_available_at", "created_at", "request_hash", "exchange_rate",
                  "currency_amount", "currency_discount_amount", "currency_returned_amount")
_VALUES = ", ".join("CAST(:lines AS jsonb)" if name == "lines" else f":{name}" for name in _ORDER_COLUMNS)
_NEW = "EXISTS (SELECT FROM new_order)"

_RECORD = """
WITH new_order AS (
  INSERT INTO orders ({columns}) VALUES ({values})
  ON CONFLICT DO NOTHING
  RETURNING order_id
), events AS ({events}
), locked AS ({lock}){credits}
SELECT (SELECT order_id FROM new_order) AS inserted, locked.debt IS NOT NULL AS member_found, locked.debt,
       locked.debt IS NOT NULL AND {referred} AS referred, {lot_ids} AS lot_ids
  FROM (SELECT 1) AS one LEFT JOIN locked ON true
"""
_PARTS = {"columns": ", ".join(_ORDER_COLUMNS), "values": _VALUES, "events": compose(INSERT_FROM_ARRAYS, when=_NEW),
          "lock": compose(LOCK_FOR_ORDER, when=_NEW), "referred": REFERRED}

RECORD_ORDER = Constant(compose(_RECORD, **_PARTS, credits="", lot_ids="CAST(NULL AS bigint[])"))
# Credits only once the lock is taken (and so only for a new order of a member who exists).
RECORD_EARNING_ORDER = Constant(compose(_RECORD,
    **_PARTS, credits=",\n" + compose(CREDIT_CTES, when="EXISTS (SELECT FROM locked)"),
    lot_ids="ARRAY(SELECT lot_id FROM credit_lots ORDER BY lot_id)"))
