"""Retention and downgrades (both modes), VIP floor and expiry, ladder changes, history.

The jobs run with a moved clock (``run_all(now=…)``); orders are recorded now.
"""

from datetime import datetime, timedelta, timezone

import pytest

from loyalty_api.jobs.runner import run_all
from loyalty_api.tiers.rules import add_months
from tests.support import ApiCaller, make_program, outbox_events, run_together

STEP = ["tiers.retention_and_vip"]
SHOP = {"earn": {"points_per_unit": 1}, "pending_days": 0}
LADDER = [
    {"code": "silver", "name": "Silver", "threshold": 1000, "earn_multiplier": 1.5},
    {"code": "gold", "name": "Gold", "threshold": 3000, "earn_multiplier": 2},
    {"code": "platinum", "name": "Platinum", "threshold": 6000, "earn_multiplier": 3},
    {"code": "ambassador", "name": "Ambassador", "threshold": None, "earn_multiplier": 4},
]


def shop(app, downgrade="one_level", retention_months=12, tiers_=LADDER, metric="points_earned"):
    handle = make_program(app, settings=SHOP)
    api = ApiCaller(app.test_client(), handle.token)
    answer = api.put("/v1/program/tiers", json={"tiers": tiers_, "tier_policy": {
        "metric": metric, "retention_months": retention_months, "downgrade": downgrade}})
    assert answer.status_code == 200, answer.json
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    api.program = handle
    return api


def order(api, order_id, amount, member_id="m1"):
    answer = api.post("/v1/orders", json={"order_id": order_id, "member_id": member_id, "amount": amount,
                                          "currency": "RUB"})
    assert answer.status_code == 201, answer.json
    return answer.json


def tier(api, member_id="m1"):
    answer = api.get(f"/v1/members/{member_id}/tier")
    assert answer.status_code == 200, answer.json
    return answer.json


def code(api, member_id="m1"):
    found = tier(api, member_id)["tier"]
    return found["code"] if found else None


def jobs(app, at):
    return run_all(app.extensions["loyalty"].session_factory, now=at, only=STEP)[STEP[0]]


def reach_platinum_then_return_most(api):
    """Platinum at once (6000 points), then a return leaves 1500 points (silver level)."""
    order(api, "big", "6000.00")
    assert code(api) == "platinum"
    answer = api.post("/v1/orders/big/returns", json={"return_id": "r1", "amount": "4500.00"})
    assert answer.status_code == 201, answer.json
    figures = tier(api)
    assert (figures["progress"], figures["tier"]["code"], figures["required_to_keep"]) == (1500, "platinum", 4500)
    return datetime.fromisoformat(figures["tier_expires_at"])


def test_one_level_drops_one_rung_per_retention_period(app):
    api = shop(app, downgrade="one_level")
    expires = reach_platinum_then_return_most(api)
    # job run at                       | tier after (metric 1500 throughout)
    second = add_months(expires + timedelta(hours=1), 12)
    for at, expected in [(expires - timedelta(days=1), "platinum"),
                         (expires + timedelta(hours=1), "gold"),
                         (expires + timedelta(hours=2), "gold"),       # the same run again: nothing due
                         (second, "silver"),                          # next period: one more rung
                         (add_months(second, 12), "silver")]:         # 1500 >= 1000: silver is kept
        jobs(app, at)
        assert code(api) == expected, at
    events = [(data["from_tier"], data["to_tier"], data["reason"])
              for kind, data in outbox_events(app, api.program.program_id, "tier.downgraded")]
    assert events == [("platinum", "gold", "downgrade"), ("gold", "silver", "downgrade")]
    history = api.get("/v1/members/m1/tier/history").json["items"]
    assert [(item["from_tier"], item["to_tier"], item["reason"]) for item in history] == [
        ("gold", "silver", "downgrade"), ("platinum", "gold", "downgrade"), (None, "platinum", "upgrade")]


def test_to_qualified_drops_to_what_the_metric_reaches(app):
    api = shop(app, downgrade="to_qualified")
    expires = reach_platinum_then_return_most(api)
    jobs(app, expires)
    assert code(api) == "silver"
    api.post("/v1/orders/big/cancel")
    jobs(app, add_months(expires, 12))
    figures = tier(api)
    assert (figures["tier"], figures["tier_expires_at"], figures["progress"]) == (None, None, 0)


