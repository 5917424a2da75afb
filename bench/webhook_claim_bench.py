"""Time the webhook worker's claim over a large backlog (not a test; prints the figures).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/webhook_claim_bench.py

Creates a fresh database on the server of DATABASE_URL, migrates it, loads
``--programs`` programs with one webhook each and ``--deliveries`` due deliveries,
``--flood`` of them (a fraction) in one program, then times the worker's statements,
each run rolled back, beside a one-row read by primary key (the run's baseline): the
lock-free looks over all programs (``dispatch.programs_due`` every cycle,
``programs_exhausted`` once a minute) and the per-program capped claim
(``dispatch.claim``) in the flooded program and in a quiet one, and checks the cap held.
The database is dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import secrets
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
    from sqlalchemy import create_engine, text

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
    with factory() as session:
        quiet = session.scalar(text("SELECT program_id FROM webhooks ORDER BY program_id DESC LIMIT 1"))
        one = session.execute(text("SELECT program_id, delivery_id FROM webhook_deliveries LIMIT 1")).one()
    flooded = uuid.UUID(int=1)
    # the baseline of this run: one delivery read by its primary key through the same session code
    baseline = _timed(factory, args.runs, lambda session: session.execute(text(
        "SELECT * FROM webhook_deliveries WHERE program_id = :p AND delivery_id = :d"),
        {"p": one.program_id, "d": one.delivery_id}).all())
    print(f"baseline, one delivery by its key: median {_ms(baseline, 0.5)} ms over {args.runs} runs")
    look = _timed(factory, args.runs, lambda session: dispatch.programs_due(session, None, MAX_ATTEMPTS))
    print(f"look for programs with due work: median {_ms(look, 0.5)} ms, p90 {_ms(look, 0.9)} ms "
          f"over {args.runs} runs; {len(look[0][1])} programs")
    look = _timed(factory, args.runs, lambda session: dispatch.programs_exhausted(session, None, MAX_ATTEMPTS))
    print(f"look for deliveries out of attempts (once a minute): median {_ms(look, 0.5)} ms over {args.runs} runs")
    for name, program_id in (("flooded", flooded), ("quiet", quiet)):
        claims = _timed(factory, args.runs, lambda session: dispatch.claim(
            session, program_id, None, 5, timedelta(minutes=3), uuid.uuid4(), per_program=2,
            max_attempts=MAX_ATTEMPTS, backoffs=claim_backoffs()))
        most = max(len(batch) for _, batch in claims)
        print(f"claim of 5 in the {name} program: median {_ms(claims, 0.5)} ms, p90 {_ms(claims, 0.9)} ms "
              f"over {args.runs} runs; most claimed at once: {most} (cap 2)")


def _timed(factory, runs: int, statement) -> list[tuple[float, list]]:
    """(seconds, answer) of each run, fastest first; every run is rolled back."""
    timings = []
    for _ in range(runs):
        with factory() as session:
            started = time.perf_counter()
            answer = statement(session)
            timings.append((time.perf_counter() - started, answer))
            session.rollback()
    return sorted(timings, key=lambda timing: timing[0])


def _ms(timings: list[tuple[float, list]], quantile: float) -> str:
    return f"{timings[max(int(len(timings) * quantile) - 1, 0)][0] * 1000:.1f}"


if __name__ == "__main__":
    main()
