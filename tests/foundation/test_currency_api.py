"""Orders and quotes in another currency (program setting ``currencies``), over HTTP.

The worked examples are tables a reader can check by hand; docs/currencies-and-limits.md
shows the same figures.
"""

from __future__ import annotations

import pytest

from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from tests.support import ApiCaller, assert_problem, make_program

SHOP = {"earn": {"points_per_unit": 1}, "pending_days": 0, "currencies": {"EUR": "98.50"},
        "redeem": {"point_value": "1.00", "min_points": 1, "max_order_share": "0.5"}}
LINES = [{"sku": "A", "category": "toys", "quantity": 3, "unit_price": "10.99"},
         {"sku": "B", "category": "books", "quantity": 1, "unit_price": "20.05"}]


def shop(app, **settings):
    handle = make_program(app, settings={**SHOP, **settings})
    api = ApiCaller(app.test_client(), handle.token)
    api.program_id = handle.program_id
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    return api


def order(api, order_id, amount, currency="EUR", lines=(), **extra):
    return api.post("/v1/orders", json={"order_id": order_id, "member_id": "m1", "amount": amount,
                                        "currency": currency, "lines": list(lines), **extra})


def balance(api):
    return api.get("/v1/members/m1/balance").json["available"]


def assert_verified(app, api):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, api.program_id) == []


def test_worked_example_an_order_in_euros_with_a_points_discount(app):
    api = shop(app)
    assert api.post("/v1/members/m1/adjustments", json={"points": 2000, "reason": "seed"}).status_code == 201
    # 1.00 EUR = 98.50 RUB; each unit price and the amount, round half up to the kopeck:
    # line       EUR           RUB each                      RUB line
    # A 3 x      10.99         10.99 x 98.50 = 1082.515 -> 1082.52   3247.56
    # B 1 x      20.05         20.05 x 98.50 = 1974.925 -> 1974.93   1974.93
    # delivery    6.98         (the rest of the amount: earns nothing)
    # amount     60.00         60.00 x 98.50 = 5910.00
    # redeem 1000 points x 1.00 RUB = 1000.00 RUB (cap floor(0.5 x 5910.00 / 1.00) = 2955)
    # paid lines 3247.56 + 1974.93 - 1000.00 = 4222.49 RUB -> earn floor(4222.49 x 1) = 4222
    # discount shown 1000.00 / 98.50 = 10.1522... -> 10.15 EUR; paid 60.00 - 10.15 = 49.85 EUR
    body = {"member_id": "m1", "redeem_points": 1000, "order": {"amount": "60.00", "currency": "EUR", "lines": LINES}}
    quote = api.post("/v1/checkout/quote", json=body)
    assert quote.status_code == 200, quote.json
    assert (quote.json["earn_points"], quote.json["exchange_rate"]) == (4222, "98.50")
    assert quote.json["redeem"] == {"max_points": 2000, "applied_points": 1000, "discount_amount": "10.15",
                                    "reason": None}
    placed = order(api, "o1", "60.00", lines=LINES, redeem_points=1000)
    assert placed.status_code == 201, placed.json
    answer = placed.json
    assert (answer["amount"], answer["discount_amount"], answer["paid_amount"], answer["currency"]) == (
        "60.00", "10.15", "49.85", "EUR")
    assert (answer["earned_points"], answer["redeemed_points"], answer["exchange_rate"]) == (4222, 1000, "98.50")
    assert balance(api) == 2000 - 1000 + 4222
    assert api.get("/v1/orders/o1").json == answer
    assert_verified(app, api)


