"""Idempotency-Key on POST (SPEC §12): replay, conflict, concurrency, scope, purge."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

import psycopg
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from loyalty_api.idempotency.models import IdempotencyRecord
from loyalty_api.members.models import Member
from tests.support import ApiCaller, assert_problem, make_program, token_for


def _key() -> str:
    return uuid.uuid4().hex


def test_first_answer_is_replayed_byte_for_byte(api):
    key = _key()
    first = api.post("/v1/members", json={"member_id": "idem-1", "email": "i@example.com"},
                     headers={"Idempotency-Key": key})
    assert first.status_code == 201
    assert "Idempotent-Replayed" not in first.headers
    # same body, other spacing and key order: the same request
    again = api.client.post("/v1/members", data=b'{ "email" : "i@example.com", "member_id":"idem-1" }',
                            content_type="application/json",
                            headers={"Authorization": f"Bearer {api.token}", "Idempotency-Key": key})
    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.data == first.data
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert again.headers["X-Request-Id"] != first.headers["X-Request-Id"]


def test_without_a_key_a_repeat_is_a_new_request(api):
    assert api.post("/v1/members", json={"member_id": "nokey"}).status_code == 201
    assert_problem(api.post("/v1/members", json={"member_id": "nokey"}), 409, "member_exists")


def test_same_key_with_another_body_is_422(api):
    key = _key()
    api.post("/v1/members", json={"member_id": "idem-2"}, headers={"Idempotency-Key": key})
    body = assert_problem(api.post("/v1/members", json={"member_id": "idem-3"}, headers={"Idempotency-Key": key}),
                          422, "idempotency_conflict")
    assert "different" in body["detail"]
    assert_problem(api.get("/v1/members/idem-3"), 404, "not_found")


def test_the_query_string_is_part_of_the_request(api):
    key = _key()
    api.post("/v1/members?source=a", json={"member_id": "idem-q"}, headers={"Idempotency-Key": key})
    assert_problem(api.post("/v1/members?source=b", json={"member_id": "idem-q"}, headers={"Idempotency-Key": key}),
                   422, "idempotency_conflict")


def test_invalid_requests_are_not_stored(api):
    """A 422 changed nothing: a retry with the same key runs again (and may be corrected)."""
    key = _key()
    first = api.post("/v1/members", json={"member_id": "bad id"}, headers={"Idempotency-Key": key})
    assert_problem(first, 422, "validation_error")
    again = api.post("/v1/members", json={"member_id": "bad id"}, headers={"Idempotency-Key": key})
    assert_problem(again, 422, "validation_error")
    assert "Idempotent-Replayed" not in again.headers


def test_answers_of_the_moment_are_not_stored(api):
    """409 member_exists depends on the state, not on the request: a retry runs again."""
    api.post("/v1/members", json={"member_id": "moment"})
    key = _key()
    assert_problem(api.post("/v1/members", json={"member_id": "moment"}, headers={"Idempotency-Key": key}),
                   409, "member_exists")
    retry = api.post("/v1/members", json={"member_id": "moment"}, headers={"Idempotency-Key": key})
    assert "Idempotent-Replayed" not in retry.headers


def test_keys_are_scoped_per_program_and_path(app, api):
    key = _key()
    assert api.post("/v1/members", json={"member_id": "scoped"}, headers={"Idempotency-Key": key}).status_code == 201
    other = ApiCaller(app.test_client(), make_program(app).token)
    elsewhere = other.post("/v1/members", json={"member_id": "scoped"}, headers={"Idempotency-Key": key})
    assert elsewhere.status_code == 201 and "Idempotent-Replayed" not in elsewhere.headers
    platform = ApiCaller(app.test_client(), token_for(app, scopes=["platform:admin"], program_id=None))
    created = platform.post("/v1/programs", json={"name": "k", "currency": "RUB"}, headers={"Idempotency-Key": key})
    assert created.status_code == 201 and "Idempotent-Replayed" not in created.headers
    replayed = platform.post("/v1/programs", json={"name": "k", "currency": "RUB"}, headers={"Idempotency-Key": key})
    assert replayed.headers["Idempotent-Replayed"] == "true"
    assert replayed.json["program_id"] == created.json["program_id"]


def test_the_key_is_recorded_in_the_same_transaction_as_the_change(app, api, program):
    """A failing commit leaves neither the member nor the record behind."""
    key = _key()
    with app.extensions["loyalty"].session_factory() as session:
        assert session.get(IdempotencyRecord, (program.program_id, program.client_id, key, "POST",
                                               "/v1/members")) is None
    api.post("/v1/members", json={"member_id": "same-tx"}, headers={"Idempotency-Key": key})
    with app.extensions["loyalty"].session_factory() as session:
        record = session.get(IdempotencyRecord, (program.program_id, program.client_id, key, "POST",
                                                 "/v1/members"))
        assert record.response_status == 201
        assert b'"member_id":"same-tx"' in record.response_body


@pytest.mark.parametrize("failure, status, code", [
    (lambda: OperationalError("INSERT INTO idempotency_records", {}, Exception("connection lost")), 503,
     "unavailable"),
    (lambda: IntegrityError("INSERT INTO idempotency_records", {}, Exception("duplicate key")), 409, "conflict"),
])
def test_a_failure_after_the_handler_leaves_neither_the_change_nor_the_record(app, api, program, monkeypatch,
                                                                              failure, status, code):
    """The view has inserted the member and the record is written into the same session;
    then the step fails before the commit: both roll back together, and the same key
    runs the request afresh afterwards."""
    from loyalty_api.http import transaction
    key = _key()
    real_store = transaction.idempotency.store
    stored = []

    def store_then_fail(session, *args, **kwargs):
        real_store(session, *args, **kwargs)
        session.flush()  # the record really reached the database, inside the transaction
        stored.append(args[0])
        raise failure()

    monkeypatch.setattr(transaction.idempotency, "store", store_then_fail)
    assert_problem(api.post("/v1/members", json={"member_id": "half-done"}, headers={"Idempotency-Key": key}),
                   status, code)
    assert len(stored) == 1  # the failure came after the handler and the record
    record_key = (program.program_id, program.client_id, key, "POST", "/v1/members")
    with app.extensions["loyalty"].session_factory() as session:
        assert session.get(IdempotencyRecord, record_key) is None
        assert session.execute(select(func.count()).select_from(Member).where(
            Member.program_id == program.program_id, Member.member_id == "half-done")).scalar() == 0
    monkeypatch.setattr(transaction.idempotency, "store", real_store)
    again = api.post("/v1/members", json={"member_id": "half-done"}, headers={"Idempotency-Key": key})
    assert again.status_code == 201 and "Idempotent-Replayed" not in again.headers
    with app.extensions["loyalty"].session_factory() as session:
        assert session.get(IdempotencyRecord, record_key).response_status == 201


def test_a_replay_still_needs_a_valid_token_and_scope(app, api, anonymous, program):
    key = _key()
    api.post("/v1/members", json={"member_id": "guarded"}, headers={"Idempotency-Key": key})
    assert_problem(anonymous.post("/v1/members", json={"member_id": "guarded"}, headers={"Idempotency-Key": key}),
                   401, "unauthorized")
    reader = anonymous.with_token(token_for(app, scopes=["members:read"], program_id=program.program_id))
    assert_problem(reader.post("/v1/members", json={"member_id": "guarded"}, headers={"Idempotency-Key": key}),
                   403, "forbidden")


@pytest.mark.parametrize("key", ["", "k" * 256])
def test_key_length_is_checked(api, key):
    body = assert_problem(api.post("/v1/members", json={"member_id": "len"}, headers={"Idempotency-Key": key}),
                          422, "validation_error")
    assert "Idempotency-Key" in body["errors"]


def test_concurrent_duplicate_is_409_request_in_progress(app, program, database_url):
    """Real threads: the first request is held inside its transaction (its INSERT waits
    on a row another connection inserted and has not committed), the duplicate arrives."""
    key = _key()
    body = {"member_id": "racer"}
    headers = {"Authorization": f"Bearer {program.token}", "Idempotency-Key": key}
    blocker = psycopg.connect(database_url)
    blocker.execute("INSERT INTO members (program_id, member_id, referral_code, attributes, status) "
                    "VALUES (%s, 'racer', 'BLOCKER2', '{}', 'active')", (program.program_id,))
    results: dict[str, object] = {}

    def first():
        results["first"] = app.test_client().post("/v1/members", json=body, headers=headers)

    thread = threading.Thread(target=first)
    thread.start()
    try:
        _wait_until_waiting_on_a_lock(database_url)
        duplicate = app.test_client().post("/v1/members", json=body, headers=headers)
        assert_problem(duplicate, 409, "request_in_progress")
        other_body = app.test_client().post("/v1/members", json={"member_id": "racer", "email": "e@example.com"},
                                            headers=headers)
        assert_problem(other_body, 409, "request_in_progress")
    finally:
        blocker.rollback()  # the first request may now insert
        blocker.close()
        thread.join(timeout=30)
    assert results["first"].status_code == 201, results["first"].json
    replay = app.test_client().post("/v1/members", json=body, headers=headers)
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.data == results["first"].data


def _wait_until_waiting_on_a_lock(database_url: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        # On a Citus cluster the INSERT waits on the worker that holds the member's shard
        # (``INSERT INTO public.members_102008 …``): citus_stat_activity sees every node.
        citus = conn.execute("SELECT to_regclass('citus_stat_activity') IS NOT NULL").fetchone()[0]
        activity, insert = ("citus_stat_activity", "INSERT INTO public.members%%") if citus else \
            ("pg_stat_activity", "INSERT INTO members%%")
        for _ in range(200):
            waiting = conn.execute(f"SELECT count(*) FROM {activity} WHERE datname = current_database() "
                                   f"AND wait_event_type = 'Lock' AND query LIKE '{insert}'").fetchone()[0]
            if waiting:
                return
            time.sleep(0.02)
    raise AssertionError("the first request never reached its INSERT")


def test_a_held_key_lock_answers_request_in_progress(app, api, program, database_url):
    """The same, holding the key's advisory lock from a separate connection."""
    from loyalty_api.idempotency.service import Scope, lock_name

    key = _key()
    name = lock_name(Scope(program.program_id, program.client_id, key, "POST", "/v1/members"))
    with psycopg.connect(database_url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (name,))
        assert_problem(api.post("/v1/members", json={"member_id": "held"}, headers={"Idempotency-Key": key}),
                       409, "request_in_progress")
        # released explicitly: a closing backend lets go of its locks only a moment later
        holder.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (name,))
    assert api.post("/v1/members", json={"member_id": "held"}, headers={"Idempotency-Key": key}).status_code == 201


