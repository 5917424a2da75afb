"""Real concurrent requests race for the last points of a budget and of a daily adjustment limit."""

from __future__ import annotations

from sqlalchemy import text

from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from tests.support import ApiCaller, make_program, run_together

WORKERS = 12


def _race(app, token, calls):
    """Each call gets a client of its own; all start at the same instant (``run_together``)."""
    clients = [ApiCaller(app.test_client(), token) for _ in calls]
    return run_together(*[lambda call=call, client=client: call(client) for call, client in zip(calls, clients)])


def _shop(app, members, **settings):
    handle = make_program(app, settings={"pending_days": 0, "earn": {"points_per_unit": 1}, **settings})
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in members:
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
    return handle, api


def _check_ledger(app, program_id):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, program_id) == []


def test_parallel_orders_never_overspend_a_budget(app):
    """12 members' orders of 150.00 at once; the rule wants 150 each (1800) from a budget of
    1000: six get 150, one the last 100, five nothing; exactly 1000 is given."""
    members = [f"m{i}" for i in range(WORKERS)]
    handle, api = _shop(app, members)
    api.post("/v1/program/rules", json={"kind": "purchase", "rule_id": "promo", "points_per_unit": 1,
                                        "budget": {"points": 1000, "period": "month"}})

    def place(member_id):
        return lambda client: client.post("/v1/orders", json={
            "order_id": f"o-{member_id}", "member_id": member_id, "amount": "150.00", "currency": "RUB"})

    answers = _race(app, handle.token, [place(m) for m in members])
    assert [a.status_code for a in answers] == [201] * WORKERS, [a.json for a in answers]
    bonuses = sorted(a.json["earned_points"] - 150 for a in answers)
    assert bonuses == [0] * 5 + [100] + [150] * 6
    assert sum(bonuses) == 1000
    given = sum(e["points"] for m in members for e in api.get(f"/v1/members/{m}/ledger").json["items"]
                if e["type"] == "bonus")
    assert given == 1000
    body = api.get("/v1/program/rules/promo").json
    assert (body["budget_used"], body["budget_remaining"]) == (1000, 0)
    _check_ledger(app, handle.program_id)


def test_parallel_events_never_overspend_a_budget(app):
    """12 members report a review at once; 100 points each from a budget of 250."""
    members = [f"m{i}" for i in range(WORKERS)]
    handle, api = _shop(app, members)
    api.post("/v1/program/rules", json={"kind": "event", "rule_id": "review", "event_type": "review",
                                        "points": 100, "budget": {"points": 250, "period": "day"}})

    def report(member_id):
        return lambda client: client.post(f"/v1/members/{member_id}/events", json={"type": "review",
                                                                                    "event_id": "r1"})

    answers = _race(app, handle.token, [report(m) for m in members])
    assert [a.status_code for a in answers] == [201] * WORKERS
    given = sorted(sum(award["points"] for award in a.json["awarded"]) for a in answers)
    assert given == [0] * 9 + [50] + [100] * 2
    assert sorted(s["reason"] for a in answers for s in a.json["skipped"]) == ["budget_exhausted"] * 9
    _check_ledger(app, handle.program_id)


def test_parallel_adjustments_by_one_client_never_pass_the_daily_limit(app):
    """12 adjustments of 300 points by one client, each on its own member, against a daily
    limit of 1000: exactly three pass (900), the others answer 422 and apply nothing."""
    members = [f"m{i}" for i in range(WORKERS)]
    handle, api = _shop(app, members, limits={"adjustment_daily_points": 1000})

    def adjust(member_id):
        return lambda client: client.post(f"/v1/members/{member_id}/adjustments",
                                          json={"points": 300, "reason": "goodwill"})

    answers = _race(app, handle.token, [adjust(m) for m in members])
    assert sorted(a.status_code for a in answers) == [201] * 3 + [422] * 9, [a.json for a in answers]
    assert {a.json["code"] for a in answers if a.status_code == 422} == {"limit_exceeded"}
    balances = [api.get(f"/v1/members/{m}/balance").json["available"] for m in members]
    assert sorted(balances) == [0] * 9 + [300] * 3
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        moved = uow.session.execute(text(
            "SELECT coalesce(sum(abs(points)), 0) FROM ledger_entries WHERE program_id = :p AND type = 'adjust'"),
            {"p": handle.program_id}).scalar()
    assert moved == 900
    _check_ledger(app, handle.program_id)


def _deadlocks(app):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        return uow.session.execute(text(
            "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")).scalar()


def test_referral_credits_and_budgets_never_deadlock(app):
    """Eight referees' first orders (each credits the referrer, a second member lock) race
    eight orders of the referrer herself, all earning with one budgeted rule. Budgets are
    taken before any member lock, so no order waits for a budget while holding a member:
    PostgreSQL counts no deadlock, and the budget is given exactly."""
    handle, api = _shop(app, ["ann"], referral={"referrer_points": 500, "referee_points": 0,
                                                 "min_order_amount": "0.00"})
    code = api.get("/v1/members/ann").json["referral_code"]
    referees = [f"r{i}" for i in range(8)]
    for member_id in referees:
        assert api.post("/v1/members", json={"member_id": member_id, "referral_code": code}).status_code == 201
    api.post("/v1/program/rules", json={"kind": "purchase", "rule_id": "promo", "points_per_unit": 1,
                                        "budget": {"points": 1000, "period": "month"}})

    def place(member_id, order_id):
        return lambda client: client.post("/v1/orders", json={
            "order_id": order_id, "member_id": member_id, "amount": "100.00", "currency": "RUB"})

    before = _deadlocks(app)
    calls = [place(m, f"o-{m}") for m in referees] + [place("ann", f"o-ann-{i}") for i in range(8)]
    answers = _race(app, handle.token, calls)
    assert [a.status_code for a in answers] == [201] * 16, [a.json for a in answers]
    assert sum(a.json["earned_points"] - 100 for a in answers) == 1000
    assert _deadlocks(app) == before
    referral_points = sum(e["points"] for e in api.get("/v1/members/ann/ledger?limit=200").json["items"]
                          if e["type"] == "referral")
    assert referral_points == 8 * 500
    _check_ledger(app, handle.program_id)
