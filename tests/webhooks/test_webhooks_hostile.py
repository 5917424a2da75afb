"""A hostile receiver or integrator against the worker: crashes, unparsable URLs, trickled
answers, dead workers, one program flooding the senders, a backlog older than a day."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from loyalty_api.audit.rules import OPERATOR
from loyalty_api.db import unit_of_work
from loyalty_api.webhooks import dispatch, sender, worker as worker_module
from loyalty_api.webhooks.rules import MAX_ATTEMPTS
from tests.webhooks.test_webhooks_delivery import (deliveries, emit_events, hooks, make_worker, private_app,  # noqa: F401
                                          program_caller, receiver, subscribe)


def _sql(app, statement: str, **params) -> None:
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        uow.session.execute(text(statement), params)
        uow.commit()


@pytest.fixture
def other(private_app):
    """A second program on the same app."""
    yield from program_caller(private_app)


def test_an_unparsable_stored_url_is_a_recorded_attempt_and_strands_no_one(private_app, hooks, other, receiver):
    """A URL the HTTP client cannot parse (invalid IDNA) used to raise out of the sender
    and end the worker thread, leaving the rest of its claim leased."""
    bad = subscribe(hooks, receiver)
    _sql(private_app, "UPDATE webhooks SET url = 'https://☃.net/in' WHERE webhook_id = :w", w=bad["webhook_id"])
    good = subscribe(other, receiver)
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "points": 1})])
    emit_events(private_app, other.program_id, [("points.earned", {"member_id": "n", "points": 2})])
    counts = make_worker(private_app, concurrency=1, per_program=5).run_once()
    assert counts["errors"] == 0
    [failed] = deliveries(hooks, bad["webhook_id"])
    assert (failed["status"], failed["attempts"], failed["last_error"]) == \
        ("pending", 1, "refused: The URL cannot be parsed.")
    assert [d["status"] for d in deliveries(other, good["webhook_id"])] == ["succeeded"]


def test_an_exception_while_delivering_is_that_deliverys_failure(private_app, hooks, other, receiver, monkeypatch):
    broken = subscribe(hooks, receiver)
    fine = subscribe(other, receiver)
    real = worker_module.envelope_body

    def envelope(event_id, event_type, created_at, program_id, data, livemode=True):
        if program_id == str(hooks.program_id):
            raise RuntimeError("boom")
        return real(event_id, event_type, created_at, program_id, data, livemode)

    monkeypatch.setattr(worker_module, "envelope_body", envelope)
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": f"m{n}", "n": n}) for n in range(3)])
    emit_events(private_app, other.program_id, [("points.earned", {"member_id": f"o{n}", "n": n}) for n in range(3)])
    make_worker(private_app, concurrency=1, per_program=10).run_once()
    assert {(d["status"], d["attempts"], d["last_error"]) for d in deliveries(hooks, broken["webhook_id"])} == \
        {("pending", 1, "internal: RuntimeError")}
    assert [d["status"] for d in deliveries(other, fine["webhook_id"])] == ["succeeded"] * 3


def test_an_invalid_idna_host_is_refused_at_creation(hooks):
    response = hooks.post("/v1/webhooks", json={"url": "https://☃.net/", "event_types": ["*"]})
    assert response.status_code == 422
    assert response.json["errors"]["url"] == ["The URL cannot be parsed."]


class Trickler:
    """Answers a status line, then one header byte every 50 ms for ``seconds``, then completes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/in"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.listener.accept()
        with conn:
            conn.recv(65536)
            try:
                conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                ends = time.monotonic() + self.seconds
                while time.monotonic() < ends:
                    conn.sendall(b"a")
                    time.sleep(0.05)
                conn.sendall(b"\r\nContent-Length: 0\r\n\r\n")
            except OSError:  # the sender gave up: what we want
                pass


def test_a_trickling_receiver_cannot_outlast_the_attempts_deadline():
    """Every byte arrives well within the 0.5 s read timeout; the answer takes 8 s."""
    trickler = Trickler(seconds=8)
    try:
        outcome = sender.post(trickler.url, b"{}", {}, timeout=0.5, allow_private=True)
    finally:
        trickler.listener.close()
    assert (outcome.ok, outcome.error) == (False, "timeout")


def _claim(app, program_id, worker, shift: timedelta):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        batch = dispatch.claim(uow.session, program_id, datetime.now(timezone.utc) + shift, 10, timedelta(seconds=2),
                               uuid.uuid4(), per_program=10, max_attempts=MAX_ATTEMPTS, backoffs=worker._backoffs)
        uow.commit()
    return batch


