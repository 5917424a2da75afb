"""POST /v1/members/{member_id}/merge over HTTP (SPEC §14): refusals, the merged source, replays."""

from __future__ import annotations

from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from tests.support import assert_problem, make_program, ApiCaller

SETTINGS = {"pending_days": 0, "earn": {"points_per_unit": 1},
            "redeem": {"point_value": "1.00", "min_points": 1, "max_order_share": "1"}}


def _shop(app):
    handle = make_program(app, settings=SETTINGS)
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in ("main", "dup"):
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
    return handle, api


def _order(api, order_id, member_id, amount, **extra):
    return api.post("/v1/orders", json={"order_id": order_id, "member_id": member_id, "amount": amount,
                                         "currency": "RUB", **extra})


def _verify(app, handle):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []


def test_a_merge_moves_points_and_identities_and_closes_the_source(app):
    handle, api = _shop(app)
    assert _order(api, "o-main", "main", "100.00").status_code == 201
    assert _order(api, "o-dup", "dup", "250.00").status_code == 201
    assert api.post("/v1/members/dup/identities", json={"type": "phone", "value": "+79161234567"}).status_code == 201
    merged = api.post("/v1/members/main/merge", json={"from_member_id": "dup"})
    assert merged.status_code == 201, merged.json
    assert merged.json["moved"]["points"] == 250 and merged.json["moved"]["orders"] == 1
    assert merged.json["moved"]["identities"] == 1
    assert api.get("/v1/members/main/balance").json["available"] == 350
    assert api.get("/v1/members/dup/balance").json["available"] == 0
    assert api.get("/v1/identities/phone/+79161234567").json["member_id"] == "main"
    assert api.get("/v1/orders/o-dup").json["member_id"] == "main"
    source = api.get("/v1/members/dup")
    assert source.status_code == 200
    assert (source.json["status"], source.json["merged_into"]) == ("merged", "main")
    entries = api.get("/v1/members/dup/ledger").json["items"]
    assert [(e["type"], e["points"]) for e in entries][:1] == [("transfer_out", -250)]
    assert [(e["type"], e["points"]) for e in api.get("/v1/members/main/ledger").json["items"]][:1] == [
        ("transfer_in", 250)]
    # The same pair again answers the first merge; replays change nothing.
    again = api.post("/v1/members/main/merge", json={"from_member_id": "dup"})
    assert again.status_code == 200 and again.json == merged.json
    assert api.get("/v1/members/main/balance").json["available"] == 350
    _verify(app, handle)


def test_writes_naming_a_merged_member_are_refused_with_where_it_went(app):
    handle, api = _shop(app)
    token = api.post("/v1/members/dup/tokens", json={}).json["access_token"]
    assert api.post("/v1/members/main/merge", json={"from_member_id": "dup"}).status_code == 201
    # The app's token of the source stops working and says where the member went.
    assert assert_problem(api.with_token(token).get("/v1/me"), 401, "unauthorized")["merged_into"] == "main"
    refusals = [
        _order(api, "o-late", "dup", "10.00"),
        api.post("/v1/members/dup/adjustments", json={"points": 5, "reason": "late"}),
        api.post("/v1/holds", json={"member_id": "dup", "points": 1}),
        api.post("/v1/members/dup/identities", json={"type": "card"}),
        api.patch("/v1/members/dup", json={"email": "late@example.com"}),
        api.post("/v1/members/dup/events", json={"type": "review", "event_id": "e1"}),
        api.post("/v1/members/dup/tokens", json={}),
        api.post("/v1/members/dup/merge", json={"from_member_id": "main"}),
    ]
    for answer in refusals:
        body = assert_problem(answer, 409, "member_merged")
        assert body["merged_into"] == "main"
    assert api.post("/v1/members", json={"member_id": "third"}).status_code == 201
    # A merged member can be merged away no more, nor merged into.
    assert_problem(api.post("/v1/members/third/merge", json={"from_member_id": "dup"}), 409, "member_merged")
    # Its personal data can still be erased (the profile stayed with the merged row).
    assert api.delete("/v1/members/dup").status_code == 204
    assert_problem(api.get("/v1/members/dup"), 404, "not_found")
    _verify(app, handle)


