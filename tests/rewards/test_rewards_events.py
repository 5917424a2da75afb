"""Event rules that grant a reward's coupon instead of points (a birthday promo code)."""

from __future__ import annotations

from tests.support import ApiCaller, assert_problem, make_program, outbox_events


def _shop(app):
    handle = make_program(app, settings={"pending_days": 0})
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in ("m1", "m2"):
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
    assert api.post("/v1/program/rewards", json={
        "reward_id": "bday", "name": "Birthday 10 %", "kind": "discount_percent", "value": "10",
        "cost_points": 500, "stock": 1, "coupon_valid_days": 14}).status_code == 201
    return handle, api


def test_an_event_rule_grants_a_coupon_without_spending_points_within_its_cap(app):
    handle, api = _shop(app)
    rule = api.post("/v1/program/rules", json={"rule_id": "bday-code", "kind": "event", "event_type": "birthday",
                                               "reward_id": "bday", "cap": {"count": 1, "period": "year"}})
    assert (rule.status_code, rule.json["reward_id"], rule.json["points"]) == (201, "bday", None), rule.json
    first = api.post("/v1/members/m1/events", json={"type": "birthday", "event_id": "b-2026"})
    assert first.status_code == 201, first.json
    (award,) = first.json["awarded"]
    assert (award["rule_id"], award["points"]) == ("bday-code", 0)
    coupon = api.get("/v1/members/m1/coupons").json["items"][0]
    assert (coupon["code"], coupon["points_spent"], coupon["rule_id"], coupon["status"], coupon["kind"]) == (
        award["coupon_code"], 0, "bday-code", "active", "discount_percent")
    assert api.get("/v1/members/m1/balance").json["available"] == 0  # nothing spent, nothing credited
    # Replay: the same answer, no second coupon. Another event this year: the cap.
    replay = api.post("/v1/members/m1/events", json={"type": "birthday", "event_id": "b-2026"})
    assert (replay.status_code, replay.json) == (200, first.json)
    capped = api.post("/v1/members/m1/events", json={"type": "birthday", "event_id": "b-2026-bis"})
    assert capped.json["skipped"] == [{"rule_id": "bday-code", "reason": "cap_reached"}]
    # The reward's stock (1) went to m1: m2's grant is skipped, not oversold.
    other = api.post("/v1/members/m2/events", json={"type": "birthday", "event_id": "b-2026"})
    assert (other.json["awarded"], other.json["skipped"]) == ([], [{"rule_id": "bday-code",
                                                                  "reason": "out_of_stock"}])
    assert len(api.get("/v1/members/m1/coupons").json["items"]) == 1
    assert api.get("/v1/members/m2/coupons").json["items"] == []
    worth = api.post(f"/v1/coupons/{award['coupon_code']}/validate", json={
        "member_id": "m1", "amount": "2000.00", "currency": "RUB"}).json
    assert (worth["usable"], worth["discount_amount"]) == (True, "200.00")
    cancelled = api.post(f"/v1/coupons/{award['coupon_code']}/cancel").json
    assert cancelled["status"] == "cancelled"
    assert api.get("/v1/members/m1/balance").json["available"] == 0  # a free coupon gives nothing back
    claimed = [data for _, data in outbox_events(app, handle.program_id, "reward.claimed")]
    assert [(e["member_id"], e["points"], e["rule_id"]) for e in claimed] == [("m1", 0, "bday-code")]


def test_rule_terms_for_coupons_are_validated(app):
    _, api = _shop(app)
    bad = [
        ({"kind": "event", "event_type": "review", "points": 10, "reward_id": "bday"}, "points"),
        ({"kind": "event", "event_type": "review"}, "points"),
        ({"kind": "event", "event_type": "review", "reward_id": "nope"}, "reward_id"),
        ({"kind": "purchase", "multiplier": 2, "reward_id": "bday"}, "reward_id"),
    ]
    for body, field in bad:
        answer = api.post("/v1/program/rules", json=body)
        assert field in assert_problem(answer, 422, "validation_error")["errors"], (body, answer.json)
    assert api.post("/v1/program/rules", json={"rule_id": "pts", "kind": "event", "event_type": "review",
                                               "points": 10}).status_code == 201
    switched = api.patch("/v1/program/rules/pts", json={"points": None, "reward_id": "bday"})
    assert (switched.status_code, switched.json["reward_id"], switched.json["points"]) == (200, "bday", None)
    assert "reward_id" in assert_problem(api.patch("/v1/program/rules/pts", json={"reward_id": "nope"}),
                                         422, "validation_error")["errors"]
