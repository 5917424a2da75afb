"""Purchase rules at checkout: extra points per matching line, limits, windows, tiers, caps."""

import threading
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from loyalty_api.checkout.service import record_order
from loyalty_api.db import unit_of_work
from tests.support import ApiCaller, make_program

LINES = [  # value: coffee 2 x 150.00 = 300.00, tea 1 x 200.00 = 200.00
    {"sku": "CF-1", "category": "coffee", "quantity": 2, "unit_price": "150.00"},
    {"sku": "TE-1", "category": "tea", "quantity": 1, "unit_price": "200.00"},
]


def shop(app, **settings):
    handle = make_program(app, settings={"pending_days": 0, **settings})
    api = ApiCaller(app.test_client(), handle.token)
    assert api.post("/v1/members", json={"member_id": "ann"}).status_code == 201
    return handle, api


def rule(api, **body):
    answer = api.post("/v1/program/rules", json={"kind": "purchase", **body})
    assert answer.status_code == 201, answer.json
    return answer.json


def quote(api, amount="500.00", lines=LINES, member_id="ann"):
    answer = api.post("/v1/checkout/quote", json={"member_id": member_id, "order": {
        "amount": amount, "currency": "RUB", "lines": lines}})
    assert answer.status_code == 200, answer.json
    return answer.json


def parts(answer):
    return [(part["source"], part["rule_id"], part["points"]) for part in answer["earn_breakdown"]]


# | rule                          | matching paid amount | extra points            |
# | multiplier 2 on coffee        | 300.00               | 300 x 1 x (2 - 1) = 300 |
# | 5 points per unit on TE-1     | 200.00               | 200 x 5 = 1000          |
# | 0.5 per unit, no skus/cats    | 500.00 (every line)  | 250                     |
# base: 500.00 x 1 = 500
def test_each_rule_adds_its_floored_points(app):
    _handle, api = shop(app)
    rule(api, rule_id="coffee-x2", multiplier=2, categories=["coffee"])
    rule(api, rule_id="tea-5", points_per_unit=5, skus=["TE-1"])
    rule(api, rule_id="all-half", points_per_unit=0.5)
    answer = quote(api)
    assert parts(answer) == [("base", None, 500), ("rule", "all-half", 250), ("rule", "coffee-x2", 300),
                             ("rule", "tea-5", 1000)]
    assert answer["earn_points"] == 2050
    placed = api.post("/v1/orders", json={"order_id": "o1", "member_id": "ann", "amount": "500.00",
                                          "currency": "RUB", "lines": LINES})
    assert placed.status_code == 201 and placed.json["earned_points"] == 2050
    entries = api.get("/v1/members/ann/ledger").json["items"]
    assert sorted((e["type"], e["rule_id"], e["points"]) for e in entries) == [
        ("bonus", "all-half", 250), ("bonus", "coffee-x2", 300), ("bonus", "tea-5", 1000), ("earn", None, 500)]


def test_min_order_amount_window_tier_and_deactivation(app):
    _handle, api = shop(app)
    now = datetime.now(timezone.utc)
    rule(api, rule_id="big", points_per_unit=1, min_order_amount="500.01")
    rule(api, rule_id="ended", points_per_unit=1, valid_until=(now - timedelta(seconds=1)).isoformat())
    rule(api, rule_id="future", points_per_unit=1, valid_from=(now + timedelta(hours=1)).isoformat())
    rule(api, rule_id="gold-only", points_per_unit=1, tiers=["gold"])
    rule(api, rule_id="gone", points_per_unit=1)
    rule(api, rule_id="running", points_per_unit=1, valid_from=(now - timedelta(hours=1)).isoformat(),
         valid_until=(now + timedelta(hours=1)).isoformat())
    api.delete("/v1/program/rules/gone")
    assert parts(quote(api)) == [("base", None, 500), ("rule", "running", 500)]
    # 501.00 with lines of 500.00: the 1.00 rest (fees) counts for the minimum but earns nothing
    assert ("rule", "big", 500) in parts(quote(api, amount="501.00"))