def test_requalifying_keeps_the_tier_for_another_period(app):
    api = shop(app, retention_months=6)
    order(api, "o1", "3500.00")
    expires = datetime.fromisoformat(tier(api)["tier_expires_at"])
    jobs(app, expires)
    figures = tier(api)
    assert figures["tier"]["code"] == "gold"
    assert datetime.fromisoformat(figures["tier_expires_at"]) == add_months(expires, 6)


def test_vip_is_a_floor_until_it_expires(app):
    api = shop(app)
    order(api, "o1", "1200.00")                           # silver
    until = datetime.now(timezone.utc) + timedelta(days=90)
    granted = api.put("/v1/members/m1/vip", json={"tier": "gold", "until": until.isoformat(), "reason": "press"})
    assert granted.status_code == 200, granted.json
    assert granted.json["tier"]["code"] == "gold"
    assert granted.json["vip"]["tier"] == "gold" and granted.json["vip"]["reason"] == "press"
    assert granted.json["required_to_keep"] is None
    assert datetime.fromisoformat(granted.json["tier_expires_at"]) == until
    # the order earns at gold's x2 while the VIP lasts
    assert order(api, "o2", "100.00")["earned_points"] == 200
    jobs(app, until - timedelta(minutes=1))
    assert code(api) == "gold"
    jobs(app, until)
    after = tier(api)
    assert (after["tier"]["code"], after["vip"]) == ("silver", None)
    kinds = [(kind, data.get("reason")) for kind, data in outbox_events(app, api.program.program_id)
             if kind.startswith(("tier.", "vip."))]
    assert kinds == [("tier.upgraded", "upgrade"), ("tier.upgraded", "vip"), ("vip.granted", "press"),
                     ("vip.revoked", "expired"), ("tier.downgraded", "vip")]


def test_vip_floor_holds_while_the_earned_tier_falls(app):
    api = shop(app, downgrade="to_qualified")
    expires = reach_platinum_then_return_most(api)
    api.put("/v1/members/m1/vip", json={"tier": "gold", "reason": "key account"})   # open-ended
    assert code(api) == "platinum"                        # below the earned tier: nothing visible
    jobs(app, expires)                                    # earned: platinum -> silver, floor: gold
    figures = tier(api)
    assert (figures["tier"]["code"], figures["tier_expires_at"], figures["vip"]["until"]) == ("gold", None, None)
    assert api.delete("/v1/members/m1/vip").status_code == 204
    assert code(api) == "silver"
    assert api.delete("/v1/members/m1/vip").status_code == 204   # nothing left to revoke
    reasons = [(d["from_tier"], d["to_tier"], d["reason"]) for k, d in
               outbox_events(app, api.program.program_id, "tier.downgraded")]
    assert reasons == [("platinum", "gold", "downgrade"), ("gold", "silver", "vip")]


def test_invitation_only_tier_only_through_vip(app):
    api = shop(app)
    order(api, "o1", "9000.00")
    assert code(api) == "platinum"                        # never "ambassador" by the metric
    api.put("/v1/members/m1/vip", json={"tier": "ambassador", "reason": "brand ambassador"})
    figures = tier(api)
    assert (figures["tier"]["code"], figures["next_tier"], figures["required_to_keep"]) == ("ambassador", None, None)


@pytest.mark.parametrize("body, field", [
    ({"tier": "bronze", "reason": "x"}, "tier"),
    ({"tier": "gold", "reason": "x", "until": "2020-01-01T00:00:00Z"}, "until"),
    ({"tier": "gold"}, "reason"),
])
def test_vip_validation(app, body, field):
    api = shop(app)
    answer = api.put("/v1/members/m1/vip", json=body)
    assert answer.status_code == 422 and field in answer.json["errors"]


def test_vip_needs_members_write_and_a_member(app):
    api = shop(app)
    assert api.put("/v1/members/ghost/vip", json={"tier": "gold", "reason": "x"}).status_code == 404
    reader = make_program(app, scopes=["members:read"])
    assert api.with_token(reader.token).put("/v1/members/m1/vip",
                                            json={"tier": "gold", "reason": "x"}).status_code == 403


