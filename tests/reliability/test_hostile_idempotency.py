"""Hostile integrator, idempotency: a key is the caller's own; invalid requests are not stored;
erasure finds a member's stored answers by an index."""

from __future__ import annotations

import uuid

from sqlalchemy import select, text

from loyalty_api.audit.rules import OPERATOR
from loyalty_api.db import unit_of_work
from loyalty_api.idempotency import service as idempotency
from loyalty_api.idempotency.models import IdempotencyRecord
from loyalty_api.programs import service as programs
from tests.support import ApiCaller, assert_problem, make_program, token_for


def _shop(app):
    handle = make_program(app, settings={"pending_days": 0, "earn": {"points_per_unit": 0}})
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in ("bob", "carol"):
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
        assert api.post(f"/v1/members/{member_id}/adjustments",
                        json={"points": 1000, "reason": "seed"}).status_code == 201
    reward = api.post("/v1/program/rewards", json={"reward_id": "R", "name": "R", "kind": "discount_amount",
                                                   "cost_points": 300, "value": "500.00"})
    assert reward.status_code == 201, reward.json
    return handle, api


def _member_api(api, member_id):
    token = api.post(f"/v1/members/{member_id}/tokens", json={}).json["access_token"]
    return api.with_token(token)


def test_another_member_never_gets_this_members_coupon_replayed(app):
    """The issue's repro: bob and carol claim R with the same Idempotency-Key."""
    _, api = _shop(app)
    bob, carol = _member_api(api, "bob"), _member_api(api, "carol")
    mine = bob.post("/v1/me/rewards/R/claim", headers={"Idempotency-Key": "claim-R"})
    assert mine.status_code == 201, mine.json
    hers = carol.post("/v1/me/rewards/R/claim", headers={"Idempotency-Key": "claim-R"})
    assert hers.status_code == 201, hers.json
    assert "Idempotent-Replayed" not in hers.headers
    assert hers.json["member_id"] == "carol" and hers.json["code"] != mine.json["code"]
    assert api.get("/v1/members/carol/balance").json["available"] == 700
    # Bob's own retry is still a replay.
    again = bob.post("/v1/me/rewards/R/claim", headers={"Idempotency-Key": "claim-R"})
    assert again.headers["Idempotent-Replayed"] == "true" and again.json["code"] == mine.json["code"]


def test_another_client_of_the_program_never_gets_this_clients_answer(app, session_factory):
    handle, api = _shop(app)
    with unit_of_work(session_factory) as uow:
        other, _ = programs.create_client(uow.session, program_id=handle.program_id, name="pos",
                                          scopes=["members:write"], actor=OPERATOR)
        uow.commit()
    pos = api.with_token(token_for(app, scopes=["members:write"], program_id=handle.program_id,
                                   subject=other.client_id))
    key = uuid.uuid4().hex
    first = api.post("/v1/members", json={"member_id": "dan"}, headers={"Idempotency-Key": key})
    assert first.status_code == 201
    second = pos.post("/v1/members", json={"member_id": "eve"}, headers={"Idempotency-Key": key})
    assert second.status_code == 201 and second.json["member_id"] == "eve"
    assert "Idempotent-Replayed" not in second.headers


def test_invalid_requests_are_not_stored_and_a_corrected_retry_runs(app):
    _, api = _shop(app)
    cases = [  # (first attempt, its status, the corrected retry)
        (dict(json={"member_id": "bad id"}), 422, dict(json={"member_id": "fixed-422"})),
        (dict(data=b"{", content_type="application/json"), 400, dict(json={"member_id": "fixed-400"})),
        (dict(data=b"member_id=x", content_type="text/plain"), 415, dict(json={"member_id": "fixed-415"})),
    ]
    for first, status, retry in cases:
        key = uuid.uuid4().hex
        assert api.client.post("/v1/members", headers={"Authorization": f"Bearer {api.token}",
                                                       "Idempotency-Key": key}, **first).status_code == status
        fixed = api.client.post("/v1/members", headers={"Authorization": f"Bearer {api.token}",
                                                        "Idempotency-Key": key}, **retry)
        assert fixed.status_code == 201, (status, fixed.json)
        assert "Idempotent-Replayed" not in fixed.headers
    # 404: the member did not exist yet; once enrolled, the same request with the same key runs.
    key = uuid.uuid4().hex
    adjust = {"points": 5, "reason": "welcome"}
    assert_problem(api.post("/v1/members/late/adjustments", json=adjust, headers={"Idempotency-Key": key}),
                   404, "not_found")
    assert api.post("/v1/members", json={"member_id": "late"}).status_code == 201
    ran = api.post("/v1/members/late/adjustments", json=adjust, headers={"Idempotency-Key": key})
    assert ran.status_code == 201 and "Idempotent-Replayed" not in ran.headers


def test_stored_answers_name_their_member_and_erasure_drops_them(app, session_factory):
    handle, api = _shop(app)
    bob = _member_api(api, "bob")
    assert bob.post("/v1/me/rewards/R/claim", headers={"Idempotency-Key": "me-claim"}).status_code == 201
    assert api.post("/v1/members", json={"member_id": "gina", "email": "g@example.com"},
                    headers={"Idempotency-Key": "enrol-gina"}).status_code == 201
    assert api.post("/v1/members/gina/adjustments", json={"points": 5, "reason": "x"},
                    headers={"Idempotency-Key": "adjust-gina"}).status_code == 201
    with unit_of_work(session_factory) as uow:
        named = dict(uow.session.execute(select(IdempotencyRecord.key, IdempotencyRecord.member_id).where(
            IdempotencyRecord.program_id == handle.program_id,
            IdempotencyRecord.key.in_(["me-claim", "enrol-gina", "adjust-gina"]))).all())
    assert named == {"me-claim": "bob", "enrol-gina": "gina", "adjust-gina": "gina"}
    assert api.delete("/v1/members/gina").status_code == 204
    with unit_of_work(session_factory) as uow:
        left = set(uow.session.scalars(select(IdempotencyRecord.key).where(
            IdempotencyRecord.program_id == handle.program_id)))
    assert "me-claim" in left and not {"enrol-gina", "adjust-gina"} & left


def test_erasure_finds_stored_answers_by_an_index(app, session_factory, program):
    """The erasure statement can be served by an index: with sequential scans priced out,
    its plan still names no Seq Scan (a text scan of every body could not use one)."""
    with unit_of_work(session_factory) as uow:
        statement = idempotency.forget_member_statement(program.program_id, "bob")
        compiled = statement.compile(dialect=uow.session.bind.dialect, compile_kwargs={"literal_binds": True})
        uow.session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(uow.session.execute(text("EXPLAIN " + str(compiled))).scalars())
    assert "Seq Scan" not in plan, plan
    assert "ix_idempotency_keys_member" in plan, plan
