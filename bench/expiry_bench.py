"""Time the burning step over a million due lots (not a test; prints the figures).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/expiry_bench.py

Creates a fresh database on the server of DATABASE_URL, migrates it, loads
``--lots`` lots (``--per-member`` per member, all past ``expires_at``) with
``generate_series``, runs the ``expiry.burn_expired`` step of ``loyalty-api jobs
run`` once and checks that every lot burned exactly once and the ledger verifies.
The database is dropped at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import os
import resource
import secrets
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LOAD = [
    """INSERT INTO members (program_id, member_id, referral_code, attributes, status)
       SELECT %(p)s, 'm' || i, 'B' || lpad(i::text, 12, '0'), '{}', 'active'
         FROM generate_series(1, %(members)s) i""",
    """INSERT INTO ledger_entries (program_id, member_id, type, points, created_at, available_at, expires_at,
                                   reason)
       SELECT %(p)s, 'm' || (1 + (i - 1) %% %(members)s), 'earn', 100,
              %(now)s::timestamptz - interval '400 days' + (i %% 1000) * interval '1 minute',
              %(now)s::timestamptz - interval '400 days' + (i %% 1000) * interval '1 minute',
              %(now)s::timestamptz - interval '1 day' - (i %% 5000) * interval '1 second', 'bench'
         FROM generate_series(1, %(lots)s) i""",
    """INSERT INTO lots (program_id, lot_id, member_id, entry_id, points, remaining, available_at, expires_at,
                         created_at)
       SELECT program_id, entry_id, member_id, entry_id, points, points, available_at, expires_at, created_at
         FROM ledger_entries WHERE program_id = %(p)s""",
    """INSERT INTO balances (program_id, member_id, debt, lifetime_earned, last_activity_at, created_at,
                             updated_at)
       SELECT %(p)s, member_id, 0, sum(points), max(created_at), min(created_at), max(created_at)
         FROM ledger_entries WHERE program_id = %(p)s GROUP BY member_id""",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lots", type=int, default=1_000_000)
    parser.add_argument("--per-member", type=int, default=5)
    parser.add_argument("--batch", type=int, default=5000, help="due lots looked at per claim")
    parser.add_argument("--workers", type=int, default=None, help="burning workers (EXPIRY_JOB_WORKERS)")
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    parser.add_argument("--load-only", action="store_true", help="load, keep the database, do not burn")
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    name = f"expiry_bench_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    conninfo = psycopg.conninfo.conninfo_to_dict(server)
    conninfo["dbname"] = name
    url = psycopg.conninfo.make_conninfo(**conninfo)
    print(f"database {name}")
    try:
        run(url, args)
    finally:
        if not (args.keep or args.load_only):
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(url: str, args: argparse.Namespace) -> None:
    from loyalty_api.app import create_app
    from loyalty_api.cli import upgrade_database
    from loyalty_api.config import sqlalchemy_url
    from loyalty_api.db import unit_of_work
    from loyalty_api.jobs.registry import JobContext, all_steps
    from loyalty_api.ledger.service import verify_ledger
    from loyalty_api.programs import service as programs
    from sqlalchemy import text

    sa_url = sqlalchemy_url(psycopg_url(url))
    upgrade_database(sa_url)
    app = create_app({"DATABASE_URL": psycopg_url(url), "JWT_KEYS": "bench:" + "b" * 40})
    factory = app.extensions["loyalty"].session_factory
    with unit_of_work(factory) as uow:
        program = programs.create_program(uow.session, name="bench", currency="RUB",
                                          settings={"expiry": {"mode": "days", "days": 365}})
        uow.commit()
    now = datetime.now(timezone.utc)
    members = max(1, args.lots // args.per_member)
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in LOAD:
            conn.execute(statement, {"p": program.program_id, "members": members, "lots": args.lots, "now": now})
        conn.execute("VACUUM ANALYZE")
    print(f"loaded {args.lots:,} due lots of {members:,} members in {time.perf_counter() - started:.1f} s")

    if args.load_only:
        app.extensions["loyalty"].engine.dispose()
        return
    from loyalty_api.expiry import jobs

    if args.workers:
        jobs.WORKERS = args.workers
    step = next(step for step in all_steps() if step.name == "expiry.burn_expired")
    load = os.getloadavg()[0]
    cpu_before, python_before = backend_cpu(url), python_cpu()
    started = time.perf_counter()
    report = step.run(JobContext(session_factory=factory, now=now, batch_size=args.batch))
    elapsed = time.perf_counter() - started
    cpu_after, python_after = backend_cpu(url), python_cpu()
    pg_cpu = sum(cpu_after.values()) - sum(cpu_before.get(pid, 0.0) for pid in cpu_after)
    print(f"burn_expired: {report['lots']:,} lots, {report['points']:,} points in {elapsed:.1f} s "
          f"({report['lots'] / elapsed:,.0f} lots/s, {jobs.WORKERS} workers, batches of {args.batch} due lots; "
          f"machine load average {load:.1f} before, {os.getloadavg()[0]:.1f} after, {os.cpu_count()} CPUs)")
    # Wall time depends on what else the machine runs; CPU time is the work itself.
    if pg_cpu:
        print(f"cpu: PostgreSQL backends {pg_cpu:.1f} s, this Python process {python_after - python_before:.1f} s "
              f"(= {1e6 * pg_cpu / max(report['lots'], 1):.0f} us of database CPU per lot)")

    with psycopg.connect(url) as conn:
        expired, distinct, left = conn.execute(
            "SELECT count(*), count(DISTINCT lot_id), (SELECT count(*) FROM lots WHERE remaining > 0) "
            "FROM ledger_entries WHERE type = 'expire'").fetchone()
        events = conn.execute("SELECT count(*) FROM outbox_events WHERE type = 'points.expired'").fetchone()[0]
    with unit_of_work(factory) as uow:
        uow.session.execute(text("SET LOCAL statement_timeout = 0"))
        mismatches = verify_ledger(uow.session, program.program_id)
    print(f"check: {expired:,} expire entries for {distinct:,} lots, {left} lots left with points, "
          f"{events:,} points.expired events, verify_ledger mismatches: {len(mismatches)}")
    started = time.perf_counter()
    again = step.run(JobContext(session_factory=factory, now=now, batch_size=args.batch))
    print(f"second run: {again['lots']} lots in {time.perf_counter() - started:.2f} s")
    app.extensions["loyalty"].engine.dispose()


def backend_cpu(url: str) -> dict[int, float]:
    """CPU seconds used so far by the server processes serving this database (local servers only)."""
    with psycopg.connect(url) as conn:
        pids = [row[0] for row in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")]
    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a remote server: no figure
        used[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return used


def python_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def psycopg_url(conninfo: str) -> str:
    params = psycopg.conninfo.conninfo_to_dict(conninfo)
    user, password = params.get("user", "postgres"), params.get("password")
    auth = f"{user}:{password}@" if password else f"{user}@"
    return f"postgresql://{auth}{params.get('host', '127.0.0.1')}:{params.get('port', 5432)}/{params['dbname']}"


if __name__ == "__main__":
    main()
