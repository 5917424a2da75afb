"""The per-process cache of verified tokens (an optimisation from the benchmark,
docs/performance.md) must never accept a token that ``jwt.decode`` would refuse."""

from __future__ import annotations

import time

import jwt

from loyalty_api.app import create_app
from tests.support import token_for


def test_a_cached_token_is_refused_once_its_exp_has_passed(app, api, program):
    token = token_for(app, scopes=["members:read"], program_id=program.program_id, ttl_seconds=3)
    caller = api.with_token(token)
    assert caller.get("/v1/members/nobody").status_code == 404  # verified, now cached
    expires = jwt.decode(token, options={"verify_signature": False})["exp"]
    time.sleep(max(0.0, expires - time.time()) + 0.05)
    answer = caller.get("/v1/members/nobody")
    assert answer.status_code == 401
    assert answer.json["code"] == "unauthorized"


def test_a_token_cached_under_one_key_set_is_refused_under_another(app, app_config, api, program):
    token = token_for(app, scopes=["members:read"], program_id=program.program_id)
    assert api.with_token(token).get("/v1/members/nobody").status_code == 404
    other = create_app({**app_config, "JWT_KEYS": "other:" + "o" * 40})
    try:
        answer = other.test_client().get("/v1/members/nobody", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401
    finally:
        other.extensions["loyalty"].engine.dispose()