def test_purge_job_deletes_only_records_older_than_the_ttl(app, api, program, monkeypatch):
    from loyalty_api.jobs.runner import run_all

    monkeypatch.setenv("IDEMPOTENCY_KEY_TTL_HOURS", "48")
    keys = [_key() for _ in range(5)]
    for index, key in enumerate(keys):
        api.post("/v1/members", json={"member_id": f"purge-{index}"}, headers={"Idempotency-Key": key})
    now = datetime.now(timezone.utc)
    ages = [timedelta(hours=72), timedelta(hours=49), timedelta(hours=47), timedelta(hours=1), timedelta(0)]
    factory = app.extensions["loyalty"].session_factory
    with factory() as session:
        for key, age in zip(keys, ages):
            session.execute(update(IdempotencyRecord).where(
                IdempotencyRecord.program_id == program.program_id, IdempotencyRecord.key == key)
                .values(created_at=now - age))
        session.commit()
    report = run_all(factory, now=now, only=["idempotency"])
    assert report["idempotency"]["deleted"] >= 2
    with factory() as session:
        left = set(session.scalars(select(IdempotencyRecord.key).where(
            IdempotencyRecord.program_id == program.program_id, IdempotencyRecord.key.in_(keys))))
    assert left == set(keys[2:])
    # a purged key starts afresh
    fresh = api.post("/v1/members", json={"member_id": "purge-0"}, headers={"Idempotency-Key": keys[0]})
    assert_problem(fresh, 409, "member_exists")


