"""Time bulk identity attaches and a large merge (not a test; prints the figures).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/members_bench.py

Creates a fresh database on the server of DATABASE_URL, migrates it, enrols
``--members`` members with ``generate_series`` and attaches two identities each
(a card and a phone) through ``identities.service.attach_identities`` in chunks of
``--chunk`` rows, as an import does; then gives one member ``--lots`` lots (half of
them pending) and merges it into another, and checks the ledger. The database is
dropped at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.expiry_bench import backend_cpu, psycopg_url, python_cpu  # noqa: E402

MEMBERS = """INSERT INTO members (program_id, member_id, referral_code, attributes, status)
   SELECT %(p)s, 'm' || i, 'B' || lpad(i::text, 12, '0'), '{}', 'active' FROM generate_series(1, %(members)s) i"""
# The source's lots: entries, lots and the balance row, half pending, all with an expiry.
SOURCE_LOTS = [
    """INSERT INTO ledger_entries (program_id, member_id, type, points, created_at, available_at, expires_at, reason)
       SELECT %(p)s, 'm1', 'adjust', 10, %(now)s::timestamptz - interval '1 day',
              %(now)s::timestamptz + CASE WHEN i %% 2 = 0 THEN interval '1 day' ELSE interval '-1 hour' END,
              %(now)s::timestamptz + interval '30 days' + i * interval '1 second', 'bench'
         FROM generate_series(1, %(lots)s) i""",
    """INSERT INTO lots (program_id, lot_id, member_id, entry_id, points, remaining, available_at, expires_at,
                         created_at)
       SELECT program_id, entry_id, member_id, entry_id, points, points, available_at, expires_at, created_at
         FROM ledger_entries WHERE program_id = %(p)s AND member_id = 'm1'""",
    """INSERT INTO balances (program_id, member_id, debt, lifetime_earned, last_activity_at, created_at, updated_at)
       VALUES (%(p)s, 'm1', 0, 0, %(now)s, %(now)s, %(now)s)""",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=5000, help="identity rows per attach_identities call")
    parser.add_argument("--lots", type=int, default=10_000, help="lots of the member merged away")
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    name = f"members_bench_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    conninfo = psycopg.conninfo.conninfo_to_dict(server)
    conninfo["dbname"] = name
    url = psycopg.conninfo.make_conninfo(**conninfo)
    print(f"database {name}; machine load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs")
    try:
        run(url, args)
    finally:
        if not args.keep:
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(url: str, args: argparse.Namespace) -> None:
    from sqlalchemy import text

    from loyalty_api.app import create_app
    from loyalty_api.audit.rules import Actor
    from loyalty_api.cli import upgrade_database
    from loyalty_api.config import sqlalchemy_url
    from loyalty_api.db import unit_of_work
    from loyalty_api.identities.rules import new_card_number
    from loyalty_api.identities.service import IdentityRow, attach_identities
    from loyalty_api.ledger.service import verify_ledger
    from loyalty_api.merges.service import merge
    from loyalty_api.programs import service as programs

    upgrade_database(sqlalchemy_url(psycopg_url(url)))
    app = create_app({"DATABASE_URL": psycopg_url(url), "JWT_KEYS": "bench:" + "b" * 40})
    factory = app.extensions["loyalty"].session_factory
    with unit_of_work(factory) as uow:
        program = programs.create_program(uow.session, name="bench", currency="RUB", settings={})
        uow.commit()
    program_id, now = program.program_id, datetime.now(timezone.utc)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(MEMBERS, {"p": program_id, "members": args.members})
        for statement in SOURCE_LOTS:
            conn.execute(statement, {"p": program_id, "lots": args.lots, "now": now})
        conn.execute("VACUUM ANALYZE")

    rows = [row for i in range(1, args.members + 1)
            for row in (IdentityRow(f"m{i}", "card", new_card_number()), IdentityRow(f"m{i}", "phone", f"+7916{i:07d}"))]
    cpu_before, python_before = backend_cpu(url), python_cpu()
    started = time.perf_counter()
    refused = 0
    for start in range(0, len(rows), args.chunk):
        with unit_of_work(factory) as uow:
            refused += len(attach_identities(uow.session, program_id, rows[start:start + args.chunk]))
            uow.commit()
    elapsed = time.perf_counter() - started
    pg_cpu = sum(backend_cpu(url).values()) - sum(cpu_before.values())
    print(f"attach_identities: {len(rows):,} rows in chunks of {args.chunk:,} in {elapsed:.1f} s "
          f"({len(rows) / elapsed:,.0f} rows/s), {refused} refused; "
          f"cpu: PostgreSQL {pg_cpu:.1f} s, Python {python_cpu() - python_before:.1f} s")
    started = time.perf_counter()
    with unit_of_work(factory) as uow:
        again = attach_identities(uow.session, program_id, rows[:args.chunk])
        uow.commit()
    print(f"retry of one chunk: {len(again)} refused, {time.perf_counter() - started:.2f} s")

    started = time.perf_counter()
    with unit_of_work(factory) as uow:
        answer, _ = merge(uow.session, program_id, "m2", "m1", now + timedelta(seconds=1), actor=Actor("bench"))
        uow.commit()
    elapsed = time.perf_counter() - started
    moved = answer["moved"]
    print(f"merge: {moved['lots']:,} lots ({moved['points']:,} points, {moved['pending_points']:,} pending), "
          f"{moved['identities']} identities in {elapsed:.2f} s")
    with unit_of_work(factory) as uow:
        uow.session.execute(text("SET LOCAL statement_timeout = 0"))
        mismatches = verify_ledger(uow.session, program_id)
    print(f"verify_ledger mismatches: {len(mismatches)}")
    app.extensions["loyalty"].engine.dispose()


if __name__ == "__main__":
    main()
