"""Worked examples of SPEC §4 over HTTP: every figure can be checked by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from tests.support import token_for

BASE = {"earn": {"points_per_unit": 1}, "pending_days": 0,
        "redeem": {"point_value": "1.00", "min_points": 1, "max_order_share": "1"}}


@pytest.fixture
def shop(make_shop):
    def build(**settings):
        return make_shop(**{**BASE, **settings})
    yield build


def ret(api, order_id, return_id, **body):
    return api.post(f"/v1/orders/{order_id}/returns", json={"return_id": return_id, **body})


def figures(api):
    body = api.get("/v1/members/m1/balance").json
    return body["available"], body["pending"], body["held"]


def assert_verified(app, api):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, api.program_id) == []


def test_earn_on_paid_lines_with_exclusions_and_delivery(app, shop, make_order):
    api = shop(earn={"points_per_unit": 2, "excluded_skus": ["GIFT"], "excluded_categories": ["service"]})
    assert api.post("/v1/members/m1/adjustments", json={"points": 60, "reason": "seed"}).status_code == 201
    # line        value   share of the 60.00 discount   paid     earns (x2)
    # A 3x40.00   120.00  60 x 120/200 = 36.00          84.00    yes
    # GIFT 1x50   50.00   60 x 50/200  = 15.00          35.00    no (sku)
    # S 1x30      30.00   60 x 30/200  =  9.00          21.00    no (category)
    # delivery    25.00   (rest of the amount: no discount, no points)
    lines = [{"sku": "A", "category": "toys", "quantity": 3, "unit_price": "40.00"},
             {"sku": "GIFT", "category": "cards", "quantity": 1, "unit_price": "50.00"},
             {"sku": "S", "category": "service", "quantity": 1, "unit_price": "30.00"}]
    placed = make_order(api, "o1", "225.00", lines, redeem_points=60)
    assert placed.status_code == 201, placed.json
    assert placed.json["paid_amount"] == "165.00" and placed.json["discount_amount"] == "60.00"
    assert placed.json["earned_points"] == 168  # floor(84.00 x 2)
    assert figures(api) == (168, 0, 0)
    assert_verified(app, api)


@pytest.mark.parametrize("redeem_points, code", [
    (301, "insufficient_points"),  # more than the 300 available (checked first)
    (251, "redeem_limit"),  # above floor(0.5 x 500.00 / 1.00) = 250
    (99, "redeem_limit"),  # below min_points 100
])
def test_order_refusals_write_nothing(app, shop, redeem_points, code, make_order):
    api = shop(redeem={"point_value": "1.00", "min_points": 100, "max_order_share": "0.5"})
    api.post("/v1/members/m1/adjustments", json={"points": 300, "reason": "seed"})
    refused = make_order(api, "o1", "500.00", redeem_points=redeem_points)
    assert refused.json["code"] == code
    assert refused.status_code == (409 if code == "insufficient_points" else 422)
    assert api.get("/v1/orders/o1").status_code == 404
    assert figures(api) == (300, 0, 0)
    assert len(api.get("/v1/members/m1/ledger").json["items"]) == 1
    assert make_order(api, "o1", "500.00", redeem_points=250).status_code == 201
    assert figures(api) == (300 - 250 + 250, 0, 0)  # paid 250.00 earns 250


def test_partial_returns_add_up_to_the_whole_order(app, shop, make_order):
    api = shop()
    api.post("/v1/members/m1/adjustments", json={"points": 37, "reason": "seed"})
    placed = make_order(api, "o1", "300.00", redeem_points=37).json
    assert (placed["earned_points"], placed["redeemed_points"]) == (263, 37)
    # return  returned so far  reversed so far: 263 x share     refunded so far: 37 x share
    # r1      100.00           87.67 -> 88  (+88)              12.33 -> 12 (+12)
    # r2      200.00           175.33 -> 175 (+87)             24.67 -> 25 (+13)
    # r3      300.00           263 (+88)                        37 (+12)
    answers = [ret(api, "o1", f"r{i}", amount="100.00") for i in (1, 2, 3)]
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert [(a.json["points_reversed"], a.json["points_refunded"]) for a in answers] == [
        (88, 12), (87, 13), (88, 12)]
    assert figures(api) == (37, 0, 0)  # back where the member started
    assert api.get("/v1/orders/o1").json["status"] == "returned"
    assert ret(api, "o1", "r1", amount="100.00").json == answers[0].json  # replay
    clash = ret(api, "o1", "r1", amount="50.00")
    assert clash.status_code == 409
    over = ret(api, "o1", "r4", amount="0.01")
    assert over.status_code == 422 and over.json["code"] == "return_exceeds_order"
    lifetime = api.get("/v1/members/m1/balance").json["lifetime_earned"]
    assert lifetime == 0
    assert_verified(app, api)


def test_returns_by_lines(app, shop, make_order):
    api = shop()
    lines = [{"sku": "A", "quantity": 2, "unit_price": "100.00"},
             {"sku": "B", "quantity": 1, "unit_price": "50.00"}]
    assert make_order(api, "o1", "280.00", lines).json["earned_points"] == 250  # 30.00 delivery earns nothing
    # return        returned so far   reversed so far: 250 x returned / 280
    # r1 one A      100.00            89.29 -> 89   (+89)
    # r4 A and B    250.00            223.21 -> 223 (+134)
    # cancel        280.00            250           (+27)
    first = ret(api, "o1", "r1", lines=[{"sku": "A", "quantity": 1}])
    assert (first.status_code, first.json["amount"], first.json["points_reversed"]) == (201, "100.00", 89)
    too_many = ret(api, "o1", "r2", lines=[{"sku": "A", "quantity": 2}])
    assert too_many.status_code == 422 and too_many.json["code"] == "return_exceeds_order"
    unknown = ret(api, "o1", "r3", lines=[{"sku": "Z", "quantity": 1}])
    assert unknown.json["code"] == "return_exceeds_order"
    assert ret(api, "o1", "r4", lines=[{"sku": "A", "quantity": 1}, {"sku": "B", "quantity": 1}]).json[
        "points_reversed"] == 134
    assert api.get("/v1/orders/o1").json["status"] == "partially_returned"  # 30.00 delivery left
    cancelled = api.post("/v1/orders/o1/cancel")
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"
    assert cancelled.json["returned_amount"] == "280.00"
    assert api.post("/v1/orders/o1/cancel").json == cancelled.json
    assert figures(api) == (0, 0, 0)
    assert_verified(app, api)


def test_clawback_allow_negative_then_later_earns_pay_the_debt(app, shop, make_order):
    api = shop(clawback="allow_negative")
    assert make_order(api, "o1", "100.00").json["earned_points"] == 100
    assert make_order(api, "o2", "200.00", redeem_points=100).status_code == 201  # spends them, earns 100
    api.post("/v1/members/m1/adjustments", json={"points": -100, "reason": "spent elsewhere"})
    assert figures(api) == (0, 0, 0)
    back = ret(api, "o1", "r1", amount="100.00")
    assert back.json["points_reversed"] == 100
    assert figures(api) == (-100, 0, 0)
    make_order(api, "o3", "30.00")  # earns 30, all of it pays the debt
    assert figures(api) == (-70, 0, 0)
    make_order(api, "o4", "100.00")
    assert figures(api) == (30, 0, 0)
    assert_verified(app, api)


def test_clawback_clamp_to_zero_takes_only_what_is_there(app, shop, make_order):
    api = shop(clawback="clamp_to_zero")
    make_order(api, "o1", "100.00")
    api.post("/v1/members/m1/adjustments", json={"points": -60, "reason": "spent elsewhere"})
    back = ret(api, "o1", "r1", amount="100.00")
    assert back.json["points_reversed"] == 40  # 100 due, 40 there
    assert figures(api) == (0, 0, 0)
    make_order(api, "o2", "30.00")
    assert figures(api) == (30, 0, 0)  # nothing owed
    assert_verified(app, api)


def test_pending_points_and_backdated_orders(app, shop, make_order):
    api = shop(pending_days=14)
    placed = make_order(api, "o1", "100.00").json
    now = datetime.now(timezone.utc)
    available_at = datetime.fromisoformat(placed["points_available_at"])
    assert timedelta(days=14) - timedelta(minutes=1) < available_at - now <= timedelta(days=14)
    assert figures(api) == (0, 100, 0)
    spend = make_order(api, "o2", "100.00", redeem_points=1)
    assert spend.json["code"] == "insufficient_points"
    early = (now - timedelta(days=20)).isoformat()
    assert make_order(api, "o3", "50.00", placed_at=early).status_code == 201
    assert figures(api) == (50, 100, 0)
    # a return inside the window takes the pending points of that order first
    assert ret(api, "o1", "r1", amount="100.00").json["points_reversed"] == 100
    assert figures(api) == (50, 0, 0)
    assert_verified(app, api)


def test_invalid_orders(shop, app, make_order):
    api = shop()
    soon = (datetime.now(timezone.utc) + timedelta(minutes=10)).isoformat()
    future = make_order(api, "o1", "10.00", placed_at=soon)
    assert future.status_code == 422 and future.json["code"] == "validation_error"
    assert make_order(api, "o1", "10.00", placed_at=(datetime.now(timezone.utc) + timedelta(minutes=4)).isoformat()
                 ).status_code == 201
    euros = api.post("/v1/orders", json={"order_id": "o2", "member_id": "m1", "amount": "10.00",
                                         "currency": "EUR"})
    assert euros.status_code == 422 and euros.json["code"] == "currency_mismatch"
    over = make_order(api, "o3", "10.00", [{"sku": "A", "quantity": 2, "unit_price": "6.00"}])
    assert over.status_code == 422 and over.json["code"] == "validation_error"
    assert make_order(api, "o4", "0.00").status_code == 422
    ghost = api.post("/v1/orders", json={"order_id": "o5", "member_id": "ghost", "amount": "1.00",
                                         "currency": "RUB"})
    assert ghost.status_code == 404
    reader = api.with_token(token_for(app, scopes=["members:read"], program_id=api.program_id))
    assert make_order(reader, "o6", "1.00").status_code == 403
    assert reader.get("/v1/members/m1/balance").status_code == 200


def test_holds_reserve_and_are_captured_once(app, shop, make_order):
    api = shop(redeem={"point_value": "1.00", "min_points": 10, "max_order_share": "0.5"})
    api.post("/v1/members/m1/adjustments", json={"points": 100, "reason": "seed"})
    too_big = api.post("/v1/holds", json={"member_id": "m1", "points": 101})
    assert too_big.status_code == 409 and too_big.json["code"] == "insufficient_points"
    hold = api.post("/v1/holds", json={"member_id": "m1", "points": 80, "order_id": "o1"}).json
    assert hold["status"] == "held" and figures(api) == (20, 0, 80)
    assert api.post("/v1/holds", json={"member_id": "m1", "points": 21}).status_code == 409
    limit = make_order(api, "o1", "100.00", hold_id=hold["hold_id"])  # 80 > 0.5 x 100.00
    assert limit.status_code == 422 and limit.json["code"] == "redeem_limit"
    other = make_order(api, "o9", "200.00", hold_id=hold["hold_id"])  # the hold was made for o1
    assert other.status_code == 422
    placed = make_order(api, "o1", "200.00", hold_id=hold["hold_id"])
    assert placed.status_code == 201 and placed.json["redeemed_points"] == 80
    assert make_order(api, "o1", "200.00", hold_id=hold["hold_id"]).json == placed.json
    assert figures(api) == (20 + 120, 0, 0)
    released = api.post(f"/v1/holds/{hold['hold_id']}/release")
    assert released.status_code == 409 and released.json["code"] == "hold_not_active"
    second = api.post("/v1/holds", json={"member_id": "m1", "points": 40}).json
    gone = api.post(f"/v1/holds/{second['hold_id']}/release")
    assert gone.status_code == 200 and gone.json["status"] == "released"
    assert api.post(f"/v1/holds/{second['hold_id']}/release").json == gone.json
    capture = make_order(api, "o2", "200.00", hold_id=second["hold_id"])
    assert capture.status_code == 409 and capture.json["code"] == "hold_not_active"
    assert api.post("/v1/holds/nope/release").status_code == 404
    assert_verified(app, api)


def test_another_programs_objects_are_not_found(app, shop, make_order):
    mine, theirs = shop(), shop()
    assert make_order(mine, "o1", "100.00").status_code == 201
    hold = mine.post("/v1/holds", json={"member_id": "m1", "points": 10}).json
    assert theirs.get("/v1/orders/o1").status_code == 404
    assert ret(theirs, "o1", "r1", amount="1.00").status_code == 404
    assert theirs.post("/v1/orders/o1/cancel").status_code == 404
    assert theirs.post(f"/v1/holds/{hold['hold_id']}/release").status_code == 404
    stolen = make_order(theirs, "o2", "100.00", hold_id=hold["hold_id"])
    assert stolen.status_code == 404
    # the same order_id is a different order in another program
    assert make_order(theirs, "o1", "50.00").json["earned_points"] == 50
    assert figures(mine) == (90, 0, 10) and figures(theirs) == (50, 0, 0)
