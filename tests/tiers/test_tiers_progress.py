"""Tier metrics, upgrades on the crossing order, and the progress figures (over HTTP)."""

from datetime import datetime, timedelta, timezone

import pytest

from loyalty_api.db import unit_of_work
from loyalty_api.tiers import service as tiers
from tests.support import ApiCaller, make_program, outbox_events

SHOP = {"earn": {"points_per_unit": 1}, "pending_days": 0,
        "redeem": {"point_value": "1.00", "min_points": 1, "max_order_share": "1"}}
LADDER = [
    {"code": "silver", "name": "Silver", "threshold": 1000, "earn_multiplier": 1.5, "perks": ["free delivery"]},
    {"code": "gold", "name": "Gold", "threshold": 3000, "earn_multiplier": 2},
]


def shop(app, metric="points_earned", window_months=None, tiers_=LADDER, **policy):
    handle = make_program(app, settings=SHOP)
    api = ApiCaller(app.test_client(), handle.token)
    answer = api.put("/v1/program/tiers", json={"tiers": tiers_, "tier_policy": {
        "metric": metric, "window_months": window_months, **policy}})
    assert answer.status_code == 200, answer.json
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    api.program = handle
    return api


def order(api, order_id, amount, **extra):
    answer = api.post("/v1/orders", json={"order_id": order_id, "member_id": "m1", "amount": amount,
                                          "currency": "RUB", **extra})
    assert answer.status_code == 201, answer.json
    return answer.json


def standing(api, member_id="m1"):
    answer = api.get(f"/v1/members/{member_id}/tier")
    assert answer.status_code == 200, answer.json
    return answer.json


def code(tier):
    return tier["code"] if tier else None


def test_upgrade_on_the_crossing_order_which_still_earns_at_the_old_multiplier(app):
    api = shop(app)
    # order | amount  | multiplier before | earned | metric after | tier after
    rows = [
        ("o1", "800.00", 1, 800, 800, None),
        ("o2", "400.00", 1, 400, 1200, "silver"),     # crosses 1000: earns at x1 still
        ("o3", "1000.00", 1.5, 1500, 2700, "silver"),
        ("o4", "200.00", 1.5, 300, 3000, "gold"),     # crosses 3000 at x1.5
        ("o5", "100.00", 2, 200, 3200, "gold"),
    ]
    for order_id, amount, _multiplier, earned, metric, tier in rows:
        quote = api.post("/v1/checkout/quote", json={"member_id": "m1",
                                                     "order": {"amount": amount, "currency": "RUB"}})
        assert quote.status_code == 200, quote.json
        assert (quote.json["earn_points"], quote.json["tier_after"]) == (earned, tier), order_id
        assert order(api, order_id, amount)["earned_points"] == earned, order_id
        now = standing(api)
        assert (now["progress"], code(now["tier"])) == (metric, tier), order_id
    events = [(data["from_tier"], data["to_tier"], data["reason"])
              for kind, data in outbox_events(app, api.program.program_id, "tier.")]
    assert events == [(None, "silver", "upgrade"), ("silver", "gold", "upgrade")]
    history = api.get("/v1/members/m1/tier/history").json
    assert [(item["from_tier"], item["to_tier"], item["reason"], item["metric"]) for item in history["items"]] == [
        ("silver", "gold", "upgrade", "3000"), (None, "silver", "upgrade", "1200")]


def test_progress_figures_with_no_tier_in_the_middle_and_at_the_top(app):
    api = shop(app)
    nothing = standing(api)
    assert nothing == {
        "member_id": "m1", "tier": None, "metric": "points_earned", "window_months": None,
        "next_tier": {"code": "silver", "name": "Silver", "threshold": 1000, "earn_multiplier": 1.5,
                      "perks": ["free delivery"]},
        "progress": 0, "remaining_to_next": 1000, "required_to_keep": None, "tier_expires_at": None, "vip": None}
    order(api, "o1", "1250.00")
    middle = standing(api)
    assert (code(middle["tier"]), code(middle["next_tier"])) == ("silver", "gold")
    assert (middle["progress"], middle["remaining_to_next"], middle["required_to_keep"]) == (1250, 1750, 0)
    expires = datetime.fromisoformat(middle["tier_expires_at"])
    assert timedelta(days=364) < expires - datetime.now(timezone.utc) <= timedelta(days=366)
    order(api, "o2", "2000.00")  # earns 3000 at x1.5
    top = standing(api)
    assert (code(top["tier"]), top["next_tier"], top["progress"]) == ("gold", None, 4250)
    assert (top["remaining_to_next"], top["required_to_keep"]) == (None, 0)


