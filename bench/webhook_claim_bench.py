"""Time the webhook worker's claim over a large backlog (not a test; prints the figures).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/webhook_claim_bench.py

Creates a fresh database on the server of DATABASE_URL, migrates it, loads
``--programs`` programs with one webhook each and ``--deliveries`` due deliveries,
``--flood`` of them (a fraction) in one program, then times ``dispatch.claim`` (the
per-program capped claim; each run rolled back) and checks the cap held. The
database is dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.infra import drop_database, recreate_database  # noqa: E402

LOAD = [
    """INSERT INTO webhooks (program_id, webhook_id, url, event_types, secret_sealed)
       SELECT ('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, gen_random_uuid(),
              'https://hooks.example.com/' || i, ARRAY['*'], 'sealed'
         FROM generate_series(1, %(programs)s) i""",
    # Event i belongs to the flood program (1) for the first flood share, else spread over the others.
    """INSERT INTO outbox_events (program_id, event_id, type, member_id, data, dispatched_at)
       SELECT ('00000000-0000-0000-0000-' || lpad(
                 (CASE WHEN i <= %(flooded)s THEN 1 ELSE 2 + i %% (%(programs)s - 1) END)::text, 12, '0'))::uuid,
              gen_random_uuid(),
              'points.earned', 'm' || i, jsonb_build_object('member_id', 'm' || i), now()
         FROM generate_series(1, %(deliveries)s) i""",
    """INSERT INTO webhook_deliveries (program_id, delivery_id, webhook_id, event_seq, event_id, event_type,
                                      member_id, status, attempts, next_attempt_at)
       SELECT e.program_id, gen_random_uuid(), w.webhook_id, e.seq, e.event_id, e.type, e.member_id,
              'pending', 0, now() - interval '1 minute'
         FROM outbox_events e JOIN webhooks w ON w.program_id = e.program_id""",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=200)
    parser.add_argument("--deliveries", type=int, default=200_000)
    parser.add_argument("--flood", type=float, default=0.9, help="share of the deliveries in one program")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    name = f"webhook_bench_{secrets.token_hex(4)}"
    url = recreate_database(server, name)
    print(f"database {name}")
    try:
        run(url, args)
    finally:
        if not args.keep:
            drop_database(server, name)


def run(url: str, args: argparse.Namespace) -> None:
    from loyalty_api.cli import upgrade_database
    from loyalty_api.config import sqlalchemy_url
    from loyalty_api.db import make_session_factory
    from loyalty_api.webhooks import dispatch
    from loyalty_api.webhooks.rules import MAX_ATTEMPTS, claim_backoffs
    from sqlalchemy import create_engine

    sa_url = sqlalchemy_url(url)
    upgrade_database(sa_url)
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in LOAD:
            conn.execute(statement, {"programs": args.programs, "deliveries": args.deliveries,
                                     "flooded": int(args.deliveries * args.flood)})
        conn.execute("VACUUM ANALYZE")
    print(f"loaded {args.deliveries:,} due deliveries over {args.programs} programs "
          f"({args.flood:.0%} in one) in {time.perf_counter() - started:.1f} s")
    factory = make_session_factory(create_engine(sa_url))
    timings, claimed = [], []
    for _ in range(args.runs):
        with factory() as session:
            started = time.perf_counter()
            batch = dispatch.claim(session, None, 5, timedelta(minutes=3), uuid.uuid4(), per_program=2,
                                   max_attempts=MAX_ATTEMPTS, backoffs=claim_backoffs())
            timings.append(time.perf_counter() - started)
            claimed.append(max(sum(1 for item in batch if item.program_id == p) for p in {i.program_id for i in batch}))
            session.rollback()
    timings.sort()
    print(f"claim of 5: median {statistics.median(timings) * 1000:.1f} ms, "
          f"p90 {timings[int(len(timings) * 0.9) - 1] * 1000:.1f} ms over {args.runs} runs; "
          f"most of one program in a claim: {max(claimed)} (cap 2)")


if __name__ == "__main__":
    main()
