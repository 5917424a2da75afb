"""Every route needs a token except the public ones (SPEC §12).

The route list is read from ``app.url_map``, so routes added later by any feature
are covered without touching this file.
"""

from __future__ import annotations

import re
import uuid

import pytest

from tests.support import assert_problem, token_for

PUBLIC_PATHS = {"/healthz", "/readyz", "/v1/auth/token", "/openapi.json", "/metrics", "/docs"}
PUBLIC_PREFIXES = ("/docs/",)
VARIABLE = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?\w+>")
SAMPLES = {"uuid": str(uuid.UUID(int=7)), "int": "7", "path": "x/y", "string": "sample-1", "default": "sample-1"}


def _is_public(rule) -> bool:
    return rule.rule in PUBLIC_PATHS or rule.rule.startswith(PUBLIC_PREFIXES)


def _url(rule) -> str:
    """The rule with a plausible value for each variable (by converter)."""
    return VARIABLE.sub(lambda match: SAMPLES.get(match.group(1) or "default", "sample-1"), rule.rule)


def _protected_calls(app):
    calls = []
    for rule in app.url_map.iter_rules():
        if _is_public(rule):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            calls.append((method, _url(rule)))
    return calls


def test_the_walk_finds_the_foundation_routes(app):
    calls = _protected_calls(app)
    assert ("POST", "/v1/members") in calls
    assert ("GET", "/v1/members/sample-1") in calls
    assert ("PATCH", "/v1/program") in calls
    assert ("POST", f"/v1/programs/{SAMPLES['uuid']}/clients") in calls
    assert not any(path in {"/healthz", "/v1/auth/token"} for _, path in calls)


def test_every_non_public_route_answers_401_without_a_token(app):
    """Also with a body and a query that would fail validation: 401 comes first."""
    client = app.test_client()
    failures = []
    for method, path in _protected_calls(app):
        response = client.open(path + "?limit=-1&cursor=%25", method=method, data=b"[1]",
                               content_type="application/json")
        if response.status_code != 401 or response.mimetype != "application/problem+json":
            failures.append((method, path, response.status_code))
        else:
            assert response.get_json()["code"] == "unauthorized"
    assert failures == []


def test_every_non_public_route_answers_403_to_a_token_without_scopes(app):
    """A valid program token with no scope: refused before validation on every route."""
    token = token_for(app, scopes=[], program_id=uuid.uuid4())
    client = app.test_client()
    failures = []
    for method, path in _protected_calls(app):
        response = client.open(path + "?limit=-1", method=method, data=b"[1]", content_type="application/json",
                               headers={"Authorization": f"Bearer {token}"})
        if response.status_code != 403 or response.mimetype != "application/problem+json":
            failures.append((method, path, response.status_code))
    assert failures == []


def test_every_protected_view_declares_its_scope(app):
    missing = []
    for rule in app.url_map.iter_rules():
        if _is_public(rule):
            continue
        view = app.view_functions[rule.endpoint]
        view_class = getattr(view, "view_class", None)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            handler = getattr(view_class, method.lower(), None) if view_class else view
            if not getattr(handler, "required_scope", None):
                missing.append((method, rule.rule))
    assert missing == []


def test_member_tokens_reach_only_me_routes(app):
    token = token_for(app, scopes=["member"], program_id=uuid.uuid4(), token_type="member", subject="m")
    client = app.test_client()
    for method, path in _protected_calls(app):
        if path == "/v1/me" or path.startswith("/v1/me/"):
            continue
        response = client.open(path, method=method, json={}, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 403, (method, path, response.status_code)


@pytest.mark.parametrize("path", sorted(PUBLIC_PATHS - {"/v1/auth/token"}))
def test_public_routes_answer_without_a_token(anonymous, path):
    assert anonymous.get(path).status_code == 200


def test_public_token_route_needs_no_bearer(anonymous):
    assert_problem(anonymous.post("/v1/auth/token", json={"grant_type": "client_credentials"}),
                   401, "invalid_client")