def test_an_attempt_whose_result_is_never_recorded_is_backed_off_and_capped(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver)
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "points": 1})])
    worker = make_worker(private_app)
    worker.fan_out()
    # A worker claims it and dies (nothing recorded); its 2 s lease runs out.
    assert len(_claim(private_app, hooks.program_id, worker, timedelta(0))) == 1
    assert _claim(private_app, hooks.program_id, worker, timedelta(seconds=10)) == []  # lease over, backoff (30 s) not
    assert len(_claim(private_app, hooks.program_id, worker, timedelta(minutes=1))) == 1
    # A delivery that used up its attempts that way is closed, never sent again.
    _sql(private_app, "UPDATE webhook_deliveries SET attempts = :n WHERE webhook_id = :w",
         n=MAX_ATTEMPTS, w=hook["webhook_id"])
    make_worker(private_app, shift=timedelta(days=1)).run_once()
    [log] = deliveries(hooks, hook["webhook_id"])
    assert (log["status"], log["attempts"], log["last_error"]) == ("failed", MAX_ATTEMPTS, "no result recorded")
    assert receiver.requests == []


def test_one_program_cannot_occupy_every_sender(private_app, hooks, other, receiver):
    subscribe(hooks, receiver)
    subscribe(other, receiver)
    receiver.decide = lambda record: "stall" if record["json"]["program_id"] == str(hooks.program_id) else 200
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": f"m{n}", "n": n}) for n in range(8)])
    worker = make_worker(private_app, concurrency=4, claim_size=1, per_program=2, timeout=20, deadline=20)
    worker.fan_out()
    emit_events(private_app, other.program_id, [("points.earned", {"member_id": "o", "n": 0})])
    run = threading.Thread(target=worker.run_once)
    run.start()
    try:
        waited = time.monotonic() + 10  # the programs take turns, in either order
        while (not receiver.events(other.program_id) or len(receiver.events(hooks.program_id)) < 2) \
                and time.monotonic() < waited:
            time.sleep(0.05)
        # The other program's event went through while the flooding program's stalled.
        assert len(receiver.events(other.program_id)) == 1
        assert len(receiver.events(hooks.program_id)) == 2
    finally:
        receiver.release.set()
        run.join(60)


def test_the_give_up_clock_starts_at_the_first_failure(private_app, hooks, receiver):
    """A backlog that waited two days for the worker is retried for a day from its first failure."""
    hook = subscribe(hooks, receiver)
    receiver.decide = lambda record: 503
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "points": 1})])
    make_worker(private_app).fan_out()
    make_worker(private_app, shift=timedelta(days=2), jitter=lambda: 0.5).run_once()
    [log] = deliveries(hooks, hook["webhook_id"])
    assert (log["status"], log["attempts"], log["last_status_code"]) == ("pending", 1, 503)
    make_worker(private_app, shift=timedelta(days=2, hours=12), jitter=lambda: 0.5).run_once()
    assert deliveries(hooks, hook["webhook_id"])[0]["status"] == "pending"
    make_worker(private_app, shift=timedelta(days=3, hours=1), jitter=lambda: 0.5).run_once()
    assert deliveries(hooks, hook["webhook_id"])[0]["status"] == "failed"


def test_recording_a_result_while_the_webhook_is_deleted_cannot_deadlock(private_app, hooks, receiver):
    """DELETE locks the webhook, then its pending deliveries; a result locks the
    webhook first too. (Before: the delivery row first, then the webhook: a cycle.)"""
    from loyalty_api.webhooks import service, sender as sender_module

    hook = subscribe(hooks, receiver)
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "points": 1})])
    worker = make_worker(private_app)
    worker.fan_out()
    token = uuid.uuid4()
    with unit_of_work(private_app.extensions["loyalty"].session_factory) as uow:
        [item] = dispatch.claim(uow.session, hooks.program_id, None, 1, timedelta(minutes=5), token, per_program=5,
                                max_attempts=MAX_ATTEMPTS, backoffs=worker._backoffs)
        uow.commit()
    factory = private_app.extensions["loyalty"].session_factory
    deleting = unit_of_work(factory)
    uow = deleting.__enter__()
    failures: list[BaseException] = []
    try:
        webhook = service.get_webhook(uow.session, hooks.program_id, uuid.UUID(hook["webhook_id"]), for_update=True)

        def record():
            try:
                worker._record(item, token, time.monotonic(), sender_module.Outcome(False, 500, "HTTP 500"))
            except BaseException as exc:  # noqa: BLE001 - reported below
                failures.append(exc)

        thread = threading.Thread(target=record)
        thread.start()
        time.sleep(0.5)  # the result is now waiting for a lock
        assert webhook is not None
        service.delete_webhook(uow.session, hooks.program_id, uuid.UUID(hook["webhook_id"]), actor=OPERATOR)
        uow.commit()
    finally:
        deleting.__exit__(None, None, None)
    thread.join(30)
    assert failures == []
    assert worker._counts["lost_leases"] == 1  # the delete cancelled it first: nothing recorded over it
