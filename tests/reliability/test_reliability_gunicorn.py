"""Under concurrent load through the deployed stack (gunicorn, 4 sync workers, the
test database): no double spend, exactly-once idempotent writes, and no secret in
the logs. Clients are a thread pool of real HTTP sessions.

Double spend, worked example: the balance is 5,000 points; 200 orders each pay
100 points with a 100.00 order (max_order_share 1, min_points 1, no earning), so
exactly 5,000 / 100 = 50 can pay and 150 get 409 insufficient_points.
"""

from __future__ import annotations

import time
import uuid

import orjson
import pytest

from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from tests.reliability_support import (
    Gunicorn,
    budget,
    http_session,
    ledger_verify,
    race,
    rows,
    scalar,
)
from tests.support import make_program, token_for

pytestmark = pytest.mark.slow

WORKERS = 4
REDEMPTIONS = int(budget(200, 1000))
AFFORDABLE = REDEMPTIONS // 4
PRICE = 100
CLIENT_THREADS = 50
FIGURES: dict[str, object] = {}


@pytest.fixture(scope="module")
def server(database_url, tmp_path_factory):
    started = time.monotonic()
    gunicorn = Gunicorn(database_url, tmp_path_factory.mktemp("reliability-gunicorn"), workers=WORKERS)
    FIGURES["boot_s"] = round(time.monotonic() - started, 1)
    yield gunicorn
    gunicorn.stop()
    print("\nreliability figures:", FIGURES)


def _program(app, server, points: int):
    handle = make_program(app, settings={"pending_days": 0, "earn": {"points_per_unit": 0},
                                         "redeem": {"point_value": "1.00", "min_points": 1, "max_order_share": "1"}})
    session = http_session(CLIENT_THREADS)
    session.headers["Authorization"] = f"Bearer {handle.token}"
    assert session.post(server.url + "/v1/members", json={"member_id": "m1"}, timeout=30).status_code == 201
    seeded = session.post(server.url + "/v1/members/m1/adjustments", json={"points": points, "reason": "seed"},
                          timeout=30)
    assert seeded.status_code == 201, seeded.text
    return handle, session


def test_concurrent_redemptions_spend_each_point_once(app, server, database_url):
    handle, session = _program(app, server, AFFORDABLE * PRICE)

    def redeem(i):
        return lambda: session.post(server.url + "/v1/orders", timeout=60, json={
            "order_id": f"o{i}", "member_id": "m1", "amount": "100.00", "currency": "RUB",
            "redeem_points": PRICE})

    started = time.monotonic()
    answers = race([redeem(i) for i in range(REDEMPTIONS)], CLIENT_THREADS)
    FIGURES["double_spend"] = {"requests": REDEMPTIONS, "seconds": round(time.monotonic() - started, 1)}

    statuses = [answer.status_code for answer in answers]
    assert statuses.count(201) == AFFORDABLE, sorted(set(statuses))
    assert statuses.count(409) == REDEMPTIONS - AFFORDABLE, [a.text for a in answers if a.status_code not in (201, 409)][:3]
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"insufficient_points"}
    assert all(a.json()["redeemed_points"] == PRICE for a in answers if a.status_code == 201)

    balance = session.get(server.url + "/v1/members/m1/balance", timeout=30).json()
    assert (balance["available"], balance["held"], balance["pending"]) == (0, 0, 0)
    # Exactly the acknowledged orders exist, each with one redeem entry of its own.
    paid = sorted(a.json()["order_id"] for a in answers if a.status_code == 201)
    assert sorted(r[0] for r in rows(database_url, "SELECT order_id FROM orders WHERE program_id = %s",
                                     handle.program_id)) == paid
    assert sorted(rows(database_url, "SELECT order_id, points FROM ledger_entries WHERE program_id = %s"
                                     " AND type = 'redeem'", handle.program_id)) == [(o, -PRICE) for o in paid]
    verified = ledger_verify(database_url, handle.program_id)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "0 mismatch(es)" in verified.stderr
    FIGURES["double_spend"].update(succeeded=statuses.count(201), refused=statuses.count(409))


