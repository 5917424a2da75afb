"""The fast summary equals the full-scan one (``tests/analytics_oracle.py``) figure for
figure, over random shop histories written through the real services (debt, holds,
pending points, refunds, reversals, expiry and inactivity burns, erasures, tiers) with
the jobs run at random moments; and the inactivity burn's watermark only moves when
a run claimed every due member."""

from __future__ import annotations

import random
import threading
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import text

from loyalty_api.audit.rules import OPERATOR, Actor
from loyalty_api.analytics import rules as analytics_rules
from loyalty_api.analytics import service as analytics
from loyalty_api.checkout import holds, returns
from loyalty_api.checkout import service as checkout
from loyalty_api.db import unit_of_work
from loyalty_api.errors import LoyaltyError
from loyalty_api.expiry import jobs as expiry_jobs
from loyalty_api.expiry import rules as expiry_rules
from loyalty_api.jobs.runner import run_all
from loyalty_api.ledger import service as ledger
from loyalty_api.ledger.service import verify_ledger
from loyalty_api.members import service as members
from tests.analytics_oracle import full_scan_summary
from tests.support import ApiCaller, expiry_credit, expiry_enrol, make_expiry_program, make_program

SETTINGS = {"pending_days": 2, "clawback": "allow_negative", "hold_ttl_seconds": 259200,
            "expiry": {"mode": "days", "days": 25, "inactivity_days": 12},
            "redeem": {"point_value": "0.50", "min_points": 1, "max_order_share": "1"}}
LADDER = {"tiers": [{"code": "silver", "name": "Silver", "threshold": 300, "earn_multiplier": 1},
                    {"code": "gold", "name": "Gold", "threshold": 1000, "earn_multiplier": 1}],
          "tier_policy": {"metric": "points_earned"}}
JOBS = ["expiry.burn_expired", "expiry.burn_inactive", "analytics.rollup"]


def assert_same(factory, pid, now: datetime, start: datetime, seen: set | None = None) -> None:
    periods = [(now - timedelta(days=30), now), (start - timedelta(days=3), now + timedelta(days=1)),
               (now - timedelta(days=9, hours=5), now - timedelta(days=2, hours=7)),
               (now - timedelta(hours=30), now + timedelta(hours=1))]
    with unit_of_work(factory) as uow:
        for begin, end in periods:
            fast = analytics.summary(uow.session, pid, begin, end, now)
            assert fast == full_scan_summary(uow.session, pid, begin, end, now), (now, begin, end)
        if seen is not None:
            seen.update(_situations(uow.session, pid, now, fast))


def _situations(session, pid, now: datetime, answer: dict) -> set[str]:
    """What the program's state at ``now`` exercises (the test checks each shows up)."""
    from loyalty_api.programs.models import Program

    row = session.execute(text("""
        SELECT (SELECT sum(debt) FROM balances WHERE program_id = :p) > 0 AS debt,
               EXISTS (SELECT 1 FROM holds WHERE program_id = :p AND status = 'held' AND expires_at > :now) AS held,
               EXISTS (SELECT 1 FROM lots WHERE program_id = :p AND remaining > 0 AND expires_at <= :now)
                 AS expired_unburned"""), {"p": pid, "now": now}).one()
    found = {name for name in ("debt", "held", "expired_unburned") if getattr(row, name)}
    lookup, extra = analytics._inactivity(session, session.get(Program, pid), now)
    if lookup == "since_floor" and extra["floor"] < extra["cutoff"]:
        lookup = "since_an_older_floor"
    found.add(lookup)
    if answer["outstanding"]["pending"]:
        found.add("pending")
    return found


