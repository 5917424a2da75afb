"""Rules CRUD over HTTP: validation, generated ids, PATCH merging, deactivation, scopes."""

from tests.support import token_for


def test_create_read_list_event_rule(api):
    created = api.post("/v1/program/rules", json={
        "rule_id": "review-bonus", "name": "Review", "kind": "event", "event_type": "review", "points": 50,
        "cap": {"count": 3, "period": "week"}, "valid_from": "2026-12-01T00:00:00+03:00",
        "expires_in_days": 30})
    assert created.status_code == 201, created.json
    body = created.json
    assert body["rule_id"] == "review-bonus" and body["active"] is True
    assert body["cap"] == {"count": 3, "period": "week"}
    assert body["valid_from"] == "2026-11-30T21:00:00.000000Z"
    assert body["valid_until"] is None and body["tiers"] is None
    assert body["skus"] == [] and body["multiplier"] is None
    assert api.get("/v1/program/rules/review-bonus").json == body
    listed = api.get("/v1/program/rules").json
    assert [rule["rule_id"] for rule in listed["items"]] == ["review-bonus"] and listed["next_cursor"] is None


def test_purchase_rule_with_generated_id(api):
    created = api.post("/v1/program/rules", json={
        "kind": "purchase", "multiplier": 2, "categories": ["coffee"], "min_order_amount": "100.00",
        "tiers": ["gold"]})
    assert created.status_code == 201, created.json
    assert created.json["rule_id"].startswith("rule_")
    assert created.json["multiplier"] == 2 and created.json["min_order_amount"] == "100.00"
    assert created.json["tiers"] == ["gold"]


def test_validation_errors_name_the_fields(api):
    cases = [
        ({"kind": "purchase"}, "multiplier"),
        ({"kind": "event", "points": 5}, "event_type"),
        ({"kind": "event", "event_type": "review", "points": 0}, "points"),
        ({"kind": "event", "event_type": "review", "points": 5, "multiplier": 2}, "multiplier"),
        ({"kind": "event", "event_type": "review", "points": 5, "cap": {"count": 1, "period": "fortnight"}}, "cap"),
        ({"kind": "event", "event_type": "review", "points": 5, "valid_from": "2026-12-02T00:00:00Z",
          "valid_until": "2026-12-01T00:00:00Z"}, "valid_until"),
        ({"kind": "event", "event_type": "review", "points": 5, "valid_from": "2026-12-02T00:00:00"}, "valid_from"),
        ({"kind": "purchase", "points_per_unit": 1.5, "min_order_amount": 100}, "min_order_amount"),
        ({"kind": "bonus"}, "kind"),
        ({"kind": "event", "event_type": "review", "points": 5, "rule_id": "has space"}, "rule_id"),
        ({"kind": "event", "event_type": "review", "points": 5, "colour": "red"}, "colour"),
    ]
    for body, field in cases:
        answer = api.post("/v1/program/rules", json=body)
        assert answer.status_code == 422, (body, answer.json)
        assert answer.json["code"] == "validation_error"
        assert field in answer.json["errors"], (body, answer.json)


def test_duplicate_rule_id_is_a_conflict(api):
    body = {"rule_id": "r1", "kind": "event", "event_type": "review", "points": 5}
    assert api.post("/v1/program/rules", json=body).status_code == 201
    again = api.post("/v1/program/rules", json=body)
    assert again.status_code == 409 and again.json["code"] == "rule_exists"


def test_patch_merges_and_revalidates(api):
    api.post("/v1/program/rules", json={"rule_id": "r1", "kind": "purchase", "multiplier": 2, "skus": ["A"],
                                        "cap": {"count": 1, "period": "day"}})
    changed = api.patch("/v1/program/rules/r1", json={"name": "Double A", "cap": None, "valid_until":
                                                     "2027-01-01T00:00:00Z"})
    assert changed.status_code == 200, changed.json
    assert changed.json["name"] == "Double A" and changed.json["cap"] is None
    assert changed.json["skus"] == ["A"] and changed.json["multiplier"] == 2
    both_rates = api.patch("/v1/program/rules/r1", json={"points_per_unit": 3})
    assert both_rates.status_code == 422 and "multiplier" in both_rates.json["errors"]
    switched = api.patch("/v1/program/rules/r1", json={"points_per_unit": 3, "multiplier": None})
    assert switched.status_code == 200 and switched.json["points_per_unit"] == 3
    kind = api.patch("/v1/program/rules/r1", json={"kind": "event"})
    assert kind.status_code == 422 and "kind" in kind.json["errors"]
    backwards = api.patch("/v1/program/rules/r1", json={"valid_from": "2027-02-01T00:00:00Z"})
    assert backwards.status_code == 422 and "valid_until" in backwards.json["errors"]
    assert api.get("/v1/program/rules/r1").json["points_per_unit"] == 3


def test_delete_deactivates_and_keeps_the_rule(api):
    api.post("/v1/program/rules", json={"rule_id": "r1", "kind": "event", "event_type": "review", "points": 5})
    api.post("/v1/program/rules", json={"rule_id": "r2", "kind": "event", "event_type": "review", "points": 7})
    assert api.delete("/v1/program/rules/r1").status_code == 204
    assert api.delete("/v1/program/rules/r1").status_code == 204
    assert api.get("/v1/program/rules/r1").json["active"] is False
    assert [r["rule_id"] for r in api.get("/v1/program/rules?active=true").json["items"]] == ["r2"]
    assert [r["rule_id"] for r in api.get("/v1/program/rules?active=false").json["items"]] == ["r1"]
    again = api.post("/v1/program/rules", json={"rule_id": "r1", "kind": "event", "event_type": "x", "points": 1})
    assert again.status_code == 409
    revived = api.patch("/v1/program/rules/r1", json={"active": True})
    assert revived.json["active"] is True


def test_list_pages_by_rule_id(api):
    for rule_id in ("c", "a", "b"):
        api.post("/v1/program/rules", json={"rule_id": rule_id, "kind": "event", "event_type": "x", "points": 1})
    first = api.get("/v1/program/rules?limit=2").json
    assert [r["rule_id"] for r in first["items"]] == ["a", "b"]
    second = api.get(f"/v1/program/rules?limit=2&cursor={first['next_cursor']}").json
    assert [r["rule_id"] for r in second["items"]] == ["c"] and second["next_cursor"] is None


def test_rules_need_program_admin_and_stay_in_their_program(app, api, program):
    from tests.support import make_program

    api.post("/v1/program/rules", json={"rule_id": "mine", "kind": "event", "event_type": "x", "points": 1})
    reader = api.with_token(token_for(app, scopes=["members:read", "members:write"], program_id=program.program_id))
    assert reader.get("/v1/program/rules").status_code == 403
    assert reader.post("/v1/program/rules", json={"kind": "bonus"}).status_code == 403
    other = api.with_token(make_program(app).token)
    assert other.get("/v1/program/rules/mine").status_code == 404
    assert other.patch("/v1/program/rules/mine", json={"name": "x"}).status_code == 404
    assert other.delete("/v1/program/rules/mine").status_code == 404
    assert other.get("/v1/program/rules").json["items"] == []
