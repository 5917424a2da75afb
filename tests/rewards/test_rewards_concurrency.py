"""Parallel claims: stock and per-member limits never oversell (real threads, real commits)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from tests.support import ApiCaller, make_program

WORKERS = 12


def _race(app, token, paths):
    barrier = Barrier(len(paths))

    def run(path):
        client = ApiCaller(app.test_client(), token)
        barrier.wait()
        return client.post(path)

    with ThreadPoolExecutor(len(paths)) as pool:
        return list(pool.map(run, paths))


def _shop(app, members):
    handle = make_program(app, settings={"pending_days": 0})
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in members:
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
        assert api.post(f"/v1/members/{member_id}/adjustments",
                        json={"points": 1000, "reason": "seed"}).status_code == 201
    return handle, api


def _codes(answers):
    return [(a.status_code, a.json.get("code")) for a in answers]


def test_twelve_members_race_for_five_in_stock_exactly_five_win(app):
    members = [f"m{i}" for i in range(WORKERS)]
    handle, api = _shop(app, members)
    assert api.post("/v1/program/rewards", json={"reward_id": "mug", "name": "Mug", "kind": "gift", "sku": "MUG",
                                                 "cost_points": 100, "stock": 5}).status_code == 201
    answers = _race(app, handle.token, [f"/v1/members/{m}/rewards/mug/claim" for m in members])
    assert sorted(a.status_code for a in answers) == [201] * 5 + [409] * 7, _codes(answers)
    assert {(a.json["code"], a.json["reason"]) for a in answers if a.status_code == 409} == {
        ("reward_not_claimable", "out_of_stock")}
    winners = [m for m, a in zip(members, answers) if a.status_code == 201]
    assert len({a.json["code"] for a in answers if a.status_code == 201}) == 5
    assert api.get("/v1/program/rewards/mug").json["stock"] == 0
    spent = {m: 1000 - api.get(f"/v1/members/{m}/balance").json["available"] for m in members}
    assert spent == {m: 100 if m in winners else 0 for m in members}
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []


def test_one_member_claiming_twelve_times_at_once_gets_the_limit(app):
    handle, api = _shop(app, ["m1"])
    assert api.post("/v1/program/rewards", json={"reward_id": "r", "name": "R", "kind": "free_delivery",
                                                 "cost_points": 50, "limit_per_member": 3}).status_code == 201
    answers = _race(app, handle.token, ["/v1/members/m1/rewards/r/claim"] * WORKERS)
    assert sorted(a.status_code for a in answers) == [201] * 3 + [409] * 9, _codes(answers)
    assert {a.json["reason"] for a in answers if a.status_code == 409} == {"limit_reached"}
    assert api.get("/v1/members/m1/balance").json["available"] == 1000 - 3 * 50
    assert len(api.get("/v1/members/m1/coupons").json["items"]) == 3