class History:
    def __init__(self, factory, pid, rng: random.Random, now: datetime):
        self.factory, self.pid, self.rng, self.now = factory, pid, rng, now
        self.members: list[str] = []
        self.orders: list[str] = []
        self.holds: list[str] = []
        self.steps = 0

    def attempt(self, write) -> None:
        with unit_of_work(self.factory) as uow:
            try:
                write(uow.session)
            except LoyaltyError:
                return
            uow.commit()

    def step(self) -> None:
        rng, now, pid = self.rng, self.now, self.pid
        self.steps += 1
        choice = rng.random()
        if not self.members or choice < 0.1:
            member_id = f"m{len(self.members)}"
            expiry_enrol(self.factory, pid, member_id)
            with unit_of_work(self.factory) as uow:
                uow.session.execute(text("UPDATE members SET created_at = :at WHERE program_id = :p"
                                         " AND member_id = :m"), {"at": now, "p": pid, "m": member_id})
                uow.commit()
            self.members.append(member_id)
            return
        member_id = rng.choice(self.members)
        if choice < 0.45:
            order_id = f"o{len(self.orders)}"
            self.orders.append(order_id)
            redeem = rng.choice([None, None, rng.randint(1, 150)])
            hold_id = self.holds.pop() if self.holds and rng.random() < 0.3 else None
            data = {"order_id": order_id, "member_id": member_id, "amount": Decimal(rng.randint(20, 600)),
                    "currency": "RUB", "lines": [], "redeem_points": redeem,
                    "placed_at": now - timedelta(hours=rng.choice([0, 0, 30]))}
            if hold_id:
                data["hold_id"] = hold_id
            self.attempt(lambda s: checkout.record_order(s, pid, data, now))
        elif choice < 0.6 and self.orders:
            order_id = rng.choice(self.orders)
            if rng.random() < 0.3:
                self.attempt(lambda s: returns.cancel_order(s, pid, order_id, now))
            else:
                self.attempt(lambda s: returns.record_return(s, pid, order_id, {
                    "return_id": f"r{rng.random()}", "amount": Decimal(rng.randint(5, 300))}, now))
        elif choice < 0.75:
            points = rng.choice([-1, 1]) * rng.randint(1, 120)
            self.attempt(lambda s: ledger.adjust(s, pid, member_id, points=points, reason="test", actor=Actor("t"),
                                                 now=now))
        elif choice < 0.87:
            def hold(session):
                answer, _ = holds.create_hold(session, pid, {"member_id": member_id, "points": rng.randint(1, 80)},
                                           now)
                self.holds.append(answer["hold_id"])
            self.attempt(hold)
            if self.holds and rng.random() < 0.3:
                hold_id = self.holds.pop(0)
                self.attempt(lambda s: holds.release_hold(s, pid, hold_id, now))
        elif choice < 0.9 and len(self.members) > 3:
            self.attempt(lambda s: members.erase_member(s, pid, member_id, actor=OPERATOR))
        elif self.steps > 12:  # the first checkpoints see a program the jobs never touched
            run_all(self.factory, now=now, only=JOBS)


def random_history(app, factory, seed: int) -> set[str]:
    handle = make_program(app, settings=SETTINGS)
    assert ApiCaller(app.test_client(), handle.token).put("/v1/program/tiers", json=LADDER).status_code == 200
    pid, rng = handle.program_id, random.Random(seed)
    start = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=70)
    with unit_of_work(factory) as uow:  # the rollup covers only days after the program's creation
        uow.session.execute(text("UPDATE programs SET created_at = :at WHERE program_id = :p"),
                            {"at": start - timedelta(days=2), "p": pid})
        uow.commit()
    history, seen = History(factory, pid, rng, start), set()
    for number in range(150):
        history.now += timedelta(hours=rng.randint(0, 20), seconds=rng.randint(0, 3599))
        history.step()
        if number % 10 == 9:
            assert_same(factory, pid, history.now, start, seen)
    run_all(factory, now=history.now, only=JOBS)
    assert_same(factory, pid, history.now, start, seen)
    assert_same(factory, pid, history.now + timedelta(days=20), start, seen)  # all due, job not run
    with unit_of_work(factory) as uow:
        assert verify_ledger(uow.session, pid) == []
        seen.update(uow.session.execute(text("SELECT DISTINCT type FROM ledger_entries WHERE program_id = :p"),
                                        {"p": pid}).scalars())
    return seen


def test_random_histories_give_the_full_scan_answer(app, session_factory):
    seen = set().union(*(random_history(app, session_factory, seed) for seed in (1, 2, 3)))
    assert seen >= {"debt", "held", "pending", "expired_unburned", "all", "since_floor", "since_an_older_floor",
                    "earn", "redeem", "reverse", "refund", "expire", "adjust"}, seen


def inactive_shop(app, session_factory, now: datetime):
    pid = make_expiry_program(app, {"mode": "none", "inactivity_days": 10})
    for member_id, days in (("idle", 40), ("busy", 3), ("gone", 25)):
        expiry_enrol(session_factory, pid, member_id)
        expiry_credit(session_factory, pid, member_id, 100, now - timedelta(days=days))
    return pid


def watermark(factory, pid):
    with unit_of_work(factory) as uow:
        return uow.session.execute(text("SELECT inactive_through, inactive_burned_at FROM expiry_progress"
                                        " WHERE program_id = :p"), {"p": pid}).one_or_none()


