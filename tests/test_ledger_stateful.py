"""Random sequences of checkout and ledger operations against a small in-memory model.

After every step: the database's available/pending/held equal the model's, SPEC §3
rule 1 holds when recomputed straight from the tables, available is never negative
without a debt, and ``verify_ledger`` finds nothing.

The budget is small for the suite (25 examples of 20 steps); for a deeper local run:
``SM_EXAMPLES=500 SHRINK=1 pytest --timeout=0 tests/test_ledger_stateful.py``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule, run_state_machine_as_test
from sqlalchemy import text

from loyalty_api.audit.rules import Actor
from loyalty_api.checkout import holds, returns, service
from loyalty_api.checkout.rules import return_points, share_cap
from loyalty_api.db import unit_of_work
from loyalty_api.errors import (HoldNotActive, InsufficientPoints, LoyaltyError, RedeemLimit,
                                ReturnExceedsOrder)
from loyalty_api.ledger import service as ledger
from loyalty_api.ledger.rules import FAR_FUTURE, expiry_instant
from loyalty_api.members import service as members
from loyalty_api.programs.models import Program
from loyalty_api.transfers import service as transfers
from tests.support import make_program

import os
from hypothesis import Phase
PHASES = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if os.environ.get("SHRINK") else [])

T0 = datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)
EXPIRY = {"mode": "days", "days": 3}
PENDING_DAYS = 2
MIN_POINTS = 10
SHARE = Decimal("0.5")
HOLD_TTL = 3600


@dataclass
class MLot:
    seq: int
    points: int
    remaining: int
    available_at: datetime
    expires_at: datetime | None
    created_at: datetime
    order_id: str | None  # the order whose earning created it

    def live(self, now):
        return self.expires_at is None or self.expires_at > now


class Model:
    """What the ledger should hold, computed the plain way."""

    def __init__(self, clawback: str):
        self.clawback = clawback
        self.lots: list[MLot] = []
        self.debt = 0
        self.lifetime = 0
        self.holds: dict[str, list] = {}  # hold_id -> [points, expires_at, status]
        self.orders: dict[str, dict] = {}

    def active(self, now):
        return sum(l.remaining for l in self.lots if l.available_at <= now and l.live(now))

    def figures(self, now):
        active = self.active(now)
        pending = sum(l.remaining for l in self.lots if l.available_at > now and l.live(now))
        held = min(self.held_total(now), max(active - self.debt, 0))
        return active - self.debt - held, pending, held

    def _take(self, lots, points, draws=None):
        taken = 0
        for lot in lots:
            step = min(lot.remaining, points - taken)
            lot.remaining -= step
            taken += step
            if step and draws is not None:
                draws.append((lot.expires_at, lot.seq, step))
            if taken == points:
                break
        return taken

    def spend(self, points, now, draws=None):
        lots = sorted((l for l in self.lots if l.remaining and l.available_at <= now and l.live(now)),
                      key=lambda l: (l.expires_at or FAR_FUTURE, l.created_at, l.seq))
        return self._take(lots, points, draws)

    def refund(self, points, already, draws, now):
        """Refunded points come back with the expiry of the lots they were spent from,
        the last-spent (latest-expiring) first: one lot per source lot."""
        new = []
        for expires_at, _seq, drawn in sorted(draws, key=lambda d: (d[0] or FAR_FUTURE, d[1]), reverse=True):
            skipped = min(already, drawn)
            already -= skipped
            take = min(drawn - skipped, points)
            if take:
                new.append(MLot(len(self.lots) + len(new), take, take, now, expires_at, now, None))
                points -= take
        assert points == 0
        self.lots.extend(new)
        for lot in sorted(new, key=lambda l: (l.expires_at or FAR_FUTURE, l.created_at, l.seq)):
            paid = min(self.debt, lot.remaining)
            lot.remaining -= paid
            self.debt -= paid

    def held_total(self, now):
        return sum(h[0] for h in self.holds.values() if h[2] == "held" and h[1] > now)

    def reverse(self, points, now, order_id):
        """The order's own pending lots first, then available points no active hold reserves
        (SPEC §4: held points are exclusive), the order's own lots first."""
        order = lambda l: (l.order_id != order_id, l.expires_at or FAR_FUTURE, l.created_at, l.seq)  # noqa: E731
        own_pending = sorted((l for l in self.lots if l.remaining and l.live(now) and l.order_id == order_id
                              and l.available_at > now), key=order)
        taken = self._take(own_pending, points)
        free = max(self.active(now) - self.held_total(now), 0)
        available = sorted((l for l in self.lots if l.remaining and l.live(now) and l.available_at <= now),
                           key=order)
        return taken + self._take(available, min(points - taken, free))

    def credit(self, points, now, available_at=None, expires_at="default", order_id=None):
        available_at = available_at or now
        if expires_at == "default":
            expires_at = expiry_instant(available_at, EXPIRY, "UTC")
        lot = MLot(len(self.lots), points, points, available_at, expires_at, now, order_id)
        self.lots.append(lot)
        paid = min(self.debt, points)
        lot.remaining -= paid
        self.debt -= paid