def test_tier_limited_purchase_rule(app):
    _handle, api = shop(app)
    api.put("/v1/program/tiers", json={"tiers": [
        {"code": "gold", "name": "Gold", "threshold": None, "earn_multiplier": 1}],
        "tier_policy": {"metric": "points_earned", "window_months": None, "retention_months": 12,
                        "downgrade": "one_level"}})
    api.post("/v1/members", json={"member_id": "bob"})
    assert api.put("/v1/members/bob/vip", json={"tier": "gold", "reason": "x"}).status_code == 200
    rule(api, rule_id="gold-coffee", multiplier=3, categories=["coffee"], tiers=["gold"])
    assert parts(quote(api, member_id="ann")) == [("base", None, 500)]
    assert parts(quote(api, member_id="bob")) == [("base", None, 500), ("rule", "gold-coffee", 600)]


def _order(app, program_id, order_id, now):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        answer, _ = record_order(uow.session, program_id, {
            "order_id": order_id, "member_id": "ann", "amount": Decimal("300.00"), "currency": "RUB",
            "lines": [{"sku": "CF-1", "category": "coffee", "quantity": 2, "unit_price": Decimal("150.00")}]}, now)
        uow.commit()
    return answer["earned_points"]


# Cap 1 per week in Moscow time; Monday 16 Nov 2026 00:00 MSK = 15 Nov 21:00 UTC.
# | order | placed (UTC)          | Moscow        | rule applies? | earned  |
# | o1    | 2026-11-15 20:30      | Sun 23:30     | yes           | 300+300 |
# | o2    | 2026-11-15 20:59:59   | Sun 23:59:59  | no (cap)      | 300     |
# | o3    | 2026-11-15 21:00      | Mon 00:00     | yes           | 300+300 |
# | o4    | 2026-11-20 09:00      | Fri           | no (cap)      | 300     |
WEEK = [("o1", "2026-11-15T20:30:00+00:00", 600), ("o2", "2026-11-15T20:59:59+00:00", 300),
        ("o3", "2026-11-15T21:00:00+00:00", 600), ("o4", "2026-11-20T09:00:00+00:00", 300)]


def test_cap_counts_orders_per_calendar_week_in_program_time(app):
    handle, api = shop(app, timezone="Europe/Moscow")
    rule(api, rule_id="coffee-x2", multiplier=2, categories=["coffee"], cap={"count": 1, "period": "week"})
    earned = [_order(app, handle.program_id, order_id, datetime.fromisoformat(at)) for order_id, at, _ in WEEK]
    assert earned == [points for _, _, points in WEEK]


def test_lifetime_cap_ignores_orders_the_rule_gave_nothing(app):
    handle, api = shop(app)
    rule(api, rule_id="coffee-once", multiplier=2, categories=["coffee"], cap={"count": 1, "period": "lifetime"})
    tea_only = api.post("/v1/orders", json={"order_id": "tea", "member_id": "ann", "amount": "200.00",
                                            "currency": "RUB", "lines": [LINES[1]]})
    assert tea_only.json["earned_points"] == 200
    now = datetime.now(timezone.utc)
    assert _order(app, handle.program_id, "c1", now) == 600
    assert _order(app, handle.program_id, "c2", now) == 300


def test_concurrent_orders_never_pass_a_purchase_cap(app):
    """Eight orders of one member at once; a cap of 2 per day gives the rule's points twice."""
    handle, api = shop(app)
    rule(api, rule_id="coffee-x2", multiplier=2, categories=["coffee"], cap={"count": 2, "period": "day"})
    now = datetime.now(timezone.utc)
    start = threading.Barrier(8)
    earned, errors = [], []

    def place(number: int) -> None:
        start.wait()
        try:
            earned.append(_order(app, handle.program_id, f"p{number}", now))
        except Exception as exc:  # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=place, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(earned) == [300] * 6 + [600] * 2


def test_rule_points_keep_their_own_expiry(app):
    _handle, api = shop(app, expiry={"mode": "none"})
    rule(api, rule_id="coffee-x2", multiplier=2, categories=["coffee"], expires_in_days=30)
    api.post("/v1/orders", json={"order_id": "o1", "member_id": "ann", "amount": "300.00", "currency": "RUB",
                                 "lines": [LINES[0]]})
    entries = {e["type"]: e for e in api.get("/v1/members/ann/ledger").json["items"]}
    assert entries["earn"]["expires_at"] is None
    bonus = entries["bonus"]
    available = datetime.fromisoformat(bonus["available_at"].replace("Z", "+00:00"))
    expires = datetime.fromisoformat(bonus["expires_at"].replace("Z", "+00:00"))
    assert timedelta(days=30) <= expires - available <= timedelta(days=31)
