"""Refunded points keep the expiry of the lots they were spent from (SPEC §4 returns):
redeeming and then returning never gives points a fresh lifetime."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import text

from loyalty_api.checkout import holds, returns, service
from loyalty_api.expiry import jobs as expiry_jobs
from loyalty_api.jobs.registry import JobContext
from loyalty_api.ledger import service as ledger
from loyalty_api.ledger.rules import Draw, refund_slices
from loyalty_api.members import service as members
from tests.support import make_program, service_caller

T0 = datetime(2026, 7, 1, 12, 0, tzinfo=timezone.utc)
SOON, LATER = T0 + timedelta(days=10), T0 + timedelta(days=20)


def shop(app):
    handle = make_program(app, settings={
        "pending_days": 0, "expiry": {"mode": "days", "days": 365}, "clawback": "clamp_to_zero",
        "redeem": {"point_value": "1.00", "min_points": 1, "max_order_share": "1"}})
    call = service_caller(app, handle.program_id)
    call(lambda s, p: members.enroll(s, p.program_id, {"member_id": "m1"}))
    call(lambda s, p: ledger.credit(s, p, "m1", entry_type="bonus", points=50, now=T0, expires_at=SOON))
    call(lambda s, p: ledger.credit(s, p, "m1", entry_type="bonus", points=50, now=T0, expires_at=LATER))
    return call


def pay_with_points(call, order_id, points, **extra):
    data = {"order_id": order_id, "member_id": "m1", "amount": Decimal(points), "currency": "RUB", "lines": [],
            **extra}
    if "hold_id" not in extra:
        data["redeem_points"] = points
    call(lambda s, p: service.record_order(s, p.program_id, data, T0))


def refunds(call, order_id):
    return call(lambda s, p: [(row.points, row.expires_at) for row in s.execute(text(
        "SELECT points, expires_at FROM ledger_entries WHERE program_id = :p AND order_id = :o AND type = 'refund'"
        " ORDER BY entry_id"), {"p": p.program_id, "o": order_id})])


def test_a_cancel_gives_points_back_with_their_lots_expiry(app):
    call = shop(app)
    pay_with_points(call, "o-1", 70)  # 50 from the lot burning SOON, 20 from the LATER one
    call(lambda s, p: returns.cancel_order(s, p.program_id, "o-1", T0 + timedelta(days=5)))
    assert sorted(refunds(call, "o-1")) == [(20, LATER), (50, SOON)]
    balance = call(lambda s, p: ledger.get_balance(s, p.program_id, "m1", T0 + timedelta(days=5)))
    assert balance.available == 100
    assert balance.expiring == [{"expires_at": SOON, "points": 50}, {"expires_at": LATER, "points": 50}]
    assert call(lambda s, p: ledger.verify_ledger(s, p.program_id)) == []


def test_partial_returns_give_back_the_latest_expiring_points_first(app):
    call = shop(app)
    pay_with_points(call, "o-1", 100)
    for n in (1, 2):
        call(lambda s, p, n=n: returns.record_return(s, p.program_id, "o-1", {"return_id": f"r{n}",
                                                                             "amount": Decimal("30")}, T0))
    call(lambda s, p: returns.cancel_order(s, p.program_id, "o-1", T0))
    assert refunds(call, "o-1") == [(30, LATER), (20, LATER), (10, SOON), (40, SOON)]
    assert call(lambda s, p: ledger.verify_ledger(s, p.program_id)) == []


def test_a_captured_hold_refunds_with_its_lots_expiry(app):
    call = shop(app)
    hold, _ = call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m1", "points": 40}, T0))
    pay_with_points(call, "o-1", 40, hold_id=hold["hold_id"])
    call(lambda s, p: returns.cancel_order(s, p.program_id, "o-1", T0))
    assert refunds(call, "o-1") == [(40, SOON)]


def test_points_whose_lot_has_burned_come_back_burned(app):
    call = shop(app)
    pay_with_points(call, "o-1", 50)  # all from the lot burning SOON
    after = SOON + timedelta(days=1)
    call(lambda s, p: returns.cancel_order(s, p.program_id, "o-1", after))
    balance = call(lambda s, p: ledger.get_balance(s, p.program_id, "m1", after))
    assert balance.available == 50  # the LATER lot only: the refund expired with its lot
    factory = app.extensions["loyalty"].session_factory
    expiry_jobs.burn_expired(JobContext(session_factory=factory, now=after))
    expired = call(lambda s, p: s.execute(text(
        "SELECT -sum(points) FROM ledger_entries WHERE program_id = :p AND type = 'expire'"),
        {"p": p.program_id}).scalar())
    assert expired == 50
    assert call(lambda s, p: ledger.verify_ledger(s, p.program_id)) == []


def test_refund_slices_by_hand():
    draws = [Draw(1, 50, SOON), Draw(2, 20, LATER), Draw(3, 10, None)]
    assert refund_slices(draws, 0, 25) == [Draw(3, 10, None), Draw(2, 15, LATER)]
    assert refund_slices(draws, 25, 30) == [Draw(2, 5, LATER), Draw(1, 25, SOON)]
    assert refund_slices(draws, 55, 40) == [Draw(1, 25, SOON), Draw(None, 15, None)]  # older than the draws
