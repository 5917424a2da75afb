"""Programs, settings (GET/PATCH /v1/program, SPEC §2) and API clients over HTTP."""

from __future__ import annotations

import json

import pytest

from loyalty_api.programs.rules import DEFAULT_SETTINGS
from tests.support import assert_problem, token_for

MERGE_PATCH = "application/merge-patch+json"


@pytest.fixture
def platform(app, anonymous):
    return anonymous.with_token(token_for(app, scopes=["platform:admin"], program_id=None))


def _patch(api, body, content_type=MERGE_PATCH):
    return api.client.patch("/v1/program", data=json.dumps(body), content_type=content_type,
                            headers={"Authorization": f"Bearer {api.token}"})


def test_get_program_answers_every_setting_with_defaults(api, program):
    body = api.get("/v1/program").json
    assert body["program_id"] == str(program.program_id)
    assert body["name"] == "Test shop"
    assert body["currency"] == "RUB"
    for key in ("earn", "redeem", "pending_days", "expiry", "clawback", "hold_ttl_seconds", "referral",
                "timezone", "tier_policy", "tiers"):
        assert key in body, key
    assert body["earn"]["points_per_unit"] == 1
    assert body["redeem"] == {"point_value": "1.00", "min_points": 1, "max_order_share": "1"}
    assert body["expiry"] == {"mode": "none", "days": 365, "inactivity_days": None, "warn_days": 14}


@pytest.mark.parametrize("content_type", [MERGE_PATCH, "application/json"])
def test_patch_merges_nested_objects(api, content_type):
    response = _patch(api, {"redeem": {"min_points": 100}, "pending_days": 7}, content_type)
    assert response.status_code == 200, response.json
    body = response.json
    assert body["redeem"] == {"point_value": "1.00", "min_points": 100, "max_order_share": "1"}
    assert body["pending_days"] == 7
    # the patch was stored, not just echoed
    again = api.get("/v1/program").json
    assert again["redeem"]["min_points"] == 100 and again["pending_days"] == 7


def test_null_clears_back_to_the_default(api):
    _patch(api, {"redeem": {"min_points": 100, "max_order_share": "0.5"}, "pending_days": 3,
                 "expiry": {"mode": "days", "days": 30}})
    cleared = _patch(api, {"redeem": {"min_points": None}, "pending_days": None, "expiry": None})
    assert cleared.status_code == 200, cleared.json
    body = cleared.json
    assert body["redeem"] == {"point_value": "1.00", "min_points": 1, "max_order_share": "0.5"}
    assert body["pending_days"] == DEFAULT_SETTINGS["pending_days"]
    assert body["expiry"] == DEFAULT_SETTINGS["expiry"]


def test_lists_are_replaced_not_merged(api):
    _patch(api, {"earn": {"excluded_categories": ["gift_cards", "delivery"]}})
    body = _patch(api, {"earn": {"excluded_categories": ["delivery"]}}).json
    assert body["earn"]["excluded_categories"] == ["delivery"]


def test_name_can_change_but_not_currency(api):
    assert _patch(api, {"name": "Renamed"}).json["name"] == "Renamed"
    body = assert_problem(_patch(api, {"currency": "EUR"}), 422, "validation_error")
    assert "currency" in body["errors"]
    assert_problem(_patch(api, {"currency": None}), 422, "validation_error")
    assert _patch(api, {"currency": "RUB"}).status_code == 200  # no change is fine
    assert api.get("/v1/program").json["currency"] == "RUB"


@pytest.mark.parametrize("patch, field", [
    ({"pending_days": -1}, "pending_days"),
    ({"pending_days": "14"}, "pending_days"),
    ({"expiry": {"mode": "weekly"}}, "expiry"),
    ({"expiry": {"mode": "days", "days": 0}}, "expiry"),
    ({"tiers": [{"code": "gold", "name": "Gold", "threshold": 1}, 5]}, "tiers"),
    ({"redeem": {"max_order_share": "1.5"}}, "redeem"),
    ({"redeem": {"point_value": 1}}, "redeem"),
    ({"redeem": {"point_value": "-1.00"}}, "redeem"),
    ({"clawback": "maybe"}, "clawback"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"earn": {"points_per_unit": "1"}}, "earn"),
    ({"earn": {"surprise": 1}}, "earn"),
    ({"earn": 5}, "earn"),
    ({"tiers": [{"code": "gold"}]}, "tiers"),
    ({"name": ""}, "name"),
    ({"name": None}, "name"),
    ({"program_id": "x"}, "program_id"),
    ({"colour": "red"}, "colour"),
])
def test_invalid_settings_are_422_with_field_errors(api, patch, field):
    before = api.get("/v1/program").json
    body = assert_problem(_patch(api, patch), 422, "validation_error")
    assert field in body["errors"], body["errors"]
    assert api.get("/v1/program").json == before


