"""The ``analytics.rollup`` job step: closed days only, idempotent, safe side by side,
and a summary that equals the full-scan one however far the rollup got.

Times are a few days back (``R`` is a UTC midnight five days ago) so the grace period
can be crossed with an explicit job clock; the program is dated before them (the
rollup never covers days before a program existed)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from loyalty_api.analytics import jobs as analytics_jobs
from loyalty_api.analytics import rules
from loyalty_api.analytics import service as analytics
from loyalty_api.db import unit_of_work
from loyalty_api.jobs.registry import JobContext
from tests.analytics_oracle import full_scan_summary
from tests.support import expiry_credit, expiry_debit, expiry_enrol, make_expiry_program, run_together

R = rules.day_floor(datetime.now(timezone.utc)) - timedelta(days=5)


@pytest.fixture
def shop(app, session_factory):
    pid = make_expiry_program(app, {"mode": "none"})
    with unit_of_work(session_factory) as uow:
        uow.session.execute(text("UPDATE programs SET created_at = :at WHERE program_id = :p"),
                            {"at": R - timedelta(days=10) + timedelta(hours=1), "p": pid})
        uow.commit()
    expiry_enrol(session_factory, pid, "ann")
    expiry_credit(session_factory, pid, "ann", 100, R - timedelta(days=3) + timedelta(hours=5))
    expiry_debit(session_factory, pid, "ann", 30, R - timedelta(days=3) + timedelta(hours=6))
    expiry_credit(session_factory, pid, "ann", 50, R - timedelta(seconds=10))  # late on the day before R
    expiry_credit(session_factory, pid, "ann", 7, R + timedelta(hours=2), entry_type="adjust", reason="x",
                  actor="t")
    return pid


def roll_up(factory, now: datetime) -> dict:
    return analytics_jobs.roll_up(JobContext(session_factory=factory, now=now))


def days(factory, pid) -> dict:
    with unit_of_work(factory) as uow:
        rows = uow.session.execute(text("SELECT day, kind, sign, points, items FROM analytics_days"
                                        " WHERE program_id = :p ORDER BY 1, 2, 3"), {"p": pid}).all()
        through = uow.session.execute(text("SELECT rolled_from, rolled_through FROM analytics_progress"
                                           " WHERE program_id = :p"), {"p": pid}).one_or_none()
    return {"rows": [tuple(row) for row in rows], "progress": tuple(through) if through else None}


def assert_summaries_match(factory, pid, now: datetime) -> None:
    periods = [(R - timedelta(days=9), now), (R - timedelta(days=3), R), (R - timedelta(hours=1), now),
               (R - timedelta(days=3, hours=-5, minutes=30), R - timedelta(hours=20)), (R + timedelta(hours=1), now)]
    with unit_of_work(factory) as uow:
        for start, end in periods:
            assert analytics.summary(uow.session, pid, start, end, now) == \
                full_scan_summary(uow.session, pid, start, end, now), (start, end)


def test_only_days_closed_for_the_grace_period_are_rolled_up(session_factory, shop):
    assert_summaries_match(session_factory, shop, R + timedelta(hours=3))  # the job never ran
    roll_up(session_factory, R + timedelta(minutes=59))
    before = days(session_factory, shop)
    # R - 1 day ended 59 minutes ago: not closed yet; days before it are, from the program's first full day.
    assert before["progress"] == (R - timedelta(days=9), R - timedelta(days=1))
    assert [row[:2] for row in before["rows"]] == [((R - timedelta(days=3)).date(), "earn"),
                                                    ((R - timedelta(days=3)).date(), "redeem")]
    assert before["rows"][0][2:] == (1, 100, 1) and before["rows"][1][2:] == (-1, -30, 1)
    assert_summaries_match(session_factory, shop, R + timedelta(hours=3))
    # A late commit inside the grace period lands in its day before the day is closed.
    expiry_credit(session_factory, shop, "ann", 5, R - timedelta(seconds=2), entry_type="bonus")
    roll_up(session_factory, R + timedelta(minutes=61))
    after = days(session_factory, shop)
    assert after["progress"] == (R - timedelta(days=9), R)
    assert ((R - timedelta(days=1)).date(), "bonus", 1, 5, 1) in after["rows"]
    assert ((R - timedelta(days=1)).date(), "earn", 1, 50, 1) in after["rows"]
    assert not [row for row in after["rows"] if row[0] >= R.date()]  # R itself is not over
    assert_summaries_match(session_factory, shop, R + timedelta(hours=3))


def test_a_second_run_changes_nothing(session_factory, shop):
    first = roll_up(session_factory, R + timedelta(days=1, hours=2))
    state = days(session_factory, shop)
    assert first["rows"] >= len(state["rows"]) > 0 and state["progress"][1] == R + timedelta(days=1)
    again = roll_up(session_factory, R + timedelta(days=1, hours=2))
    assert again["rows"] == 0
    assert days(session_factory, shop) == state
    assert_summaries_match(session_factory, shop, R + timedelta(days=1, hours=3))


def test_enrolments_are_rolled_up_by_day(session_factory, shop):
    expiry_enrol(session_factory, shop, "bob")
    with unit_of_work(session_factory) as uow:
        uow.session.execute(text("UPDATE members SET created_at = :at WHERE program_id = :p AND member_id = 'bob'"),
                            {"at": R - timedelta(days=2, hours=3), "p": shop})
        uow.commit()
    roll_up(session_factory, R + timedelta(hours=2))
    assert ((R - timedelta(days=3)).date(), "enrolled", 0, 0, 1) in days(session_factory, shop)["rows"]
    assert_summaries_match(session_factory, shop, R + timedelta(hours=3))


def test_an_entry_committed_after_its_day_was_closed_is_counted_from_the_next_run(session_factory, shop):
    roll_up(session_factory, R + timedelta(hours=2))
    # Later than the grace allows (a job run that took longer than an hour, say).
    expiry_credit(session_factory, shop, "ann", 11, R - timedelta(seconds=1), entry_type="bonus")
    roll_up(session_factory, R + timedelta(days=1, hours=2))
    assert ((R - timedelta(days=1)).date(), "bonus", 1, 11, 1) in days(session_factory, shop)["rows"]
    assert_summaries_match(session_factory, shop, R + timedelta(days=1, hours=3))


def test_two_runners_side_by_side_write_each_row_once(session_factory, shop):
    reports = run_together(lambda: roll_up(session_factory, R + timedelta(days=2, hours=2)),
                           lambda: roll_up(session_factory, R + timedelta(days=2, hours=2)))
    state = days(session_factory, shop)
    assert state["progress"] == (R - timedelta(days=9), R + timedelta(days=2))
    with unit_of_work(session_factory) as uow:
        expected = uow.session.execute(text(
            "SELECT CAST(created_at AT TIME ZONE 'UTC' AS date), type, sign(points), sum(points), count(*)"
            " FROM ledger_entries WHERE program_id = :p AND created_at < :end GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"),
            {"p": shop, "end": R + timedelta(days=2)}).all()
    assert [row for row in state["rows"] if row[1] != "enrolled"] == [tuple(row) for row in expected]
    assert all(report["programs"] >= 0 for report in reports)
    assert_summaries_match(session_factory, shop, R + timedelta(days=2, hours=3))


def test_a_job_clock_ahead_of_the_database_closes_no_day_that_is_not_over(session_factory, shop):
    roll_up(session_factory, datetime.now(timezone.utc) + timedelta(days=400))
    through = days(session_factory, shop)["progress"][1]
    assert through == rules.closed_through(datetime.now(timezone.utc)) or \
        through == rules.closed_through(datetime.now(timezone.utc)) - timedelta(days=1)
