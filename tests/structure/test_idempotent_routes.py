"""Every authenticated POST view is ``@idempotent``, stacked under ``@authorize``; no other
view claims Idempotency-Keys.

The views are read from ``app.url_map``, so a route added later is covered without
touching this file. That a replay still needs the caller's token and scope is
``test_a_replay_still_needs_a_valid_token_and_scope`` (test_foundation_idempotency.py).
"""

from __future__ import annotations

import json
import re
import uuid

import pytest

from loyalty_api.http.auth import authorize
from loyalty_api.http.transaction import idempotent
from loyalty_api.openapi import openapi_json
from tests.support import token_for

VARIABLE = re.compile(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>")


def _views(app):
    """(method, OpenAPI path, view method) of every route of the app."""
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        view_class = getattr(view, "view_class", None)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            handler = getattr(view_class, method.lower(), None) if view_class else view
            if handler is not None:
                yield method, VARIABLE.sub(r"{\1}", rule.rule), handler


def _depth(handler, attribute: str) -> int | None:
    """How deep in the ``__wrapped__`` chain the decorator that set ``attribute`` sits.

    ``functools.wraps`` copies attributes outward, so it is the deepest layer having it."""
    depth, found = 0, None
    while handler is not None:
        if attribute in getattr(handler, "__dict__", {}):
            found = depth
        handler, depth = getattr(handler, "__wrapped__", None), depth + 1
    return found


def test_every_authenticated_post_is_idempotent_under_authorize(app):
    posts = [(path, handler) for method, path, handler in _views(app)
             if method == "POST" and _depth(handler, "required_scope") is not None]
    assert len(posts) >= 30  # the walk found the routes
    for path, handler in posts:
        idempotent_depth = _depth(handler, "idempotent")
        assert idempotent_depth is not None, f"POST {path}: add @idempotent under @authorize"
        assert idempotent_depth > _depth(handler, "required_scope"), f"POST {path}: @idempotent above @authorize"


def test_no_other_view_claims_idempotency_keys(app):
    for method, path, handler in _views(app):
        if method != "POST" or _depth(handler, "required_scope") is None:
            assert _depth(handler, "idempotent") is None, f"{method} {path} must not be @idempotent"


def test_the_document_offers_the_key_exactly_on_idempotent_views(app):
    document = json.loads(openapi_json(app))
    documented = {(method.upper(), path) for path, item in document["paths"].items()
                  for method, op in item.items() if method != "parameters"
                  and any(p.get("name") == "Idempotency-Key" for p in op.get("parameters", []))}
    idempotent_views = {(method, path) for method, path, handler in _views(app)
                        if _depth(handler, "idempotent") is not None}
    assert documented == idempotent_views


def test_idempotent_above_authorize_refuses_to_run(app):
    """The order is checked at run time too: above ``authorize`` the caller is unknown,
    and the key would be claimed (or a replay shown) before the token is checked."""

    @idempotent
    @authorize("members:write")
    def wrong_order():  # pragma: no cover - must not run
        return {"ran": True}

    token = token_for(app, scopes=["members:write"], program_id=uuid.uuid4())
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "k-1"}
    with (app.test_request_context("/v1/members", method="POST", json={}, headers=headers),
          pytest.raises(RuntimeError, match="stack it under @authorize")):
        wrong_order()