def test_worked_example_a_partial_return_after_the_rate_changed(app):
    api = shop(app)
    api.post("/v1/members/m1/adjustments", json={"points": 2000, "reason": "seed"})
    assert order(api, "o1", "60.00", lines=LINES, redeem_points=1000).status_code == 201  # earned 4222
    assert api.patch("/v1/program", json={"currencies": {"EUR": "120.00"}}).status_code == 200
    # Returns run at the order's 98.50, never today's 120.00; the running total returned is
    # converted, and the points so far are round-half-up(RUB so far / 5910.00 x points):
    # return  EUR    EUR so far  RUB so far (x 98.50)     reversed so far          refunded so far
    # r1      10.99  10.99       1082.515 -> 1082.52      4222 x 0.18317 = 773.33 -> 773   1000 x 0.18317 = 183.17 -> 183
    # r2       6.98  17.97       1770.045 -> 1770.05      4222 x 0.29950 = 1264.49 -> 1264 (+491)   299.50 -> 300 (+117)
    # cancel  42.03  60.00       5910.00 (the whole)      4222 (+2958)             1000 (+700)
    # (at 120.00, r1 would be 1318.80 RUB and reverse 942 points)
    r1 = api.post("/v1/orders/o1/returns", json={"return_id": "r1", "lines": [{"sku": "A", "quantity": 1}]})
    assert r1.status_code == 201, r1.json
    assert (r1.json["amount"], r1.json["points_reversed"], r1.json["points_refunded"]) == ("10.99", 773, 183)
    r2 = api.post("/v1/orders/o1/returns", json={"return_id": "r2", "amount": "6.98"})
    assert (r2.json["amount"], r2.json["points_reversed"], r2.json["points_refunded"]) == ("6.98", 491, 117)
    got = api.get("/v1/orders/o1").json
    assert (got["status"], got["returned_amount"], got["exchange_rate"]) == ("partially_returned", "17.97", "98.50")
    cancelled = api.post("/v1/orders/o1/cancel")
    assert cancelled.status_code == 200, cancelled.json
    assert (cancelled.json["status"], cancelled.json["returned_amount"]) == ("cancelled", "60.00")
    # nets to exactly zero: the member is back at the 2000 points seeded
    assert balance(api) == 2000
    assert api.post("/v1/orders/o1/returns", json={"return_id": "r1", "lines": [{"sku": "A", "quantity": 1}]}
                    ).json == r1.json  # a retried return answers the first figures
    assert_verified(app, api)


def test_an_unlisted_currency_is_refused_and_writes_nothing(app):
    api = shop(app)
    refused = assert_problem(order(api, "o1", "10.00", currency="USD"), 422, "currency_mismatch")
    assert refused["errors"] == {"currency": ["One of EUR, RUB."]}
    assert api.get("/v1/orders/o1").status_code == 404
    quote = api.post("/v1/checkout/quote", json={"member_id": "m1", "order": {"amount": "10.00", "currency": "USD"}})
    assert_problem(quote, 422, "currency_mismatch")
    # once listed it is accepted; removing it (null) refuses it again
    assert api.patch("/v1/program", json={"currencies": {"USD": "91.20"}}).status_code == 200
    assert order(api, "o1", "10.00", currency="USD").json["exchange_rate"] == "91.20"
    assert api.patch("/v1/program", json={"currencies": {"USD": None}}).json["currencies"] == {"EUR": "98.50"}
    assert_problem(order(api, "o2", "10.00", currency="USD"), 422, "currency_mismatch")


def test_program_currency_orders_answer_no_rate(app):
    api = shop(app)
    placed = order(api, "o1", "100.00", currency="RUB")
    assert placed.status_code == 201
    assert (placed.json["exchange_rate"], placed.json["amount"], placed.json["earned_points"]) == (None, "100.00", 100)


@pytest.mark.parametrize("currencies, field", [
    ({"eur": "98.50"}, "eur"),              # not an ISO 4217 code
    ({"EURO": "98.50"}, "EURO"),
    ({"EUR": "0"}, "EUR"),                  # rate above 0
    ({"EUR": "-1.00"}, "EUR"),
    ({"EUR": 98.5}, "EUR"),                 # a decimal string, not a number
    ({"EUR": "1.12345678901"}, "EUR"),      # at most 10 decimals
    ({"EUR": "1000000000"}, "EUR"),         # at most 9 digits before the point
    ({"RUB": "1.00"}, "RUB"),               # the program currency itself
])
def test_bad_rates_are_refused(app, currencies, field):
    api = shop(app)
    problem = assert_problem(api.patch("/v1/program", json={"currencies": currencies}), 422, "validation_error")
    assert field in problem["errors"]["currencies"], problem["errors"]
    assert api.get("/v1/program").json["currencies"] == {"EUR": "98.50"}


def test_a_program_cannot_be_created_with_its_own_currency_listed(app):
    with pytest.raises(Exception) as caught:
        make_program(app, settings={"currencies": {"RUB": "1.00"}})
    assert getattr(caught.value, "code", None) == "validation_error"


