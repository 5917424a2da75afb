"""Deliveries to a real HTTP receiver on 127.0.0.1: signatures, retries, order, redelivery, rotation.

The receiver is loopback, so these tests use an app and worker that allow private
URLs (``WEBHOOK_ALLOW_PRIVATE_URLS``); the refusal tests switch it off. The worker
takes a clock, so "a minute later" is a parameter, not a sleep.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from loyalty_api.db import unit_of_work
from loyalty_api.events.service import emit
from loyalty_api.webhooks.worker import Worker, WorkerOptions
from tests.support import ApiCaller, make_program

try:  # a dev extra; tests/webhooks/test_webhooks_standard.py skips without it
    from standardwebhooks.webhooks import Webhook as StandardWebhook, WebhookVerificationError
except ImportError:  # pragma: no cover
    StandardWebhook = None


def verified_by_standard_library(secrets: list[str], body: bytes, headers: dict) -> bool:
    """What a Standard Webhooks receiver does with its own library: any of its secrets verifies."""
    for secret in secrets:
        try:
            StandardWebhook(secret).verify(body, headers)
            return True
        except (WebhookVerificationError, ValueError):
            continue
    return False


class Receiver:
    """Records every request; ``decide(record)`` answers an HTTP status (or a status and
    headers) or "stall".

    Every delivery is verified with the ``standardwebhooks`` library against the
    secrets ``subscribe`` handed out; one that does not verify is answered 401.
    """

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.secrets: list[str] = []
        self.decide = lambda record: 200
        self.release = threading.Event()
        self.arrived = threading.Event()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                record = {"headers": dict(self.headers), "body": body, "json": json.loads(body)}
                with receiver._lock:
                    record["previous_arrivals"] = sum(
                        r["json"]["id"] == record["json"]["id"] for r in receiver.requests)
                    receiver.requests.append(record)
                record["verified"] = StandardWebhook is None or not receiver.secrets or \
                    verified_by_standard_library(receiver.secrets, body, record["headers"])
                action = receiver.decide(record) if record["verified"] else 401
                receiver.arrived.set()
                if action == "stall":
                    receiver.release.wait(30)
                    action = 200
                action, extra = action if isinstance(action, tuple) else (action, {})
                try:
                    self.send_response(action)
                    for name, value in extra.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except OSError:  # the worker gave up (timeout) or was killed
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def events(self, program_id) -> list[dict]:
        return [r["json"] for r in self.requests if r["json"]["program_id"] == str(program_id)]

    def ids(self, program_id) -> list[str]:
        return [event["id"] for event in self.events(program_id)]


@pytest.fixture
def receiver():
    server = Receiver()
    server.thread.start()
    yield server
    server.release.set()
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture(scope="module")
def private_app(app_config):
    from loyalty_api.app import create_app

    application = create_app({**app_config, "WEBHOOK_ALLOW_PRIVATE_URLS": True})
    yield application
    application.extensions["loyalty"].engine.dispose()


def program_caller(app):
    """A new program's admin caller; its webhooks are deleted at the end, so no later
    test's worker retries them."""
    handle = make_program(app)
    caller = ApiCaller(app.test_client(), handle.token)
    caller.program_id = handle.program_id
    yield caller
    for item in caller.get("/v1/webhooks?limit=200").json["items"]:
        caller.delete(f"/v1/webhooks/{item['webhook_id']}")


@pytest.fixture
def hooks(private_app):
    """A program on the private-URLs app."""
    yield from program_caller(private_app)


def make_worker(app, *, allow_private=True, shift=timedelta(0), **options) -> Worker:
    options.setdefault("timeout", 2.0)
    options.setdefault("concurrency", 2)
    return Worker(app.extensions["loyalty"].session_factory, app.extensions["loyalty"].settings,
                  WorkerOptions(allow_private=allow_private,
                                clock=(lambda: datetime.now(timezone.utc) + shift) if shift else None,
                                **options))


