"""Time a member's erasure from a program with a million stored idempotency answers
(not a test; prints the figures).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/erasure_bench.py

Creates a fresh database on the server of DATABASE_URL, migrates it, loads
``--answers`` stored answers of one program with ``generate_series`` (JSON bodies
of about 200 bytes naming one of ``--members`` members, as orders and enrolments
do), then erases ``--rounds`` members one by one with
``idempotency.forget_member`` (each in its own committed transaction) and prints
the median and the slowest. For comparison it also times, once and rolled back,
the statement erasure used before migration 0013: a text scan of every body. The
database is dropped at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time
import uuid
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.infra import drop_database, recreate_database  # noqa: E402

LOAD = """
INSERT INTO idempotency_keys (program_id, caller, key, method, path, member_id, request_hash, response_status,
                              response_body, response_content_type, created_at)
SELECT %(p)s, 'cl_bench', 'key-' || i, 'POST', '/v1/orders', 'm' || (i %% %(members)s), md5(i::text), 201,
       convert_to('{"order_id":"o-' || i || '","member_id":"m' || (i %% %(members)s) ||
                  '","status":"completed","points_earned":120,"amount":"1200.00","currency":"RUB",' ||
                  '"placed_at":"2026-12-01T10:00:00+00:00"}', 'UTF8'),
       'application/json', now() - (i %% 1440) * interval '1 minute'
  FROM generate_series(1, %(answers)s) i
"""
# What erasure ran before migration 0013 (loyalty_api/idempotency/service.py then).
TEXT_SCAN = """
DELETE FROM idempotency_keys
 WHERE program_id = %(p)s
   AND (path = '/v1/members/' || %(m)s OR path LIKE '/v1/members/' || %(m)s || '/%%'
        OR position(convert_to('"member_id":"' || %(m)s || '"', 'UTF8') IN response_body) > 0)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    name = f"erasure_bench_{secrets.token_hex(4)}"
    url = recreate_database(server, name)
    print(f"database {name}")
    try:
        run(url, args)
    finally:
        if not args.keep:
            drop_database(server, name)


def run(url: str, args: argparse.Namespace) -> None:
    from loyalty_api.cli import upgrade_database
    from loyalty_api.config import load_settings, sqlalchemy_url
    from loyalty_api.db import make_engine, make_session_factory, unit_of_work
    from loyalty_api.idempotency import service as idempotency
    from sqlalchemy import text

    upgrade_database(sqlalchemy_url(url))
    settings = load_settings({"DATABASE_URL": url, "JWT_KEYS": "bench:" + "b" * 40,
                              "DB_STATEMENT_TIMEOUT_MS": 600_000})
    engine = make_engine(settings)
    factory = make_session_factory(engine)
    program_id = uuid.uuid4()
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET statement_timeout = 0")
        conn.execute(LOAD, {"p": program_id, "members": args.members, "answers": args.answers})
        conn.execute("VACUUM ANALYZE idempotency_keys")
        size = conn.execute("SELECT pg_size_pretty(pg_total_relation_size('idempotency_keys'))").fetchone()[0]
    print(f"loaded {args.answers:,} stored answers of {args.members:,} members ({size}) "
          f"in {time.perf_counter() - started:.1f} s")
    with unit_of_work(factory) as uow:  # the pool's connection is opened outside the timings
        uow.session.execute(text("SELECT 1"))
    timings, deleted = [], 0
    for round_ in range(args.rounds):
        member_id = f"m{(round_ * 7919) % args.members}"
        started = time.perf_counter()
        with unit_of_work(factory) as uow:
            deleted += idempotency.forget_member(uow.session, program_id, member_id)
            uow.commit()
        timings.append(time.perf_counter() - started)
    print(f"forget_member (indexed member_id): {args.rounds} members, {deleted} answers dropped; "
          f"median {1000 * statistics.median(timings):.2f} ms, slowest {1000 * max(timings):.2f} ms "
          f"(machine load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs)")
    with psycopg.connect(url) as conn:
        conn.execute("SET statement_timeout = 0")
        started = time.perf_counter()
        dropped = conn.execute(TEXT_SCAN, {"p": program_id, "m": f"m{args.members - 1}"}).rowcount
        elapsed = time.perf_counter() - started
        conn.rollback()
    print(f"before migration 0013 (text scan of every body): {dropped} answers in {1000 * elapsed:.0f} ms")
    engine.dispose()


if __name__ == "__main__":
    main()
