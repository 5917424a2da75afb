"""Hostile integrator, input: ids with a trailing newline, earns beyond the ledger's integer
range, and settings that would print their secrets."""

from __future__ import annotations

import pytest

from loyalty_api.config import load_settings
from tests.reliability_support import program_counts
from tests.support import ApiCaller, assert_problem, make_program

MAX_BIGINT = 2**63 - 1


@pytest.fixture
def shop(app):
    handle = make_program(app, settings={"pending_days": 0, "earn": {"points_per_unit": 10000}})
    api = ApiCaller(app.test_client(), handle.token)
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    assert api.post("/v1/members/m1/adjustments", json={"points": 1000, "reason": "seed"}).status_code == 201
    order = {"order_id": "o-1", "member_id": "m1", "amount": "10.00", "currency": "RUB"}
    assert api.post("/v1/orders", json=order).status_code == 201
    return handle, api


NEWLINES = [
    ("order", "POST", "/v1/orders", {"order_id": "o-2\n", "member_id": "m1", "amount": "10.00", "currency": "RUB"}),
    ("order-amount", "POST", "/v1/orders", {"order_id": "o-3", "member_id": "m1", "amount": "10.00\n",
                                            "currency": "RUB"}),
    ("hold", "POST", "/v1/holds", {"member_id": "m1", "points": 10, "order_id": "o-4\n"}),
    ("return", "POST", "/v1/orders/o-1/returns", {"return_id": "r-1\n", "amount": "5.00"}),
    ("rule", "POST", "/v1/program/rules", {"rule_id": "r\n", "kind": "event", "event_type": "review", "points": 5}),
    ("event-type", "POST", "/v1/members/m1/events", {"type": "review\n", "event_id": "e-1"}),
    ("event-id", "POST", "/v1/members/m1/events", {"type": "review", "event_id": "e-1\n"}),
    ("reward", "POST", "/v1/program/rewards", {"reward_id": "w\n", "name": "w", "kind": "discount_amount",
                                               "cost_points": 10, "value": "5.00"}),
]


@pytest.mark.parametrize("method, path, body", [pytest.param(*case[1:], id=case[0]) for case in NEWLINES])
def test_an_id_or_amount_with_a_trailing_newline_is_refused(database_url, shop, method, path, body):
    handle, api = shop
    before = program_counts(database_url, handle.program_id)
    answer = api.client.open(path, method=method, json=body, headers={"Authorization": f"Bearer {api.token}"})
    problem = assert_problem(answer, 422, "validation_error")
    assert problem["errors"], problem
    assert program_counts(database_url, handle.program_id) == before


def test_an_earn_beyond_the_ledgers_integer_range_is_422(database_url, shop):
    """A VIP tier's x100 on 10,000 points per unit: an order of 10^14 would earn 10^20 points."""
    handle, api = shop
    tiers = api.put("/v1/program/tiers", json={"tiers": [
        {"code": "gold", "name": "Gold", "threshold": None, "earn_multiplier": 100}],
        "tier_policy": {"metric": "points_earned", "window_months": None, "retention_months": 12,
                        "downgrade": "one_level"}})
    assert tiers.status_code == 200, tiers.json
    assert api.put("/v1/members/m1/vip", json={"tier": "gold", "reason": "test"}).status_code == 200
    before = program_counts(database_url, handle.program_id)
    for amount in ("999999999999999.99", "92233720368547.75"):
        order = {"order_id": f"big-{amount}", "member_id": "m1", "amount": amount, "currency": "RUB"}
        problem = assert_problem(api.post("/v1/orders", json=order), 422, "validation_error")
        assert "amount" in problem["errors"]
        quote = api.post("/v1/checkout/quote", json={"member_id": "m1", "order": {"amount": amount,
                                                                                   "currency": "RUB"}})
        assert_problem(quote, 422, "validation_error")
    assert program_counts(database_url, handle.program_id) == before
    # A big order within the range is still taken (not near the limit: the process's
    # points counter in /metrics is a float, and other tests read exact figures off it).
    fits = api.post("/v1/orders", json={"order_id": "fits", "member_id": "m1", "amount": "1000000.00",
                                        "currency": "RUB"})
    assert fits.status_code == 201 and fits.json["earned_points"] == 10**12


def test_an_adjustment_beyond_the_ledgers_integer_range_is_422(shop):
    _, api = shop
    for points in (MAX_BIGINT + 1, -MAX_BIGINT - 2, 2**64 + 5):
        assert_problem(api.post("/v1/members/m1/adjustments", json={"points": points, "reason": "x"}),
                       422, "validation_error")


def test_settings_never_print_their_secrets():
    settings = load_settings({"DATABASE_URL": "postgresql://loyalty:s3cr3t-pw@db.internal:5432/loyalty",
                              "JWT_KEYS": "k1:" + "K" * 40 + ",k0:" + "Q" * 40,
                              "WEBHOOK_SECRET_KEY": "W" * 40, "METRICS_TOKEN": "M" * 32})
    for shown in (repr(settings), str(settings), f"{settings}", f"{settings!r}"):
        for secret in ("s3cr3t-pw", "K" * 40, "Q" * 40, "W" * 40, "M" * 32):
            assert secret not in shown, shown
        assert "db.internal" in shown and "k1" in shown  # still useful for debugging
    conninfo = load_settings({"DATABASE_URL": "postgresql://db/loyalty?user=x&password=hunter22",
                              "JWT_KEYS": "k1:" + "K" * 40})
    assert "hunter22" not in repr(conninfo)