def subscribe(hooks, receiver, event_types=("*",)) -> dict:
    response = hooks.post("/v1/webhooks", json={"url": receiver.url, "event_types": list(event_types)})
    assert response.status_code == 201, response.json
    receiver.secrets.append(response.json["secret"])
    return response.json


def emit_events(app, program_id, events: list[tuple[str, dict]]) -> None:
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        for event_type, data in events:
            emit(uow.session, program_id, event_type, data)
        uow.commit()


def deliveries(hooks, webhook_id) -> list[dict]:
    response = hooks.get(f"/v1/webhooks/{webhook_id}/deliveries?limit=200")
    assert response.status_code == 200, response.json
    return response.json["items"]


def expected_signature(secret: str, header: str, body: bytes) -> bool:
    """The receiver's check, written out as an integrator would (see docs/webhooks.md)."""
    parts = [item.split("=", 1) for item in header.split(",")]
    timestamp = next(value for key, value in parts if key == "t")
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    fresh = abs(time.time() - int(timestamp)) < 300
    return fresh and any(hmac.compare_digest(mac, value) for key, value in parts if key == "v1")


def test_enrolment_is_delivered_signed_with_the_spec_envelope(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver, ["member.enrolled"])
    assert hook["secret"].startswith("whsec_")
    assert hooks.post("/v1/members", json={"member_id": "ann"}).status_code == 201
    counts = make_worker(private_app).run_once()
    assert counts["succeeded"] >= 1 and counts["errors"] == 0
    [request] = [r for r in receiver.requests if r["json"]["program_id"] == str(hooks.program_id)]
    event = request["json"]
    assert set(event) == {"id", "type", "created_at", "program_id", "livemode", "data"}
    assert event["livemode"] is True
    assert event["type"] == "member.enrolled" and event["data"]["member_id"] == "ann"
    assert event["created_at"].endswith("Z")
    headers = request["headers"]
    assert headers["Content-Type"] == "application/json"
    assert headers["Loyalty-Event-Id"] == event["id"]
    assert headers["Loyalty-Event-Type"] == "member.enrolled"
    assert headers["webhook-id"] == event["id"] and headers["webhook-timestamp"].isdigit()
    assert request["verified"]
    assert expected_signature(hook["secret"], headers["Loyalty-Signature"], request["body"])
    assert not expected_signature("whsec_wrong", headers["Loyalty-Signature"], request["body"])
    [log] = deliveries(hooks, hook["webhook_id"])
    assert (log["status"], log["attempts"], log["last_status_code"], log["event_id"]) == \
        ("succeeded", 1, 200, event["id"])
    assert log["delivery_id"] == headers["Loyalty-Delivery-Id"]


def test_only_subscribed_types_are_delivered(private_app, hooks, receiver):
    subscribe(hooks, receiver, ["tier.upgraded"])
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "points": 5}),
                                                 ("tier.upgraded", {"member_id": "m", "tier": "gold"})])
    make_worker(private_app).run_once()
    assert [e["type"] for e in receiver.events(hooks.program_id)] == ["tier.upgraded"]


def test_a_500_is_retried_with_backoff(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver)
    receiver.decide = lambda record: 500 if record["previous_arrivals"] == 0 else 204
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "points": 10})])
    started = datetime.now(timezone.utc)
    make_worker(private_app).run_once()
    took = datetime.now(timezone.utc) - started
    [log] = deliveries(hooks, hook["webhook_id"])
    assert (log["status"], log["attempts"], log["last_status_code"], log["last_error"]) == \
        ("pending", 1, 500, "HTTP 500")
    # The first retry waits 30 s ± 20 % from the failed attempt's answer; last_attempt_at
    # is when it was claimed, so the attempt's own duration (at most `took`) comes on top.
    retry_in = datetime.fromisoformat(log["next_attempt_at"]) - datetime.fromisoformat(log["last_attempt_at"])
    assert timedelta(seconds=24) <= retry_in <= timedelta(seconds=36) + took
    make_worker(private_app).run_once()
    assert len(receiver.events(hooks.program_id)) == 1
    make_worker(private_app, shift=timedelta(minutes=1)).run_once()
    [log] = deliveries(hooks, hook["webhook_id"])
    assert (log["status"], log["attempts"], log["last_status_code"], log["last_error"]) == \
        ("succeeded", 2, 204, None)
    first, second = receiver.requests
    assert first["body"] == second["body"]
    assert (first["headers"]["Loyalty-Delivery-Attempt"], second["headers"]["Loyalty-Delivery-Attempt"]) == ("1", "2")