def test_removed_tier_maps_to_the_qualifying_tier_on_next_read(app):
    api = shop(app)
    order(api, "o1", "3500.00")
    assert code(api) == "gold"
    ladder = [LADDER[0], {"code": "gold-plus", "name": "Gold+", "threshold": 5000, "earn_multiplier": 2.5}]
    assert api.put("/v1/program/tiers", json={"tiers": ladder, "tier_policy": {"metric": "points_earned"}}
                   ).status_code == 200
    figures = tier(api)
    assert (figures["tier"]["code"], figures["next_tier"]["code"], figures["remaining_to_next"]) == \
        ("silver", "gold-plus", 1500)
    latest = api.get("/v1/members/m1/tier/history").json["items"][0]
    assert (latest["from_tier"], latest["to_tier"], latest["reason"]) == ("gold", "silver", "ladder_change")


def test_raised_threshold_waits_for_retention(app):
    api = shop(app)
    order(api, "o1", "3500.00")
    expires = datetime.fromisoformat(tier(api)["tier_expires_at"])
    raised = [LADDER[0], {**LADDER[1], "threshold": 4000}]
    api.put("/v1/program/tiers", json={"tiers": raised, "tier_policy": {"metric": "points_earned"}})
    figures = tier(api)
    assert (figures["tier"]["code"], figures["required_to_keep"]) == ("gold", 500)
    jobs(app, expires)
    assert code(api) == "silver"


def test_bonus_credit_upgrades_when_the_metric_is_points_earned(app):
    api = shop(app)
    order(api, "o1", "900.00")
    rule = api.post("/v1/program/rules", json={"rule_id": "review", "kind": "event", "event_type": "review",
                                               "points": 150})
    assert rule.status_code == 201, rule.json
    answer = api.post("/v1/members/m1/events", json={"type": "review", "event_id": "e1"})
    assert answer.status_code == 201, answer.json
    history = api.get("/v1/members/m1/tier/history").json["items"]
    assert [(item["to_tier"], item["reason"], item["metric"]) for item in history] == [("silver", "upgrade", "1050")]


def test_history_pages_with_a_cursor(app):
    api = shop(app, tiers_=LADDER[:3])
    for index, amount in enumerate(["1000.00", "1000.00", "1000.00"]):  # silver, then gold (x1.5)
        order(api, f"o{index}", amount)
    api.put("/v1/members/m1/vip", json={"tier": "platinum", "reason": "promo"})
    first = api.get("/v1/members/m1/tier/history", query_string={"limit": 2}).json
    assert [item["to_tier"] for item in first["items"]] == ["platinum", "gold"]
    rest = api.get("/v1/members/m1/tier/history", query_string={"limit": 2, "cursor": first["next_cursor"]}).json
    assert [item["to_tier"] for item in rest["items"]] == ["silver"] and rest["next_cursor"] is None
    bad = api.get("/v1/members/m1/tier/history", query_string={"cursor": "nonsense"})
    assert bad.status_code == 422


def test_jobs_on_two_replicas_at_once_downgrade_once(app):
    apis = []
    for _ in range(2):
        api = shop(app)
        order(api, "o1", "1200.00")                       # silver
        api.post("/v1/orders/o1/cancel")                  # metric back to 0
        apis.append(api)
    expires = max(datetime.fromisoformat(tier(api)["tier_expires_at"]) for api in apis)
    reports = run_together(lambda: jobs(app, expires), lambda: jobs(app, expires))
    mine = {api.program.program_id for api in apis}
    assert all(code(api) is None for api in apis)
    for api in apis:
        downgrades = [kind for kind, _ in outbox_events(app, api.program.program_id, "tier.downgraded")]
        assert downgrades == ["tier.downgraded"]
    assert len(mine) == 2 and len(reports) == 2


def test_reordered_ladder_moves_the_shown_tier_on_next_read(app):
    api = shop(app)
    order(api, "o1", "1200.00")                                         # silver
    api.put("/v1/members/m1/vip", json={"tier": "ambassador", "reason": "ambassador programme"})
    assert code(api) == "ambassador"
    # the invitation-only tier moves to the bottom: silver now ranks above it
    reordered = [LADDER[3], *LADDER[:3]]
    assert api.put("/v1/program/tiers", json={"tiers": reordered, "tier_policy": {"metric": "points_earned"}}
                   ).status_code == 200
    figures = tier(api)
    assert (figures["tier"]["code"], figures["vip"]["tier"]) == ("silver", "ambassador")
    latest = api.get("/v1/members/m1/tier/history").json["items"][0]
    assert (latest["from_tier"], latest["to_tier"], latest["reason"]) == ("ambassador", "silver", "ladder_change")
