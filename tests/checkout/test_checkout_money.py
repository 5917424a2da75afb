"""Money has the currency's minor units: "10.005" roubles is refused with 422, nothing stored."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loyalty_api.checkout.rules import finer_than, money_errors
from tests.support import ApiCaller, assert_problem, make_program


@pytest.mark.parametrize("currency, amount, finer", [
    ("RUB", "10.005", True), ("RUB", "10.00", False), ("RUB", "10.5", False), ("RUB", "10.0050", True),
    ("JPY", "100", False), ("JPY", "100.00", False), ("JPY", "100.5", True),
    ("KWD", "1.005", False), ("KWD", "1.0005", True), ("USD", "0.01", False), ("USD", "0.001", True),
])
def test_finer_than_the_currency(currency, amount, finer):
    assert finer_than(currency, Decimal(amount)) is finer


def test_money_errors_name_the_fields():
    assert money_errors("RUB", Decimal("1.00"), [Decimal("0.50")]) == {}
    assert money_errors("RUB", Decimal("1.005"), [Decimal("0.50"), Decimal("0.125")]) == {
        "amount": ["At most 2 decimals in RUB."], "lines": {"1": {"unit_price": ["At most 2 decimals in RUB."]}}}


def shop(app, currency="RUB"):
    handle = make_program(app, currency=currency, settings={"pending_days": 0})
    api = ApiCaller(app.test_client(), handle.token)
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    return api


def order_body(order_id, amount, currency="RUB", lines=()):
    return {"order_id": order_id, "member_id": "m1", "amount": amount, "currency": currency, "lines": list(lines)}


def test_an_order_with_a_tenth_of_a_kopeck_is_refused_and_not_stored(app):
    api = shop(app)
    problem = assert_problem(api.post("/v1/orders", json=order_body("o1", "10.005")), 422, "validation_error")
    assert problem["errors"] == {"amount": ["At most 2 decimals in RUB."]}
    assert api.get("/v1/orders/o1").status_code == 404
    assert api.get("/v1/members/m1/balance").json["available"] == 0
    quote = api.post("/v1/checkout/quote", json={"member_id": "m1", "order": {
        "amount": "10.00", "currency": "RUB", "lines": [{"sku": "A", "quantity": 1, "unit_price": "9.999"}]}})
    assert assert_problem(quote, 422, "validation_error")["errors"] == {
        "lines": {"0": {"unit_price": ["At most 2 decimals in RUB."]}}}
    assert api.post("/v1/orders", json=order_body("o1", "10.50")).status_code == 201


def test_a_return_amount_finer_than_the_currency_is_refused(app):
    api = shop(app)
    assert api.post("/v1/orders", json=order_body("o1", "100.00")).status_code == 201
    refused = api.post("/v1/orders/o1/returns", json={"return_id": "r1", "amount": "10.001"})
    assert assert_problem(refused, 422, "validation_error")["errors"] == {"amount": ["At most 2 decimals in RUB."]}
    assert api.post("/v1/orders/o1/returns", json={"return_id": "r1", "amount": "10.00"}).status_code == 201


def test_yen_have_no_decimals(app):
    api = shop(app, "JPY")
    refused = api.post("/v1/orders", json=order_body("o1", "100.5", "JPY"))
    assert assert_problem(refused, 422, "validation_error")["errors"] == {"amount": ["At most 0 decimals in JPY."]}
    accepted = api.post("/v1/orders", json=order_body("o1", "100.00", "JPY"))
    assert accepted.status_code == 201 and accepted.json["earned_points"] == 100
