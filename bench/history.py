"""Every member's history, written set-based: one INSERT … SELECT per table over
generate_series, never a row at a time and never through HTTP.

Per member ``m<i>`` (10 ledger entries, 7 orders):

| order | placed     | earns           | redeems | entries             |
|-------|------------|-----------------|---------|---------------------|
| 1..7  | 300, 240, 180, 120, 60, 20, 5 days ago | floor(paid amount) | 100 on orders 3 and 5 | 7 earn + 2 redeem |
| -     | 30 days ago | 50 (welcome bonus, burns in 60 days) | - | 1 bonus |

With ``pending_days`` 14 the last order's points are pending, the others are
available; both redemptions are drawn from order 1's lot (the soonest to expire,
and at least 200 points), so entries, lots and balances agree as the ledger's own
check (``ledger.service.verify_ledger``) expects. Secondary indexes are dropped
during the load and rebuilt once at the end, and foreign-key triggers are off
(``session_replication_role = replica``): the rows are consistent by construction.
History orders carry no lines (the whole amount earned, as the API allows) and a
short request hash: they are never sent again, and narrower rows load faster.
Each step runs in two connections over halves of the members (two cores).
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import psycopg

ENTRIES_PER_MEMBER = 10
DAYS_AGO = "(ARRAY[300, 240, 180, 120, 60, 20, 5])"
# Ids sort as text in the order they are generated (i, then j), so every primary
# key is filled from left to right: no random B-tree page splits while loading.
ORDER_ID = "'h' || lpad(i::text, 7, '0') || '-' || j"
# One row per (member i, order j), with the figures every table derives from.
ORDER_ROWS = f"""
SELECT i, j, 'm' || i AS member_id, {ORDER_ID} AS order_id,
       now() - make_interval(days => {DAYS_AGO}[j], secs => (i %% 80000)) AS placed_at,
       (200 + ((i * 37 + j * 101) %% 3000))::numeric(19, 4) AS amount,
       CASE WHEN j IN (3, 5) THEN 100 ELSE 0 END AS redeemed
  FROM generate_series(%(lo)s::int, %(hi)s::int) AS i CROSS JOIN LATERAL generate_series(1, 7 + 0 * i) AS j
"""
# Entry slots per member: 1-7 earn on orders 1-7, 8-9 redeem on orders 3 and 5, 10 a bonus.
ENTRY_ROWS = f"""
SELECT i, s, o.*
  FROM generate_series(%(lo)s::int, %(hi)s::int) AS i
 CROSS JOIN LATERAL generate_series(1, 10 + 0 * i) AS s
 CROSS JOIN LATERAL (
   SELECT j, 'm' || i AS member_id, {ORDER_ID} AS order_id,
          now() - make_interval(days => {DAYS_AGO}[j], secs => (i %% 80000)) AS placed_at,
          (200 + ((i * 37 + j * 101) %% 3000))::numeric(19, 4) - CASE WHEN j IN (3, 5) THEN 100 ELSE 0 END
            AS paid
     FROM (SELECT CASE WHEN s <= 7 THEN s WHEN s = 8 THEN 3 ELSE 5 END AS j) AS slot
 ) AS o
"""
PENDING = "interval '14 days'"
LIFE = "interval '365 days'"
TABLES = ("ledger_entries", "lots", "orders", "balances")



ORDERS_SQL = f"""
INSERT INTO orders (program_id, order_id, member_id, amount, paid_amount, currency, lines, earned_points,
                    redeemed_points, discount_amount, returned_amount, status, placed_at,
                    points_available_at, created_at, request_hash)
SELECT %(p)s, order_id, member_id, amount, amount - redeemed, 'RUB',
       '[]'::jsonb, floor(amount - redeemed)::bigint, redeemed, redeemed, 0, 'completed', placed_at,
       placed_at + {PENDING}, placed_at, md5(order_id)
  FROM ({ORDER_ROWS}) o
"""
ENTRIES_SQL = f"""
INSERT INTO ledger_entries (program_id, entry_id, member_id, type, points, created_at, order_id,
                            available_at, expires_at)