def test_money_finer_than_the_order_currency_is_refused(app):
    api = shop(app, currencies={"JPY": "0.55", "EUR": "98.50"})
    problem = assert_problem(order(api, "o1", "100.50", currency="JPY"), 422, "validation_error")
    assert problem["errors"] == {"amount": ["At most 0 decimals in JPY."]}
    # 1999 JPY x 0.55 = 1099.45 RUB -> 1099 points; a 100-point discount is 181.8 -> 182 JPY
    api.post("/v1/members/m1/adjustments", json={"points": 100, "reason": "seed"})
    placed = order(api, "o1", "1999", currency="JPY", redeem_points=100)
    assert placed.status_code == 201, placed.json
    assert (placed.json["discount_amount"], placed.json["paid_amount"], placed.json["earned_points"]) == (
        "182.00", "1817.00", 999)  # floor(1099.45 - 100.00)
    refused = api.post("/v1/orders/o1/returns", json={"return_id": "r1", "amount": "0.50"})
    assert assert_problem(refused, 422, "validation_error")["errors"] == {"amount": ["At most 0 decimals in JPY."]}
    too_much = api.post("/v1/orders/o1/returns", json={"return_id": "r1", "amount": "2000"})
    assert_problem(too_much, 422, "return_exceeds_order")


def test_a_retry_after_a_rate_change_answers_the_first_figures(app):
    api = shop(app)
    first = order(api, "o1", "10.00", lines=[{"sku": "A", "quantity": 1, "unit_price": "10.00"}])
    assert (first.status_code, first.json["earned_points"]) == (201, 985)
    api.patch("/v1/program", json={"currencies": {"EUR": "50.00"}})
    again = order(api, "o1", "10.00", lines=[{"sku": "A", "quantity": 1, "unit_price": "10.00"}])
    assert (again.status_code, again.json) == (200, first.json)


def test_tier_spend_counts_in_the_program_currency(app):
    api = shop(app)
    ladder = {"tiers": [{"code": "silver", "name": "Silver", "threshold": 4000}], "tier_policy": {"metric": "spend"}}
    assert api.put("/v1/program/tiers", json=ladder).status_code == 200
    api.post("/v1/members/m1/adjustments", json={"points": 1000, "reason": "seed"})
    # paid 5910.00 - 1000.00 = 4910.00 RUB (49.85 EUR): spend 4910.00, above silver's 4000
    assert order(api, "o1", "60.00", lines=LINES, redeem_points=1000).status_code == 201
    tier = api.get("/v1/members/m1/tier").json
    assert (tier["progress"], tier["tier"]["code"]) == ("4910.00", "silver")
    # a quarter of the order returned (15.00 EUR = 1477.50 RUB of 5910.00) takes a quarter of the paid off
    assert api.post("/v1/orders/o1/returns", json={"return_id": "r1", "amount": "15.00"}).status_code == 201
    assert api.get("/v1/members/m1/tier").json["progress"] == "3682.50"


def test_an_order_in_euros_captures_a_hold_under_the_converted_limits(app):
    api = shop(app)
    api.post("/v1/members/m1/adjustments", json={"points": 600, "reason": "seed"})
    hold = api.post("/v1/holds", json={"member_id": "m1", "points": 500, "order_id": "o1"}).json
    # 10.00 EUR = 985.00 RUB: cap floor(0.5 x 985.00) = 492 points, so 500 held points break the limit
    assert_problem(order(api, "o1", "10.00", hold_id=hold["hold_id"]), 422, "redeem_limit")
    # 10.20 EUR = 1004.70 RUB: cap 502; the discount 500.00 RUB is 5.0761 -> 5.08 EUR
    placed = order(api, "o1", "10.20", hold_id=hold["hold_id"])
    assert placed.status_code == 201, placed.json
    assert (placed.json["discount_amount"], placed.json["paid_amount"], placed.json["earned_points"]) == (
        "5.08", "5.12", 504)  # floor(1004.70 - 500.00)
    assert balance(api) == 600 - 500 + 504
    assert_problem(api.post(f"/v1/holds/{hold['hold_id']}/release"), 409, "hold_not_active")  # captured


def test_the_database_refuses_an_order_with_half_of_its_conversion(app):
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    api = shop(app)
    assert order(api, "o1", "10.00").status_code == 201
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        with pytest.raises(IntegrityError, match="ck_orders_converted_sane"):
            uow.session.execute(text("UPDATE orders SET currency_amount = NULL WHERE program_id = :p AND order_id = 'o1'"),
                                {"p": api.program_id})
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        with pytest.raises(IntegrityError, match="ck_orders_converted_sane"):
            uow.session.execute(text("UPDATE orders SET currency_returned_amount = currency_amount + 1"
                                     " WHERE program_id = :p AND order_id = 'o1'"), {"p": api.program_id})