def test_a_source_holding_points_is_busy_and_bad_pairs_are_refused(app):
    handle, api = _shop(app)
    assert api.post("/v1/members/dup/adjustments", json={"points": 100, "reason": "seed"}).status_code == 201
    hold = api.post("/v1/holds", json={"member_id": "dup", "points": 40})
    assert hold.status_code == 201
    assert_problem(api.post("/v1/members/main/merge", json={"from_member_id": "dup"}), 409, "member_busy")
    assert api.get("/v1/members/dup").json["status"] == "active"  # nothing moved
    assert api.post(f"/v1/holds/{hold.json['hold_id']}/release").status_code == 200
    assert api.post("/v1/members/main/merge", json={"from_member_id": "dup"}).status_code == 201
    assert api.get("/v1/members/main/balance").json["available"] == 100
    assert_problem(api.post("/v1/members/main/merge", json={"from_member_id": "main"}), 422, "validation_error")
    assert_problem(api.post("/v1/members/main/merge", json={"from_member_id": "ghost"}), 404, "not_found")
    assert_problem(api.post("/v1/members/ghost/merge", json={"from_member_id": "main"}), 404, "not_found")
    _verify(app, handle)


def test_a_referral_reward_moved_by_a_merge_is_taken_back_from_its_new_lot(app):
    handle = make_program(app, settings={**SETTINGS, "pending_days": 14, "referral": {
        "referrer_points": 500, "referee_points": 300, "min_order_amount": "1000.00",
        "max_rewards_per_month": None}})
    api = ApiCaller(app.test_client(), handle.token)
    rita = api.post("/v1/members", json={"member_id": "rita"}).json
    assert api.post("/v1/members", json={"member_id": "main"}).status_code == 201
    assert api.post("/v1/members", json={"member_id": "dup", "referral_code": rita["referral_code"]}).status_code == 201
    assert _order(api, "q1", "dup", "1000.00").status_code == 201  # earns 1000, referral 300 + 500, all pending
    merged = api.post("/v1/members/main/merge", json={"from_member_id": "dup"})
    assert merged.status_code == 201 and merged.json["moved"]["referral_received"] == 1
    assert api.get("/v1/members/main").json["referred_by"] == "rita"
    assert api.get("/v1/members/main/balance").json["pending"] == 1300
    # Cancelling the qualifying order within the window takes everything back: the
    # order's 1000 and the referee's 300 from main's new lots, the referrer's 500 from rita.
    assert api.post("/v1/orders/q1/cancel").json["status"] == "cancelled"
    assert api.get("/v1/members/main/balance").json["pending"] == 0
    assert api.get("/v1/members/rita/balance").json["pending"] == 0
    assert api.get("/v1/members/main/balance").json["available"] == 0
    _verify(app, handle)


def test_a_lot_announced_as_expiring_is_not_announced_again_after_it_moved(app):
    from datetime import datetime, timedelta, timezone

    from loyalty_api.expiry import jobs
    from loyalty_api.jobs.registry import JobContext
    from tests.support import outbox_events

    handle, api = _shop(app)
    soon = (datetime.now(timezone.utc) + timedelta(days=3)).isoformat()
    assert api.post("/v1/members/dup/adjustments", json={"points": 40, "reason": "promo",
                                                         "expires_at": soon}).status_code == 201
    factory = app.extensions["loyalty"].session_factory
    jobs.announce_expiring(JobContext(factory, datetime.now(timezone.utc)))
    assert api.post("/v1/members/main/merge", json={"from_member_id": "dup"}).status_code == 201
    jobs.announce_expiring(JobContext(factory, datetime.now(timezone.utc)))
    announced = [data["member_id"] for _, data in outbox_events(app, handle.program_id, "points.expiring")]
    assert announced == ["dup"]
    _verify(app, handle)
