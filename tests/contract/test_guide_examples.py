"""The checkout and mobile guides' examples, run against a live server of the suite in
the order they are printed, answer what the guides say (tests/guide_examples.py
explains how an example is read). A guide that drifts from the service fails here."""

from __future__ import annotations

import json
from pathlib import Path

import requests

from tests.guide_examples import ELLIPSIS, code_blocks, examples, learn, loose_json, mismatches, resolve
from tests.support import LiveServer, make_program, token_for

DOCS = Path(__file__).resolve().parents[2] / "docs"
CHECKOUT = (DOCS / "checkout-guide.md").read_text()
MOBILE = (DOCS / "mobile-guide.md").read_text()
CLIENT_SCOPES = ["checkout", "members:read", "members:write"]


def first_json_block(markdown: str):
    return json.loads(next(text for info, text in code_blocks(markdown) if info == "json"))


def run_examples(base: str, markdown: str, known: dict, tokens: dict) -> list[str]:
    failures = []
    for example in examples(markdown):
        member_route = example.path == "/v1/me" or example.path.startswith(("/v1/me/", "/v1/me?"))
        headers = {name: value for name, value in example.headers.items() if name != "Authorization"}
        token = tokens.get("member" if member_route else "client")
        if token and example.path != "/v1/auth/token":
            headers["Authorization"] = f"Bearer {token}"
        try:
            body = resolve(example.body, known)
        except KeyError as exc:
            failures.append(f"{example.method} {example.path}: cites {exc}, which no earlier answer gave")
            continue
        answer = requests.request(example.method, base + example.path, json=body, headers=headers, timeout=30)
        got = answer.json() if answer.content else None
        problems = [] if answer.status_code == example.status else \
            [f"status {answer.status_code}, documented {example.status}"]
        problems += mismatches(example.answer, got) if example.answer is not None else []
        if problems:
            failures.append(f"{example.method} {example.path}:\n  " + "\n  ".join(problems)
                            + f"\n  answer: {json.dumps(got)[:800]}")
        learn(known, got)
        if example.path == "/v1/auth/token" and answer.ok:
            tokens["client"] = got["access_token"]
        if example.path.endswith("/tokens") and answer.ok:
            tokens["member"] = got["access_token"]
    return failures


def test_the_reader_rules_of_the_examples():
    assert loose_json('{"a": 1, …}') == {"a": 1, "\u2026more": None}
    assert loose_json('{"a": …, "b": ["x", …]}') == {"a": ELLIPSIS, "b": ["x", ELLIPSIS]}
    assert mismatches(loose_json('{"a": 1, …}'), {"a": 1, "b": 2}) == []
    assert mismatches(loose_json('{"a": 1}'), {"a": 1, "b": 2}) == ["$.b: not documented (2)"]
    assert mismatches({"n": 700}, {"n": 701}) == ["$.n: 701, documented 700"]
    assert mismatches({"at": "2026-11-23T19:00:00.000000Z"}, {"at": "2027-01-01T00:00:00.000000Z"}) == []
    assert mismatches({"at": "2026-11-23T19:00:00.000000Z"}, {"at": "2027-01-01T00:00:00+00:00"}) != []
    assert mismatches(loose_json('["x", …]'), []) != []
    assert mismatches({"id": "9b1f…"}, {"id": "abc"}) == [] and mismatches({"id": "9b1f…"}, {"id": 5}) != []


def test_the_guides_examples_answer_as_documented(app):
    handle = make_program(app, settings=first_json_block(CHECKOUT), scopes=CLIENT_SCOPES)
    admin = token_for(app, scopes=["program:admin"], program_id=handle.program_id)
    assert len(examples(CHECKOUT)) >= 7 and len(examples(MOBILE)) >= 6
    with LiveServer(app) as server:
        for reward in first_json_block(MOBILE):  # the mobile guide's catalogue, set up by an administrator
            created = requests.post(server.url + "/v1/program/rewards", json=reward, timeout=30,
                                    headers={"Authorization": f"Bearer {admin}"})
            assert created.status_code == 201, created.text
        known = {"client_id": handle.client_id, "client_secret": handle.client_secret}
        tokens: dict = {}
        failures = run_examples(server.url, CHECKOUT, known, tokens)
        failures += run_examples(server.url, MOBILE, known, tokens)
        assert failures == [], "\n\n".join(failures)
        _the_mobile_guides_token_statuses_hold(server.url, tokens)


def _the_mobile_guides_token_statuses_hold(base: str, tokens: dict) -> None:
    """What the mobile guide says of blocked and erased members' tokens (prose, no example)."""
    client = {"Authorization": f"Bearer {tokens['client']}"}

    def member_token(member_id):
        return requests.post(f"{base}/v1/members/{member_id}/tokens", json={}, headers=client, timeout=30)

    for member_id in ("blocked-1", "erased-1"):
        assert requests.post(base + "/v1/members", json={"member_id": member_id}, headers=client,
                             timeout=30).status_code == 201
    blocked_token = member_token("blocked-1").json()["access_token"]
    assert requests.patch(base + "/v1/members/blocked-1", json={"status": "blocked"}, headers=client,
                          timeout=30).status_code == 200
    assert member_token("blocked-1").status_code == 403
    assert requests.get(base + "/v1/me/balance", headers={"Authorization": f"Bearer {blocked_token}"},
                        timeout=30).status_code == 403
    erased_token = member_token("erased-1").json()["access_token"]
    assert requests.delete(base + "/v1/members/erased-1", headers=client, timeout=30).status_code == 204
    assert member_token("erased-1").status_code == 404
    assert requests.get(base + "/v1/me/balance", headers={"Authorization": f"Bearer {erased_token}"},
                        timeout=30).status_code == 401