def hold_balance_lock(factory, pid, member_id: str):
    """An open transaction holding the member's ledger lock, as a request in flight does."""
    context = unit_of_work(factory)
    context.__enter__().session.execute(text(
        "SELECT 1 FROM balances WHERE program_id = :p AND member_id = :m FOR UPDATE"), {"p": pid, "m": member_id})
    return context


def test_a_complete_inactivity_burn_moves_the_watermark(app, session_factory):
    now = datetime.now(timezone.utc)
    pid = inactive_shop(app, session_factory, now)
    run_all(session_factory, now=now, only=["expiry.burn_inactive"])
    assert tuple(watermark(session_factory, pid)) == (expiry_rules.inactivity_cutoff(now, 10, "UTC"), now)
    assert_same(session_factory, pid, now, now - timedelta(days=50))
    # A later read (the burn's day over) looks only at what came due since the watermark.
    assert_same(session_factory, pid, now + timedelta(days=16), now - timedelta(days=50))


def test_a_member_locked_throughout_keeps_the_watermark_where_it_was(app, session_factory, monkeypatch):
    monkeypatch.setattr(expiry_jobs, "_WAIT_BRIEFLY", text("SET LOCAL lock_timeout = '200ms'"))
    now = datetime.now(timezone.utc)
    pid = inactive_shop(app, session_factory, now)
    holder = hold_balance_lock(session_factory, pid, "idle")
    try:
        run_all(session_factory, now=now, only=["expiry.burn_inactive"])
    finally:
        holder.__exit__(None, None, None)
    assert watermark(session_factory, pid) is None
    assert_same(session_factory, pid, now, now - timedelta(days=50))
    run_all(session_factory, now=now, only=["expiry.burn_inactive"])
    assert watermark(session_factory, pid) is not None
    assert_same(session_factory, pid, now, now - timedelta(days=50))


def test_a_member_locked_for_a_moment_is_waited_for(app, session_factory):
    now = datetime.now(timezone.utc)
    pid = inactive_shop(app, session_factory, now)
    holder = hold_balance_lock(session_factory, pid, "idle")
    threading.Timer(0.5, holder.__exit__, (None, None, None)).start()
    report = run_all(session_factory, now=now, only=["expiry.burn_inactive"])
    assert report["expiry.burn_inactive"]["members"] >= 2
    assert watermark(session_factory, pid) is not None
    with unit_of_work(session_factory) as uow:
        left = uow.session.execute(text("SELECT member_id, sum(remaining) FROM lots WHERE program_id = :p"
                                        " GROUP BY 1 ORDER BY 1"), {"p": pid}).all()
    assert [tuple(row) for row in left] == [("busy", 100), ("gone", 0), ("idle", 0)]


def test_what_came_due_since_the_watermark_is_counted_from_each_place_it_can_be(app, session_factory):
    """Inactivity 10 days; a burn at J = T+12d (cutoff W = T+2d's midnight), a read at
    T+20d (cutoff C = T+10d's midnight), no burn in between. Left for the read: a pending
    earn that became available in [W, C) (p), an adjustment written in [W, C) for a member
    inactive since long before (a), and a member last active in [W, C) (i)."""
    t = analytics_rules.day_floor(datetime.now(timezone.utc)) - timedelta(days=60) + timedelta(hours=12)
    pid = make_expiry_program(app, {"mode": "none", "inactivity_days": 10})
    for member_id in ("p", "a", "i"):
        expiry_enrol(session_factory, pid, member_id)
    expiry_credit(session_factory, pid, "p", 100, t, available_at=t + timedelta(days=3))
    expiry_credit(session_factory, pid, "a", 70, t - timedelta(days=30))
    expiry_credit(session_factory, pid, "i", 30, t + timedelta(days=4), available_at=t + timedelta(days=7))
    expiry_credit(session_factory, pid, "a", 40, t + timedelta(days=5), entry_type="adjust", reason="goodwill",
                  actor="test")
    run_all(session_factory, now=t + timedelta(days=12), only=["expiry.burn_inactive"])
    read = t + timedelta(days=20)
    assert watermark(session_factory, pid).inactive_through == t.replace(hour=0) + timedelta(days=2)
    with unit_of_work(session_factory) as uow:
        answer = analytics.summary(uow.session, pid, read - timedelta(days=30), read, read)
        assert answer == full_scan_summary(uow.session, pid, read - timedelta(days=30), read, read)
    # All three lots were taken by inactivity and none is burned yet (a's first lot was, by the job).
    assert answer["outstanding"]["points"] == 0
    run_all(session_factory, now=read, only=["expiry.burn_inactive"])
    assert_same(session_factory, pid, read, t - timedelta(days=31))
