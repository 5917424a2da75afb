"""The statements an order, a hold and a quote send, copied from what the service
sends (captured from its driver; the ledger's and checkout's SQL), in psycopg's
``%(name)s`` form: the same-work baselines (bench/baseline_order_app.py) send them
with no framework in between. If the service's statements change, change these:
tests/bench/test_bench_ceiling.py compares the rows both write per table.
"""

from __future__ import annotations

CLAIM = "SELECT * FROM idempotency_claim(%(lock_name)s, %(program_id)s, %(caller)s, %(key)s, %(method)s, %(path)s)"

# The program row, with the two flags the order path reads beside it.
PROGRAM_FOR_ORDER = """
SELECT p.program_id, p.name, p.currency, p.settings, p.created_at, p.updated_at, p.mode, p.clock_offset,
       EXISTS (SELECT r.rule_id FROM earning_rules r WHERE r.program_id = %(program_id)s
                  AND r.kind = 'purchase' AND r.active IS true) AS any_purchase_rules,
       EXISTS (SELECT * FROM member_tiers t WHERE t.program_id = %(program_id)s
                  AND t.member_id = %(member_id)s) AS tier_row
  FROM programs p WHERE p.program_id = %(program_id)s
"""
PROGRAM = """SELECT program_id, name, currency, settings, created_at, updated_at, mode, clock_offset
  FROM programs WHERE program_id = %(program_id)s"""

_ORDER_COLUMNS = ("program_id, order_id, member_id, amount, paid_amount, currency, lines, earned_points, "
                  "redeemed_points, discount_amount, returned_amount, status, hold_id, placed_at, "
                  "points_available_at, created_at, request_hash")
_LOCK = """
INSERT INTO balances AS b (program_id, member_id, debt, lifetime_earned, last_activity_at, created_at, updated_at)
SELECT m.program_id, m.member_id, 0, CAST(%(lifetime)s AS bigint), CAST(%(now)s AS timestamptz),
       CAST(%(now)s AS timestamptz), CAST(%(now)s AS timestamptz)
  FROM members m
 WHERE m.program_id = %(program_id)s AND m.member_id = %(member_id)s AND m.status <> 'erased' {when}
ON CONFLICT (program_id, member_id) DO UPDATE
   SET lifetime_earned = b.lifetime_earned + excluded.lifetime_earned,
       last_activity_at = GREATEST(b.last_activity_at, excluded.last_activity_at),
       updated_at = excluded.updated_at
 WHERE NOT b.merged
RETURNING b.debt"""
LOCK = _LOCK.format(when="")
_CREDITS = """
credit_entries AS (
  INSERT INTO ledger_entries (program_id, member_id, type, points, created_at, order_id, available_at, expires_at)
  SELECT %(program_id)s, %(member_id)s, 'earn', %(earned)s, %(now)s, %(order_id)s, %(available_at)s, %(expires_at)s
   WHERE {when}
  RETURNING entry_id, points, available_at, expires_at, order_id
), credit_lots AS (
  INSERT INTO lots (program_id, lot_id, member_id, entry_id, points, remaining, available_at, expires_at,
                    created_at, order_id)
  SELECT %(program_id)s, entry_id, %(member_id)s, entry_id, points, points, available_at, expires_at, %(now)s,
         order_id
    FROM credit_entries
  RETURNING lot_id
)"""
_RECORD = """
WITH new_order AS (
  INSERT INTO orders ({columns}) VALUES (%(program_id)s, %(order_id)s, %(member_id)s, %(amount)s, %(paid)s,
         %(currency)s, CAST(%(lines)s AS jsonb), %(earned)s, %(redeemed)s, %(discount)s, 0, 'completed',
         %(hold_id)s, %(now)s, %(available_at)s, %(now)s, %(request_hash)s)
  ON CONFLICT DO NOTHING
  RETURNING order_id
), events AS (
  INSERT INTO outbox_events (program_id, event_id, type, member_id, data)
  SELECT %(program_id)s, e.event_id, e.type, %(member_id)s, CAST(e.data AS jsonb)
    FROM unnest(CAST(%(event_ids)s AS uuid[]), CAST(%(event_types)s AS varchar[]),
                CAST(%(event_data)s AS text[])) WITH ORDINALITY AS e(event_id, type, data, n)
   WHERE EXISTS (SELECT FROM new_order)
   ORDER BY e.n
), locked AS ({lock}){credits}
SELECT (SELECT order_id FROM new_order) AS inserted, locked.debt IS NOT NULL AS member_found, locked.debt,
       locked.debt IS NOT NULL AND EXISTS (SELECT 1 FROM members r WHERE r.program_id = %(program_id)s
                   AND r.member_id = %(member_id)s AND r.referred_by IS NOT NULL) AS referred
  FROM (SELECT 1) AS one LEFT JOIN locked ON true
"""
_PARTS = {"columns": _ORDER_COLUMNS, "lock": _LOCK.format(when="AND EXISTS (SELECT FROM new_order)")}
# An order that spends no points: order, events, lock and credit in one statement.
RECORD_EARNING_ORDER = _RECORD.format(**_PARTS, credits=",\n" + _CREDITS.format(when="EXISTS (SELECT FROM locked)"))
# An order that captures a hold: the credit comes after the spend, in CREDIT.
RECORD_ORDER = _RECORD.format(**_PARTS, credits="")
CREDIT = "WITH " + _CREDITS.format(when="true") + " SELECT lot_id FROM credit_lots"

