"""Standard Webhooks receivers, and the worker's decisions about a subscription: 410,
``Retry-After``, days of failures, re-enabling; the figures ``/metrics`` shows of it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from loyalty_api.db import unit_of_work
from loyalty_api.webhooks.crypto import SecretBox
from tests.webhooks.test_webhooks_delivery import (deliveries, emit_events, hooks, make_worker, private_app,  # noqa: F401
                                          receiver, subscribe, verified_by_standard_library)

standardwebhooks = pytest.importorskip("standardwebhooks", reason="the dev extra standardwebhooks is not installed")

LEGACY_SECRET = "whsec_" + "Ab-_" * 10 + "xyz"  # the earlier form: 43 URL-safe characters


def _webhook(hooks, webhook_id) -> dict:
    response = hooks.get(f"/v1/webhooks/{webhook_id}")
    assert response.status_code == 200, response.json
    return response.json


def test_new_secrets_are_standard_and_every_delivery_verifies(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver)
    assert re.fullmatch(r"whsec_[A-Za-z0-9+/]{43}=", hook["secret"])
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "n": n}) for n in range(3)])
    make_worker(private_app).run_once()
    assert len(receiver.requests) == 3 and all(r["verified"] for r in receiver.requests)
    assert [r["headers"]["webhook-id"] for r in receiver.requests] == [r["json"]["id"] for r in receiver.requests]


def test_a_secret_of_the_earlier_form_keeps_working_through_rotation(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver)
    sealed = SecretBox(private_app.extensions["loyalty"].settings).seal(LEGACY_SECRET)
    with unit_of_work(private_app.extensions["loyalty"].session_factory) as uow:
        uow.session.execute(text("UPDATE webhooks SET secret_sealed = :s WHERE webhook_id = :w"),
                            {"s": sealed, "w": hook["webhook_id"]})
        uow.commit()
    receiver.secrets[:] = []  # an earlier receiver: checks Loyalty-Signature only
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "n": 1})])
    make_worker(private_app).run_once()
    from tests.webhooks.test_webhooks_delivery import expected_signature

    first = receiver.requests[-1]
    assert expected_signature(LEGACY_SECRET, first["headers"]["Loyalty-Signature"], first["body"])
    assert "webhook-signature" not in first["headers"]  # no standard secret yet
    rotated = hooks.post(f"/v1/webhooks/{hook['webhook_id']}/rotate-secret", json={"grace_seconds": 3600}).json
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "n": 2})])
    make_worker(private_app).run_once()
    second = receiver.requests[-1]
    assert expected_signature(LEGACY_SECRET, second["headers"]["Loyalty-Signature"], second["body"])
    assert expected_signature(rotated["secret"], second["headers"]["Loyalty-Signature"], second["body"])
    assert verified_by_standard_library([rotated["secret"]], second["body"], second["headers"])


def test_a_410_disables_the_subscription_and_tells_the_others(private_app, hooks, receiver):
    gone = subscribe(hooks, receiver, ["points.earned"])
    watcher = subscribe(hooks, receiver, ["webhook.disabled"])
    receiver.decide = lambda record: 410 if record["json"]["type"] == "points.earned" else 200
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "n": n}) for n in range(2)])
    make_worker(private_app).run_once()
    make_worker(private_app).run_once()  # fans out and delivers webhook.disabled
    state = _webhook(hooks, gone["webhook_id"])
    assert (state["status"], state["disabled_reason"]) == ("disabled", "the receiver answered 410 Gone")
    log = deliveries(hooks, gone["webhook_id"])
    assert sorted((d["status"], d["last_error"]) for d in log) == [("failed", "HTTP 410"), ("failed", "webhook disabled")]
    [notice] = [r["json"] for r in receiver.requests if r["json"]["type"] == "webhook.disabled"]
    assert notice["data"]["webhook_id"] == gone["webhook_id"] and notice["data"]["reason"].endswith("410 Gone")
    assert [d["status"] for d in deliveries(hooks, watcher["webhook_id"])] == ["succeeded"]
    # Nothing more is sent to it; re-enabled, it hears of events from then on.
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "n": 9})])
    make_worker(private_app).run_once()
    assert len(deliveries(hooks, gone["webhook_id"])) == 2
    enabled = hooks.post(f"/v1/webhooks/{gone['webhook_id']}/enable")
    assert enabled.status_code == 200 and enabled.json["status"] == "active" and enabled.json["disabled_at"] is None
    receiver.decide = lambda record: 200
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "n": 10})])
    make_worker(private_app).run_once()
    assert [e["data"]["n"] for e in receiver.events(hooks.program_id) if e["type"] == "points.earned"][-1] == 10
    assert hooks.post(f"/v1/webhooks/{gone['webhook_id']}/enable").status_code == 200  # already active: no-op


def test_retry_after_is_honoured(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver)
    receiver.decide = lambda record: (503, {"Retry-After": "3600"})
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "n": 1})])
    make_worker(private_app, jitter=lambda: 0.5).run_once()
    [log] = deliveries(hooks, hook["webhook_id"])
    wait = datetime.fromisoformat(log["next_attempt_at"]) - datetime.fromisoformat(log["last_attempt_at"])
    assert (log["status"], log["last_status_code"]) == ("pending", 503)
    assert timedelta(minutes=59) <= wait <= timedelta(minutes=61)  # not the 30 s backoff


def test_five_days_of_failures_disable_the_subscription(private_app, hooks, receiver):
    hook = subscribe(hooks, receiver, ["points.earned"])
    receiver.decide = lambda record: 500
    for day in range(6):  # an event a day, each failing every attempt
        emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": f"m{day}", "n": day})])
        make_worker(private_app, shift=timedelta(days=day, minutes=1)).run_once()
        assert _webhook(hooks, hook["webhook_id"])["status"] == ("active" if day < 5 else "disabled")
    assert _webhook(hooks, hook["webhook_id"])["disabled_reason"].startswith("every attempt failed since")


def test_metrics_show_delivery_outcomes_and_heartbeats(private_app, hooks, receiver):
    def sample(body: str, name: str, labels: str = "") -> float:
        match = re.search(rf"^{re.escape(name + labels)} (\S+)$", body, re.M)
        return float(match.group(1)) if match else 0.0

    client = private_app.test_client()
    before = client.get("/metrics").get_data(as_text=True)
    subscribe(hooks, receiver)
    receiver.decide = lambda record: 500 if record["json"]["data"]["n"] == 0 else 200
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": f"m{n}", "n": n}) for n in range(3)])
    make_worker(private_app).run_once()
    after = client.get("/metrics").get_data(as_text=True)
    for outcome, added in (("succeeded", 2), ("retrying", 1), ("failed", 0)):
        labels = f'{{outcome="{outcome}"}}'
        assert sample(after, "loyalty_webhook_deliveries_total", labels) - \
            sample(before, "loyalty_webhook_deliveries_total", labels) == added
    assert sample(after, "loyalty_webhook_worker_last_cycle_timestamp_seconds") > 0
    assert sample(after, "loyalty_webhook_oldest_undelivered_age_seconds") >= 0


def test_standard_secrets_are_redacted_whole_in_logs():
    from loyalty_api.observability.logs import redact

    assert redact("secret whsec_MfKQ9r2Zx+gcSt/WkGQ0n7vq4cUQyJkTQ2h0cNq5lWz8E= issued") == \
        "secret whsec_[redacted] issued"