def test_purge_works_in_batches(app, monkeypatch):
    from loyalty_api.idempotency import service
    from loyalty_api.jobs.registry import JobContext
    from loyalty_api.idempotency.jobs import purge_idempotency_keys

    factory = app.extensions["loyalty"].session_factory
    scope = uuid.uuid4()
    old = datetime.now(timezone.utc) - timedelta(days=30)
    with factory() as session:
        for index in range(7):
            service.store(session, service.Scope(scope, "cl_x", f"k{index}", "POST", "/v1/x"), None, "h", 201,
                          b"{}", "application/json")
        session.execute(update(IdempotencyRecord).where(IdempotencyRecord.program_id == scope)
                        .values(created_at=old))
        session.commit()
    calls = []
    real = service.purge_batch
    monkeypatch.setattr(service, "purge_batch", lambda *a: calls.append(real(*a)) or calls[-1])
    context = JobContext(session_factory=factory, now=datetime.now(timezone.utc), batch_size=3)
    purge_idempotency_keys(context)
    with factory() as session:
        assert session.scalar(select(func.count()).where(IdempotencyRecord.program_id == scope)) == 0
    assert len(calls) >= 3 and all(count <= 3 for count in calls)


def test_ttl_is_never_below_24_hours(monkeypatch):
    from loyalty_api.idempotency.jobs import ttl_hours

    monkeypatch.setenv("IDEMPOTENCY_KEY_TTL_HOURS", "1")
    assert ttl_hours() == 24
    monkeypatch.delenv("IDEMPOTENCY_KEY_TTL_HOURS")
    assert ttl_hours() == 48


def test_client_secrets_never_rest_in_the_idempotency_store(app, program):
    platform = ApiCaller(app.test_client(), token_for(app, scopes=["platform:admin"], program_id=None))
    key = _key()
    body = {"name": "with key", "scopes": ["checkout"]}
    first = platform.post(f"/v1/programs/{program.program_id}/clients", json=body, headers={"Idempotency-Key": key})
    assert first.status_code == 201 and first.json["client_secret"]
    replay = platform.post(f"/v1/programs/{program.program_id}/clients", json=body, headers={"Idempotency-Key": key})
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json["client_id"] == first.json["client_id"]
    assert replay.json["client_secret"] is None
    with app.extensions["loyalty"].session_factory() as session:
        stored = session.scalars(select(IdempotencyRecord.response_body).where(IdempotencyRecord.key == key)).one()
    assert first.json["client_secret"].encode() not in stored