def test_patch_body_must_be_an_object(api):
    for body in ([], "x", 5, None):
        assert_problem(_patch(api, body), 422, "validation_error")


def test_patch_refuses_other_media_types(api):
    response = api.client.patch("/v1/program", data=b"pending_days=3", content_type="text/plain",
                                headers={"Authorization": f"Bearer {api.token}"})
    assert_problem(response, 415, "unsupported_media_type")


def test_settings_need_program_admin(app, anonymous, program):
    token = token_for(app, scopes=["members:read", "members:write", "checkout"], program_id=program.program_id)
    assert_problem(anonymous.with_token(token).get("/v1/program"), 403, "forbidden")
    assert_problem(anonymous.with_token(token).patch("/v1/program", json={"pending_days": 1}), 403, "forbidden")


def test_platform_admin_creates_program_and_client(platform, anonymous):
    created = platform.post("/v1/programs", json={
        "name": "Seller 42", "currency": "EUR", "pending_days": 0,
        "redeem": {"min_points": 50}, "timezone": "Europe/Berlin"})
    assert created.status_code == 201, created.json
    program = created.json
    assert program["currency"] == "EUR" and program["timezone"] == "Europe/Berlin"
    assert program["redeem"]["min_points"] == 50 and program["redeem"]["point_value"] == "1.00"

    client = platform.post(f"/v1/programs/{program['program_id']}/clients",
                           json={"name": "storefront", "scopes": ["checkout", "members:read"]})
    assert client.status_code == 201, client.json
    assert client.json["scopes"] == ["checkout", "members:read"]
    assert client.json["program_id"] == program["program_id"]
    secret = client.json["client_secret"]

    token = anonymous.post("/v1/auth/token", json={
        "grant_type": "client_credentials", "client_id": client.json["client_id"], "client_secret": secret})
    assert token.status_code == 200
    assert token.json["scope"] == "checkout members:read"


def test_client_secret_is_stored_hashed(app, platform):
    from loyalty_api.db import unit_of_work
    from loyalty_api.programs.models import ApiClient

    program = platform.post("/v1/programs", json={"name": "Hashed", "currency": "RUB"}).json
    client = platform.post(f"/v1/programs/{program['program_id']}/clients",
                           json={"name": "x", "scopes": ["checkout"]}).json
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        stored = uow.session.get(ApiClient, client["client_id"])
        assert client["client_secret"] not in stored.secret_hash
        assert len(stored.secret_hash) == 64


@pytest.mark.parametrize("body, field", [
    ({"name": "x", "currency": "rub"}, "currency"),
    ({"name": "x", "currency": "RUBLE"}, "currency"),
    ({"name": "", "currency": "RUB"}, "name"),
    ({"currency": "RUB"}, "name"),
    ({"name": "x", "currency": "RUB", "pending_days": -3}, "pending_days"),
    ({"name": "x", "currency": "RUB", "expiry": {"mode": "days", "days": 0}}, "expiry"),
])
def test_program_creation_is_validated(platform, body, field):
    problem = assert_problem(platform.post("/v1/programs", json=body), 422, "validation_error")
    assert field in problem["errors"]


@pytest.mark.parametrize("body, field", [
    ({"name": "x", "scopes": []}, "scopes"),
    ({"name": "x", "scopes": ["platform:admin"]}, "scopes"),
    ({"name": "x", "scopes": ["root"]}, "scopes"),
    ({"name": "x", "scopes": "checkout"}, "scopes"),
    ({"scopes": ["checkout"]}, "name"),
])
def test_client_creation_is_validated(platform, program, body, field):
    problem = assert_problem(platform.post(f"/v1/programs/{program.program_id}/clients", json=body),
                             422, "validation_error")
    assert field in problem["errors"]


def test_client_for_unknown_program_is_404(platform):
    assert_problem(platform.post("/v1/programs/00000000-0000-0000-0000-000000000001/clients",
                                 json={"name": "x", "scopes": ["checkout"]}), 404, "not_found")
    assert_problem(platform.post("/v1/programs/not-a-uuid/clients",
                                 json={"name": "x", "scopes": ["checkout"]}), 404, "not_found")