RECORD_KEY = """
INSERT INTO idempotency_keys (program_id, caller, key, method, path, member_id, request_hash, response_status,
                              response_body, response_content_type)
VALUES (%(program_id)s, %(caller)s, %(key)s, 'POST', %(path)s, %(member_id)s, %(request_hash)s, %(status)s,
        %(body)s, 'application/json')
ON CONFLICT DO NOTHING
"""

SPENDABLE = """
SELECT
  (SELECT coalesce(sum(remaining), 0) FROM lots
    WHERE program_id = %(program_id)s AND member_id = %(member_id)s AND remaining > 0
      AND available_at <= %(now)s AND (expires_at IS NULL OR expires_at > %(now)s)) AS active,
  (SELECT coalesce(sum(points), 0) FROM holds
    WHERE program_id = %(program_id)s AND member_id = %(member_id)s AND status = 'held'
      AND expires_at > %(now)s) AS held
"""
# The quote's read: the member, its balance row and the figures, in one statement.
QUOTE_FIGURES = """
SELECT m.status, coalesce(b.debt, 0) AS debt, coalesce(b.lifetime_earned, 0) AS lifetime,
  (SELECT coalesce(sum(remaining), 0) FROM lots
    WHERE program_id = %(program_id)s AND member_id = %(member_id)s AND remaining > 0
      AND available_at <= %(now)s AND (expires_at IS NULL OR expires_at > %(now)s)) AS active,
  (SELECT coalesce(sum(points), 0) FROM holds
    WHERE program_id = %(program_id)s AND member_id = %(member_id)s AND status = 'held'
      AND expires_at > %(now)s) AS held
FROM members m
LEFT JOIN balances b ON b.program_id = m.program_id AND b.member_id = m.member_id
WHERE m.program_id = %(program_id)s AND m.member_id = %(member_id)s
"""
MEMBER_TIER = "SELECT tier_code FROM member_tiers WHERE program_id = %(program_id)s AND member_id = %(member_id)s"
PURCHASE_RULES = """SELECT rule_id FROM earning_rules WHERE program_id = %(program_id)s AND kind = 'purchase'
   AND active IS true ORDER BY rule_id"""
HOLD_FOR_ORDER = """SELECT hold_id FROM holds WHERE program_id = %(program_id)s AND order_id = %(order_id)s"""
HOLD_BY_ID = """SELECT points, status, expires_at FROM holds WHERE program_id = %(program_id)s
   AND hold_id = %(hold_id)s"""
INSERT_HOLD = """
INSERT INTO holds (program_id, hold_id, member_id, points, order_id, status, expires_at, created_at)
VALUES (%(program_id)s, %(hold_id)s, %(member_id)s, %(points)s, %(order_id)s, 'held', %(expires_at)s, %(now)s)
ON CONFLICT DO NOTHING RETURNING hold_id
"""
CAPTURE_HOLD = """
UPDATE holds SET status = 'captured', closed_at = %(now)s, captured_by = %(order_id)s
 WHERE program_id = %(program_id)s AND hold_id = %(hold_id)s AND status = 'held' AND expires_at > %(now)s
RETURNING hold_id
"""
SPEND_AND_RECORD = """
WITH c AS (
  SELECT lot_id, remaining,
         sum(remaining) OVER (ORDER BY expires_at NULLS LAST, created_at, lot_id) AS running
    FROM lots
   WHERE program_id = %(program_id)s AND member_id = %(member_id)s AND remaining > 0
     AND available_at <= %(now)s AND (expires_at IS NULL OR expires_at > %(now)s)
), take AS (
  SELECT lot_id, LEAST(remaining, %(points)s - (running - remaining)) AS t
    FROM c WHERE running - remaining < %(points)s
), spent AS (
  UPDATE lots SET remaining = lots.remaining - take.t
    FROM take
   WHERE lots.program_id = %(program_id)s AND lots.lot_id = take.lot_id
  RETURNING take.t, take.lot_id, lots.expires_at
), entry AS (
  INSERT INTO ledger_entries (program_id, member_id, type, points, created_at, order_id, hold_id)
  SELECT %(program_id)s, %(member_id)s, 'redeem', -CAST(%(points)s AS bigint), %(now)s, %(order_id)s, %(hold_id)s
   WHERE (SELECT coalesce(sum(t), 0) FROM spent) = %(points)s
  RETURNING entry_id
), draws AS (
  INSERT INTO lot_draws (program_id, entry_id, lot_id, points, expires_at)
  SELECT %(program_id)s, entry.entry_id, spent.lot_id, spent.t, spent.expires_at FROM entry, spent WHERE spent.t > 0
)
SELECT entry_id FROM entry
"""
