"""Subject access (SPEC §14): one member's data as one document, and what erasure scrubs."""

from __future__ import annotations

import psycopg

from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from tests.support import ApiCaller, assert_problem, make_program

SETTINGS = {"pending_days": 0, "earn": {"points_per_unit": 1},
            "redeem": {"point_value": "1.00", "min_points": 1, "max_order_share": "1"}}
LADDER = {"tiers": [{"code": "gold", "name": "Gold", "threshold": None, "earn_multiplier": 1, "perks": []}],
          "tier_policy": {"metric": "spend", "window_months": None, "retention_months": 12, "downgrade": "one_level"}}
PRIVATE = "Ann Lee, flat 4"


def _member_with_everything(app):
    handle = make_program(app, settings=SETTINGS)
    api = ApiCaller(app.test_client(), handle.token)
    assert api.put("/v1/program/tiers", json=LADDER).status_code == 200
    ann = api.post("/v1/members", json={"member_id": "ann", "email": "ann@example.com", "phone": "+79161234567",
                                        "attributes": {"name": PRIVATE}})
    assert ann.status_code == 201
    assert api.post("/v1/members", json={"member_id": "dup"}).status_code == 201
    assert api.post("/v1/members", json={"member_id": "friend",
                                         "referral_code": ann.json["referral_code"]}).status_code == 201
    calls = [
        api.post("/v1/members/ann/identities", json={"type": "phone", "value": "+79161234567"}),
        api.post("/v1/members/ann/identities", json={"type": "card"}),
        api.post("/v1/members/ann/events", json={"type": "review", "event_id": "rev-1",
                                                 "attributes": {"text": f"{PRIVATE} loved it"}}),
        api.post("/v1/members/ann/adjustments", json={"points": 500, "reason": f"apology to {PRIVATE}"}),
        api.post("/v1/orders", json={"order_id": "o1", "member_id": "ann", "amount": "200.00", "currency": "RUB"}),
        api.post("/v1/orders/o1/returns", json={"return_id": "r1", "amount": "50.00"}),
        api.put("/v1/members/ann/vip", json={"tier": "gold", "reason": f"{PRIVATE} is the owner's friend"}),
        api.post("/v1/program/rewards", json={"reward_id": "mug", "name": "Mug", "kind": "gift", "sku": "MUG",
                                              "cost_points": 100}),
        api.post("/v1/members/ann/rewards/mug/claim"),
        api.post("/v1/members/dup/adjustments", json={"points": 7, "reason": "guest checkout"}),
        api.post("/v1/members/ann/merge", json={"from_member_id": "dup"}),
    ]
    assert [call.status_code for call in calls] == [201, 201, 201, 201, 201, 201, 200, 201, 201, 201, 201], [
        call.get_data(as_text=True)[:200] for call in calls]
    return handle, api


def test_the_export_holds_everything_about_the_member(app):
    handle, api = _member_with_everything(app)
    export = api.get("/v1/members/ann/export")
    assert export.status_code == 200, export.json
    doc = export.json
    assert doc["member_id"] == "ann" and doc["profile"]["email"] == "ann@example.com"
    assert doc["profile"]["attributes"] == {"name": PRIVATE}
    assert sorted(i["type"] for i in doc["identities"]) == ["card", "phone"]
    # 500 + 200 earned - 50 reversed (50.00 of 200.00 returned: a quarter of 200) - 100 mug + 7 from dup
    assert doc["balance"]["available"] == 557
    assert doc["tier"]["tier"]["code"] == "gold" and doc["tier"]["vip"]["reason"].startswith(PRIVATE)
    assert [(e["type"], e["points"]) for e in doc["ledger"]] == [
        ("transfer_in", 7), ("redeem", -100), ("reverse", -50), ("earn", 200), ("adjust", 500)]
    assert [(o["order_id"], o["amount"], [r["return_id"] for r in o["returns"]]) for o in doc["orders"]] == [
        ("o1", "200.00", ["r1"])]
    assert doc["events"][0]["event_id"] == "rev-1" and PRIVATE in doc["events"][0]["attributes"]["text"]
    assert [(r["role"], r["referee_id"]) for r in doc["referrals"]] == [("referrer", "friend")]
    assert [c["reward_id"] for c in doc["coupons"]] == ["mug"]
    assert [(m["member_id"], m["from_member_id"]) for m in doc["merges"]] == [("ann", "dup")]
    assert_problem(api.get("/v1/members/nobody/export"), 404, "not_found")


def test_erasure_scrubs_identities_event_attributes_and_free_text_reasons(app, database_url):
    handle, api = _member_with_everything(app)
    assert api.delete("/v1/members/ann").status_code == 204
    assert_problem(api.get("/v1/members/ann/export"), 404, "not_found")
    assert_problem(api.get("/v1/identities/phone/+79161234567"), 404, "not_found")
    with psycopg.connect(database_url) as conn:
        def rows(sql):
            return conn.execute(sql, {"p": handle.program_id}).fetchall()

        assert rows("SELECT count(*) FROM member_identities WHERE program_id = %(p)s AND member_id = 'ann'") == [(0,)]
        assert rows("SELECT attributes FROM member_events WHERE program_id = %(p)s AND member_id = 'ann'") == [({},)]
        assert rows("SELECT vip_reason FROM member_tiers WHERE program_id = %(p)s AND member_id = 'ann'") == [
            ("[erased]",)]
        reasons = rows("SELECT type, points, reason FROM ledger_entries WHERE program_id = %(p)s"
                       " AND member_id = 'ann' ORDER BY entry_id")
        # The ledger keeps every entry and figure; only the operator's words go.
        assert reasons == [("adjust", 500, "[erased]"), ("earn", 200, None), ("reverse", -50, None),
                           ("redeem", -100, "reward mug"), ("transfer_in", 7, "merged from dup")]
        # Nothing the member's rows hold, nor the events kept for webhooks, still names them.
        for table, column in (("member_events", "attributes::text"), ("ledger_entries", "reason"),
                              ("member_tiers", "vip_reason"), ("outbox_events", "data::text"),
                              ("members", "attributes::text || coalesce(email, '') || coalesce(phone, '')")):
            named = rows(f"SELECT count(*) FROM {table} WHERE program_id = %(p)s AND member_id = 'ann'"
                         f" AND {column} LIKE '%%Ann Lee%%'")
            assert named == [(0,)], table
    # The merged duplicate's own words were not about ann and stay.
    assert api.get("/v1/members/dup/ledger").json["items"][-1]["reason"] == "guest checkout"
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []
