"""Answers that carry a secret are replayed without it: no secret rests in clear in the
idempotency store (webhook secrets, member tokens; client secrets are covered in
test_foundation_idempotency)."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from loyalty_api.idempotency.models import IdempotencyRecord
from tests.webhooks.test_webhooks_delivery import hooks, private_app  # noqa: F401  (fixtures)

URL = "http://127.0.0.1:9/hooks"


def _stored_body(app, key: str) -> bytes:
    with app.extensions["loyalty"].session_factory() as session:
        return session.scalars(select(IdempotencyRecord.response_body).where(IdempotencyRecord.key == key)).one()


def _post_twice(caller, path: str, body: dict):
    key = uuid.uuid4().hex
    first = caller.post(path, json=body, headers={"Idempotency-Key": key})
    replay = caller.post(path, json=body, headers={"Idempotency-Key": key})
    assert replay.headers["Idempotent-Replayed"] == "true"
    return key, first, replay


def test_webhook_secret_is_not_kept_for_replays(private_app, hooks):  # noqa: F811
    key, first, replay = _post_twice(hooks, "/v1/webhooks", {"url": URL, "event_types": ["*"]})
    assert first.status_code == 201 and first.json["secret"]
    assert replay.json["webhook_id"] == first.json["webhook_id"]
    assert replay.json["secret"] is None
    assert first.json["secret"].encode() not in _stored_body(private_app, key)


def test_rotated_secret_is_not_kept_for_replays(private_app, hooks):  # noqa: F811
    webhook = hooks.post("/v1/webhooks", json={"url": URL, "event_types": ["*"]}).json
    key, first, replay = _post_twice(hooks, f"/v1/webhooks/{webhook['webhook_id']}/rotate-secret", {})
    assert first.status_code == 200 and first.json["secret"]
    assert replay.json["secret"] is None
    assert first.json["secret"].encode() not in _stored_body(private_app, key)


def test_member_token_is_not_kept_for_replays(app, api):
    assert api.post("/v1/members", json={"member_id": "tok-1"}).status_code == 201
    key, first, replay = _post_twice(api, "/v1/members/tok-1/tokens", {})
    assert first.status_code == 201 and first.json["access_token"]
    assert replay.json["access_token"] is None
    assert first.json["access_token"].encode() not in _stored_body(app, key)