def test_a_timeout_is_retried(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver)
    receiver.decide = lambda record: "stall" if record["previous_arrivals"] == 0 else 200
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "points": 10})])
    make_worker(private_app, timeout=0.5).run_once()
    [log] = deliveries(hooks, hook["webhook_id"])
    assert (log["status"], log["attempts"], log["last_status_code"], log["last_error"]) == \
        ("pending", 1, None, "timeout")
    make_worker(private_app, shift=timedelta(minutes=1)).run_once()
    [log] = deliveries(hooks, hook["webhook_id"])
    assert (log["status"], log["attempts"], log["last_status_code"]) == ("succeeded", 2, 200)


def test_a_delivery_that_keeps_failing_is_marked_failed_after_a_day(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver)
    receiver.decide = lambda record: 503
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "points": 10})])
    for hours in (0, 1, 3, 6, 12, 20, 25):  # each run finds the retry due, until the day is over
        make_worker(private_app, shift=timedelta(hours=hours), jitter=lambda: 0.5).run_once()
    [log] = deliveries(hooks, hook["webhook_id"])
    assert (log["status"], log["attempts"], log["last_status_code"]) == ("failed", 7, 503)
    make_worker(private_app, shift=timedelta(hours=30)).run_once()
    assert len(receiver.events(hooks.program_id)) == 7


def test_order_per_member_holds_across_a_failure(private_app, hooks, receiver):
    subscribe(hooks, receiver)
    emit_events(private_app, hooks.program_id, [
        ("points.earned", {"member_id": "amy", "n": 1}), ("points.earned", {"member_id": "bob", "n": 1}),
        ("points.redeemed", {"member_id": "amy", "n": 2}), ("points.earned", {"member_id": "bob", "n": 2}),
        ("tier.upgraded", {"member_id": "amy", "n": 3}),
    ])
    # Amy's first event fails once; Bob's go through meanwhile, Amy's later ones wait.
    receiver.decide = lambda record: 500 if record["json"]["data"] == {"member_id": "amy", "n": 1} \
        and record["previous_arrivals"] == 0 else 200
    make_worker(private_app, concurrency=3).run_once()
    seen = [(e["data"]["member_id"], e["data"]["n"]) for e in receiver.events(hooks.program_id)]
    assert sorted(seen) == [("amy", 1), ("bob", 1), ("bob", 2)]
    assert [n for who, n in seen if who == "bob"] == [1, 2]
    make_worker(private_app, concurrency=3, shift=timedelta(minutes=1)).run_once()
    seen = [(e["data"]["member_id"], e["data"]["n"]) for e in receiver.events(hooks.program_id)]
    assert [n for who, n in seen if who == "amy"] == [1, 1, 2, 3]
    assert len(seen) == 6


def test_redelivery_sends_the_same_event_again(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver)
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "points": 7})])
    make_worker(private_app).run_once()
    [original] = deliveries(hooks, hook["webhook_id"])
    path = f"/v1/webhooks/{hook['webhook_id']}/deliveries/{original['delivery_id']}/redeliver"
    again = hooks.post(path)
    assert again.status_code == 201, again.json
    assert (again.json["status"], again.json["attempts"], again.json["redelivery_of"], again.json["event_id"]) == \
        ("pending", 0, original["delivery_id"], original["event_id"])
    assert hooks.post(f"/v1/webhooks/{hook['webhook_id']}/deliveries/{again.json['delivery_id']}/redeliver"
                      ).status_code == 409  # still pending
    make_worker(private_app).run_once()
    first, second = receiver.requests
    assert first["body"] == second["body"]
    assert second["headers"]["Loyalty-Delivery-Id"] == again.json["delivery_id"]
    assert [(d["status"], d["redelivery_of"]) for d in deliveries(hooks, hook["webhook_id"])] == \
        [("succeeded", original["delivery_id"]), ("succeeded", None)]
    missing = hooks.post(f"/v1/webhooks/{hook['webhook_id']}/deliveries/{uuid.uuid4()}/redeliver")
    assert missing.status_code == 404


