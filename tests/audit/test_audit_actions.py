"""One test per audited family: each write leaves one entry naming the calling client,
the action, the target, the request id its answer carried, and exactly what changed."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest

from loyalty_api.audit.rules import OPERATOR
from loyalty_api.db import unit_of_work
from loyalty_api.programs import service as programs
from loyalty_api.webhooks import service as webhooks
from tests.audit_support import check, entries
from tests.support import ApiCaller, make_program, token_for
from tests.imports.test_imports_api import lot, ndjson
from tests.tiers.test_tiers_ladder import LADDER
from tests.webhooks.test_webhooks_delivery import (deliveries, emit_events, make_worker, private_app,  # noqa: F401
                                          receiver, subscribe)

R = "[redacted]"
MERGE_PATCH = {"Content-Type": "application/merge-patch+json"}


@pytest.fixture
def shop(private_app):  # noqa: F811
    handle = make_program(private_app, settings={"earn": {"points_per_unit": 1}, "pending_days": 0})
    api = ApiCaller(private_app.test_client(), handle.token)
    api.handle = handle
    yield api
    for item in api.get("/v1/webhooks?limit=200").json["items"]:  # no later worker retries them
        api.delete(f"/v1/webhooks/{item['webhook_id']}")


def me(api):
    return api.handle.client_id


def test_settings_record_only_the_leaves_the_patch_moved(shop):
    answer = shop.patch("/v1/program", json={"earn": {"points_per_unit": 3}, "name": "Tea shop"},
                        headers=MERGE_PATCH)
    check(shop, answer, "program.updated", actor=me(shop), target=("program", str(shop.handle.program_id)),
          changes={"earn.points_per_unit": {"before": 1, "after": 3},
                   "name": {"before": "Test shop", "after": "Tea shop"}})


def test_tier_ladder(shop):
    answer = shop.put("/v1/program/tiers", json=LADDER)
    entry = check(shop, answer, "tier_ladder.updated", actor=me(shop),
                  target=("tier_ladder", str(shop.handle.program_id)), changes=entries(shop)[0]["changes"])
    assert [tier["code"] for tier in entry["changes"]["tiers"]["after"]] == ["silver", "ambassador", "gold"]
    assert entry["changes"]["tier_policy.retention_months"]["after"] == 6
    assert not [path for path in entry["changes"] if not path.startswith(("tiers", "tier_policy"))]


def test_rules_created_changed_and_withdrawn(shop):
    created = shop.post("/v1/program/rules", json={"rule_id": "review", "kind": "event", "event_type": "review",
                                                   "points": 500})
    entry = check(shop, created, "rule.created", actor=me(shop), target=("rule", "review"),
                  changes=entries(shop, action="rule.created")[0]["changes"])
    assert entry["changes"]["points"] == {"before": None, "after": 500}
    assert entry["changes"]["active"] == {"before": None, "after": True}
    changed = shop.patch("/v1/program/rules/review", json={"points": 700})
    check(shop, changed, "rule.updated", actor=me(shop), target=("rule", "review"),
          changes={"points": {"before": 500, "after": 700}})
    withdrawn = shop.delete("/v1/program/rules/review")
    check(shop, withdrawn, "rule.deleted", actor=me(shop), target=("rule", "review"),
          changes={"active": {"before": True, "after": False}})
    assert shop.delete("/v1/program/rules/review").status_code == 204  # already withdrawn: no change, no entry
    assert len(entries(shop, action="rule.deleted")) == 1


def test_rewards_created_changed_and_withdrawn(shop):
    created = shop.post("/v1/program/rewards", json={"reward_id": "R", "name": "R", "kind": "discount_amount",
                                                     "cost_points": 300, "value": "500.00"})
    entry = check(shop, created, "reward.created", actor=me(shop), target=("reward", "R"),
                  changes=entries(shop, action="reward.created")[0]["changes"])
    assert entry["changes"]["cost_points"] == {"before": None, "after": 300}
    changed = shop.patch("/v1/program/rewards/R", json={"cost_points": 250})
    check(shop, changed, "reward.updated", actor=me(shop), target=("reward", "R"),
          changes={"cost_points": {"before": 300, "after": 250}})
    withdrawn = shop.delete("/v1/program/rewards/R")
    check(shop, withdrawn, "reward.deleted", actor=me(shop), target=("reward", "R"),
          changes={"active": {"before": True, "after": False}})


def test_webhooks_created_rotated_enabled_deleted(private_app, shop):  # noqa: F811
    url = "http://127.0.0.1:9/hooks"
    created = shop.post("/v1/webhooks", json={"url": url, "event_types": ["points.earned"]})
    hook = created.json["webhook_id"]
    check(shop, created, "webhook.created", actor=me(shop), target=("webhook", hook),
          changes={"url": {"before": None, "after": url}, "event_types": {"before": None, "after": ["points.earned"]},
                   "secret": {"before": None, "after": R}})
    rotated = shop.post(f"/v1/webhooks/{hook}/rotate-secret", json={"grace_seconds": 0})
    check(shop, rotated, "webhook.secret_rotated", actor=me(shop), target=("webhook", hook),
          changes={"secret": {"before": R, "after": R}})
    with unit_of_work(private_app.extensions["loyalty"].session_factory) as uow:
        webhooks.disable_webhook(uow.session, shop.handle.program_id, uuid.UUID(hook), "gone",
                                 datetime.now(timezone.utc))
        uow.commit()
    enabled = shop.post(f"/v1/webhooks/{hook}/enable")
    check(shop, enabled, "webhook.enabled", actor=me(shop), target=("webhook", hook),
          changes={"status": {"before": "disabled", "after": "active"}})
    deleted = shop.delete(f"/v1/webhooks/{hook}")
    check(shop, deleted, "webhook.deleted", actor=me(shop), target=("webhook", hook),
          changes={"url": {"before": url, "after": None},
                   "event_types": {"before": ["points.earned"], "after": None}})


def test_clients_created_by_a_platform_admin_land_in_the_programs_log(private_app, shop):  # noqa: F811
    platform = shop.with_token(token_for(private_app, scopes=["platform:admin"], program_id=None,
                                         subject="cl_platform_ops"))
    created = platform.post(f"/v1/programs/{shop.handle.program_id}/clients",
                            json={"name": "pos", "scopes": ["checkout"]})
    assert created.status_code == 201, created.json
    check(shop, created, "client.created", actor="cl_platform_ops", target=("client", created.json["client_id"]),
          changes={"name": {"before": None, "after": "pos"}, "scopes": {"before": None, "after": ["checkout"]},
                   "client_secret": {"before": None, "after": R}})


def test_adjustments_name_points_and_entry_never_the_reason(shop):
    assert shop.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    adjusted = shop.post("/v1/members/m1/adjustments", json={"points": 40, "reason": "sorry for the delay"})
    check(shop, adjusted, "member.adjusted", actor=me(shop), target=("member", "m1"),
          changes={"points": {"before": None, "after": 40}, "entry_id": {"before": None, "after": adjusted.json["id"]},
                   "reason": {"before": None, "after": R}})


def test_vip_set_and_revoked(shop):
    assert shop.put("/v1/program/tiers", json=LADDER).status_code == 200
    assert shop.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    granted = shop.put("/v1/members/m1/vip", json={"tier": "gold", "reason": "press"})
    check(shop, granted, "member.vip_set", actor=me(shop), target=("member", "m1"),
          changes={"vip.tier": {"before": None, "after": "gold"}, "vip.reason": {"before": None, "after": R}})
    revoked = shop.delete("/v1/members/m1/vip")
    check(shop, revoked, "member.vip_revoked", actor=me(shop), target=("member", "m1"),
          changes={"vip.tier": {"before": "gold", "after": None}, "vip.reason": {"before": R, "after": None}})


def test_identities_attached_and_detached_by_type_never_by_value(shop):
    assert shop.post("/v1/members", json={"member_id": "ann"}).status_code == 201
    attached = shop.post("/v1/members/ann/identities", json={"type": "phone", "value": "+79161234567"})
    identity = {"identity.type": {"before": None, "after": "phone"}, "identity.value": {"before": None, "after": R}}
    check(shop, attached, "identity.attached", actor=me(shop), target=("member", "ann"), changes=identity)
    again = shop.post("/v1/members/ann/identities", json={"type": "phone", "value": "+79161234567"})
    assert again.status_code == 200 and len(entries(shop, action="identity.attached")) == 1  # nothing changed
    detached = shop.delete("/v1/members/ann/identities/phone/+79161234567")
    check(shop, detached, "identity.detached", actor=me(shop), target=("member", "ann"),
          changes={path: {"before": side["after"], "after": None} for path, side in identity.items()})


def test_merges(shop):
    for member_id in ("main", "dup"):
        assert shop.post("/v1/members", json={"member_id": member_id}).status_code == 201
    assert shop.post("/v1/members/dup/adjustments", json={"points": 70, "reason": "seed"}).status_code == 201
    merged = shop.post("/v1/members/main/merge", json={"from_member_id": "dup"})
    entry = check(shop, merged, "member.merged", actor=me(shop), target=("member", "main"),
                  changes=entries(shop, action="member.merged")[0]["changes"])
    assert entry["changes"]["merged_from"] == {"before": None, "after": "dup"}
    assert entry["changes"]["moved.points"] == {"before": None, "after": merged.json["moved"]["points"]}
    assert shop.post("/v1/members/main/merge", json={"from_member_id": "dup"}).status_code == 200
    assert len(entries(shop, action="member.merged")) == 1  # the replayed merge changed nothing


def test_imports_started_fed_and_completed(shop):
    opened = shop.post("/v1/imports", json={"kind": "members", "dry_run": False})
    import_id = opened.json["import_id"]
    target = ("import", import_id)
    check(shop, opened, "import.started", actor=me(shop), target=target,
          changes={"kind": {"before": None, "after": "members"}, "dry_run": {"before": None, "after": False},
                   "status": {"before": None, "after": "open"}})
    fed = shop.post(f"/v1/imports/{import_id}/rows", data=ndjson({"member_id": "i1", "lots": [lot("L-1", 25)]}, {"x": 1}),
                    headers={"Content-Type": "application/x-ndjson"})
    assert (fed.json["accepted"], fed.json["rejected"]) == (1, 1), fed.json
    check(shop, fed, "import.rows_added", actor=me(shop), target=target,
          changes={name: {"before": None, "after": value} for name, value in
                   {"chunk": 1, "accepted": 1, "rejected": 1, "members": 1, "lots": 1, "points": 25}.items()})
    completed = shop.post(f"/v1/imports/{import_id}/complete")
    entry = check(shop, completed, "import.completed", actor=me(shop), target=target,
                  changes=entries(shop, action="import.completed")[0]["changes"])
    assert entry["changes"]["status"] == {"before": "open", "after": "completed"}
    assert entry["changes"]["counts.points"] == {"before": None, "after": 25}


def test_erasures_say_which_personal_fields_went_not_what_they_held(shop):
    assert shop.post("/v1/members", json={"member_id": "eve", "email": "eve@example.com"}).status_code == 201
    erased = shop.delete("/v1/members/eve")
    check(shop, erased, "member.erased", actor=me(shop), target=("member", "eve"),
          changes={"email": {"before": R, "after": None}, "status": {"before": "active", "after": "erased"}})


def test_profile_changes_name_personal_fields_without_their_values(shop):
    assert shop.post("/v1/members", json={"member_id": "bo", "email": "bo@example.com"}).status_code == 201
    changed = shop.patch("/v1/members/bo", json={"status": "blocked", "email": "bo2@example.com",
                                                 "phone": "+79161234567"})
    check(shop, changed, "member.updated", actor=me(shop), target=("member", "bo"),
          changes={"status": {"before": "active", "after": "blocked"}, "email": {"before": R, "after": R},
                   "phone": {"before": None, "after": R}})


def test_redeliveries(private_app, shop, receiver):  # noqa: F811
    hook = subscribe(shop, receiver)
    emit_events(private_app, shop.handle.program_id, [("points.earned", {"member_id": "m", "points": 7})])
    make_worker(private_app).run_once()
    [original] = deliveries(shop, hook["webhook_id"])
    again = shop.post(f"/v1/webhooks/{hook['webhook_id']}/deliveries/{original['delivery_id']}/redeliver")
    check(shop, again, "webhook.redelivered", actor=me(shop), target=("webhook", hook["webhook_id"]),
          changes={"delivery_id": {"before": None, "after": again.json["delivery_id"]},
                   "redelivery_of": {"before": None, "after": original["delivery_id"]}})


def test_an_operators_revocation_is_recorded_with_the_cli_actor(private_app, shop, database_url):  # noqa: F811
    from click.testing import CliRunner

    from loyalty_api.cli import main

    with unit_of_work(private_app.extensions["loyalty"].session_factory) as uow:
        client, _ = programs.create_client(uow.session, program_id=shop.handle.program_id, name="till",
                                           scopes=["checkout"], actor=OPERATOR)
        uow.commit()
    result = CliRunner().invoke(main, ["clients", "revoke", "--client", client.client_id, "--json"],
                                env={"DATABASE_URL": database_url, "JWT_KEYS": None})
    assert result.exit_code == 0, result.output
    [entry] = entries(shop, action="client.revoked")
    assert (entry["actor"], entry["target"], entry["request_id"]) == ("cli", {"type": "client", "id": client.client_id},
                                                                     None)
    assert list(entry["changes"]) == ["revoked_at"] and entry["changes"]["revoked_at"]["before"] is None


def test_a_client_transfer_is_audited_without_its_reason(app):
    handle = make_program(app, settings={"pending_days": 0, "transfers": {"enabled": True}})
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in ("giver", "taker"):
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
    assert api.post("/v1/members/giver/adjustments", json={"points": 300, "reason": "seed"}).status_code == 201
    answer = api.post("/v1/members/giver/transfers",
                      json={"to_member_id": "taker", "points": 120, "reason": "for my sister Ann"})
    assert answer.status_code == 201, answer.json
    entries = api.get("/v1/audit", query_string={"action": "member.transferred"}).json["items"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry["actor"] == handle.client_id and entry["target"] == {"type": "member", "id": "giver"}
    assert entry["request_id"] == answer.headers["X-Request-Id"]
    assert entry["changes"]["points"] == {"before": None, "after": 120}
    assert entry["changes"]["to_member_id"] == {"before": None, "after": "taker"}
    assert entry["changes"]["reason"] == {"before": None, "after": "[redacted]"}
