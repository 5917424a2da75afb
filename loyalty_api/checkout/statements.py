"""The statement that records a new order: the order row, its outbox events and the
member lock, in one round trip.

``INSERT … ON CONFLICT DO NOTHING`` on the natural key ``order_id`` decides whether
the order is new; the events and the lock happen only if it is (their ``WHERE``
reads the order CTE), so a retried order changes nothing. Figures that must be read
*after* the lock (spendable points) get statements of their own: a statement's
snapshot predates the lock it waits for.
"""

from __future__ import annotations

from sqlalchemy import text

from loyalty_api.events.service import INSERT_FROM_ARRAYS
from loyalty_api.ledger.lots import LOCK_FOR_ORDER

_ORDER_COLUMNS = ("program_id", "order_id", "member_id", "amount", "paid_amount", "currency", "lines",
                  "earned_points", "redeemed_points", "discount_amount", "returned_amount", "status", "hold_id",
                  "placed_at", "points_available_at", "created_at", "request_hash")
_VALUES = ", ".join("CAST(:lines AS jsonb)" if name == "lines" else f":{name}" for name in _ORDER_COLUMNS)
_NEW = "EXISTS (SELECT FROM new_order)"

RECORD_ORDER = text(f"""
WITH new_order AS (
  INSERT INTO orders ({", ".join(_ORDER_COLUMNS)}) VALUES ({_VALUES})
  ON CONFLICT DO NOTHING
  RETURNING order_id
), events AS ({INSERT_FROM_ARRAYS.format(when=_NEW)}
), locked AS ({LOCK_FOR_ORDER.format(when=_NEW)})
SELECT (SELECT order_id FROM new_order) AS inserted, locked.debt IS NOT NULL AS member_found, locked.debt,
       locked.referred
  FROM (SELECT 1) AS one LEFT JOIN locked ON true
""")