def test_rotation_signs_with_both_secrets_during_the_grace_period(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver)
    old = hook["secret"]
    rotated = hooks.post(f"/v1/webhooks/{hook['webhook_id']}/rotate-secret", json={"grace_seconds": 3600})
    assert rotated.status_code == 200, rotated.json
    new = rotated.json["secret"]
    receiver.secrets[:] = [new]  # the Standard Webhooks receiver knows only the new secret
    assert new != old and new.startswith("whsec_") and rotated.json["previous_secret_expires_at"]
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "points": 1})])
    make_worker(private_app).run_once()
    request = receiver.requests[-1]
    header = request["headers"]["Loyalty-Signature"]
    assert header.count(",v1=") == 2
    assert request["verified"] and len(request["headers"]["webhook-signature"].split(" ")) == 2
    assert verified_by_standard_library([old], request["body"], request["headers"])
    assert expected_signature(new, header, request["body"]) and expected_signature(old, header, request["body"])
    # Two hours later the grace period is over: only the new secret signs.
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "points": 2})])
    make_worker(private_app, shift=timedelta(hours=2)).run_once()
    request = receiver.requests[-1]
    header = request["headers"]["Loyalty-Signature"]
    assert header.count(",v1=") == 1
    assert request["verified"] and not verified_by_standard_library([old], request["body"], request["headers"])
    assert expected_signature(new, header, request["body"]) and not expected_signature(old, header, request["body"])


def test_delivery_time_check_refuses_private_addresses(private_app, hooks, receiver):
    """Created while private URLs were allowed (or the name then resolved publicly); the
    worker resolves again and refuses to connect."""
    hook = subscribe(hooks, receiver)
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "points": 1})])
    make_worker(private_app, allow_private=False).run_once()
    assert receiver.requests == []
    [log] = deliveries(hooks, hook["webhook_id"])
    assert (log["status"], log["attempts"], log["last_status_code"]) == ("pending", 1, None)
    assert log["last_error"] == "refused: The host resolves to a non-public address (127.0.0.1)."


def test_deleting_a_webhook_cancels_its_pending_deliveries(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver)
    receiver.decide = lambda record: 500
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "points": 1})])
    make_worker(private_app).run_once()
    assert hooks.delete(f"/v1/webhooks/{hook['webhook_id']}").status_code == 204
    make_worker(private_app, shift=timedelta(hours=1)).run_once()
    assert len(receiver.requests) == 1
    assert hooks.get(f"/v1/webhooks/{hook['webhook_id']}/deliveries").status_code == 404


def test_pinned_address_keeps_the_host_header():
    """The worker connects to the address it checked and sends the URL's host name."""
    from loyalty_api.webhooks import sender

    server = Receiver()
    server.thread.start()
    try:
        port = server.server.server_port

        def resolve(host, port_, type=None):
            assert host == "hooks.shop.test"
            return [(2, 1, 6, "", ("127.0.0.1", port_))]

        outcome = sender.post(f"http://hooks.shop.test:{port}/in", b'{"id":"x","program_id":"p"}', {},
                              timeout=2, allow_private=True, resolve=resolve)
        assert outcome.ok and outcome.status_code == 200
        assert server.requests[0]["headers"]["Host"] == f"hooks.shop.test:{port}"
    finally:
        server.server.shutdown()
        server.server.server_close()
