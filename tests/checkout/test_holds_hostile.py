"""Holds under attack (SPEC §4): an order's hold is its natural key, and the points an
active hold reserves are exclusive: no return reversal, referral takeback, expiry or inactivity burn
draws on them, so capturing an active hold never answers ``insufficient_points``."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import text

from loyalty_api.checkout import holds, returns, service
from loyalty_api.errors import DuplicateOrder
from loyalty_api.expiry import jobs as expiry_jobs
from loyalty_api.jobs.registry import JobContext
from loyalty_api.ledger import service as ledger
from loyalty_api.members import service as members
from loyalty_api.members.models import Member
from tests.support import ApiCaller, assert_problem, make_program, service_caller

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc)
REFERRAL = {"referrer_points": 500, "referee_points": 300, "min_order_amount": "100.00",
            "max_rewards_per_month": None}


def shop(app, **settings):
    handle = make_program(app, settings={"pending_days": 0, "hold_ttl_seconds": 900, "clawback": "clamp_to_zero",
                                         "redeem": {"point_value": "1.00", "min_points": 1, "max_order_share": "1"},
                                         "referral": REFERRAL, **settings})
    return handle, service_caller(app, handle.program_id), app.extensions["loyalty"].session_factory


def order(member_id, order_id, amount, **extra):
    return {"order_id": order_id, "member_id": member_id, "amount": Decimal(amount), "currency": "RUB",
            "lines": [], **extra}


def capture(call, member_id, hold, now):
    amount = f"{hold['points']}.00"  # paid in full with points: the order earns nothing
    answer, created = call(lambda s, p: service.record_order(
        s, p.program_id, order(member_id, f"pay-{hold['hold_id']}", amount, hold_id=hold["hold_id"]), now))
    assert created and answer["redeemed_points"] == hold["points"]
    return answer


def figures(call, member_id, now):
    balance = call(lambda s, p: ledger.get_balance(s, p.program_id, member_id, now))
    return balance.available, balance.held


def clean(call):
    assert call(lambda s, p: ledger.verify_ledger(s, p.program_id)) == []


def test_an_order_id_binds_one_hold(app):
    _handle, call, _ = shop(app)
    for member_id in ("m1", "m2"):
        call(lambda s, p, m=member_id: members.enroll(s, p.program_id, {"member_id": m}))
        call(lambda s, p, m=member_id: ledger.credit(s, p, m, entry_type="bonus", points=100, now=T0))
    first, created = call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m1", "points": 60,
                                                                           "order_id": "o-1"}, T0))
    assert created
    again, created = call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m1", "points": 60,
                                                                           "order_id": "o-1"}, T0))
    assert not created and again["hold_id"] == first["hold_id"]
    assert figures(call, "m1", T0) == (40, 60)  # reserved once, not twice
    for other in ({"member_id": "m1", "points": 61}, {"member_id": "m2", "points": 60}):
        with pytest.raises(DuplicateOrder):
            call(lambda s, p, o=other: holds.create_hold(s, p.program_id, {**o, "order_id": "o-1"}, T0))
    # Released, the binding stays: the same request answers the hold as it is now.
    call(lambda s, p: holds.release_hold(s, p.program_id, first["hold_id"], T0))
    again, created = call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m1", "points": 60,
                                                                           "order_id": "o-1"}, T0))
    assert not created and again["hold_id"] == first["hold_id"] and again["status"] == "released"


def test_an_order_id_binds_one_hold_over_http(app):
    handle, call, _ = shop(app)
    api = ApiCaller(app.test_client(), handle.token)
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    call(lambda s, p: ledger.credit(s, p, "m1", entry_type="bonus", points=100, now=datetime.now(timezone.utc)))
    first = api.post("/v1/holds", json={"member_id": "m1", "points": 30, "order_id": "o-9"})
    assert first.status_code == 201, first.json
    again = api.post("/v1/holds", json={"member_id": "m1", "points": 30, "order_id": "o-9"})
    assert again.status_code == 200 and again.json["hold_id"] == first.json["hold_id"]
    assert_problem(api.post("/v1/holds", json={"member_id": "m1", "points": 31, "order_id": "o-9"}),
                   409, "duplicate_order")


def test_a_return_never_takes_held_points(app):
    _handle, call, _ = shop(app)
    call(lambda s, p: members.enroll(s, p.program_id, {"member_id": "m1"}))
    call(lambda s, p: service.record_order(s, p.program_id, order("m1", "o-1", "100.00"), T0))
    hold, _ = call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m1", "points": 100}, T0))
    cancelled = call(lambda s, p: returns.cancel_order(s, p.program_id, "o-1", T0))
    assert cancelled["status"] == "cancelled"
    assert figures(call, "m1", T0) == (0, 100)
    capture(call, "m1", hold, T0)
    clean(call)


def test_a_referral_takeback_never_takes_held_points(app):
    _handle, call, _ = shop(app)
    call(lambda s, p: members.enroll(s, p.program_id, {"member_id": "ann"}))
    code = call(lambda s, p: s.get(Member, (p.program_id, "ann")).referral_code)
    call(lambda s, p: members.enroll(s, p.program_id, {"member_id": "bob", "referral_code": code}))
    call(lambda s, p: service.record_order(s, p.program_id, order("bob", "o-1", "100.00"), T0))
    assert figures(call, "ann", T0) == (500, 0)
    ann_hold, _ = call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "ann", "points": 500}, T0))
    bob_hold, _ = call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "bob", "points": 400}, T0))
    call(lambda s, p: returns.cancel_order(s, p.program_id, "o-1", T0))
    assert figures(call, "ann", T0) == (0, 500)
    capture(call, "ann", ann_hold, T0)
    capture(call, "bob", bob_hold, T0)
    clean(call)


def _burn(call, factory, now):
    """Run the burning step (over every program); answers (lots, points) burned in this one so far."""
    expiry_jobs.burn_expired(JobContext(session_factory=factory, now=now))
    return call(lambda s, p: tuple(s.execute(text(
        "SELECT count(*), coalesce(-sum(points), 0) FROM ledger_entries WHERE program_id = :p AND type = 'expire'"),
        {"p": p.program_id}).one()))


def test_a_lot_expiring_under_a_hold_burns_only_after_it(app):
    _handle, call, factory = shop(app)
    for member_id in ("m1", "m2"):
        call(lambda s, p, m=member_id: members.enroll(s, p.program_id, {"member_id": m}))
        call(lambda s, p, m=member_id: ledger.credit(s, p, m, entry_type="bonus", points=100, now=T0,
                                                     expires_at=T0 + timedelta(minutes=5)))
        call(lambda s, p, m=member_id: ledger.credit(s, p, m, entry_type="bonus", points=30, now=T0))
    captured, _ = call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m1", "points": 120}, T0))
    released, _ = call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m2", "points": 120}, T0))
    later = T0 + timedelta(minutes=6)
    # Expired under the holds: 90 of the expired 100 stay reserved; 10 are gone.
    assert figures(call, "m1", later) == (0, 120)
    assert _burn(call, factory, later) == (0, 0)  # the lots the holds need stay
    assert figures(call, "m1", later) == (0, 120)
    capture(call, "m1", captured, later)
    assert figures(call, "m1", later) == (0, 0)
    call(lambda s, p: holds.release_hold(s, p.program_id, released["hold_id"], later))
    assert figures(call, "m2", later) == (30, 0)  # released: the expired lot is gone at once
    assert _burn(call, factory, later) == (2, 110)  # m1's leftover 10, m2's 100
    assert figures(call, "m2", later) == (30, 0)
    clean(call)


def test_a_hold_that_runs_out_lets_its_expired_lot_burn(app):
    _handle, call, factory = shop(app)
    call(lambda s, p: members.enroll(s, p.program_id, {"member_id": "m1"}))
    call(lambda s, p: ledger.credit(s, p, "m1", entry_type="bonus", points=100, now=T0,
                                    expires_at=T0 + timedelta(minutes=5)))
    call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m1", "points": 100, "ttl_seconds": 600},
                                        T0))
    assert figures(call, "m1", T0 + timedelta(minutes=9)) == (0, 100)
    assert _burn(call, factory, T0 + timedelta(minutes=9)) == (0, 0)
    assert figures(call, "m1", T0 + timedelta(minutes=10)) == (0, 0)
    assert _burn(call, factory, T0 + timedelta(minutes=10)) == (1, 100)
    clean(call)


def _burn_inactive(call, factory, now):
    """Run the inactivity step (over every program); answers (lots, points) burned in this one so far."""
    expiry_jobs.burn_inactive(JobContext(session_factory=factory, now=now))
    return call(lambda s, p: tuple(s.execute(text(
        "SELECT count(*), coalesce(-sum(points), 0) FROM ledger_entries WHERE program_id = :p AND type = 'expire'"
        " AND reason = 'inactivity'"), {"p": p.program_id}).one()))


def test_a_hold_placed_before_the_inactivity_deadline_is_captured_after_it(app):
    _handle, call, factory = shop(app, expiry={"mode": "none", "inactivity_days": 30})
    deadline = datetime(2026, 6, 1, tzinfo=timezone.utc)  # 30 days after the bonus (activity) on 1 May
    for member_id in ("m1", "m2"):
        call(lambda s, p, m=member_id: members.enroll(s, p.program_id, {"member_id": m}))
        call(lambda s, p, m=member_id: ledger.credit(s, p, m, entry_type="bonus", points=100, now=T0))
    placed = deadline - timedelta(minutes=10)  # the holds run out 5 minutes after the deadline
    captured, _ = call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m1", "points": 60}, placed))
    released, _ = call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m2", "points": 60}, placed))
    later = deadline + timedelta(minutes=2)
    # Past the deadline, nothing of a member with an active hold burns for inactivity.
    assert figures(call, "m1", placed) == figures(call, "m1", later) == (40, 60)
    assert _burn_inactive(call, factory, later) == (0, 0)
    assert figures(call, "m1", later) == figures(call, "m2", later) == (40, 60)
    capture(call, "m1", captured, later)  # once answered 409 insufficient_points
    assert figures(call, "m1", later) == (40, 0)  # the capture is a redeem: the clock restarted
    call(lambda s, p: holds.release_hold(s, p.program_id, released["hold_id"], later))
    assert figures(call, "m2", later) == (0, 0)  # released while inactive: the points are gone at once
    assert _burn_inactive(call, factory, later) == (1, 100)
    assert figures(call, "m1", later) == (40, 0) and figures(call, "m2", later) == (0, 0)
    clean(call)


def test_an_inactive_members_points_burn_when_the_hold_runs_out(app):
    _handle, call, factory = shop(app, expiry={"mode": "none", "inactivity_days": 30})
    deadline = datetime(2026, 6, 1, tzinfo=timezone.utc)
    call(lambda s, p: members.enroll(s, p.program_id, {"member_id": "m1"}))
    call(lambda s, p: ledger.credit(s, p, "m1", entry_type="bonus", points=100, now=T0))
    hold, _ = call(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m1", "points": 60},
                                                  deadline - timedelta(minutes=10)))
    ends = hold["expires_at"]
    assert ends == deadline + timedelta(minutes=5)
    assert figures(call, "m1", ends - timedelta(seconds=1)) == (40, 60)
    assert _burn_inactive(call, factory, ends - timedelta(seconds=1)) == (0, 0)
    assert figures(call, "m1", ends) == (0, 0)
    assert _burn_inactive(call, factory, ends) == (1, 100)
    assert figures(call, "m1", ends) == (0, 0)
    clean(call)