class LedgerMachine(RuleBasedStateMachine):
    app = None

    def __init__(self):
        super().__init__()
        self.now = T0
        self.counter = 0

    @initialize(clawback=st.sampled_from(["allow_negative", "clamp_to_zero"]))
    def setup(self, clawback):
        handle = make_program(self.app, settings={
            "earn": {"points_per_unit": 1}, "pending_days": PENDING_DAYS, "expiry": EXPIRY,
            "redeem": {"point_value": "1.00", "min_points": MIN_POINTS, "max_order_share": str(SHARE)},
            "clawback": clawback, "hold_ttl_seconds": HOLD_TTL, "transfers": {"enabled": True}})
        self.program_id = handle.program_id
        self.model = Model(clawback)
        self.friend = Model(clawback)  # "f": a second member, only ever sent points by "m" and sending them back
        self.call(lambda s, p: members.enroll(s, p.program_id, {"member_id": "m"}))
        self.call(lambda s, p: members.enroll(s, p.program_id, {"member_id": "f"}))

    def call(self, fn):
        with unit_of_work(self.app.extensions["loyalty"].session_factory) as uow:
            result = fn(uow.session, uow.session.get(Program, self.program_id))
            uow.commit()
            return result

    def next_id(self, prefix):
        self.counter += 1
        return f"{prefix}{self.counter}"

    # --- operations ------------------------------------------------------------------

    def _order(self, amount, redeem=0, hold_id=None, backdate_days=0):
        model, now = self.model, self.now
        order_id = self.next_id("o")
        placed_at = now - timedelta(days=backdate_days)
        data = {"order_id": order_id, "member_id": "m", "amount": amount, "currency": "RUB", "lines": [],
                "hold_id": hold_id, "redeem_points": redeem or None, "placed_at": placed_at}
        expected = None
        points = redeem
        if hold_id:
            points, expires_at, status = model.holds[hold_id]
            if status != "held" or expires_at <= now:
                expected = HoldNotActive
            elif points < MIN_POINTS or points > share_cap(amount, Decimal(1), SHARE):
                expected = RedeemLimit
        elif redeem:
            if redeem > model.figures(now)[0]:
                expected = InsufficientPoints
            elif redeem < MIN_POINTS or redeem > share_cap(amount, Decimal(1), SHARE):
                expected = RedeemLimit
        if expected is None and points and model.active(now) < points:
            expected = InsufficientPoints  # a hold whose lots expired under it
        try:
            answer, created = self.call(lambda s, p: service.record_order(s, p.program_id, data, now))
        except LoyaltyError as exc:
            assert type(exc) is expected, (exc, expected)
            return
        assert expected is None and created
        draws = []
        if points:
            assert model.spend(points, now, draws) == points
            if hold_id:
                model.holds[hold_id][2] = "captured"
        earned = math.floor(amount - points)
        assert (answer["earned_points"], answer["redeemed_points"]) == (earned, points)
        available_at = placed_at + timedelta(days=PENDING_DAYS)
        if earned:
            model.credit(earned, now, available_at=available_at, order_id=order_id)
            model.lifetime += earned
        model.orders[order_id] = {"amount": amount, "earned": earned, "redeemed": points,
                                  "returned": Decimal(0), "cancelled": False, "draws": draws, "refunded": 0}

    @rule(amount=st.integers(1, 400), cents=st.sampled_from(["00", "50", "99"]),
          backdate_days=st.sampled_from([0, 0, 3]))
    def earn(self, amount, cents, backdate_days):
        self._order(Decimal(f"{amount}.{cents}"), backdate_days=backdate_days)

    @rule(amount=st.integers(1, 400), redeem=st.integers(1, 250))
    def order_with_points(self, amount, redeem):
        self._order(Decimal(amount), redeem=redeem)

    @rule(points=st.integers(1, 200))
    def hold(self, points):
        model, now = self.model, self.now
        try:
            answer, _ = self.call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m", "points": points},
                                                              now))
        except InsufficientPoints:
            assert model.figures(now)[0] < points
            return
        assert model.figures(now)[0] >= points
        model.holds[answer["hold_id"]] = [points, now + timedelta(seconds=HOLD_TTL), "held"]

    @precondition(lambda self: self.model.holds)
    @rule(data=st.data(), amount=st.integers(1, 400))
    def capture(self, data, amount):
        self._order(Decimal(amount), hold_id=data.draw(st.sampled_from(sorted(self.model.holds))))

    @precondition(lambda self: self.model.holds)
    @rule(data=st.data())
    def release(self, data):
        hold_id = data.draw(st.sampled_from(sorted(self.model.holds)))
        points, expires_at, status = self.model.holds[hold_id]
        try:
            answer = self.call(lambda s, p: holds.release_hold(s, p.program_id, hold_id, self.now))
        except HoldNotActive:
            assert status == "captured"
            return
        if status == "held" and expires_at > self.now:
            self.model.holds[hold_id][2] = "released"
            assert answer["status"] == "released"

    def _return(self, order_id, amount, cancel):
        model, now, order = self.model, self.now, self.model.orders[order_id]
        left = order["amount"] - order["returned"]
        if cancel:
            amount = left
        try:
            if cancel:
                self.call(lambda s, p: returns.cancel_order(s, p.program_id, order_id, now))
            else:
                self.call(lambda s, p: returns.record_return(
                    s, p.program_id, order_id, {"return_id": self.next_id("r"), "amount": amount}, now))
        except ReturnExceedsOrder:
            assert not cancel and amount > left
            return
        assert cancel or amount <= left
        if order["cancelled"]:
            return
        after = order["returned"] + amount
        reverse, refund = return_points(order["amount"], order["earned"], order["redeemed"], order["returned"],
                                        after)
        order["returned"], order["cancelled"] = after, cancel
        if refund:
            model.refund(refund, order["refunded"], order["draws"], now)
            order["refunded"] += refund
        if reverse:
            taken = model.reverse(reverse, now, order_id)
            reversed_points = reverse if model.clawback == "allow_negative" else taken
            model.debt += reversed_points - taken
            model.lifetime -= reversed_points

    @precondition(lambda self: self.model.orders)
    @rule(data=st.data(), share=st.sampled_from(["0.25", "0.5", "0.33", "1.01"]))
    def partial_return(self, data, share):
        order_id = data.draw(st.sampled_from(sorted(self.model.orders)))
        amount = (self.model.orders[order_id]["amount"] * Decimal(share)).quantize(Decimal("0.01"))
        if amount > 0:
            self._return(order_id, amount, cancel=False)

    @precondition(lambda self: self.model.orders)
    @rule(data=st.data())
    def cancel(self, data):
        self._return(data.draw(st.sampled_from(sorted(self.model.orders))), None, cancel=True)

    @rule(points=st.integers(-150, 150).filter(bool))
    def adjust(self, points):
        model, now = self.model, self.now
        try:
            self.call(lambda s, p: ledger.adjust(s, p.program_id, "m", points=points, reason="test", actor=Actor("t"),
                                                 now=now))
        except InsufficientPoints:
            assert points < 0 and model.figures(now)[0] < -points
            return
        if points > 0:
            model.credit(points, now)
        else:
            assert model.figures(now)[0] >= -points
            assert model.spend(-points, now) == -points

    @rule(points=st.integers(1, 200), back=st.booleans())
    def transfer(self, points, back):
        """m sends to f, or f sends back: available points, soonest expiry first, each
        source lot arriving as a lot of its own with the same expiry (paying debt first)."""
        sender, receiver = (self.friend, self.model) if back else (self.model, self.friend)
        ids = ("f", "m") if back else ("m", "f")
        now = self.now
        try:
            self.call(lambda s, p: transfers.transfer(s, p.program_id, *ids, points=points, reason="test", now=now,
                                                      actor="t"))
        except InsufficientPoints:
            assert sender.figures(now)[0] < points
            return
        assert sender.figures(now)[0] >= points
        draws = []
        assert sender.spend(points, now, draws) == points
        for expires_at, _seq, drawn in sorted(draws, key=lambda d: (d[0] or FAR_FUTURE, d[1])):
            receiver.credit(drawn, now, expires_at=expires_at)

    @rule(hours=st.sampled_from([1, 6, 30, 50, 80]))
    def advance_clock(self, hours):
        self.now += timedelta(hours=hours)

    # --- invariants ------------------------------------------------------------------

    @invariant()
    def balances_agree(self):
        if not hasattr(self, "model"):
            return
        def read(session, program):
            balance = ledger.get_balance(session, program.program_id, "m", self.now)
            totals = session.execute(text("""
                SELECT (SELECT coalesce(sum(points), 0) FROM ledger_entries WHERE program_id = :p
                         AND member_id = 'm') AS entries,
                       (SELECT coalesce(sum(remaining), 0) FROM lots WHERE program_id = :p AND member_id = 'm'
                         AND expires_at <= :now) AS expired,
                       (SELECT coalesce(sum(remaining), 0) FROM lots WHERE program_id = :p AND member_id = 'm'
                         AND available_at <= :now AND (expires_at IS NULL OR expires_at > :now)) AS active
            """), {"p": program.program_id, "now": self.now}).one()
            friend = ledger.get_balance(session, program.program_id, "f", self.now)
            return balance, totals, ledger.verify_ledger(session, program.program_id), friend

        balance, totals, mismatches, friend = self.call(read)
        assert (friend.available, friend.pending, friend.held) == self.friend.figures(self.now)
        assert (balance.available, balance.pending, balance.held) == self.model.figures(self.now)
        assert balance.lifetime_earned == self.model.lifetime
        assert balance.available >= 0 or (self.model.clawback == "allow_negative" and self.model.debt > 0)
        # SPEC §3 rule 1, straight from the tables
        assert balance.available + balance.held + balance.pending == totals.entries - totals.expired
        assert balance.available + balance.held == totals.active - self.model.debt
        assert mismatches == []


def test_ledger_state_machine(app):
    LedgerMachine.app = app
    run_state_machine_as_test(LedgerMachine, settings=settings(
        max_examples=int(os.environ.get("SM_EXAMPLES", 25)), stateful_step_count=20, deadline=None, phases=PHASES,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
