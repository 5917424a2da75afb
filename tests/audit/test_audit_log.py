"""``GET /v1/audit`` and the log's guarantees: written in the change's transaction,
append-only, never holding a secret, filtered and paged, one program's only."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from loyalty_api.audit.rules import OPERATOR
from loyalty_api.db import unit_of_work
from loyalty_api.programs import service as programs
from tests.audit_support import entries, entry_of
from tests.support import ApiCaller, assert_problem, make_program, token_for
from tests.webhooks.test_webhooks_delivery import private_app  # noqa: F401  (fixture)

MERGE_PATCH = {"Content-Type": "application/merge-patch+json"}


def _caller(app, **options):
    handle = make_program(app, **options)
    api = ApiCaller(app.test_client(), handle.token)
    api.handle = handle
    return api


def _raw_rows(app, program_id) -> list[str]:
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        return list(uow.session.scalars(text(
            "SELECT CAST(row_to_json(a) AS text) FROM audit_entries a WHERE program_id = :p"), {"p": program_id}))


def test_a_change_that_fails_after_its_entry_leaves_neither(app, monkeypatch):
    api = _caller(app, settings={"pending_days": 1})
    before = entries(api)

    def fails_after_the_change(program):
        raise RuntimeError("the answer cannot be built")

    monkeypatch.setattr(programs, "program_document", fails_after_the_change)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        assert api.patch("/v1/program", json={"pending_days": 9}, headers=MERGE_PATCH).status_code == 500
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
        monkeypatch.undo()
    assert api.get("/v1/program").json["pending_days"] == 1
    assert entries(api) == before


def test_an_entry_that_cannot_be_written_leaves_no_change(app):
    api = _caller(app, settings={"pending_days": 1})
    actor = api.handle.client_id
    factory = app.extensions["loyalty"].session_factory
    with unit_of_work(factory) as uow:  # the database refuses this client's entries, and only them
        uow.session.execute(text(f"ALTER TABLE audit_entries ADD CONSTRAINT audit_test_refuse "
                                 f"CHECK (actor <> '{actor}') NOT VALID"))
        uow.commit()
    try:
        refused = api.patch("/v1/program", json={"pending_days": 9}, headers=MERGE_PATCH)
        added = api.post("/v1/program/rules", json={"rule_id": "r", "kind": "event", "event_type": "x",
                                                    "points": 5})
    finally:
        with unit_of_work(factory) as uow:
            uow.session.execute(text("ALTER TABLE audit_entries DROP CONSTRAINT audit_test_refuse"))
            uow.commit()
    assert (refused.status_code, added.status_code) == (409, 409), (refused.json, added.json)
    assert api.get("/v1/program").json["pending_days"] == 1
    assert_problem(api.get("/v1/program/rules/r"), 404, "not_found")
    assert [e["action"] for e in entries(api)] == ["client.created"]


def test_entries_cannot_be_updated_or_deleted(app):
    api = _caller(app)
    factory = app.extensions["loyalty"].session_factory
    for statement in ("UPDATE audit_entries SET actor = 'someone else' WHERE program_id = :p",
                      "DELETE FROM audit_entries WHERE program_id = :p"):
        with unit_of_work(factory) as uow, pytest.raises(DBAPIError, match="append-only"):
            uow.session.execute(text(statement), {"p": api.handle.program_id})
    assert len(_raw_rows(app, api.handle.program_id)) == 1


def test_no_secret_and_no_personal_value_ever_reaches_the_log(private_app):  # noqa: F811
    api = _caller(private_app)
    secrets = [api.handle.client_secret]
    platform = api.with_token(token_for(private_app, scopes=["platform:admin"], program_id=None))
    secrets.append(platform.post(f"/v1/programs/{api.handle.program_id}/clients",
                                 json={"name": "pos", "scopes": ["checkout"]}).json["client_secret"])
    hook = api.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/x", "event_types": ["*"]}).json
    secrets.append(hook["secret"])
    for grace in (60, 0):
        secrets.append(api.post(f"/v1/webhooks/{hook['webhook_id']}/rotate-secret",
                                json={"grace_seconds": grace}).json["secret"])
    assert api.delete(f"/v1/webhooks/{hook['webhook_id']}").status_code == 204
    personal = {"email": "zoe.private@example.com", "phone": "+79169876543"}
    assert api.post("/v1/members", json={"member_id": "zoe", **personal}).status_code == 201
    assert api.post("/v1/members/zoe/identities", json={"type": "email", "value": "zoe.other@example.com"}
                    ).status_code == 201
    assert api.post("/v1/members/zoe/adjustments", json={"points": 5, "reason": "zoe's private complaint"}
                    ).status_code == 201
    token = api.post("/v1/members/zoe/tokens", json={}).json["access_token"]
    assert api.delete("/v1/members/zoe").status_code == 204
    written = json.dumps(entries(api)) + "".join(_raw_rows(private_app, api.handle.program_id))
    leaked = [value for value in [*secrets, token, *personal.values(), "zoe.other@example.com",
                                  "79169876543", "private complaint"] if value and value in written]
    assert leaked == []
    assert len(secrets) == 5 and all(secrets)
    assert {"client.created", "webhook.secret_rotated", "identity.attached", "member.adjusted", "member.erased"} <= {
        e["action"] for e in entries(api)}


def test_a_cursor_walk_serves_every_entry_once_newest_first(app):
    api = _caller(app)
    made = [api.post("/v1/program/rules", json={"rule_id": f"r{n}", "kind": "event", "event_type": "x",
                                                "points": n + 1}) for n in range(7)]
    pages, cursor = [], None
    while True:
        answer = api.get("/v1/audit", query_string={"limit": 3, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200
        pages.append(answer.json["items"])
        cursor = answer.json["next_cursor"]
        if cursor is None:
            break
    walked = [e for items in pages for e in items]
    assert [len(items) for items in pages] == [3, 3, 2]  # 7 rules and the set-up's client
    assert len({e["id"] for e in walked}) == 8
    assert [e["target"]["id"] for e in walked[:7]] == [f"r{n}" for n in reversed(range(7))]
    assert [e["request_id"] for e in walked[:7]] == [m.headers["X-Request-Id"] for m in reversed(made)]
    moments = [datetime.fromisoformat(e["at"]) for e in walked]
    assert moments == sorted(moments, reverse=True)


def test_filters_by_actor_action_and_time(app):
    api = _caller(app)
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        other, _ = programs.create_client(uow.session, program_id=api.handle.program_id, name="second",
                                          scopes=["program:admin"], actor=OPERATOR)
        uow.commit()
    second = api.with_token(token_for(app, scopes=["program:admin"], program_id=api.handle.program_id,
                                      subject=other.client_id))
    first_rule = api.post("/v1/program/rules", json={"rule_id": "a", "kind": "event", "event_type": "x", "points": 1})
    mine = entry_of(api, first_rule, "rule.created")
    second.post("/v1/program/rules", json={"rule_id": "b", "kind": "event", "event_type": "x", "points": 1})
    second.patch("/v1/program/rules/b", json={"points": 2})
    assert [e["target"]["id"] for e in entries(api, actor=other.client_id)] == ["b", "b"]
    assert [e["target"]["id"] for e in entries(api, action="rule.created")] == ["b", "a"]
    assert [e["action"] for e in entries(api, actor=other.client_id, action="rule.updated")] == ["rule.updated"]
    at = datetime.fromisoformat(mine["at"])
    assert mine in entries(api, **{"from": at.isoformat()})
    assert mine not in entries(api, **{"from": (at + timedelta(microseconds=1)).isoformat()})
    assert mine not in entries(api, to=at.isoformat())
    assert mine in entries(api, to=(at + timedelta(microseconds=1)).isoformat())
    assert entries(api, actor="cl_nobody") == []


@pytest.mark.parametrize("query, field", [
    ({"action": "program.exploded"}, "action"), ({"from": "yesterday"}, "from"), ({"to": "2026-01-01"}, "to"),
    ({"from": "2026-02-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"}, "to"), ({"cursor": "not-a-cursor"}, "cursor"),
    ({"limit": 0}, "limit"), ({"limit": 201}, "limit"), ({"actor": "x" * 129}, "actor"),
])
def test_bad_filters_are_refused_with_a_stable_code(api, query, field):
    problem = assert_problem(api.get("/v1/audit", query_string=query), 422, "validation_error")
    assert field in json.dumps(problem.get("errors", {})) or field == "cursor", problem


def test_another_programs_entries_never_show_and_the_log_needs_program_admin(app):
    mine, theirs = _caller(app), _caller(app)
    mine.post("/v1/program/rules", json={"rule_id": "mine", "kind": "event", "event_type": "x", "points": 1})
    theirs.post("/v1/program/rules", json={"rule_id": "theirs", "kind": "event", "event_type": "x", "points": 1})
    assert {e["target"]["id"] for e in entries(mine)} == {"mine", mine.handle.client_id}
    assert {e["target"]["id"] for e in entries(theirs)} == {"theirs", theirs.handle.client_id}
    writer = mine.with_token(token_for(app, scopes=["members:write", "members:read"],
                                       program_id=mine.handle.program_id))
    assert_problem(writer.get("/v1/audit"), 403, "forbidden")
