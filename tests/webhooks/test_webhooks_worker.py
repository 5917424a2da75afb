"""The outbox's transactional property, several workers side by side, a killed worker,
the ``loyalty-api worker`` command, and the housekeeping job step."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

from loyalty_api.db import unit_of_work
from loyalty_api.jobs.runner import run_all
from loyalty_api.members import service as members
from tests.support import TEST_JWT_KEYS
from tests.webhooks.test_webhooks_delivery import (deliveries, emit_events, hooks, make_worker, private_app,  # noqa: F401
                                          receiver, subscribe)

ROOT = Path(__file__).resolve().parents[2]


def outbox(app, program_id) -> list[tuple[str, dict]]:
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        rows = uow.session.execute(text("SELECT type, data FROM outbox_events WHERE program_id = :p ORDER BY seq"),
                                   {"p": program_id}).all()
    return [(row.type, row.data) for row in rows]


def test_an_event_exists_exactly_when_its_change_commits(private_app, hooks, receiver):
    subscribe(hooks, receiver)
    factory = private_app.extensions["loyalty"].session_factory
    # Rolled back: neither the member nor the event exists, and nothing is delivered.
    with unit_of_work(factory) as uow:
        members.enroll(uow.session, hooks.program_id, {"member_id": "ghost"})
        assert [t for t, _ in outbox_in(uow.session, hooks.program_id)] == ["member.enrolled"]
    assert outbox(private_app, hooks.program_id) == []
    assert hooks.get("/v1/members/ghost").status_code == 404
    # Committed through the API: the member and its event, together.
    assert hooks.post("/v1/members", json={"member_id": "ann"}).status_code == 201
    [(event_type, data)] = outbox(private_app, hooks.program_id)
    assert event_type == "member.enrolled" and data["member_id"] == "ann"
    # Still open: invisible to the worker; delivered once committed.
    open_uow = unit_of_work(factory)
    uow = open_uow.__enter__()
    members.enroll(uow.session, hooks.program_id, {"member_id": "bea"})
    make_worker(private_app).run_once()
    assert [e["data"]["member_id"] for e in receiver.events(hooks.program_id)] == ["ann"]
    uow.commit()
    open_uow.__exit__(None, None, None)
    make_worker(private_app).run_once()
    assert [e["data"]["member_id"] for e in receiver.events(hooks.program_id)] == ["ann", "bea"]


def outbox_in(session, program_id):
    return session.execute(text("SELECT type, data FROM outbox_events WHERE program_id = :p"),
                           {"p": program_id}).all()


def test_workers_side_by_side_deliver_each_event_once_in_member_order(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver)
    events = [("points.earned", {"member_id": f"m{m}", "n": n}) for n in range(5) for m in range(8)]
    emit_events(private_app, hooks.program_id, events)
    # Fan out first, so that the three workers race for the same 40 due deliveries.
    make_worker(private_app).fan_out()
    workers = [make_worker(private_app, concurrency=3) for _ in range(3)]
    counts = []
    threads = [threading.Thread(target=lambda w=worker: counts.append(w.run_once())) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(c["succeeded"] for c in counts) == 40 and sum(c["lost_leases"] + c["errors"] for c in counts) == 0
    received = receiver.events(hooks.program_id)
    assert len(received) == 40
    assert max(Counter(event["id"] for event in received).values()) == 1
    for m in range(8):
        assert [e["data"]["n"] for e in received if e["data"]["member_id"] == f"m{m}"] == [0, 1, 2, 3, 4]
    log = deliveries(hooks, hook["webhook_id"])
    assert {(d["status"], d["attempts"]) for d in log} == {("succeeded", 1)} and len(log) == 40


def _worker_env(database_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "JWT_KEYS": TEST_JWT_KEYS,
            "WEBHOOK_ALLOW_PRIVATE_URLS": "true", "LOG_LEVEL": "WARNING"}


def test_a_killed_worker_loses_nothing(private_app, hooks, receiver, database_url, tmp_path):
    hook = subscribe(hooks, receiver)
    emit_events(private_app, hooks.program_id, [
        ("points.earned", {"member_id": "kim", "n": 1}), ("points.earned", {"member_id": "lee", "n": 1}),
        ("points.redeemed", {"member_id": "kim", "n": 2}), ("tier.upgraded", {"member_id": "kim", "n": 3}),
    ])
    receiver.decide = lambda record: "stall" if record["previous_arrivals"] == 0 \
        and record["json"]["data"] == {"member_id": "kim", "n": 1} else 200
    log_file = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "loyalty_api.cli", "worker", "--poll-interval", "0.2", "--concurrency", "1",
         "--timeout", "30", "--lease-seconds", "2"],
        cwd=ROOT, env=_worker_env(database_url), stdout=log_file, stderr=subprocess.STDOUT)
    try:
        assert receiver.arrived.wait(60), (tmp_path / "worker.log").read_text()
        assert receiver.events(hooks.program_id)[0]["data"] == {"member_id": "kim", "n": 1}
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    # Nothing was recorded as delivered; the stalled delivery is still claimed by the dead worker.
    before = deliveries(hooks, hook["webhook_id"])
    assert {d["status"] for d in before} == {"pending"}
    assert ("kim", "points.earned", 1) in {(d["member_id"], d["event_type"], d["attempts"]) for d in before}
    # The dead worker's 2 s lease ran out, and the backoff written at claim time
    # (30 s for a first attempt) too: a second worker a minute later takes over.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        make_worker(private_app, shift=timedelta(minutes=1)).run_once()
        if all(d["status"] == "succeeded" for d in deliveries(hooks, hook["webhook_id"])):
            break
        time.sleep(0.5)
    log = deliveries(hooks, hook["webhook_id"])
    assert sorted((d["member_id"], d["status"]) for d in log) == \
        [("kim", "succeeded")] * 3 + [("lee", "succeeded")]
    seen = [(e["data"]["member_id"], e["data"]["n"]) for e in receiver.events(hooks.program_id)]
    assert [n for who, n in seen if who == "kim"] == [1, 1, 2, 3]  # 1 twice: at least once
    assert [n for who, n in seen if who == "lee"] == [1]


def test_sigterm_finishes_the_delivery_in_flight_and_hands_back_the_rest(private_app, hooks, receiver,
                                                                          database_url, tmp_path):
    hook = subscribe(hooks, receiver)
    emit_events(private_app, hooks.program_id, [
        ("points.earned", {"member_id": "kim", "n": 1}), ("points.earned", {"member_id": "lee", "n": 1}),
        ("points.earned", {"member_id": "max", "n": 1}),
    ])
    receiver.decide = lambda record: "stall" if record["json"]["data"]["member_id"] == "kim" else 200
    log_file = (tmp_path / "worker.log").open("w")
    # The default lease (minutes): only a release makes the other deliveries due again at once.
    process = subprocess.Popen(
        [sys.executable, "-m", "loyalty_api.cli", "worker", "--poll-interval", "0.2", "--concurrency", "1"],
        cwd=ROOT, env={**_worker_env(database_url), "LOG_LEVEL": "INFO"}, stdout=log_file,
        stderr=subprocess.STDOUT)
    try:
        assert receiver.arrived.wait(60), (tmp_path / "worker.log").read_text()
        process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 30  # the delivery is still in flight while the signal lands
        while "stop requested" not in (tmp_path / "worker.log").read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        receiver.release.set()
        assert process.wait(30) == 0, (tmp_path / "worker.log").read_text()
    finally:
        if process.poll() is None:
            process.kill()
    assert receiver.ids(hooks.program_id) == [receiver.events(hooks.program_id)[0]["id"]]
    worker_log = (tmp_path / "worker.log").read_text()
    assert "succeeded" in worker_log and receiver.url not in worker_log and hook["secret"] not in worker_log
    log = {d["member_id"]: (d["status"], d["attempts"]) for d in deliveries(hooks, hook["webhook_id"])}
    assert log == {"kim": ("succeeded", 1), "lee": ("pending", 0), "max": ("pending", 0)}
    make_worker(private_app).run_once()
    assert sorted(e["data"]["member_id"] for e in receiver.events(hooks.program_id)) == ["kim", "lee", "max"]


def test_worker_command_once(private_app, hooks, receiver, database_url):
    hook = subscribe(hooks, receiver)
    emit_events(private_app, hooks.program_id, [("vip.granted", {"member_id": "v", "tier": "gold"})])
    done = subprocess.run([sys.executable, "-m", "loyalty_api.cli", "worker", "--once"], cwd=ROOT,
                          env=_worker_env(database_url), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert '"succeeded": ' in done.stdout
    assert [e["type"] for e in receiver.events(hooks.program_id)] == ["vip.granted"]
    assert [d["status"] for d in deliveries(hooks, hook["webhook_id"])] == ["succeeded"]
    assert hook["secret"] not in done.stdout + done.stderr


def test_housekeeping_prunes_old_finished_deliveries_and_keeps_the_outbox(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver)
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "n": n}) for n in range(3)])
    make_worker(private_app).run_once()
    factory = private_app.extensions["loyalty"].session_factory
    with unit_of_work(factory) as uow:
        # Age the log: one succeeded delivery and one pending one are 40 days old.
        ids = uow.session.scalars(text("SELECT delivery_id FROM webhook_deliveries WHERE program_id = :p "
                                       "ORDER BY event_seq"), {"p": hooks.program_id}).all()
        uow.session.execute(text("UPDATE webhook_deliveries SET created_at = now() - interval '40 days', "
                                 "status = CASE WHEN delivery_id = :pending THEN 'pending' ELSE status END, "
                                 "next_attempt_at = now() + interval '1 hour' "
                                 "WHERE program_id = :p AND delivery_id IN (:a, :pending)"),
                            {"p": hooks.program_id, "a": ids[0], "pending": ids[1]})
        uow.commit()
    report = run_all(factory, only=["webhooks"])["webhooks"]
    assert report["pruned_deliveries"] >= 1
    assert {"undispatched_events", "pending_deliveries", "failed_last_day"} <= set(report)
    left = {d["delivery_id"]: d["status"] for d in deliveries(hooks, hook["webhook_id"])}
    assert left == {str(ids[1]): "pending", str(ids[2]): "succeeded"}
    assert len(outbox(private_app, hooks.program_id)) == 3


def test_a_delivery_added_while_its_webhook_was_deleted_is_never_sent(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver)
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "n": 1})])
    make_worker(private_app).fan_out()
    factory = private_app.extensions["loyalty"].session_factory
    # The end state of the race: DELETE cancelled the pending deliveries, then a fan-out
    # that had read the webhook before the DELETE committed added one more.
    with unit_of_work(factory) as uow:
        uow.session.execute(text("UPDATE webhooks SET deleted_at = now() WHERE program_id = :p AND webhook_id = :w"),
                            {"p": hooks.program_id, "w": hook["webhook_id"]})
        uow.commit()
    make_worker(private_app).run_once()
    assert receiver.events(hooks.program_id) == []
    assert run_all(factory, only=["webhooks"])["webhooks"]["cancelled_orphans"] >= 1
    with unit_of_work(factory) as uow:
        statuses = uow.session.scalars(text("SELECT status FROM webhook_deliveries WHERE program_id = :p"),
                                       {"p": hooks.program_id}).all()
    assert statuses == ["cancelled"]