SELECT %(p)s, %(base)s::bigint + (i - 1) * {ENTRIES_PER_MEMBER} + s, member_id,
       CASE WHEN s <= 7 THEN 'earn' WHEN s <= 9 THEN 'redeem' ELSE 'bonus' END,
       CASE WHEN s <= 7 THEN floor(paid)::bigint WHEN s <= 9 THEN -100 ELSE 50 END,
       CASE WHEN s <= 9 THEN placed_at ELSE now() - interval '30 days' END,
       CASE WHEN s <= 9 THEN order_id END,
       CASE WHEN s <= 7 THEN placed_at + {PENDING} WHEN s = 10 THEN now() - interval '30 days' END,
       CASE WHEN s <= 7 THEN placed_at + {PENDING} + {LIFE} WHEN s = 10 THEN now() + interval '30 days' END
  FROM ({ENTRY_ROWS}) e
"""
IN_RANGE = (f"program_id = %(p)s AND entry_id BETWEEN %(base)s::bigint + (%(lo)s::int - 1) * {ENTRIES_PER_MEMBER} + 1 "
            f"AND %(base)s::bigint + %(hi)s::int * {ENTRIES_PER_MEMBER}")
# Order 1's lot pays both redemptions (orders 3 and 5): 200 points less.
LOTS_SQL = f"""
INSERT INTO lots (program_id, lot_id, member_id, entry_id, points, remaining, available_at, expires_at,
                  created_at, order_id)
SELECT %(p)s, entry_id, member_id, entry_id, points,
       points - CASE WHEN order_id LIKE '%%-1' THEN 200 ELSE 0 END,
       available_at, expires_at, created_at, order_id
  FROM ledger_entries
 WHERE {IN_RANGE} AND points > 0
 ORDER BY entry_id
"""
BALANCES_SQL = f"""
INSERT INTO balances (program_id, member_id, debt, lifetime_earned, last_activity_at, created_at, updated_at)
SELECT %(p)s, member_id, 0, sum(points), max(created_at), min(created_at), max(created_at)
  FROM ledger_entries
 WHERE {IN_RANGE} AND points > 0
 GROUP BY member_id
 ORDER BY member_id
"""


def _secondary_indexes(conn: psycopg.Connection) -> list[tuple[str, str]]:
    """Indexes that back no constraint, with their definitions."""
    return conn.execute("""
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
          FROM pg_index i
         WHERE i.indrelid = ANY(%s::regclass[])
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    """, (list(TABLES),)).fetchall()


def _session(url: str) -> psycopg.Connection:
    conn = psycopg.connect(url)
    conn.execute("SET synchronous_commit = off")  # loading only; the benchmark itself commits durably
    conn.execute("SET session_replication_role = replica")
    conn.execute("SET maintenance_work_mem = '512MB'")
    conn.execute("SET jit = off")  # generate_series misleads the planner into compiling for minutes
    return conn


def _run(url: str, sql: str, params: dict) -> None:
    with _session(url) as conn:
        conn.execute(sql, params)


def in_parallel(url: str, sql: str, params: dict, members: int, workers: int = 2) -> None:
    """Run ``sql`` over member ranges [lo, hi] in ``workers`` connections at once."""
    size = -(-members // workers)
    ranges = [(lo, min(members, lo + size - 1)) for lo in range(1, members + 1, size)]
    with ThreadPoolExecutor(len(ranges)) as pool:
        for future in [pool.submit(_run, url, sql, {**params, "lo": lo, "hi": hi}) for lo, hi in ranges]:
            future.result()


def load(url: str, program_id: uuid.UUID, members: int, log=lambda message: None) -> int:
    """Write the history of members m1..m<members>; answers the number of entries."""
    with _session(url) as conn:
        indexes = _secondary_indexes(conn)
        for name, _definition in indexes:
            conn.execute(f"DROP INDEX {name}")
        base = conn.execute("SELECT coalesce(max(entry_id), 0) FROM ledger_entries").fetchone()[0]
    params = {"p": program_id, "base": base}
    for name, sql in (("orders", ORDERS_SQL), ("ledger_entries", ENTRIES_SQL), ("lots", LOTS_SQL),
                      ("balances", BALANCES_SQL)):
        in_parallel(url, sql, params, members)
        log(name)
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda definition: _run(url, definition, {}), [d for _n, d in indexes]))
    with _session(url) as conn:
        conn.execute("SELECT setval(pg_get_serial_sequence('ledger_entries', 'entry_id'), "
                     "(SELECT max(entry_id) FROM ledger_entries))")
    log(f"{len(indexes)} secondary indexes rebuilt")
    return members * ENTRIES_PER_MEMBER
