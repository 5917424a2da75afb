"""Parallel redemptions race for one balance: exactly the affordable number succeed (SPEC §3 rule 2)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from tests.support import ApiCaller, make_program

WORKERS = 12


def _race(app, calls):
    barrier = Barrier(len(calls))

    def run(call):
        client = ApiCaller(app.test_client(), call[0])
        barrier.wait()
        return call[1](client)

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _setup(app, points):
    handle = make_program(app, settings={"pending_days": 0, "earn": {"points_per_unit": 0},
                                         "redeem": {"point_value": "1.00", "min_points": 1, "max_order_share": "1"}})
    api = ApiCaller(app.test_client(), handle.token)
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    assert api.post("/v1/members/m1/adjustments", json={"points": points, "reason": "seed"}).status_code == 201
    return handle, api


def test_parallel_order_redemptions_never_spend_the_same_points(app):
    handle, api = _setup(app, 700)  # 12 orders of 100 points race for 700: exactly 7 can pay

    def redeem(i):
        return lambda client: client.post("/v1/orders", json={
            "order_id": f"o{i}", "member_id": "m1", "amount": "100.00", "currency": "RUB", "redeem_points": 100})

    answers = _race(app, [(handle.token, redeem(i)) for i in range(WORKERS)])
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [201] * 7 + [409] * 5, [a.json for a in answers]
    assert {a.json["code"] for a in answers if a.status_code == 409} == {"insufficient_points"}
    assert api.get("/v1/members/m1/balance").json["available"] == 0
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []


def test_parallel_holds_and_debits_share_one_balance(app):
    handle, api = _setup(app, 500)  # 6 holds and 6 debits of 50 race for 500: exactly 10 fit

    def hold(client):
        return client.post("/v1/holds", json={"member_id": "m1", "points": 50})

    def debit(client):
        return client.post("/v1/members/m1/adjustments", json={"points": -50, "reason": "race"})

    answers = _race(app, [(handle.token, hold if i % 2 else debit) for i in range(WORKERS)])
    assert sorted(answer.status_code for answer in answers) == [201] * 10 + [409] * 2
    balance = api.get("/v1/members/m1/balance").json
    held = 50 * sum(1 for i, a in enumerate(answers) if i % 2 and a.status_code == 201)
    assert (balance["available"], balance["held"]) == (0, held)
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []


def test_parallel_first_orders_of_a_new_member_all_land(app):
    # The member has no balances row yet: every order races to create it (INSERT … ON
    # CONFLICT DO UPDATE inside the statement that records the order). The losers must
    # wait and update, never answer 404 for a member who exists.
    handle = make_program(app, settings={"pending_days": 14, "earn": {"points_per_unit": 1},
                                         "expiry": {"mode": "days", "days": 365}})
    api = ApiCaller(app.test_client(), handle.token)
    assert api.post("/v1/members", json={"member_id": "fresh"}).status_code == 201

    def order(i):
        return lambda client: client.post("/v1/orders", headers={"Idempotency-Key": f"first-{i}"}, json={
            "order_id": f"first-{i}", "member_id": "fresh", "amount": "10.00", "currency": "RUB",
            "lines": [{"sku": "SKU-1", "category": "shoes", "quantity": 1, "unit_price": "10.00"}]})

    answers = _race(app, [(handle.token, order(i)) for i in range(WORKERS)])
    assert [a.status_code for a in answers] == [201] * WORKERS, [a.json for a in answers]
    assert api.get("/v1/members/fresh/balance").json["pending"] == 10 * WORKERS
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []
