"""Rule budgets over the API: the remainder is given, a spent rule leaves the breakdown,
quotes reserve nothing, replays and returns do not move the budget, periods roll over."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from loyalty_api.checkout.service import record_order
from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from tests.support import ApiCaller, assert_problem, make_program


def shop(app, members=("ann",), **settings):
    handle = make_program(app, settings={"pending_days": 0, "earn": {"points_per_unit": 1}, **settings})
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in members:
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
    return handle, api


def order(api, order_id, amount, member_id="ann"):
    return api.post("/v1/orders", json={"order_id": order_id, "member_id": member_id, "amount": amount,
                                        "currency": "RUB", "lines": []})


def quote(api, amount, member_id="ann"):
    answer = api.post("/v1/checkout/quote", json={"member_id": member_id, "order": {
        "amount": amount, "currency": "RUB", "lines": []}})
    assert answer.status_code == 200, answer.json
    return [(part["source"], part["rule_id"], part["points"]) for part in answer.json["earn_breakdown"]]


def budget_figures(api, rule_id="promo"):
    body = api.get(f"/v1/program/rules/{rule_id}").json
    return body.get("budget_used"), body.get("budget_remaining")


def bonus_entries(api, member_id="ann"):
    return sorted((e["order_id"], e["points"]) for e in api.get(f"/v1/members/{member_id}/ledger").json["items"]
                  if e["type"] == "bonus")


# Rule "promo": +1 point per 1.00 on every order, budget 250 points a month (base: 1 per 1.00).
# | step            | promo wants | budget left before | promo gives | earned | used after |
# | order o1 100.00 | 100         | 250                | 100         | 200    | 100        |
# | quote 200.00 x2 | 200         | 150                | 150 (shown) | -      | 100        |
# | order o2 200.00 | 200         | 150                | 150         | 350    | 250        |
# | order o3 100.00 | 100         | 0                  | - (left out)| 100    | 250        |
def test_the_remainder_then_nothing_quotes_reserve_nothing(app):
    _handle, api = shop(app)
    created = api.post("/v1/program/rules", json={"kind": "purchase", "rule_id": "promo", "points_per_unit": 1,
                                                  "budget": {"points": 250, "period": "month"}})
    assert created.status_code == 201 and created.json["budget"] == {"points": 250, "period": "month"}
    assert budget_figures(api) == (0, 250)
    assert order(api, "o1", "100.00").json["earned_points"] == 200
    assert budget_figures(api) == (100, 150)
    assert quote(api, "200.00") == [("base", None, 200), ("rule", "promo", 150)]
    assert quote(api, "200.00") == [("base", None, 200), ("rule", "promo", 150)]
    assert budget_figures(api) == (100, 150)  # quotes wrote nothing
    assert order(api, "o2", "200.00").json["earned_points"] == 350
    assert budget_figures(api) == (250, 0)
    assert quote(api, "100.00") == [("base", None, 100)]
    placed = order(api, "o3", "100.00")
    assert placed.status_code == 201 and placed.json["earned_points"] == 100
    assert bonus_entries(api) == [("o1", 100), ("o2", 150)]
    assert api.get("/v1/members/ann/balance").json["available"] == 200 + 350 + 100


def test_a_replayed_order_takes_nothing_more(app):
    _handle, api = shop(app)
    api.post("/v1/program/rules", json={"kind": "purchase", "rule_id": "promo", "points_per_unit": 1,
                                        "budget": {"points": 1000, "period": "lifetime"}})
    first = order(api, "o1", "100.00")
    assert first.status_code == 201 and budget_figures(api) == (100, 900)
    again = order(api, "o1", "100.00")  # the natural key: same order_id, same content
    assert again.status_code == 200 and again.json == first.json
    assert budget_figures(api) == (100, 900)
    assert_problem(order(api, "o1", "90.00"), 409, "duplicate_order")
    assert budget_figures(api) == (100, 900)


def test_returns_do_not_give_budget_back(app):
    handle, api = shop(app)
    api.post("/v1/program/rules", json={"kind": "purchase", "rule_id": "promo", "points_per_unit": 1,
                                        "budget": {"points": 300, "period": "year"}})
    assert order(api, "o1", "200.00").json["earned_points"] == 400
    returned = api.post("/v1/orders/o1/returns", json={"return_id": "r1", "amount": "100.00"})
    assert returned.status_code == 201 and returned.json["points_reversed"] == 200
    assert api.post("/v1/orders/o1/cancel").status_code in (200, 201)
    assert budget_figures(api) == (200, 100)  # the bonus taken back stays spent
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []


def _order_at(app, program_id, order_id, now, amount="100.00"):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        answer, _ = record_order(uow.session, program_id, {
            "order_id": order_id, "member_id": "ann", "amount": Decimal(amount), "currency": "RUB", "lines": []},
            now)
        uow.commit()
    return answer["earned_points"]


# Budget 150 a day, Moscow time; 7 Dec 2026 00:00 MSK = 6 Dec 21:00 UTC.
# | order | recorded (UTC)    | Moscow day | promo gives | earned |
# | d1    | 6 Dec 21:30       | 7 Dec      | 100         | 200    |
# | d2    | 7 Dec 20:59       | 7 Dec      | 50 (rest)   | 150    |
# | d3    | 7 Dec 21:00       | 8 Dec      | 100 (new)   | 200    |
def test_a_daily_budget_starts_again_at_midnight_in_the_program_zone(app):
    handle, api = shop(app, timezone="Europe/Moscow")
    api.post("/v1/program/rules", json={"kind": "purchase", "rule_id": "promo", "points_per_unit": 1,
                                        "budget": {"points": 150, "period": "day"}})
    utc = timezone.utc
    assert _order_at(app, handle.program_id, "d1", datetime(2026, 12, 6, 21, 30, tzinfo=utc)) == 200
    assert _order_at(app, handle.program_id, "d2", datetime(2026, 12, 7, 20, 59, tzinfo=utc)) == 150
    assert _order_at(app, handle.program_id, "d3", datetime(2026, 12, 7, 21, 0, tzinfo=utc)) == 200


# Event rule "review": 100 points, budget 250 for ever.
# | member | gets | skipped          |
# | a      | 100  |                  |
# | b      | 100  |                  |
# | c      | 50   | (the remainder)  |
# | d      | 0    | budget_exhausted |
def test_event_rules_give_the_remainder_then_skip(app):
    _handle, api = shop(app, members=("a", "b", "c", "d"))
    api.post("/v1/program/rules", json={"kind": "event", "rule_id": "review", "event_type": "review",
                                        "points": 100, "budget": {"points": 250, "period": "lifetime"}})
    answers = {m: api.post(f"/v1/members/{m}/events", json={"type": "review", "event_id": "e1"}).json
               for m in "abcd"}
    assert [answers[m]["awarded"] for m in "abc"] == [[{"rule_id": "review", "points": 100}]] * 2 + [
        [{"rule_id": "review", "points": 50}]]
    assert answers["d"] == {"event_id": "e1", "awarded": [],
                            "skipped": [{"rule_id": "review", "reason": "budget_exhausted"}]}
    assert budget_figures(api, "review") == (250, 0)
    assert api.get("/v1/members/c/balance").json["available"] == 50


def test_budget_validation_patch_and_clearing(app):
    _handle, api = shop(app)
    for budget in ({"points": 0, "period": "day"}, {"points": 10, "period": "fortnight"}, {"points": 10},
                   {"points": "10", "period": "day"}):
        assert_problem(api.post("/v1/program/rules", json={"kind": "purchase", "points_per_unit": 1,
                                                           "budget": budget}), 422, "validation_error")
    api.post("/v1/rewards", json={"reward_id": "mug", "name": "Mug", "points_cost": 10})
    coupon_rule = api.post("/v1/program/rules", json={"kind": "event", "event_type": "x", "reward_id": "mug",
                                                      "budget": {"points": 10, "period": "day"}})
    assert "budget" in assert_problem(coupon_rule, 422, "validation_error")["errors"]
    api.post("/v1/program/rules", json={"kind": "purchase", "rule_id": "promo", "points_per_unit": 1})
    assert "budget_used" not in api.get("/v1/program/rules/promo").json  # no budget: no figures
    patched = api.patch("/v1/program/rules/promo", json={"budget": {"points": 40, "period": "week"}})
    assert patched.status_code == 200 and patched.json["budget"] == {"points": 40, "period": "week"}
    assert order(api, "o1", "100.00").json["earned_points"] == 140
    assert budget_figures(api) == (40, 0)
    # Raised mid-period: the new budget counts what was given already.
    api.patch("/v1/program/rules/promo", json={"budget": {"points": 100, "period": "week"}})
    assert budget_figures(api) == (40, 60)
    assert api.patch("/v1/program/rules/promo", json={"budget": None}).json["budget"] is None
    assert order(api, "o2", "100.00").json["earned_points"] == 200  # no budget: the whole rule
    listed = api.get("/v1/program/rules").json["items"]
    assert [item["budget"] for item in listed] == [None]


def test_one_order_two_budgeted_rules_and_an_unbudgeted_one(app):
    _handle, api = shop(app)
    for rule_id, budget in (("a", {"points": 30, "period": "month"}), ("b", {"points": 500, "period": "month"}),
                            ("c", None)):
        body = {"kind": "purchase", "rule_id": rule_id, "points_per_unit": 1}
        if budget:
            body["budget"] = budget
        assert api.post("/v1/program/rules", json=body).status_code == 201
    assert order(api, "o1", "100.00").json["earned_points"] == 100 + 30 + 100 + 100
    assert sorted(bonus_entries(api)) == [("o1", 30), ("o1", 100), ("o1", 100)]
    assert budget_figures(api, "a") == (30, 0) and budget_figures(api, "b") == (100, 400)
    assert quote(api, "50.00") == [("base", None, 50), ("rule", "b", 50), ("rule", "c", 50)]


def test_the_database_refuses_an_overspent_budget_row(app):
    """Migration 0021's CHECKs: whatever the code did, used never passes points."""
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    handle, api = shop(app)
    api.post("/v1/program/rules", json={"kind": "purchase", "rule_id": "promo", "points_per_unit": 1,
                                        "budget": {"points": 100, "period": "lifetime"}})
    assert order(api, "o1", "500.00").json["earned_points"] == 600
    factory = app.extensions["loyalty"].session_factory
    for statement in (
            "UPDATE rule_budget_usage SET used = points + 1 WHERE program_id = :p",
            "UPDATE rule_budget_usage SET used = -1, last_taken = 0 WHERE program_id = :p",
            "UPDATE earning_rules SET budget_period = NULL WHERE program_id = :p",
            "UPDATE earning_rules SET budget_points = 0 WHERE program_id = :p",
            "INSERT INTO adjustment_usage (program_id, client_id, day, points) VALUES (:p, 'c', '2026-12-07', 0)"):
        with unit_of_work(factory) as uow, pytest.raises(IntegrityError, match="violates check constraint"):
            uow.session.execute(text(statement), {"p": handle.program_id})
    assert budget_figures(api) == (100, 0)
