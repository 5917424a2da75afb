"""Holds interleaved with returns, referral takebacks, expiry and the burning job.

A rule-based state machine (hypothesis) drives two members, a referrer and her
referee, through the real services with a moving clock and lots that expire within
minutes, so lots expire under active holds. After every step, straight from the
tables: the points of active holds are all there (held points are exclusive), SPEC §3
rule 1 holds with expired-but-held points counted as held, the three balance reads
agree, available is never negative without debt, and ``verify_ledger`` finds nothing.
In every step, capturing an active hold never answers ``insufficient_points``.

Budget for the suite: 15 examples of 15 steps; deeper: ``HOLD_SM_EXAMPLES=300``.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import HealthCheck, Phase, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule, run_state_machine_as_test
from sqlalchemy import text

from loyalty_api.audit.rules import Actor
from loyalty_api.checkout import holds, returns, service
from loyalty_api.errors import HoldNotActive, InsufficientPoints, ReturnExceedsOrder
from loyalty_api.expiry import jobs as expiry_jobs
from loyalty_api.jobs.registry import JobContext
from loyalty_api.ledger import lots
from loyalty_api.ledger import service as ledger
from loyalty_api.members import service as members
from loyalty_api.members.models import Member
from tests.support import make_program, service_caller

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
MEMBERS = ("ann", "bob")  # bob was referred by ann
REFERRAL = {"referrer_points": 70, "referee_points": 40, "min_order_amount": "50.00", "max_rewards_per_month": None}

_TABLES = text("""
SELECT (SELECT coalesce(sum(points), 0) FROM ledger_entries WHERE program_id = :p AND member_id = :m) AS entries,
       (SELECT coalesce(debt, 0) FROM balances WHERE program_id = :p AND member_id = :m) AS debt,
       (SELECT coalesce(sum(remaining), 0) FROM lots WHERE program_id = :p AND member_id = :m AND remaining > 0
           AND available_at <= :now AND (expires_at IS NULL OR expires_at > :now)) AS unexpired,
       (SELECT coalesce(sum(remaining), 0) FROM lots WHERE program_id = :p AND member_id = :m AND remaining > 0
           AND expires_at <= :now) AS expired,
       (SELECT coalesce(sum(points), 0) FROM holds WHERE program_id = :p AND member_id = :m AND status = 'held'
           AND expires_at > :now) AS held
