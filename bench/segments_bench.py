"""Time member segments, RFM and the analytics summary over a million members
(not a test; prints the figures for docs/segments-and-analytics.md).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/segments_bench.py

Creates a fresh database on the server of DATABASE_URL, migrates it, loads
``--members`` members with ``generate_series``: 2 credits (entries and lots) each,
balances, 3 orders for 4 members in 5 (some fully returned), tiers for 40 %, VIP for
1 %, a referral for 2 %. Then it refreshes the RFM scores (the ``segments.rfm``
step's statement), runs the first page (51 rows) of every filter and each summary
statement under ``EXPLAIN ANALYZE``, streams two segments as CSV, and prints the
timings. The database is dropped at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SETTINGS = {
    "pending_days": 14, "expiry": {"mode": "days", "days": 365, "inactivity_days": 180},
    "tiers": [{"code": "silver", "name": "Silver", "threshold": 1000, "earn_multiplier": 1},
              {"code": "gold", "name": "Gold", "threshold": 5000, "earn_multiplier": 1}],
    "tier_policy": {"metric": "points_earned"},
}

# The data keeps the ledger's invariants (ledger.service.verify_ledger finds nothing):
# every point a lot lost has a redeem entry, balances carry the entries' debt (none),
# lifetime (the earn entries) and last activity (the latest earn or redeem), and an
# order's earn entry carries the order's earned points. Credits of the last 14 days
# are still pending (born pending, as pending_days makes them).
_EARN = "50 + (i * 13 + k * 7) %% 950"
LOAD = [
    # The program existed before its first member (the analytics rollup starts at its creation).
    """UPDATE programs SET created_at = %(now)s::timestamptz - interval '1100 days' WHERE program_id = %(p)s""",
    """INSERT INTO members (program_id, member_id, referral_code, email, attributes, status, created_at, updated_at)
       SELECT %(p)s, 'm' || lpad(i::text, 7, '0'), 'B' || lpad(i::text, 12, '0'), 'm' || i || '@example.com',
              '{}', 'active', %(now)s::timestamptz - ((i * 7919) %% 1095) * interval '1 day', %(now)s
         FROM generate_series(1::bigint, %(members)s) i""",
    f"""INSERT INTO ledger_entries (program_id, entry_id, member_id, type, points, created_at, available_at,
                                   expires_at, order_id)
       SELECT %(p)s, i * 2 + k, 'm' || lpad(i::text, 7, '0'), 'earn', {_EARN}, t, a, a + interval '365 days',
              'o' || i || '-' || k
         FROM generate_series(1::bigint, %(members)s) i, generate_series(0, 1) k,
              LATERAL (SELECT %(now)s::timestamptz - ((i * 31 + k * 97) %% 400) * interval '1 day'
                              - (i %% 86400) * interval '1 second' AS t) x,
              LATERAL (SELECT CASE WHEN t > %(now)s::timestamptz - interval '14 days' THEN t + interval '14 days'
                                   ELSE t END AS a) y""",
    """SELECT setval(pg_get_serial_sequence('ledger_entries', 'entry_id'), (SELECT max(entry_id) FROM ledger_entries))""",
    # Available lots lost 0, 1/4 or 1/2 of their points to a redemption.
    """INSERT INTO lots (program_id, lot_id, member_id, entry_id, points, remaining, available_at, expires_at,
                         created_at, order_id)
       SELECT program_id, entry_id, member_id, entry_id, points,
              points - CASE WHEN available_at <= %(now)s THEN (entry_id %% 3) * (points / 4) ELSE 0 END,
              available_at, expires_at, created_at, order_id
         FROM ledger_entries WHERE program_id = %(p)s AND type = 'earn'""",
    # ... spent between the lot's availability and now, before it expired (at most 7/9 of 400 days).
    """INSERT INTO ledger_entries (program_id, member_id, type, points, created_at)
       SELECT program_id, member_id, 'redeem', remaining - points,
              available_at + (%(now)s::timestamptz - available_at) * ((lot_id %% 7 + 1) / 9.0)
         FROM lots WHERE program_id = %(p)s AND remaining < points""",
    """INSERT INTO balances (program_id, member_id, debt, lifetime_earned, last_activity_at, created_at, updated_at)
       SELECT %(p)s, member_id, 0, sum(points) FILTER (WHERE type = 'earn'), max(created_at), min(created_at),
              max(created_at)
         FROM ledger_entries WHERE program_id = %(p)s GROUP BY member_id""",
    f"""INSERT INTO orders (program_id, order_id, member_id, amount, paid_amount, currency, lines, earned_points,
                           redeemed_points, discount_amount, returned_amount, status, placed_at,
                           points_available_at, created_at, request_hash)
       SELECT %(p)s, 'o' || i || '-' || k, 'm' || lpad(i::text, 7, '0'), a, a, 'RUB', '[]',
              CASE WHEN k < 2 THEN {_EARN} ELSE 0 END, 0, 0,
              CASE WHEN gone THEN a ELSE 0 END, CASE WHEN gone THEN 'returned' ELSE 'completed' END, t, t, t, 'x'
         FROM generate_series(1::bigint, %(members)s) i, generate_series(0, 2) k,
              LATERAL (SELECT (100 + (i * 17 + k * 29) %% 4900)::numeric AS a,
                              %(now)s::timestamptz - ((i * 37 + k * 53) %% 700) * interval '1 day' AS t,
                              (k = 2 AND i %% 10 = 1) AS gone) x
        WHERE i %% 5 <> 0""",
    """INSERT INTO member_tiers (program_id, member_id, tier_code, earned_code, earned_at, earned_expires_at,
                                 vip_code, vip_until, updated_at)
       SELECT %(p)s, 'm' || lpad(i::text, 7, '0'),
              CASE WHEN i %% 100 = 0 OR i %% 10 = 4 THEN 'gold' WHEN i %% 10 IN (1, 2, 3) THEN 'silver' END,
              CASE WHEN i %% 10 = 4 THEN 'gold' WHEN i %% 10 IN (1, 2, 3) THEN 'silver' END, %(now)s,
              CASE WHEN i %% 10 IN (1, 2, 3, 4) THEN %(now)s::timestamptz + interval '100 days' END,
              CASE WHEN i %% 100 = 0 THEN 'gold' END, NULL, %(now)s
         FROM generate_series(1::bigint, %(members)s) i
        WHERE i %% 10 IN (1, 2, 3, 4) OR i %% 100 = 0""",
    """INSERT INTO referrals (program_id, referee_id, referrer_id, status, order_id, referrer_points,
                              referee_points, created_at, rewarded_at)
       SELECT %(p)s, 'm' || lpad(i::text, 7, '0'), 'm' || lpad((i - 1)::text, 7, '0'), 'rewarded', NULL, 100, 100,
              %(now)s::timestamptz - (i %% 90) * interval '1 day', %(now)s::timestamptz - (i %% 60) * interval '1 day'
         FROM generate_series(2::bigint, %(members)s) i WHERE i %% 50 = 0""",
]

FILTERS = [
    {}, {"tier": "gold"}, {"vip": True}, {"min_points": 1500}, {"max_points": 100},
    {"min_points": 200, "max_points": 300}, {"expiring_within_days": 30}, {"inactive_days": 180},
    {"rfm": "555"}, {"rfm": "champions"}, {"rfm": "at_risk"}, {"tier": "silver", "rfm": "loyal", "min_points": 200},
    {"enrolled_days": 30},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    parser.add_argument("--database", help="measure a database a --keep run left (no load, no RFM refresh)")
    parser.add_argument("--csv-all", action="store_true", help="also stream the whole program as CSV")
    parser.add_argument("--load-only", action="store_true", help="load (and keep) the data, measure nothing")
    parser.add_argument("--summary-only", action="store_true", help="measure the analytics summary alone")
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    if args.database:
        conninfo = psycopg.conninfo.conninfo_to_dict(server)
        conninfo["dbname"] = args.database
        run(psycopg.conninfo.make_conninfo(**conninfo), args)
        return
    name = f"segments_bench_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    conninfo = psycopg.conninfo.conninfo_to_dict(server)
    conninfo["dbname"] = name
    url = psycopg.conninfo.make_conninfo(**conninfo)
    print(f"database {name}", flush=True)
    try:
        run(url, args)
    finally:
        if not (args.keep or args.load_only):
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def psycopg_url(conninfo: str) -> str:
    params = psycopg.conninfo.conninfo_to_dict(conninfo)
    auth = params.get("user", "postgres") + (f":{params['password']}" if params.get("password") else "")
    return f"postgresql://{auth}@{params.get('host', '127.0.0.1')}:{params.get('port', 5432)}/{params['dbname']}"


def explain(session, sql: str, params: dict) -> tuple[float, float, int]:
    """(planning ms, execution ms, rows) of one run under EXPLAIN ANALYZE."""
    from sqlalchemy import text

    plan = session.execute(text("EXPLAIN (ANALYZE, FORMAT JSON) " + sql), params).scalar()
    plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
    return plan["Planning Time"], plan["Execution Time"], plan["Plan"].get("Actual Rows", 0)


def run(url: str, args: argparse.Namespace) -> None:
    from sqlalchemy import text

    from loyalty_api.app import create_app
    from loyalty_api.cli import upgrade_database
    from loyalty_api.config import sqlalchemy_url
    from loyalty_api.db import unit_of_work
    from loyalty_api.programs import service as programs
    from loyalty_api.segments import service as segments

    sa_url = sqlalchemy_url(psycopg_url(url))
    upgrade_database(sa_url)
    app = create_app({"DATABASE_URL": psycopg_url(url), "JWT_KEYS": "bench:" + "b" * 40,
                      "DB_STATEMENT_TIMEOUT_MS": 600000})
    factory = app.extensions["loyalty"].session_factory
    now = datetime.now(timezone.utc)
    if args.database:
        from loyalty_api.programs.models import Program

        with unit_of_work(factory) as uow:
            program = uow.session.execute(text("SELECT program_id FROM programs")).scalar_one()
            program = uow.session.get(Program, program)
            uow.commit()  # keeps the loaded attributes (no expiry on commit)
        measure(factory, url, program, now, args)
        app.extensions["loyalty"].engine.dispose()
        return
    with unit_of_work(factory) as uow:
        program = programs.create_program(uow.session, name="bench", currency="RUB", settings=SETTINGS)
        uow.commit()
    pid = program.program_id
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in LOAD:
            conn.execute(statement, {"p": pid, "members": args.members, "now": now})
        conn.execute("VACUUM ANALYZE")
        counts = conn.execute("SELECT (SELECT count(*) FROM members), (SELECT count(*) FROM lots), "
                              "(SELECT count(*) FROM orders), (SELECT count(*) FROM ledger_entries)").fetchone()
    print(f"loaded {counts[0]:,} members, {counts[1]:,} lots, {counts[2]:,} orders, {counts[3]:,} entries "
          f"in {time.perf_counter() - started:.1f} s", flush=True)

    for label in ("rfm refresh (first)", "rfm refresh (again, nothing changed)"):
        with unit_of_work(factory) as uow:
            started = time.perf_counter()
            result = segments.refresh_rfm(uow.session, pid, now)
            uow.commit()
        print(f"{label}: {time.perf_counter() - started:.2f} s {result}", flush=True)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE member_rfm")
    if not args.load_only:
        measure(factory, url, program, now, args)
    app.extensions["loyalty"].engine.dispose()


def measure(factory, url: str, program, now: datetime, args: argparse.Namespace) -> None:
    from bench.analytics_timing import measure_summary
    from loyalty_api.analytics import service as analytics
    from loyalty_api.db import unit_of_work
    from loyalty_api.segments import service as segments

    pid = program.program_id
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    if args.summary_only:
        measure_summary(factory, url, pid, now)
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
        return
    print("\nGET /v1/members first page (limit 50), EXPLAIN ANALYZE:")
    print("| filter | rows | planning ms | execution ms | page via service ms |")
    print("|---|---|---|---|---|")
    with unit_of_work(factory) as uow:
        session = uow.session
        program = session.get(type(program), pid)
        for filters in FILTERS:
            filters = dict(filters)
            if "enrolled_days" in filters:
                filters = {"enrolled_from": now - timedelta(days=filters.pop("enrolled_days"))}
            query = segments.segment_query(program, filters, now, limit=51)
            planning, execution, rows = explain(session, query.sql, query.params)
            started = time.perf_counter()
            segments.members_page(session, pid, {"limit": 50, **filters}, now)
            wall = 1000 * (time.perf_counter() - started)
            label = "&".join(f"{k}={v.isoformat()[:10] if isinstance(v, datetime) else v}"
                             for k, v in filters.items()) or "(none)"
            print(f"| {label} | {rows} | {planning:.1f} | {execution:.1f} | {wall:.1f} |", flush=True)

    print("\nCSV, whole segment streamed (server-side cursor):")
    for filters in ({"tier": "gold"}, {}) if args.csv_all else ({"tier": "gold"},):
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started, lines, size = time.perf_counter(), 0, 0
        for line in segments.segment_csv(factory, pid, filters, now):
            lines += 1
            size += len(line)
        elapsed = time.perf_counter() - started
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss
        print(f"{filters or '(none)'}: {lines - 1:,} rows, {size / 1e6:.0f} MB in {elapsed:.1f} s "
              f"({(lines - 1) / elapsed:,.0f} rows/s); peak RSS grew {grown / 1024:.0f} MB", flush=True)

    measure_summary(factory, url, pid, now)
    with unit_of_work(factory) as uow:
        session = uow.session
        started = time.perf_counter()
        rfm = analytics.rfm_distribution(session, pid)
        print(f"rfm_distribution(): {1000 * (time.perf_counter() - started):.0f} ms "
              f"({len(rfm['cells'])} cells, {rfm['scored_members']:,} scored)", flush=True)


if __name__ == "__main__":
    main()
