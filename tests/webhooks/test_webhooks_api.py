"""``/v1/webhooks``: subscriptions, secrets shown once and sealed at rest, scopes, URL checks."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from loyalty_api.db import unit_of_work
from tests.support import ApiCaller, assert_problem, make_program, token_for
from tests.webhooks.test_webhooks_delivery import hooks, private_app  # noqa: F401  (fixtures)

URL = "http://127.0.0.1:9/hooks"


def test_create_answers_the_secret_once_and_stores_it_sealed(hooks):
    created = hooks.post("/v1/webhooks", json={"url": URL, "event_types": ["points.earned", "tier.upgraded"]})
    assert created.status_code == 201, created.json
    body = created.json
    assert set(body) == {"webhook_id", "url", "event_types", "created_at", "previous_secret_expires_at", "secret",
                         "status", "disabled_at", "disabled_reason"}
    assert body["status"] == "active" and body["disabled_at"] is None
    assert body["event_types"] == ["points.earned", "tier.upgraded"] and body["url"] == URL
    secret = body["secret"]
    listed = hooks.get("/v1/webhooks")
    assert listed.status_code == 200
    assert [item["webhook_id"] for item in listed.json["items"]] == [body["webhook_id"]]
    read = hooks.get(f"/v1/webhooks/{body['webhook_id']}")
    assert read.status_code == 200 and "secret" not in read.json
    assert secret not in listed.get_data(as_text=True) + read.get_data(as_text=True)
    app = hooks.client.application
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        row = uow.session.execute(text("SELECT secret_sealed, webhooks::text AS everything FROM webhooks "
                                       "WHERE program_id = :p"), {"p": hooks.program_id}).one()
    assert secret not in row.everything and row.secret_sealed.startswith("gAAAAA")  # a Fernet token


def test_list_pages_with_a_cursor_and_delete(hooks):
    ids = [hooks.post("/v1/webhooks", json={"url": URL, "event_types": ["*"]}).json["webhook_id"] for _ in range(3)]
    first = hooks.get("/v1/webhooks?limit=2").json
    second = hooks.get(f"/v1/webhooks?limit=2&cursor={first['next_cursor']}").json
    assert [w["webhook_id"] for w in first["items"] + second["items"]] == ids
    assert second["next_cursor"] is None
    assert hooks.delete(f"/v1/webhooks/{ids[1]}").status_code == 204
    assert [w["webhook_id"] for w in hooks.get("/v1/webhooks").json["items"]] == [ids[0], ids[2]]
    assert_problem(hooks.delete(f"/v1/webhooks/{ids[1]}"), 404, "not_found")
    assert_problem(hooks.get(f"/v1/webhooks/{ids[1]}/deliveries"), 404, "not_found")


def test_another_programs_webhook_is_not_found(private_app, hooks):  # noqa: F811
    created = hooks.post("/v1/webhooks", json={"url": URL, "event_types": ["*"]}).json
    other = make_program(private_app)
    stranger = ApiCaller(private_app.test_client(), other.token)
    webhook = created["webhook_id"]
    assert stranger.get("/v1/webhooks").json["items"] == []
    assert_problem(stranger.get(f"/v1/webhooks/{webhook}"), 404, "not_found")
    assert_problem(stranger.delete(f"/v1/webhooks/{webhook}"), 404, "not_found")
    assert_problem(stranger.post(f"/v1/webhooks/{webhook}/rotate-secret", json={}), 404, "not_found")
    assert_problem(stranger.get(f"/v1/webhooks/{webhook}/deliveries"), 404, "not_found")
    assert_problem(stranger.post(f"/v1/webhooks/{webhook}/deliveries/{uuid.uuid4()}/redeliver"), 404, "not_found")


def test_webhooks_need_program_admin(private_app, hooks):  # noqa: F811
    narrow = hooks.with_token(token_for(private_app, scopes=["members:read", "members:write", "checkout"],
                                        program_id=hooks.program_id))
    assert_problem(narrow.post("/v1/webhooks", json={"url": URL, "event_types": ["*"]}), 403, "forbidden")
    assert_problem(narrow.get("/v1/webhooks"), 403, "forbidden")
    assert_problem(hooks.with_token(None).get("/v1/webhooks"), 401, "unauthorized")
    # 403 comes before validation.
    assert_problem(narrow.post("/v1/webhooks", json={"url": 5}), 403, "forbidden")


@pytest.mark.parametrize("body, field", [
    ({"url": URL, "event_types": []}, "event_types"),
    ({"url": URL, "event_types": ["points.nope"]}, "event_types"),
    ({"url": URL}, "event_types"),
    ({"event_types": ["*"]}, "url"),
    ({"url": "ftp://example.com/x", "event_types": ["*"]}, "url"),
    ({"url": "https://user:pw@example.com/x", "event_types": ["*"]}, "url"),
    ({"url": "example.com/hooks", "event_types": ["*"]}, "url"),
])
def test_invalid_subscriptions_are_refused(hooks, body, field):
    problem = assert_problem(hooks.post("/v1/webhooks", json=body), 422, "validation_error")
    assert field in str(problem.get("errors")), problem


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8080/hooks", "http://localhost/hooks", "http://10.1.2.3/hooks",
    "http://169.254.169.254/latest/meta-data", "http://[::1]/hooks", "http://[::ffff:127.0.0.1]/hooks",
    "http://0.0.0.0/hooks", "https://192.168.0.10/hooks",
])
def test_private_addresses_are_refused_at_creation_when_not_allowed(api, url):
    """``api`` is the default app: WEBHOOK_ALLOW_PRIVATE_URLS is off."""
    problem = assert_problem(api.post("/v1/webhooks", json={"url": url, "event_types": ["*"]}), 422,
                             "validation_error")
    assert "non-public address" in problem["errors"]["url"][0]
    assert api.get("/v1/webhooks").json["items"] == []


def test_rotate_secret_validates_the_grace_period(hooks):
    webhook = hooks.post("/v1/webhooks", json={"url": URL, "event_types": ["*"]}).json["webhook_id"]
    assert_problem(hooks.post(f"/v1/webhooks/{webhook}/rotate-secret", json={"grace_seconds": -1}), 422,
                   "validation_error")
    now = hooks.post(f"/v1/webhooks/{webhook}/rotate-secret", json={"grace_seconds": 0})
    assert now.status_code == 200 and now.json["previous_secret_expires_at"] is None
    default = hooks.post(f"/v1/webhooks/{webhook}/rotate-secret")
    assert default.status_code == 200 and default.json["previous_secret_expires_at"] is not None
    assert default.json["secret"] != now.json["secret"]
    assert hooks.get(f"/v1/webhooks/{webhook}").json["previous_secret_expires_at"] == \
        default.json["previous_secret_expires_at"]


def test_deliveries_list_validates_its_filters(hooks):
    webhook = hooks.post("/v1/webhooks", json={"url": URL, "event_types": ["*"]}).json["webhook_id"]
    assert hooks.get(f"/v1/webhooks/{webhook}/deliveries?status=pending").json == {"items": [], "next_cursor": None}
    assert_problem(hooks.get(f"/v1/webhooks/{webhook}/deliveries?status=lost"), 422, "validation_error")
    assert_problem(hooks.get(f"/v1/webhooks/{webhook}/deliveries?cursor=@@"), 422, "validation_error")