def test_concurrent_duplicates_apply_once_and_replay_byte_for_byte(app, server, database_url):
    handle, session = _program(app, server, 1000)
    key = "idem-" + uuid.uuid4().hex
    url = server.url + "/v1/members/m1/adjustments"
    body = {"points": 7, "reason": "goodwill"}  # adjustments have no natural key: only the key dedups

    def send():
        return session.post(url, json=body, headers={"Idempotency-Key": key}, timeout=60)

    answers = race([send for _ in range(50)], 50)
    firsts = [a for a in answers if a.status_code == 201 and "Idempotent-Replayed" not in a.headers]
    replays = [a for a in answers if a.status_code == 201 and a.headers.get("Idempotent-Replayed") == "true"]
    in_flight = [a for a in answers if a.status_code == 409]
    assert len(firsts) == 1, [(a.status_code, a.text[:200]) for a in answers]
    assert len(firsts) + len(replays) + len(in_flight) == 50, {a.status_code for a in answers}
    assert {a.json()["code"] for a in in_flight} <= {"request_in_progress"}
    assert all(a.content == firsts[0].content for a in replays)

    retry = send()
    assert retry.status_code == 201 and retry.headers["Idempotent-Replayed"] == "true"
    assert retry.content == firsts[0].content
    assert retry.headers["Content-Type"] == firsts[0].headers["Content-Type"]

    # One effect: one adjust entry of 7 beside the seed, balance 1,007.
    assert rows(database_url, "SELECT type, points FROM ledger_entries WHERE program_id = %s ORDER BY entry_id",
                handle.program_id) == [("adjust", 1000), ("adjust", 7)]
    assert session.get(server.url + "/v1/members/m1/balance", timeout=30).json()["available"] == 1007
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:  # the CLI's check, in-process
        assert verify_ledger(uow.session, handle.program_id) == []
    FIGURES["idempotency"] = {"requests": 51, "first": 1, "replayed": len(replays) + 1,
                              "request_in_progress": len(in_flight)}


def test_client_and_webhook_secrets_are_stored_sealed_and_never_logged(app, server, database_url):
    handle = make_program(app)
    admin = token_for(app, scopes=["platform:admin"], program_id=None, subject="cl_platform_rel")
    session = http_session(4)
    secrets_seen: list[str] = []

    created = session.post(server.url + f"/v1/programs/{handle.program_id}/clients", timeout=30,
                           json={"name": "pos", "scopes": ["checkout"]},
                           headers={"Authorization": f"Bearer {admin}", "X-Request-Id": "rel-client-1"})
    assert created.status_code == 201, created.text
    client = created.json()
    secrets_seen.append(client["client_secret"])
    # The new client signs in (the secret travels in the request body) and works.
    token = session.post(server.url + "/v1/auth/token", timeout=30, data={
        "grant_type": "client_credentials", "client_id": client["client_id"],
        "client_secret": client["client_secret"]})
    assert token.status_code == 200, token.text
    secrets_seen.append(token.json()["access_token"])
    refused = session.post(server.url + "/v1/auth/token", timeout=30, json={
        "grant_type": "client_credentials", "client_id": client["client_id"],
        "client_secret": client["client_secret"] + "x"})
    assert refused.status_code == 401

    admin_headers = {"Authorization": f"Bearer {handle.token}"}
    hook = session.post(server.url + "/v1/webhooks", timeout=30, headers=admin_headers,
                        json={"url": "https://93.184.216.34/loyalty", "event_types": ["points.earned"]})
    assert hook.status_code == 201, hook.text
    secrets_seen.append(hook.json()["secret"])
    rotated = session.post(server.url + f"/v1/webhooks/{hook.json()['webhook_id']}/rotate-secret", timeout=30,
                           headers=admin_headers)
    assert rotated.status_code in (200, 201), rotated.text
    secrets_seen.append(rotated.json()["secret"])
    secrets_seen.append(handle.token)

    stored = scalar(database_url, "SELECT secret_hash FROM api_clients WHERE client_id = %s", client["client_id"])
    assert stored and client["client_secret"] not in stored
    sealed = rows(database_url, "SELECT secret_sealed, coalesce(previous_secret_sealed, '') FROM webhooks"
                                " WHERE program_id = %s", handle.program_id)
    for secret in secrets_seen[2:4]:
        assert all(secret not in column for row in sealed for column in row)

    time.sleep(0.5)  # log lines are written as the answer leaves; let the last one land
    log = server.log_text()
    lines = [orjson.loads(line) for line in log.splitlines() if line.strip()]
    assert any(line.get("request_id") == "rel-client-1" for line in lines)  # the run was logged
    for secret in secrets_seen:
        assert secret not in log
