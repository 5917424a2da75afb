"""Members: enrolment, profile, erasure, referral codes (SPEC §5, §7)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from loyalty_api.referrals.rules import REFERRAL_ALPHABET
from tests.support import assert_problem


def test_enrol_answers_the_profile_with_a_referral_code(api):
    response = api.post("/v1/members", json={
        "member_id": "cust-1", "email": "ann@example.com", "phone": "+7 999 123-45-67",
        "birthday": "1990-05-17", "attributes": {"segment": "vip", "score": 3}})
    assert response.status_code == 201, response.json
    body = response.json
    assert body["member_id"] == "cust-1"
    assert body["email"] == "ann@example.com" and body["phone"] == "+7 999 123-45-67"
    assert body["birthday"] == "1990-05-17"
    assert body["attributes"] == {"segment": "vip", "score": 3}
    assert body["status"] == "active" and body["referred_by"] is None
    assert re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}", body["referral_code"])
    assert body["created_at"].endswith("Z")
    assert api.get("/v1/members/cust-1").json == body


def test_referral_alphabet_has_no_ambiguous_characters():
    assert not set("0O1IL") & set(REFERRAL_ALPHABET)
    assert len(set(REFERRAL_ALPHABET)) == len(REFERRAL_ALPHABET) == 31


def test_referral_codes_are_unique_within_a_program(api, app, program):
    from loyalty_api.db import unit_of_work
    from loyalty_api.members.models import Member

    codes = {api.post("/v1/members", json={"member_id": f"u{i}"}).json["referral_code"] for i in range(40)}
    assert len(codes) == 40
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        distinct = uow.session.scalar(select(func.count(func.distinct(Member.referral_code)))
                                      .where(Member.program_id == program.program_id))
    assert distinct == 40


def test_duplicate_member_is_409_member_exists(api):
    assert api.post("/v1/members", json={"member_id": "dup"}).status_code == 201
    assert_problem(api.post("/v1/members", json={"member_id": "dup", "email": "x@example.com"}),
                   409, "member_exists")
    assert api.get("/v1/members/dup").json["email"] is None


def test_enrol_with_a_referral_code_links_the_referrer(api):
    referrer = api.post("/v1/members", json={"member_id": "ref-a"}).json
    typed = referrer["referral_code"].lower()[:4] + "-" + referrer["referral_code"].lower()[4:]
    referee = api.post("/v1/members", json={"member_id": "ref-b", "referral_code": typed})
    assert referee.status_code == 201, referee.json
    assert referee.json["referred_by"] == "ref-a"


def test_unknown_referral_code_is_422(api):
    body = assert_problem(api.post("/v1/members", json={"member_id": "lonely", "referral_code": "ZZZZZZZZ"}),
                          422, "unknown_referral_code")
    assert "referral_code" in body["errors"]
    assert_problem(api.get("/v1/members/lonely"), 404, "not_found")


def test_another_programs_referral_code_is_unknown(app, api):
    from tests.support import ApiCaller, make_program

    other = ApiCaller(app.test_client(), make_program(app).token)
    code = other.post("/v1/members", json={"member_id": "elsewhere"}).json["referral_code"]
    assert_problem(api.post("/v1/members", json={"member_id": "x", "referral_code": code}),
                   422, "unknown_referral_code")


def test_patch_changes_profile_and_merges_attributes(api):
    api.post("/v1/members", json={"member_id": "pat", "email": "a@example.com", "attributes": {"a": 1, "b": 2}})
    response = api.patch("/v1/members/pat", json={"phone": "+1 555 0100", "attributes": {"b": None, "c": 3}})
    assert response.status_code == 200, response.json
    body = response.json
    assert body["email"] == "a@example.com" and body["phone"] == "+1 555 0100"
    assert body["attributes"] == {"a": 1, "c": 3}
    assert api.patch("/v1/members/pat", json={"email": None}).json["email"] is None
    assert api.patch("/v1/members/pat", json={"status": "blocked"}).json["status"] == "blocked"
    assert_problem(api.patch("/v1/members/pat", json={"status": "erased"}), 422, "validation_error")
    assert_problem(api.patch("/v1/members/pat", json={"member_id": "other"}), 422, "validation_error")


def test_blocked_members_code_does_not_work(api):
    code = api.post("/v1/members", json={"member_id": "blk"}).json["referral_code"]
    api.patch("/v1/members/blk", json={"status": "blocked"})
    assert_problem(api.post("/v1/members", json={"member_id": "blk-2", "referral_code": code}),
                   422, "unknown_referral_code")


def test_delete_erases_personal_data_and_keeps_the_row(api, app, program):
    from loyalty_api.db import unit_of_work
    from loyalty_api.idempotency.models import IdempotencyRecord
    from loyalty_api.members.models import Member

    api.post("/v1/members", json={"member_id": "gdpr", "email": "g@example.com", "phone": "+1 555 0101",
                                  "birthday": "1980-01-01", "attributes": {"name": "Gina"}},
             headers={"Idempotency-Key": "enrol-gdpr"})
    api.patch("/v1/members/gdpr", json={"email": "g2@example.com"})
    response = api.delete("/v1/members/gdpr")
    assert response.status_code == 204 and response.data == b""
    assert_problem(api.get("/v1/members/gdpr"), 404, "not_found")
    assert_problem(api.patch("/v1/members/gdpr", json={"email": "x@example.com"}), 404, "not_found")
    assert_problem(api.delete("/v1/members/gdpr"), 404, "not_found")
    # the id stays taken: the ledger still refers to it
    assert_problem(api.post("/v1/members", json={"member_id": "gdpr"}), 409, "member_exists")
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        row = uow.session.get(Member, (program.program_id, "gdpr"))
        assert (row.email, row.phone, row.birthday, row.attributes) == (None, None, None, {})
        assert row.status == "erased" and row.erased_at is not None
        # no stored idempotent answer keeps the personal data either
        leftover = uow.session.execute(
            select(func.count()).select_from(IdempotencyRecord).where(
                IdempotencyRecord.program_id == program.program_id,
                func.pg_catalog.position(IdempotencyRecord.response_body, b"g@example.com") > 0)).scalar_one()
        assert leftover == 0
    replay = api.post("/v1/members", json={"member_id": "gdpr", "email": "g@example.com", "phone": "+1 555 0101",
                                           "birthday": "1980-01-01", "attributes": {"name": "Gina"}},
                      headers={"Idempotency-Key": "enrol-gdpr"})
    assert "g@example.com" not in replay.get_data(as_text=True)


def test_erased_members_code_does_not_work(api):
    code = api.post("/v1/members", json={"member_id": "gone"}).json["referral_code"]
    api.delete("/v1/members/gone")
    assert_problem(api.post("/v1/members", json={"member_id": "gone-2", "referral_code": code}),
                   422, "unknown_referral_code")


@pytest.mark.parametrize("member_id", ["a", "A-b_c.d~e", "x" * 128, "12345"])
def test_url_safe_member_ids_are_accepted(api, member_id):
    assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
    assert api.get(f"/v1/members/{member_id}").json["member_id"] == member_id


@pytest.mark.parametrize("path_id", ["x" * 129, "a%20b", "a%00b", "%C3%BC", "a%0A"])
def test_impossible_member_ids_in_paths_are_404(api, path_id):
    for response in (api.get(f"/v1/members/{path_id}"), api.delete(f"/v1/members/{path_id}"),
                     api.patch(f"/v1/members/{path_id}", json={})):
        assert_problem(response, 404, "not_found")


def test_unknown_member_is_404(api):
    assert_problem(api.get("/v1/members/nobody"), 404, "not_found")


def test_member_routes_need_their_scopes(app, anonymous, program):
    from tests.support import token_for

    reader = anonymous.with_token(token_for(app, scopes=["members:read"], program_id=program.program_id))
    assert_problem(reader.post("/v1/members", json={"member_id": "r"}), 403, "forbidden")
    assert_problem(reader.patch("/v1/members/r", json={}), 403, "forbidden")
    assert_problem(reader.delete("/v1/members/r"), 403, "forbidden")
    assert_problem(reader.get("/v1/members/r"), 404, "not_found")


def test_enrolment_emits_an_outbox_event(api, app, program):
    from loyalty_api.db import unit_of_work
    from loyalty_api.events.models import OutboxEvent

    code = api.post("/v1/members", json={"member_id": "evt"}).json["referral_code"]
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        events = uow.session.scalars(select(OutboxEvent).where(
            OutboxEvent.program_id == program.program_id, OutboxEvent.member_id == "evt")).all()
        assert [(e.type, e.data["referral_code"]) for e in events] == [("member.enrolled", code)]


def test_concurrent_enrolments_of_one_id_give_one_201_and_one_409(app, program, database_url):
    """The second INSERT waits for the first transaction; when that commits it answers
    member_exists (not a 500 from the primary key)."""
    import threading

    import psycopg

    blocker = psycopg.connect(database_url)
    blocker.execute("INSERT INTO members (program_id, member_id, referral_code, attributes, status) "
                    "VALUES (%s, 'twin', 'TWNBLCK2', '{}', 'active')", (program.program_id,))
    results = {}

    def enrol():
        results["second"] = app.test_client().post("/v1/members", json={"member_id": "twin"},
                                                   headers={"Authorization": f"Bearer {program.token}"})

    thread = threading.Thread(target=enrol)
    thread.start()
    try:
        with psycopg.connect(database_url, autocommit=True) as watcher:
            for _ in range(200):
                if watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                   "AND query LIKE 'INSERT INTO members%%'").fetchone()[0]:
                    break
                __import__("time").sleep(0.02)
    finally:
        blocker.commit()
        blocker.close()
        thread.join(timeout=30)
    assert_problem(results["second"], 409, "member_exists")