def test_spend_metric_is_paid_amount_net_of_returns(app):
    api = shop(app, metric="spend", tiers_=[{"code": "silver", "name": "Silver", "threshold": 500.5},
                                             {"code": "gold", "name": "Gold", "threshold": 2000}])
    order(api, "o1", "300.00")                                   # spend 300.00
    api.post("/v1/members/m1/adjustments", json={"points": 400, "reason": "goodwill"})
    order(api, "o2", "1000.00", redeem_points=200)               # paid 800.00 -> spend 1100.00
    first = standing(api)
    assert (first["progress"], code(first["tier"]), first["remaining_to_next"]) == ("1100.00", "silver", "900.00")
    # return a quarter of o2's amount: a quarter of what was paid comes off (200.00)
    assert api.post("/v1/orders/o2/returns", json={"return_id": "r1", "amount": "250.00"}).status_code == 201
    assert standing(api)["progress"] == "900.00"
    assert api.post("/v1/orders/o1/cancel").status_code == 200
    after = standing(api)
    assert (after["progress"], code(after["tier"]), after["required_to_keep"]) == ("600.00", "silver", "0.00")


def test_orders_metric_counts_orders_not_fully_returned_or_cancelled(app):
    api = shop(app, metric="orders", tiers_=[{"code": "regular", "name": "Regular", "threshold": 3}])
    for order_id in ("o1", "o2", "o3", "o4"):
        order(api, order_id, "100.00")
    assert code(standing(api)["tier"]) == "regular"
    api.post("/v1/orders/o1/returns", json={"return_id": "r1", "amount": "100.00"})   # fully returned
    api.post("/v1/orders/o2/cancel")
    api.post("/v1/orders/o3/returns", json={"return_id": "r3", "amount": "40.00"})    # partly: still counts
    after = standing(api)
    assert (after["progress"], after["required_to_keep"]) == (2, 1)
    assert code(after["tier"]) == "regular"   # returns never downgrade before retention ends


def test_rolling_window_counts_only_what_falls_inside(app):
    api = shop(app, metric="spend", window_months=12,
               tiers_=[{"code": "silver", "name": "Silver", "threshold": 1000}])
    now = datetime.now(timezone.utc)
    order(api, "old", "900.00", placed_at=(now - timedelta(days=400)).isoformat())
    order(api, "recent", "300.00", placed_at=(now - timedelta(days=200)).isoformat())
    figures = standing(api)
    assert (figures["progress"], figures["tier"], figures["remaining_to_next"]) == ("300.00", None, "700.00")
    order(api, "today", "700.00")
    assert code(standing(api)["tier"]) == "silver"
    # Seen from 6 months on, "recent" has left the window too.
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        later = tiers.member_tier(uow.session, api.program.program_id, "m1", now + timedelta(days=183))
    assert later["progress"] == "700.00"


def test_points_window_counts_an_orders_points_at_its_placed_at(app):
    api = shop(app, window_months=6)
    now = datetime.now(timezone.utc)
    order(api, "old", "2000.00", placed_at=(now - timedelta(days=200)).isoformat())
    order(api, "new", "700.00")
    assert (standing(api)["progress"], standing(api)["tier"]) == (700, None)


@pytest.mark.parametrize("metric, progress", [("points_earned", 100), ("orders", 1), ("spend", "100.00")])
def test_no_tiers_configured(app, metric, progress):
    api = shop(app, metric=metric, tiers_=[])
    order(api, "o1", "100.00")
    figures = standing(api)
    assert (figures["tier"], figures["next_tier"], figures["remaining_to_next"]) == (None, None, None)
    assert figures["progress"] == progress


def test_tier_of_unknown_or_foreign_member_is_404(app):
    api = shop(app)
    assert api.get("/v1/members/ghost/tier").status_code == 404
    other = ApiCaller(app.test_client(), make_program(app).token)
    assert other.get("/v1/members/m1/tier").status_code == 404
    assert other.get("/v1/members/m1/tier/history").status_code == 404


def test_orders_window(app):
    api = shop(app, metric="orders", window_months=3,
               tiers_=[{"code": "regular", "name": "Regular", "threshold": 2}])
    now = datetime.now(timezone.utc)
    # placed        | in a 3-month window?
    # 120 days ago  | no
    # 60 days ago   | yes
    # now           | yes
    order(api, "o1", "10.00", placed_at=(now - timedelta(days=120)).isoformat())
    order(api, "o2", "10.00", placed_at=(now - timedelta(days=60)).isoformat())
    assert (standing(api)["progress"], standing(api)["tier"]) == (1, None)
    order(api, "o3", "10.00")
    assert (standing(api)["progress"], code(standing(api)["tier"])) == (2, "regular")
