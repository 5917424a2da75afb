"""Rewards over HTTP: management, the member's catalogue, claims, coupons at checkout."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from tests.support import ApiCaller, assert_problem, make_program, outbox_events, token_for

SETTINGS = {"pending_days": 0, "earn": {"points_per_unit": 0}}


def _shop(app, points=1000, members=("m1",), **settings):
    handle = make_program(app, settings={**SETTINGS, **settings})
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in members:
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
        if points:
            assert api.post(f"/v1/members/{member_id}/adjustments",
                            json={"points": points, "reason": "seed"}).status_code == 201
    return handle, api


def _reward(api, reward_id, kind="discount_amount", **terms):
    body = {"reward_id": reward_id, "name": reward_id, "kind": kind, "cost_points": 300, **terms}
    if kind == "discount_amount":
        body.setdefault("value", "500.00")
    elif kind == "discount_percent":
        body.setdefault("value", "15")
    elif kind == "gift":
        body.setdefault("sku", "MUG-1")
    response = api.post("/v1/program/rewards", json=body)
    assert response.status_code == 201, response.json
    return response.json


def _claim(api, reward_id, member_id="m1"):
    return api.post(f"/v1/members/{member_id}/rewards/{reward_id}/claim")


def _available(api, member_id="m1"):
    return api.get(f"/v1/members/{member_id}/balance").json["available"]


def test_reward_management_and_validation(app):
    _, api = _shop(app, points=0)
    created = _reward(api, "r-500", value="500", stock=10, limit_per_member=2, coupon_valid_days=30)
    assert {k: created[k] for k in ("reward_id", "kind", "value", "cost_points", "stock", "limit_per_member",
                                    "coupon_valid_days", "active", "sku")} == {
        "reward_id": "r-500", "kind": "discount_amount", "value": "500.00", "cost_points": 300, "stock": 10,
        "limit_per_member": 2, "coupon_valid_days": 30, "active": True, "sku": None}
    assert_problem(api.post("/v1/program/rewards", json={"reward_id": "r-500", "name": "again", "kind": "gift",
                                                         "sku": "X", "cost_points": 1}), 409, "reward_exists")
    bad = [
        ({"kind": "gift"}, "sku"),
        ({"kind": "discount_amount"}, "value"),
        ({"kind": "discount_percent", "value": "101"}, "value"),
        ({"kind": "free_delivery", "value": "5.00"}, "value"),
        ({"kind": "coupon"}, "kind"),
        ({"kind": "gift", "sku": "X", "cost_points": -1}, "cost_points"),
        ({"kind": "gift", "sku": "X", "stock": -1}, "stock"),
        ({"kind": "gift", "sku": "X", "value": 12}, "value"),
    ]
    for body, field in bad:
        response = api.post("/v1/program/rewards", json={"name": "bad", "cost_points": 1, **body})
        assert field in assert_problem(response, 422, "validation_error")["errors"], (body, response.json)
    patched = api.patch("/v1/program/rewards/r-500", json={"value": "250.50", "stock": None})
    assert (patched.status_code, patched.json["value"], patched.json["stock"]) == (200, "250.50", None)
    assert "value" in assert_problem(api.patch("/v1/program/rewards/r-500", json={"kind": "gift"}),
                                     422, "validation_error")["errors"]
    assert api.delete("/v1/program/rewards/r-500").status_code == 204
    assert api.get("/v1/program/rewards/r-500").json["active"] is False
    assert [r["reward_id"] for r in api.get("/v1/program/rewards?active=false").json["items"]] == ["r-500"]
    assert_problem(api.get("/v1/program/rewards/nope"), 404, "not_found")
    other, _ = _shop(app, points=0)
    assert_problem(api.with_token(other.token).get("/v1/program/rewards/r-500"), 404, "not_found")
    checkout_only = token_for(app, scopes=["checkout"], program_id=other.program_id)
    assert_problem(api.with_token(checkout_only).get("/v1/program/rewards"), 403, "forbidden")


def test_catalogue_says_what_the_member_can_claim_and_why_not(app):
    now = datetime.now(timezone.utc)
    _, api = _shop(app, points=400)
    _reward(api, "a-ok", cost_points=400)
    _reward(api, "b-dear", cost_points=401)
    _reward(api, "c-gone", stock=0, cost_points=1)
    _reward(api, "d-once", limit_per_member=1, cost_points=100)
    _reward(api, "e-gold", tiers=["gold"], cost_points=1)
    _reward(api, "f-later", valid_from=(now + timedelta(days=1)).isoformat(), cost_points=1)
    _reward(api, "g-withdrawn", cost_points=1)
    api.delete("/v1/program/rewards/g-withdrawn")
    assert _claim(api, "d-once").status_code == 201  # 400 -> 300 points
    items = api.get("/v1/members/m1/rewards").json["items"]
    assert [(i["reward_id"], i["can_claim"], i["reason"]) for i in items] == [
        ("a-ok", False, "insufficient_points"),
        ("b-dear", False, "insufficient_points"),
        ("c-gone", False, "out_of_stock"),
        ("d-once", False, "limit_reached"),
        ("e-gold", False, "tier_not_eligible"),
        ("f-later", False, "outside_window"),
    ]
    page = api.get("/v1/members/m1/rewards?limit=4").json
    rest = api.get(f"/v1/members/m1/rewards?cursor={page['next_cursor']}").json
    assert [i["reward_id"] for i in page["items"] + rest["items"]] == [i["reward_id"] for i in items]
    assert_problem(api.get("/v1/members/ghost/rewards"), 404, "not_found")


def test_claim_spends_the_points_once_and_issues_a_coupon(app):
    handle, api = _shop(app, points=1000)
    _reward(api, "r1", cost_points=300, coupon_valid_days=30, stock=5)
    before = datetime.now(timezone.utc)
    first = _claim(api, "r1")
    assert first.status_code == 201
    coupon = first.json
    assert (coupon["reward_id"], coupon["status"], coupon["points_spent"], coupon["member_id"]) == (
        "r1", "active", 300, "m1")
    expires_at = datetime.fromisoformat(coupon["expires_at"])
    assert before + timedelta(days=30) <= expires_at <= datetime.now(timezone.utc) + timedelta(days=30)
    assert _available(api) == 700
    ledger = api.get("/v1/members/m1/ledger?type=redeem").json["items"]
    assert [(e["type"], e["points"]) for e in ledger] == [("redeem", -300)]
    # A retry with the same Idempotency-Key answers the first coupon and spends nothing more.
    keyed = [api.post("/v1/members/m1/rewards/r1/claim", headers={"Idempotency-Key": "claim-1"})
             for _ in range(2)]
    assert keyed[0].json == keyed[1].json and keyed[1].headers["Idempotent-Replayed"] == "true"
    assert _available(api) == 400
    assert api.get("/v1/program/rewards/r1").json["stock"] == 3
    listed = api.get("/v1/members/m1/coupons?limit=1").json
    more = api.get(f"/v1/members/m1/coupons?cursor={listed['next_cursor']}").json
    codes = [c["code"] for c in listed["items"] + more["items"]]
    assert sorted(codes) == sorted([coupon["code"], keyed[0].json["code"]]) and more["next_cursor"] is None
    assert [e["code"] for _, e in outbox_events(app, handle.program_id, "reward.claimed")] == [
        coupon["code"], keyed[0].json["code"]]
    assert _claim(api, "r1").status_code == 201  # 400 -> 100
    assert_problem(_claim(api, "r1"), 409, "insufficient_points")
    assert (_available(api), api.get("/v1/program/rewards/r1").json["stock"]) == (100, 2)


def test_claim_refusals(app):
    _, api = _shop(app, points=100)
    _reward(api, "dear", cost_points=101)
    _reward(api, "gone", cost_points=1, stock=0)
    assert_problem(_claim(api, "dear"), 409, "insufficient_points")
    body = assert_problem(_claim(api, "gone"), 409, "reward_not_claimable")
    assert body["reason"] == "out_of_stock"
    assert_problem(_claim(api, "nope"), 404, "not_found")
    assert_problem(_claim(api, "dear", member_id="ghost"), 404, "not_found")
    assert _available(api) == 100


def _order(member_id="m1", amount="1200.00", currency="RUB"):
    return {"member_id": member_id, "amount": amount, "currency": currency,
            "lines": [{"sku": "SHOE", "quantity": 1, "unit_price": "1000.00"}]}


def test_each_kind_is_worth_its_value_at_checkout(app):
    _, api = _shop(app, points=10_000)
    _reward(api, "money", value="500.00", cost_points=1)
    _reward(api, "percent", kind="discount_percent", value="15", cost_points=1)
    _reward(api, "delivery", kind="free_delivery", cost_points=1)
    _reward(api, "gift", kind="gift", sku="MUG-1", cost_points=1)
    worth = {}
    for reward_id in ("money", "percent", "delivery", "gift"):
        code = _claim(api, reward_id).json["code"]
        for amount in ("1200.00", "300.00"):
            answer = api.post(f"/v1/coupons/{code}/validate", json=_order(amount=amount)
                              if amount == "1200.00" else {**_order(amount=amount), "lines": []})
            assert answer.status_code == 200, answer.json
            assert answer.json["usable"] is True and answer.json["reason"] is None
            worth[reward_id, amount] = (answer.json["discount_amount"], answer.json["free_delivery"],
                                        answer.json["gift_sku"])
    assert worth == {
        ("money", "1200.00"): ("500.00", False, None),
        ("money", "300.00"): ("300.00", False, None),      # never more than the order
        ("percent", "1200.00"): ("180.00", False, None),   # 15 % of 1200.00
        ("percent", "300.00"): ("45.00", False, None),
        ("delivery", "1200.00"): ("0.00", True, None),
        ("delivery", "300.00"): ("0.00", True, None),
        ("gift", "1200.00"): ("0.00", False, "MUG-1"),
        ("gift", "300.00"): ("0.00", False, "MUG-1"),
    }


def test_validate_says_why_a_coupon_is_not_usable(app):
    _, api = _shop(app, points=1000, members=("m1", "m2"))
    _reward(api, "r", cost_points=100)
    code = _claim(api, "r").json["code"]

    def verdict(**order):
        answer = api.post(f"/v1/coupons/{code}/validate", json={**_order(), **order})
        assert answer.status_code == 200, answer.json
        return answer.json["usable"], answer.json["reason"], answer.json["discount_amount"]

    assert verdict() == (True, None, "500.00")
    assert verdict(member_id="m2") == (False, "not_owner", "0.00")
    assert verdict(currency="USD") == (False, "currency_mismatch", "0.00")
    assert api.post(f"/v1/coupons/{code.lower().replace('-', '')}/validate", json=_order()).json["usable"]
    assert api.post("/v1/orders", json={"order_id": "o1", **_order()}).status_code == 201
    assert api.post(f"/v1/coupons/{code}/use", json={"order_id": "o1"}).status_code == 200
    assert verdict() == (False, "used", "0.00")
    assert_problem(api.post("/v1/coupons/AAAA-BBBB-CCCC/validate", json=_order()), 404, "not_found")
    assert_problem(api.post(f"/v1/coupons/{code}/validate", json={**_order(), "amount": "10.00"}),
                   422, "validation_error")  # lines above the amount


def test_use_once_per_order_and_a_cancelled_order_gives_the_coupon_back(app):
    handle, api = _shop(app, points=1000)
    _reward(api, "r", cost_points=100)
    code = _claim(api, "r").json["code"]
    for order_id in ("o1", "o2"):  # a coupon is used by a recorded order of its member
        assert api.post("/v1/orders", json={"order_id": order_id, **_order()}).status_code == 201
    used = api.post(f"/v1/coupons/{code}/use", json={"order_id": "o1"})
    assert (used.status_code, used.json["status"], used.json["order_id"]) == (200, "used", "o1")
    again = api.post(f"/v1/coupons/{code}/use", json={"order_id": "o1"})
    assert again.json == used.json
    body = assert_problem(api.post(f"/v1/coupons/{code}/use", json={"order_id": "o2"}), 409, "coupon_not_active")
    assert body["coupon_status"] == "used"
    assert_problem(api.post(f"/v1/coupons/{code}/cancel"), 409, "coupon_not_active")  # used: no points back
    assert "member_id" in assert_problem(api.post(f"/v1/coupons/{code}/use", json={"order_id": "o1",
                                                                                   "member_id": "m2"}),
                                         422, "validation_error")["errors"]
    assert api.post("/v1/orders/o1/cancel").json["status"] == "cancelled"
    coupon = api.get("/v1/members/m1/coupons").json["items"][0]
    assert (coupon["status"], coupon["order_id"]) == ("active", None)
    assert api.post(f"/v1/coupons/{code}/use", json={"order_id": "o2"}).json["order_id"] == "o2"
    assert [e["order_id"] for _, e in outbox_events(app, handle.program_id, "coupon.used")] == ["o1", "o2"]


def test_cancel_gives_the_points_back_while_unused(app):
    handle, api = _shop(app, points=1000)
    _reward(api, "r", cost_points=300, stock=1)
    code = _claim(api, "r").json["code"]
    assert (_available(api), api.get("/v1/program/rewards/r").json["stock"]) == (700, 0)
    cancelled = api.post(f"/v1/coupons/{code}/cancel")
    assert (cancelled.status_code, cancelled.json["status"]) == (200, "cancelled")
    assert api.post(f"/v1/coupons/{code}/cancel").json == cancelled.json  # again: the same, no second refund
    assert (_available(api), api.get("/v1/program/rewards/r").json["stock"]) == (1000, 1)
    entries = api.get("/v1/members/m1/ledger").json["items"]
    assert [(e["type"], e["points"]) for e in entries[:2]] == [("refund", 300), ("redeem", -300)]
    assert api.post("/v1/orders", json={"order_id": "o1", **_order()}).status_code == 201
    assert_problem(api.post(f"/v1/coupons/{code}/use", json={"order_id": "o1"}), 409, "coupon_not_active")
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []


def test_member_token_claims_and_reads_only_for_itself(app):
    handle, api = _shop(app, points=1000, members=("m1", "m2"))
    _reward(api, "r", cost_points=200)
    other_code = _claim(api, "r", member_id="m2").json["code"]
    token = api.post("/v1/members/m1/tokens", json={}).json["access_token"]
    me = api.with_token(token)
    assert [i["can_claim"] for i in me.get("/v1/me/rewards").json["items"]] == [True]
    mine = me.post("/v1/me/rewards/r/claim")
    assert (mine.status_code, mine.json["member_id"]) == (201, "m1")
    assert (_available(api, "m1"), _available(api, "m2")) == (800, 800)
    assert [c["code"] for c in me.get("/v1/me/coupons").json["items"]] == [mine.json["code"]]
    assert other_code not in str(me.get("/v1/me/coupons").json)
    # Every other route refuses a member token: another member's claims and coupons, checkout.
    assert_problem(me.post("/v1/members/m2/rewards/r/claim"), 403, "forbidden")
    assert_problem(me.get("/v1/members/m2/coupons"), 403, "forbidden")
    assert_problem(me.post(f"/v1/coupons/{other_code}/cancel"), 403, "forbidden")
    assert_problem(me.post(f"/v1/coupons/{other_code}/validate", json=_order("m2")), 403, "forbidden")
    assert_problem(api.get("/v1/me/coupons"), 403, "forbidden")
    assert _available(api, "m2") == 800


def test_use_names_a_recorded_order_of_the_coupons_member(app):
    handle, api = _shop(app, points=1000, members=("m1", "m2"))
    _reward(api, "r", cost_points=100)
    code = _claim(api, "r").json["code"]
    body = assert_problem(api.post(f"/v1/coupons/{code}/use", json={"order_id": "typo-o1"}), 404, "not_found")
    assert "typo-o1" in body["detail"]
    assert api.post("/v1/orders", json={"order_id": "o-m2", **_order(member_id="m2")}).status_code == 201
    other = assert_problem(api.post(f"/v1/coupons/{code}/use", json={"order_id": "o-m2"}), 422, "validation_error")
    assert other["errors"] == {"order_id": ["The order belongs to another member."]}
    coupon = api.get("/v1/members/m1/coupons").json["items"][0]
    assert (coupon["status"], coupon["order_id"]) == ("active", None)  # nothing was used up
    assert outbox_events(app, handle.program_id, "coupon.used") == []
    assert api.post("/v1/orders", json={"order_id": "o-m1", **_order()}).status_code == 201
    used = api.post(f"/v1/coupons/{code}/use", json={"order_id": "o-m1"})
    assert (used.status_code, used.json["order_id"]) == (200, "o-m1")