""")


class HoldMachine(RuleBasedStateMachine):
    app = None

    def __init__(self):
        super().__init__()
        self.now = T0
        self.counter = 0
        self.holds: dict[str, tuple] = {}  # hold_id -> (member, points, expires_at, order_id)
        self.orders: dict[str, Decimal] = {}  # order_id -> amount left to return

    @initialize(clawback=st.sampled_from(["allow_negative", "clamp_to_zero"]))
    def setup(self, clawback):
        handle = make_program(self.app, settings={
            "pending_days": 0, "clawback": clawback, "hold_ttl_seconds": 600, "referral": REFERRAL,
            "expiry": {"mode": "none"}, "redeem": {"point_value": "1.00", "min_points": 1, "max_order_share": "1"}})
        self.program_id, self.clawback = handle.program_id, clawback
        self.call = service_caller(self.app, handle.program_id)
        self.call(lambda s, p: members.enroll(s, p.program_id, {"member_id": "ann"}))
        code = self.call(lambda s, p: s.get(Member, (p.program_id, "ann")).referral_code)
        self.call(lambda s, p: members.enroll(s, p.program_id, {"member_id": "bob", "referral_code": code}))

    def next_id(self, prefix):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def balance(self, member_id):
        return self.call(lambda s, p: ledger.get_balance(s, p.program_id, member_id, self.now))

    # --- operations ------------------------------------------------------------------

    @rule(member=st.sampled_from(MEMBERS), points=st.integers(1, 120),
          minutes=st.sampled_from([2, 5, 12, None]))
    def credit(self, member, points, minutes):
        expires_at = self.now + timedelta(minutes=minutes) if minutes else None
        self.call(lambda s, p: ledger.adjust(s, p.program_id, member, points=points, reason="test", actor=Actor("t"),
                                             now=self.now, expires_at=expires_at))

    @rule(member=st.sampled_from(MEMBERS), amount=st.integers(1, 150))
    def order(self, member, amount):
        order_id = self.next_id("o")
        data = {"order_id": order_id, "member_id": member, "amount": Decimal(amount), "currency": "RUB",
                "lines": []}
        self.call(lambda s, p: service.record_order(s, p.program_id, data, self.now))
        self.orders[order_id] = Decimal(amount)

    @rule(member=st.sampled_from(MEMBERS), points=st.integers(1, 150), minutes=st.sampled_from([3, 10, 20]),
          bound=st.booleans())
    def hold(self, member, points, minutes, bound):
        available = self.balance(member).available
        order_id = self.next_id("h") if bound else None
        data = {"member_id": member, "points": points, "ttl_seconds": minutes * 60, "order_id": order_id}
        try:
            answer, created = self.call(lambda s, p: holds.create_hold(s, p.program_id, data, self.now))
        except InsufficientPoints:
            assert available < points
            return
        assert created and available >= points
        self.holds[answer["hold_id"]] = (member, points, answer["expires_at"], order_id)
        if bound:  # the same order again answers the same hold and reserves nothing more
            again, created = self.call(lambda s, p: holds.create_hold(s, p.program_id, data, self.now))
            assert not created and again["hold_id"] == answer["hold_id"]

    @precondition(lambda self: self.holds)
    @rule(data=st.data())
    def capture(self, data):
        hold_id = data.draw(st.sampled_from(sorted(self.holds)))
        member, points, expires_at, order_id = self.holds.pop(hold_id)
        order = {"order_id": order_id or self.next_id("c"), "member_id": member, "amount": Decimal(points), "currency": "RUB",
                 "lines": [], "hold_id": hold_id}
        try:
            answer, _ = self.call(lambda s, p: service.record_order(s, p.program_id, order, self.now))
        except HoldNotActive:
            assert expires_at <= self.now
            return
        # An active hold always captures: never insufficient_points after the customer paid.
        assert expires_at > self.now and answer["redeemed_points"] == points

    @precondition(lambda self: self.holds)
    @rule(data=st.data())
    def release(self, data):
        hold_id = data.draw(st.sampled_from(sorted(self.holds)))
        self.holds.pop(hold_id)
        self.call(lambda s, p: holds.release_hold(s, p.program_id, hold_id, self.now))

    @precondition(lambda self: self.orders)
    @rule(data=st.data(), share=st.sampled_from(["0.3", "0.5", "1"]), cancel=st.booleans())
    def give_back(self, data, share, cancel):
        """A return or a cancel; cancelling bob's qualifying order takes both referral rewards back."""
        order_id = data.draw(st.sampled_from(sorted(self.orders)))
        if cancel:
            self.call(lambda s, p: returns.cancel_order(s, p.program_id, order_id, self.now))
            self.orders.pop(order_id)
            return
        amount = (self.orders[order_id] * Decimal(share)).quantize(Decimal("0.01"))
        if amount <= 0:
            return
        body = {"return_id": self.next_id("r"), "amount": amount}
        try:
            self.call(lambda s, p: returns.record_return(s, p.program_id, order_id, body, self.now))
        except ReturnExceedsOrder:
            return
        self.orders[order_id] -= amount

    @rule()
    def burn(self):
        factory = self.app.extensions["loyalty"].session_factory
        expiry_jobs.burn_expired(JobContext(session_factory=factory, now=self.now))

    @rule(minutes=st.sampled_from([1, 3, 7, 15]))
    def advance_clock(self, minutes):
        self.now += timedelta(minutes=minutes)

    # --- invariants ------------------------------------------------------------------

    @invariant()
    def held_points_are_there_and_rule_1_holds(self):
        if not hasattr(self, "call"):
            return
        for member in MEMBERS:
            def read(session, program, member=member):
                found = ledger.get_balance(session, program.program_id, member, self.now)
                quick = ledger.available_points(session, program.program_id, member, self.now)
                tables = session.execute(_TABLES, {"p": program.program_id, "m": member, "now": self.now}).one()
                debt = int(tables.debt or 0)
                locked = lots.spendable(session, program.program_id, member, self.now, debt)
                return found, quick, tables, debt, locked

            balance, quick, tables, debt, locked = self.call(read)
            unexpired, expired, held = int(tables.unexpired), int(tables.expired), int(tables.held)
            assert unexpired + expired >= held, "points an active hold reserves are gone"
            kept = min(max(held - unexpired, 0), expired)
            assert balance.held == min(held, max(unexpired + kept - debt, 0))
            if debt == 0:
                assert balance.held == held
            # SPEC §3 rule 1, expired points still reserved by holds counted as held.
            assert balance.available + balance.held + balance.pending == int(tables.entries) - (expired - kept)
            assert balance.available + balance.held == unexpired + kept - debt
            assert balance.available >= 0 or (self.clawback == "allow_negative" and debt > 0)
            assert quick == balance.available == locked.available
        assert self.call(lambda s, p: ledger.verify_ledger(s, p.program_id)) == []


def test_holds_state_machine(app):
    HoldMachine.app = app
    run_state_machine_as_test(HoldMachine, settings=settings(
        max_examples=int(os.environ.get("HOLD_SM_EXAMPLES", 15)), stateful_step_count=15, deadline=None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if os.environ.get("SHRINK") else []),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
