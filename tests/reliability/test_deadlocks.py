"""Deadlocks and serialization failures (SQLSTATE 40P01, 40001).

A request that loses a deadlock runs again inside the request (at most twice, after a
short random pause); one that keeps losing answers 503 ``transaction_conflict``. And
the lock-order cycle between the burning job and a referral order (its referee, then
the referrer) is gone: the job never waits for a member while holding another.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from loyalty_api.expiry import jobs as expiry_jobs
from loyalty_api.http import problems
from loyalty_api.jobs.runner import run_all
from loyalty_api.ledger import service as ledger
from loyalty_api.members.models import Member
from tests.support import ApiCaller, make_program, service_caller

REFERRAL = {"referrer_points": 50, "referee_points": 20, "min_order_amount": "10.00", "max_rewards_per_month": None}
_LOCK = text("SELECT 1 FROM balances WHERE program_id = :p AND member_id = :m FOR UPDATE")
_DEADLOCKS = text("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")


def referral_shop(app, referrer="amy", referee="zed", **settings):
    """A referrer and her referee (the referee's id sorts after hers), both with points."""
    handle = make_program(app, settings={"pending_days": 0, "referral": REFERRAL, **settings})
    api = ApiCaller(app.test_client(), handle.token)
    call = service_caller(app, handle.program_id)
    assert api.post("/v1/members", json={"member_id": referrer}).status_code == 201
    code = call(lambda s, p: s.get(Member, (p.program_id, referrer)).referral_code)
    assert api.post("/v1/members", json={"member_id": referee, "referral_code": code}).status_code == 201
    for member_id in (referrer, referee):
        call(lambda s, p, m=member_id: ledger.credit(s, p, m, entry_type="bonus", points=10,
                                                     now=datetime.now(timezone.utc)))
    return handle, api


def deadlocks(engine) -> int:
    time.sleep(0.7)  # the statistics reach the shared counters within a second
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_stat_clear_snapshot()"))
        return int(conn.execute(_DEADLOCKS).scalar())


def in_thread(target):
    result: dict = {}
    thread = threading.Thread(target=lambda: result.update(value=target()))
    thread.start()
    return thread, result


def test_a_request_that_loses_a_deadlock_runs_again(app):
    handle, api = referral_shop(app)
    engine = app.extensions["loyalty"].engine
    with engine.connect() as other:
        # The other side waits long before checking for deadlocks, so the request is the
        # one PostgreSQL aborts (after its own deadlock_timeout of 1 s).
        other.execute(text("SET deadlock_timeout = '10s'"))
        other.execute(_LOCK, {"p": handle.program_id, "m": "amy"})
        thread, result = in_thread(lambda: api.post("/v1/orders", json={
            "order_id": "o-1", "member_id": "zed", "amount": "20.00", "currency": "RUB"}))
        time.sleep(0.5)  # the order holds zed and waits for amy
        other.execute(_LOCK, {"p": handle.program_id, "m": "zed"})  # closes the cycle; waits for the abort
        other.commit()
        thread.join(30)
    answer = result["value"]
    assert answer.status_code == 201, answer.get_data(as_text=True)
    assert api.get("/v1/members/amy/referrals").json["items"][0]["status"] == "rewarded"


def test_a_lasting_conflict_answers_503_transaction_conflict(app):
    """A real serialization failure (two serializable transactions) as the request sees it."""
    engine = app.extensions["loyalty"].engine
    program_id = make_program(app).program_id
    touch = text("UPDATE programs SET name = name WHERE program_id = :p")
    first, second = engine.connect(), engine.connect()
    try:
        for conn in (first, second):
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"))
            conn.execute(text("SELECT name FROM programs WHERE program_id = :p"), {"p": program_id}).scalar()
        first.execute(touch, {"p": program_id})
        first.commit()
        with pytest.raises(OperationalError) as failure:
            second.execute(touch, {"p": program_id})
    finally:
        second.rollback()
        first.close()
        second.close()
    assert isinstance(failure.value.orig, psycopg.errors.SerializationFailure)
    with app.test_request_context("/v1/orders", method="POST"):
        answer = problems.handle_unexpected(failure.value)
        body = answer.get_json(force=True)
        assert (answer.status_code, body["code"], body["status"]) == (503, "transaction_conflict", 503)
        assert answer.mimetype == "application/problem+json" and answer.headers["Retry-After"] == "1"


def test_the_burning_job_and_a_referral_order_never_deadlock(app, monkeypatch):
    """The interleaving that closed the cycle: the job waits for two members a batch
    skipped (busy in requests) while a referral order holds the referee and wants the
    referrer. With the job waiting for one member at a time there is no cycle."""
    monkeypatch.setattr(expiry_jobs, "WORKERS", 1)  # both members in the one share
    handle, api = referral_shop(app, expiry={"mode": "none", "inactivity_days": 1})
    engine = app.extensions["loyalty"].engine
    factory = app.extensions["loyalty"].session_factory
    before = deadlocks(engine)
    busy_amy, busy_zed = engine.connect(), engine.connect()
    busy_amy.execute(_LOCK, {"p": handle.program_id, "m": "amy"})
    busy_zed.execute(_LOCK, {"p": handle.program_id, "m": "zed"})
    later = datetime.now(timezone.utc) + timedelta(days=3)  # both members inactive by then
    job, report = in_thread(lambda: run_all(factory, now=later, only=["expiry.burn_inactive"]))
    time.sleep(1.0)  # the batch skipped both; the job waits for them
    order, answer = in_thread(lambda: api.post("/v1/orders", json={
        "order_id": "o-1", "member_id": "zed", "amount": "20.00", "currency": "RUB"}))
    time.sleep(0.5)  # the order waits for zed
    busy_zed.commit()
    time.sleep(0.5)  # the order holds zed and waits for amy, behind the job
    busy_amy.commit()
    for thread in (job, order):
        thread.join(30)
    busy_amy.close()
    busy_zed.close()
    assert answer["value"].status_code == 201, answer["value"].get_data(as_text=True)
    assert "failures" not in report["value"], report["value"]
    assert deadlocks(engine) == before


def test_burning_and_referral_orders_side_by_side_for_a_while(app):
    """Bounded (about two seconds): orders of referees and burning runs concurrently; no deadlock."""
    pairs = [referral_shop(app, referrer=f"a{n}", referee=f"z{n}", expiry={"mode": "none", "inactivity_days": 1})
             for n in range(6)]
    engine = app.extensions["loyalty"].engine
    factory = app.extensions["loyalty"].session_factory
    before = deadlocks(engine)
    stop = time.monotonic() + 2.0
    statuses: list[int] = []
    failures: list = []

    def orders(handle_api, n):
        _handle, api = handle_api
        count = 0
        while time.monotonic() < stop:
            count += 1
            statuses.append(api.post("/v1/orders", json={"order_id": f"o-{n}-{count}", "member_id": f"z{n}",
                                                         "amount": "20.00", "currency": "RUB"}).status_code)
            # Requests on the referrer too, so the job's batches skip busy members and wait for them.
            # (The burning takes the referrer's points, so a hold may find none: 409 insufficient_points.)
            hold = api.post("/v1/holds", json={"member_id": f"a{n}", "points": 1})
            if hold.status_code == 201:
                statuses.append(api.post(f"/v1/holds/{hold.json['hold_id']}/release").status_code)
            else:
                statuses.append(200 if hold.json["code"] == "insufficient_points" else hold.status_code)

    def burning():
        while time.monotonic() < stop:
            later = datetime.now(timezone.utc) + timedelta(days=3)
            failures.extend(run_all(factory, now=later, only=["expiry.burn_inactive"]).get("failures", []))

    threads = [threading.Thread(target=orders, args=(pair, n)) for n, pair in enumerate(pairs[:3])]
    threads += [threading.Thread(target=burning)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == [] and set(statuses) <= {200, 201}, (failures, set(statuses))
    assert deadlocks(engine) == before
