"""Coupon expiry: read as expired at once, written down by `jobs run`, points back per program setting."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from loyalty_api.db import unit_of_work
from loyalty_api.errors import CouponNotActive
from loyalty_api.jobs.runner import run_all
from loyalty_api.ledger.service import get_balance, verify_ledger
from tests.support import ApiCaller, assert_problem, make_program, outbox_events


def _shop(app, refund_expired):
    handle = make_program(app, settings={"pending_days": 0, "rewards": {"refund_expired": refund_expired}})
    api = ApiCaller(app.test_client(), handle.token)
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    assert api.post("/v1/members/m1/adjustments", json={"points": 1000, "reason": "seed"}).status_code == 201
    assert api.post("/v1/program/rewards", json={"reward_id": "r", "name": "R", "kind": "discount_amount",
                                                 "value": "100.00", "cost_points": 300, "stock": 10,
                                                 "coupon_valid_days": 30}).status_code == 201
    return handle, api


def _coupon_rows(app, program_id):
    from sqlalchemy import select

    from loyalty_api.rewards.models import Coupon

    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        return {c.code: c.status for c in uow.session.scalars(select(Coupon).where(Coupon.program_id == program_id))}


def _available(app, program_id, now):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        return get_balance(uow.session, program_id, "m1", now).available


@pytest.mark.parametrize("refund_expired, available_after", [(True, 1000 - 300 + 300), (False, 1000 - 300)])
def test_expired_coupons_give_points_back_only_when_the_program_says_so(app, refund_expired, available_after):
    handle, api = _shop(app, refund_expired)
    code = api.post("/v1/members/m1/rewards/r/claim").json["code"]
    used = api.post("/v1/members/m1/rewards/r/claim").json["code"]
    assert api.post("/v1/orders", json={"order_id": "o1", "member_id": "m1", "amount": "0.50",
                                        "currency": "RUB"}).status_code == 201  # earns nothing
    assert api.post(f"/v1/coupons/{used}/use", json={"order_id": "o1"}).status_code == 200
    factory = app.extensions["loyalty"].session_factory
    later = datetime.now(timezone.utc) + timedelta(days=31)
    assert _available(app, handle.program_id, later) == 400
    first = run_all(factory, now=later, only=["rewards.expire_coupons"])
    assert "rewards.expire_coupons" in first
    assert _coupon_rows(app, handle.program_id) == {code: "expired", used: "used"}
    run_all(factory, now=later + timedelta(minutes=1), only=["rewards.expire_coupons"])  # nothing twice
    assert _available(app, handle.program_id, later + timedelta(minutes=1)) == available_after - 300
    events = [data for _, data in outbox_events(app, handle.program_id, "coupon.expired")]
    assert [(e["code"], e["points_refunded"]) for e in events] == [(code, 300 if refund_expired else 0)]
    # The stock the unused coupon held is back; the used one keeps its unit.
    assert api.get("/v1/program/rewards/r").json["stock"] == 9
    with unit_of_work(factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []


def test_a_coupon_reads_as_expired_before_the_job_runs(app):
    handle, api = _shop(app, True)
    from loyalty_api.rewards import coupons, service

    factory = app.extensions["loyalty"].session_factory
    start = datetime.now(timezone.utc)
    with unit_of_work(factory) as uow:
        code = service.claim_reward(uow.session, handle.program_id, "m1", "r", start)["code"]
        uow.commit()
    order = {"member_id": "m1", "amount": Decimal("500.00"), "currency": "RUB", "lines": []}
    day30 = start + timedelta(days=30)
    with unit_of_work(factory) as uow:
        # One second before expires_at it still works; at expires_at it is expired, job or no job.
        assert coupons.validate_coupon(uow.session, handle.program_id, code, order,
                                       day30 - timedelta(seconds=1))["usable"] is True
        verdict = coupons.validate_coupon(uow.session, handle.program_id, code, order, day30)
        assert (verdict["usable"], verdict["reason"]) == (False, "expired")
        with pytest.raises(CouponNotActive):
            coupons.cancel_coupon(uow.session, handle.program_id, code, day30)


def test_a_cancelled_order_gives_back_an_expired_coupon_as_expired(app):
    handle, api = _shop(app, True)
    code = api.post("/v1/members/m1/rewards/r/claim").json["code"]
    assert api.post("/v1/orders", json={"order_id": "o1", "member_id": "m1", "amount": "500.00",
                                        "currency": "RUB"}).status_code == 201
    assert api.post(f"/v1/coupons/{code}/use", json={"order_id": "o1"}).status_code == 200
    from loyalty_api.checkout.returns import cancel_order

    factory = app.extensions["loyalty"].session_factory
    later = datetime.now(timezone.utc) + timedelta(days=31)
    with unit_of_work(factory) as uow:
        cancel_order(uow.session, handle.program_id, "o1", later)
        uow.commit()
    assert _coupon_rows(app, handle.program_id) == {code: "active"}
    assert api.get("/v1/members/m1/coupons").json["items"][0]["status"] == "active"  # read now: not expired yet
    run_all(factory, now=later, only=["rewards.expire_coupons"])
    assert _coupon_rows(app, handle.program_id) == {code: "expired"}
    assert api.post("/v1/orders", json={"order_id": "o2", "member_id": "m1", "amount": "500.00",
                                        "currency": "RUB"}).status_code == 201
    assert_problem(api.post(f"/v1/coupons/{code}/use", json={"order_id": "o2"}), 409, "coupon_not_active")


def test_the_job_skips_a_member_busy_elsewhere_and_settles_them_once_later(app):
    from sqlalchemy import text

    handle, api = _shop(app, True)
    code = api.post("/v1/members/m1/rewards/r/claim").json["code"]
    factory = app.extensions["loyalty"].session_factory
    later = datetime.now(timezone.utc) + timedelta(days=31)
    with unit_of_work(factory) as busy:  # a request holding the member's ledger lock
        busy.session.execute(text("SELECT 1 FROM balances WHERE program_id = :p AND member_id = 'm1' FOR UPDATE"),
                             {"p": handle.program_id})
        run_all(factory, now=later, only=["rewards.expire_coupons"])
        assert _coupon_rows(app, handle.program_id) == {code: "active"}
    for minute in range(2):
        run_all(factory, now=later + timedelta(minutes=minute), only=["rewards.expire_coupons"])
    assert _coupon_rows(app, handle.program_id) == {code: "expired"}
    refunds = api.get("/v1/members/m1/ledger?type=refund").json["items"]
    assert [(e["points"], e["reason"]) for e in refunds] == [(300, f"coupon expired {code}")]
