"""The analytics summary's share of ``segments_bench``: its timings at three states of
the jobs (never ran, just ran, last ran a day ago), each checked figure for figure
against the full-scan summary it replaced (``tests/analytics_oracle.py``)."""

from __future__ import annotations

import statistics
import time
from datetime import datetime, timedelta

import psycopg
from sqlalchemy import text

from loyalty_api.analytics import queries
from loyalty_api.analytics import service as analytics
from loyalty_api.db import unit_of_work
from loyalty_api.jobs.runner import run_all
from loyalty_api.programs.models import Program
from tests.analytics_oracle import full_scan_summary

JOB_STEPS = ("expiry.burn_expired", "expiry.burn_inactive", "analytics.rollup")
# Move both watermarks a day back: what a read sees when the daily job last ran yesterday.
_DAY_BEHIND = [
    "UPDATE analytics_progress SET rolled_through = rolled_through {sign} interval '1 day' WHERE program_id = %(p)s",
    "UPDATE expiry_progress SET inactive_through = inactive_through {sign} interval '1 day' WHERE program_id = %(p)s",
]


def _explain(session, statement, params) -> float:
    plan = session.execute(text("EXPLAIN (ANALYZE, FORMAT JSON) " + statement.text), params).scalar()
    return plan[0]["Execution Time"]


def _warm_ms(call, runs: int = 3) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append(1000 * (time.perf_counter() - started))
    return statistics.median(timings)


def _state(factory, pid, now: datetime, label: str) -> None:
    print(f"\n### {label}")
    print("| piece | 30 days ms | 365 days ms |")
    print("|---|---:|---:|")
    with unit_of_work(factory) as uow:
        session = uow.session
        program = session.get(Program, pid)
        rows: dict[str, list[str]] = {}
        for days in (30, 365):
            start = now - timedelta(days=days)
            fast = analytics.summary(session, pid, start, now, now)
            assert fast == full_scan_summary(session, pid, start, now, now), f"{label}, {days} days: differs"
            rolled = analytics.progress(session, pid) or (analytics.analytics_rules.NEVER,) * 2
            params = {"program_id": pid, "from": start, "to": now, **analytics._ranges(start, now, rolled)}
            lookup, extra = analytics._inactivity(session, program, now)
            pieces = [("flows, enrolments, active, referrals (one statement)", queries.PERIOD, params),
                      (f"outstanding (inactivity lookup: {lookup})", queries.OUTSTANDING[lookup],
                       {**params, **extra, "now": now}),
                      ("tier distribution", queries.TIERS, params),
                      ("active members by scan (only for a period ending in the past)", queries.ACTIVE_MEMBERS,
                       params)]
            for name, statement, values in pieces:
                rows.setdefault(name, []).append(f"{_explain(session, statement, values):.1f}")
            rows.setdefault("**whole `summary()`, warm**", []).append(
                f"**{_warm_ms(lambda: analytics.summary(session, pid, start, now, now)):.1f}**")
        for name, figures in rows.items():
            print(f"| {name} | {' | '.join(figures)} |", flush=True)
        earlier = (now - timedelta(days=60), now - timedelta(days=30))
        assert analytics.summary(session, pid, *earlier, now) == full_scan_summary(session, pid, *earlier, now)
        print(f"| whole `summary()` of the 30 days before those (scan for active members) | "
              f"{_warm_ms(lambda: analytics.summary(session, pid, *earlier, now)):.1f} | |", flush=True)


def measure_summary(factory, url: str, pid, now: datetime) -> None:
    print("\nGET /v1/analytics/summary: EXPLAIN ANALYZE execution of each statement after a warm-up, and the "
          "whole summary() (median of 3); every answer equals the full-scan summary's")
    with unit_of_work(factory) as uow:
        fresh = analytics.progress(uow.session, pid) is None
    if fresh:
        _state(factory, pid, now, "jobs never ran (no rollup, no watermark, due lots not burned)")
    # The loaded data has a year of lots due and never burned; a daily job would have
    # burned them on earlier days. Burn that backlog three days ago, then run as today's job.
    for when, steps in ((now - timedelta(days=3), JOB_STEPS[:2]), (now, JOB_STEPS)):
        for step in steps:
            started = time.perf_counter()
            report = run_all(factory, now=when, only=[step])
            print(f"job step {step} at now - {(now - when).days} d: {time.perf_counter() - started:.1f} s "
                  f"{report[step]}", flush=True)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    _state(factory, pid, now, "jobs just ran")
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in _DAY_BEHIND:
            conn.execute(statement.format(sign="-"), {"p": pid})
    try:
        _state(factory, pid, now, "jobs last ran a day ago (a day more of live tail and of inactivity lookups)")
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            for statement in _DAY_BEHIND:
                conn.execute(statement.format(sign="+"), {"p": pid})
