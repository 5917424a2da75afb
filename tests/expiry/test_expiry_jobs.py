"""The burning job on a real database: expire entries, inactivity, announcements, concurrency."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select, text

from loyalty_api.db import unit_of_work
from loyalty_api.expiry import jobs
from loyalty_api.jobs.registry import JobContext
from loyalty_api.jobs.runner import run_all
from loyalty_api.ledger import service as ledger
from loyalty_api.ledger.models import LedgerEntry, Lot
from tests.support import (run_together, expiry_credit as credit, expiry_debit as debit, expiry_enrol as enrol,
                           expiry_events as events, make_expiry_program)

T0 = datetime(2026, 1, 10, 9, 0, tzinfo=timezone.utc)


def utc(text_: str) -> datetime:
    return datetime.fromisoformat(text_).replace(tzinfo=timezone.utc)


def balance(factory, program_id, member_id, now):
    with unit_of_work(factory) as uow:
        return ledger.get_balance(uow.session, program_id, member_id, now)


def entries(factory, program_id, member_id, entry_type="expire"):
    with unit_of_work(factory) as uow:
        return uow.session.execute(select(LedgerEntry.points, LedgerEntry.lot_id, LedgerEntry.reason).where(
            LedgerEntry.program_id == program_id, LedgerEntry.member_id == member_id,
            LedgerEntry.type == entry_type).order_by(LedgerEntry.entry_id)).all()


def verify(factory, program_id):
    with unit_of_work(factory) as uow:
        return ledger.verify_ledger(uow.session, program_id)


def step(factory, name, now, batch=5000):
    return run_all(factory, now=now, only=[name])[name]


def test_expired_lot_burns_once_with_its_lot_id(app, session_factory):
    # days mode, 30 days, UTC:
    # lot 1: 100 at 10 Jan -> expires 10 Feb 00:00; lot 2: 50 at 15 Jan -> expires 15 Feb 00:00
    # redeem 30 on 20 Jan takes from lot 1 (soonest expiry): lot 1 keeps 70.
    # On 12 Feb lot 1 has burned: available 50; the job writes expire -70 for lot 1.
    program_id = make_expiry_program(app, {"mode": "days", "days": 30})
    enrol(session_factory, program_id, "ann")
    lot1 = credit(session_factory, program_id, "ann", 100, T0, order_id="o1")
    lot2 = credit(session_factory, program_id, "ann", 50, T0 + timedelta(days=5), order_id="o2")
    debit(session_factory, program_id, "ann", 30, T0 + timedelta(days=10))
    now = utc("2026-02-12T00:00")
    assert balance(session_factory, program_id, "ann", now).available == 50  # before the job
    step(session_factory, "expiry.burn_expired", now)
    burned = entries(session_factory, program_id, "ann")
    assert [(e.points, e.lot_id, e.reason) for e in burned] == [(-70, lot1, "expiry")]
    assert balance(session_factory, program_id, "ann", now).available == 50
    with unit_of_work(session_factory) as uow:
        lots = dict(uow.session.execute(select(Lot.lot_id, Lot.remaining).where(
            Lot.program_id == program_id)).all())
    assert lots == {lot1: 0, lot2: 50}
    assert [(e["member_id"], e["points"], e["lot_id"]) for e in events(session_factory, program_id,
                                                                         "points.expired")] == [("ann", 70, lot1)]
    step(session_factory, "expiry.burn_expired", now + timedelta(days=1))
    assert len(entries(session_factory, program_id, "ann")) == 1
    assert verify(session_factory, program_id) == []
    # lot 2 burns on 15 Feb 00:00 exactly
    step(session_factory, "expiry.burn_expired", utc("2026-02-14T23:59:59"))
    assert len(entries(session_factory, program_id, "ann")) == 1
    step(session_factory, "expiry.burn_expired", utc("2026-02-15T00:00"))
    assert [(e.points, e.lot_id) for e in entries(session_factory, program_id, "ann")] == [(-70, lot1), (-50, lot2)]
    assert verify(session_factory, program_id) == []


def test_step_report_counts(app, session_factory):
    program_id = make_expiry_program(app, {"mode": "days", "days": 1})
    enrol(session_factory, program_id, "bo")
    credit(session_factory, program_id, "bo", 10, T0)
    credit(session_factory, program_id, "bo", 15, T0)
    # A pass for this program alone: its report is exactly our share (other tests'
    # programs in the shared database may have due lots too, and a whole pass counts them).
    report = jobs.burn_expired(JobContext(session_factory, T0 + timedelta(days=3), only=program_id))
    assert report == {"lots": 2, "points": 25}
    assert sorted(-e.points for e in entries(session_factory, program_id, "bo")) == [10, 15]
    # A whole pass afterwards finds nothing of ours left to burn.
    jobs.burn_expired(JobContext(session_factory, T0 + timedelta(days=3)))
    assert sorted(-e.points for e in entries(session_factory, program_id, "bo")) == [10, 15]


def test_two_runners_at_once_burn_each_lot_exactly_once(app, session_factory):
    program_id = make_expiry_program(app, {"mode": "days", "days": 1})
    members = [f"c{i}" for i in range(24)]
    lot_ids = []
    for member in members:
        enrol(session_factory, program_id, member)
        for k in range(4):
            lot_ids.append(credit(session_factory, program_id, member, 10 + k, T0 + timedelta(hours=k)))
    now = T0 + timedelta(days=5)
    run_together(*[lambda: jobs.burn_expired(JobContext(session_factory, now, batch_size=3))] * 2)
    with unit_of_work(session_factory) as uow:
        burned = uow.session.execute(text(
            "SELECT lot_id, count(*) FROM ledger_entries WHERE program_id = :p AND type = 'expire' GROUP BY lot_id"),
            {"p": program_id}).all()
        left = uow.session.execute(text("SELECT count(*) FROM lots WHERE program_id = :p AND remaining > 0"),
                                   {"p": program_id}).scalar()
    assert sorted(lot for lot, _ in burned) == sorted(lot_ids)
    assert all(count == 1 for _, count in burned)
    assert left == 0
    assert len(events(session_factory, program_id, "points.expired")) == len(lot_ids)
    assert verify(session_factory, program_id) == []


def test_activation_is_announced_once_per_pending_lot(app, session_factory):
    program_id = make_expiry_program(app, {"mode": "none"})
    enrol(session_factory, program_id, "dee")
    pending = credit(session_factory, program_id, "dee", 80, T0, available_at=T0 + timedelta(days=14))
    credit(session_factory, program_id, "dee", 5, T0)  # available at once: nothing to announce
    step(session_factory, "expiry.activate", T0 + timedelta(days=13))
    assert events(session_factory, program_id, "points.activated") == []
    step(session_factory, "expiry.activate", T0 + timedelta(days=14))
    step(session_factory, "expiry.activate", T0 + timedelta(days=15))
    announced = events(session_factory, program_id, "points.activated")
    assert [(e["member_id"], e["points"], e["lot_id"]) for e in announced] == [("dee", 80, pending)]


def test_expiring_soon_is_announced_once_warn_days_ahead(app, session_factory):
    # 30 days from 10 Jan: burns 10 Feb 00:00 UTC; warn_days 14 -> announced from 27 Jan 00:00.
    program_id = make_expiry_program(app, {"mode": "days", "days": 30, "warn_days": 14})
    enrol(session_factory, program_id, "eve")
    lot = credit(session_factory, program_id, "eve", 60, T0)
    step(session_factory, "expiry.expiring", utc("2026-01-26T23:59"))
    assert events(session_factory, program_id, "points.expiring") == []
    step(session_factory, "expiry.expiring", utc("2026-01-27T00:00"))
    step(session_factory, "expiry.expiring", utc("2026-02-01T00:00"))
    assert [(e["member_id"], e["points"], e["lot_id"], e["expires_at"])
            for e in events(session_factory, program_id, "points.expiring")] == [
        ("eve", 60, lot, "2026-02-10T00:00:00.000000Z")]


def test_expired_hold_is_announced_once(app, session_factory):
    from loyalty_api.checkout.models import Hold

    program_id = make_expiry_program(app, {"mode": "none"})
    enrol(session_factory, program_id, "fay")
    credit(session_factory, program_id, "fay", 100, T0)
    with unit_of_work(session_factory) as uow:
        uow.session.add_all([
            Hold(program_id=program_id, hold_id="h-open", member_id="fay", points=40, status="held",
                 expires_at=T0 + timedelta(minutes=15), created_at=T0),
            Hold(program_id=program_id, hold_id="h-released", member_id="fay", points=10, status="released",
                 expires_at=T0 + timedelta(minutes=15), created_at=T0, closed_at=T0),
        ])
        uow.commit()
    assert balance(session_factory, program_id, "fay", T0 + timedelta(minutes=1)).held == 40
    step(session_factory, "expiry.holds", T0 + timedelta(minutes=14))
    assert events(session_factory, program_id, "hold.expired") == []
    later = T0 + timedelta(minutes=16)
    assert balance(session_factory, program_id, "fay", later).available == 100  # back without the job
    step(session_factory, "expiry.holds", later)
    step(session_factory, "expiry.holds", later + timedelta(hours=1))
    assert [(e["hold_id"], e["points"]) for e in events(session_factory, program_id, "hold.expired")] == [
        ("h-open", 40)]


def test_two_runners_announce_each_lot_once(app, session_factory):
    program_id = make_expiry_program(app, {"mode": "days", "days": 30, "warn_days": 14})
    lot_ids = []
    for i in range(10):
        enrol(session_factory, program_id, f"n{i}")
        lot_ids += [credit(session_factory, program_id, f"n{i}", 7, T0),
                    credit(session_factory, program_id, f"n{i}", 3, T0, available_at=T0 + timedelta(days=2))]
    now = utc("2026-02-01T00:00")  # all 20 lots active and burning on 10 or 12 Feb

    def runner():
        context = JobContext(session_factory, now, batch_size=4)
        jobs.activate(context)
        jobs.announce_expiring(context)

    run_together(runner, runner)
    assert sorted(e["lot_id"] for e in events(session_factory, program_id, "points.expiring")) == sorted(lot_ids)
    assert sorted(e["lot_id"] for e in events(session_factory, program_id, "points.activated")) == sorted(lot_ids[1::2])


def test_bonus_with_its_own_lifetime_burns_in_a_program_without_expiry(app, session_factory):
    # mode none; a birthday gift of 25 with expires_in_days=30 on 10 Jan burns 10 Feb 00:00 UTC.
    program_id = make_expiry_program(app, {"mode": "none"})
    enrol(session_factory, program_id, "oli")
    keep = credit(session_factory, program_id, "oli", 100, T0)
    gift = credit(session_factory, program_id, "oli", 25, T0, entry_type="bonus", expires_in_days=30,
                  reason="birthday")
    with unit_of_work(session_factory) as uow:
        dates = dict(uow.session.execute(select(Lot.lot_id, Lot.expires_at).where(
            Lot.program_id == program_id)).all())
    assert dates == {keep: None, gift: utc("2026-02-10T00:00")}
    assert balance(session_factory, program_id, "oli", utc("2026-02-01T00:00")).next_expiry == {
        "expires_at": utc("2026-02-10T00:00"), "points": 25}
    step(session_factory, "expiry.burn_expired", utc("2026-02-10T00:00"))
    assert [(e.points, e.lot_id) for e in entries(session_factory, program_id, "oli")] == [(-25, gift)]
    assert balance(session_factory, program_id, "oli", utc("2026-02-10T00:00")).available == 100
