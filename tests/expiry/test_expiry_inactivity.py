"""Inactivity burn on a real database: deadlines, the clock restart, late jobs, SQL = Python."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from loyalty_api.db import unit_of_work
from loyalty_api.expiry import jobs, rules, service
from loyalty_api.jobs.registry import JobContext
from loyalty_api.ledger import service as ledger
from tests.support import (run_together, expiry_credit as credit, expiry_debit as debit, expiry_enrol as enrol,
                           expiry_events as events, make_expiry_program)

T0 = datetime(2026, 1, 10, 9, 0, tzinfo=timezone.utc)  # last activity; 30 days -> burns 10 Feb 00:00 UTC
DEADLINE = datetime(2026, 2, 10, tzinfo=timezone.utc)
INACTIVE_30 = {"mode": "none", "inactivity_days": 30}


def available(factory, program_id, member_id, now):
    with unit_of_work(factory) as uow:
        return ledger.get_balance(uow.session, program_id, member_id, now).available


def expires(factory, program_id, member_id):
    with unit_of_work(factory) as uow:
        return uow.session.execute(text(
            "SELECT lot_id, -points AS points, reason FROM ledger_entries"
            " WHERE program_id = :p AND member_id = :m AND type = 'expire' ORDER BY entry_id"),
            {"p": program_id, "m": member_id}).all()


def verify(factory, program_id):
    with unit_of_work(factory) as uow:
        return ledger.verify_ledger(uow.session, program_id)


def burn(factory, now, batch=5000):
    return jobs.burn_inactive(JobContext(factory, now, batch_size=batch))


def test_deadline_burns_available_points_and_spares_later_arrivals(app, session_factory):
    # earn 100 on 10 Jan (last activity), redeem 30 on 12 Jan (activity: deadline -> 12 Feb 00:00),
    # adjustment +40 on 15 Feb (not activity; arrives while lapsed: its own 30 days -> 18 Mar 00:00).
    program_id = make_expiry_program(app, INACTIVE_30)
    enrol(session_factory, program_id, "gil")
    lot1 = credit(session_factory, program_id, "gil", 100, T0)
    debit(session_factory, program_id, "gil", 30, T0 + timedelta(days=2))
    assert available(session_factory, program_id, "gil", datetime(2026, 2, 11, 23, 59, tzinfo=timezone.utc)) == 70
    assert available(session_factory, program_id, "gil", datetime(2026, 2, 12, tzinfo=timezone.utc)) == 0
    bonus = credit(session_factory, program_id, "gil", 40, datetime(2026, 2, 15, tzinfo=timezone.utc),
                   entry_type="adjust", reason="goodwill", actor="ops")
    now = datetime(2026, 2, 20, tzinfo=timezone.utc)
    assert available(session_factory, program_id, "gil", now) == 40  # before any job
    burn(session_factory, now)
    burn(session_factory, now + timedelta(hours=1))
    assert expires(session_factory, program_id, "gil") == [(lot1, 70, "inactivity")]
    assert available(session_factory, program_id, "gil", now) == 40
    assert [(e["lot_id"], e["points"], e["reason"], e["expires_at"])
            for e in events(session_factory, program_id, "points.expired")] == [
        (lot1, 70, "inactivity", "2026-02-12T00:00:00.000000Z")]
    # Still no earn nor redeem: the bonus burns 30 days after it arrived.
    assert available(session_factory, program_id, "gil", datetime(2026, 3, 17, 23, tzinfo=timezone.utc)) == 40
    assert available(session_factory, program_id, "gil", datetime(2026, 3, 18, tzinfo=timezone.utc)) == 0
    burn(session_factory, datetime(2026, 3, 18, tzinfo=timezone.utc))
    assert expires(session_factory, program_id, "gil") == [(lot1, 70, "inactivity"), (bonus, 40, "inactivity")]
    assert verify(session_factory, program_id) == []


def test_an_earn_after_the_deadline_burns_first_then_restarts_the_clock(app, session_factory):
    program_id = make_expiry_program(app, INACTIVE_30)
    enrol(session_factory, program_id, "hal")
    lot1 = credit(session_factory, program_id, "hal", 100, T0)
    # No job has run; the earn on 20 Feb must not bring the 100 points back.
    credit(session_factory, program_id, "hal", 20, datetime(2026, 2, 20, tzinfo=timezone.utc))
    assert expires(session_factory, program_id, "hal") == [(lot1, 100, "inactivity")]
    assert available(session_factory, program_id, "hal", datetime(2026, 2, 21, tzinfo=timezone.utc)) == 20
    burn(session_factory, datetime(2026, 2, 21, tzinfo=timezone.utc))
    assert len(expires(session_factory, program_id, "hal")) == 1
    assert verify(session_factory, program_id) == []


def test_activity_before_the_deadline_moves_it(app, session_factory):
    program_id = make_expiry_program(app, INACTIVE_30)
    enrol(session_factory, program_id, "ida")
    credit(session_factory, program_id, "ida", 100, T0)
    debit(session_factory, program_id, "ida", 10, DEADLINE - timedelta(hours=1))
    burn(session_factory, DEADLINE + timedelta(days=5))
    assert expires(session_factory, program_id, "ida") == []
    assert available(session_factory, program_id, "ida", DEADLINE + timedelta(days=5)) == 90


def test_inactivity_off_burns_nothing(app, session_factory):
    program_id = make_expiry_program(app, {"mode": "none", "inactivity_days": None})
    enrol(session_factory, program_id, "jo")
    credit(session_factory, program_id, "jo", 100, T0)
    later = T0 + timedelta(days=4000)
    burn(session_factory, later)
    assert expires(session_factory, program_id, "jo") == []
    assert available(session_factory, program_id, "jo", later) == 100


def test_two_runners_burn_each_inactive_lot_once(app, session_factory):
    program_id = make_expiry_program(app, INACTIVE_30)
    lot_ids = []
    for i in range(16):
        enrol(session_factory, program_id, f"k{i}")
        for k in range(3):
            lot_ids.append(credit(session_factory, program_id, f"k{i}", 5 + k, T0 + timedelta(minutes=k)))
    run_together(*[lambda: burn(session_factory, DEADLINE + timedelta(days=1), batch=2)] * 2)
    with unit_of_work(session_factory) as uow:
        burned = uow.session.execute(text(
            "SELECT lot_id FROM ledger_entries WHERE program_id = :p AND type = 'expire'"),
            {"p": program_id}).scalars().all()
    assert sorted(burned) == sorted(lot_ids)
    assert verify(session_factory, program_id) == []


def test_sql_deadline_equals_the_python_rule(app, session_factory):
    zones = ["UTC", "Europe/Moscow", "Europe/Berlin", "America/New_York", "America/Sao_Paulo",
             "Pacific/Auckland", "Australia/Lord_Howe", "Asia/Kathmandu"]
    rng = random.Random(20261123)
    base = datetime(2015, 1, 1, tzinfo=timezone.utc)
    samples = [(base + timedelta(seconds=rng.randrange(20 * 365 * 86400)), rng.choice(zones), rng.randrange(1, 800))
               for _ in range(3000)]
    statement = text(f"SELECT {service.deadline_sql('CAST(:start AS timestamptz)')}")
    with unit_of_work(session_factory) as uow:
        for start, tz, days in samples:
            got = uow.session.execute(statement, {"start": start, "tz": tz, "days": days}).scalar()
            assert got == rules.inactivity_deadline(start, days, tz), (start, tz, days)
