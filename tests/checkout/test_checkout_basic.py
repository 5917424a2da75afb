"""Checkout over HTTP: quote, order, hold, return, cancel, balance, ledger (worked examples)."""

from __future__ import annotations

import pytest


@pytest.fixture
def shop(make_shop):
    """A program where 1.00 earns 1 point, nothing pends, 1 point = 1.00, 50% payable with points."""
    return make_shop(earn={"points_per_unit": 1, "excluded_skus": ["GIFT"], "excluded_categories": ["delivery"]},
                     redeem={"point_value": "1.00", "min_points": 100, "max_order_share": "0.5"},
                     pending_days=0, clawback="allow_negative")


def balance(api):
    response = api.get("/v1/members/m1/balance")
    assert response.status_code == 200, response.json
    return response.json


def test_order_earns_and_replays(shop, make_order):
    first = make_order(shop, "o1", "1000.00")
    assert first.status_code == 201, first.json
    assert first.json["earned_points"] == 1000
    assert first.json["paid_amount"] == "1000.00"
    again = make_order(shop, "o1", "1000.00")
    assert again.status_code == 200
    assert again.json == first.json
    clash = make_order(shop, "o1", "999.00")
    assert clash.status_code == 409 and clash.json["code"] == "duplicate_order"
    assert balance(shop)["available"] == 1000
    assert shop.get("/v1/orders/o1").json == first.json


def test_quote_exclusions_share_and_min(shop, make_order):
    assert make_order(shop, "seed", "300.00").status_code == 201  # 300 points
    lines = [{"sku": "A", "category": "toys", "quantity": 2, "unit_price": "100.00"},
             {"sku": "GIFT", "category": "cards", "quantity": 1, "unit_price": "50.00"},
             {"sku": "D", "category": "delivery", "quantity": 1, "unit_price": "30.00"}]
    body = {"member_id": "m1", "order": {"amount": "300.00", "currency": "RUB", "lines": lines}}
    plain = shop.post("/v1/checkout/quote", json=body)
    assert plain.status_code == 200, plain.json
    assert plain.json["earn_points"] == 200
    assert plain.json["redeem"] == {"max_points": 150, "applied_points": 0, "discount_amount": "0.00",
                                    "reason": None}
    capped = shop.post("/v1/checkout/quote", json={**body, "redeem_points": 250}).json
    assert capped["redeem"]["applied_points"] == 150 and capped["redeem"]["reason"] == "max_order_share"
    # 150 discount spread over lines 280: toys pay 200 - 150*200/280 = 92.857.. -> 92 points
    assert capped["earn_points"] == 92
    low = shop.post("/v1/checkout/quote", json={**body, "redeem_points": 99}).json
    assert low["redeem"]["applied_points"] == 0 and low["redeem"]["reason"] == "below_min_points"
    assert low["available"] == 300


def test_hold_capture_and_return(shop, make_order):
    assert make_order(shop, "seed", "1000.00").status_code == 201
    hold = shop.post("/v1/holds", json={"member_id": "m1", "points": 200})
    assert hold.status_code == 201, hold.json
    assert balance(shop)["held"] == 200 and balance(shop)["available"] == 800
    placed = make_order(shop, "o2", "400.00", hold_id=hold.json["hold_id"])
    assert placed.status_code == 201, placed.json
    assert placed.json["redeemed_points"] == 200 and placed.json["earned_points"] == 200
    recapture = make_order(shop, "o3", "400.00", hold_id=hold.json["hold_id"])
    assert recapture.status_code == 409 and recapture.json["code"] == "hold_not_active"
    assert balance(shop)["available"] == 1000  # 1000 - 200 + 200
    half = shop.post("/v1/orders/o2/returns", json={"return_id": "r1", "amount": "200.00"})
    assert half.status_code == 201, half.json
    assert (half.json["points_reversed"], half.json["points_refunded"]) == (100, 100)
    cancelled = shop.post("/v1/orders/o2/cancel")
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"
    assert balance(shop)["available"] == 1000
    ledger = shop.get("/v1/members/m1/ledger").json["items"]
    assert [entry["type"] for entry in ledger] == ["reverse", "refund", "reverse", "refund", "earn", "redeem",
                                                   "earn"]


def test_events_and_ledger_filters(shop, app, make_order):
    from sqlalchemy import text

    from loyalty_api.db import unit_of_work

    assert make_order(shop, "seed", "500.00").status_code == 201
    assert make_order(shop, "o2", "400.00", redeem_points=150).status_code == 201  # cap: 0.5 x 400
    assert shop.post("/v1/orders/o2/returns", json={"return_id": "r1", "amount": "100.00"}).status_code == 201
    entries = shop.get("/v1/members/m1/ledger?order_id=o2").json["items"]
    # order o2: paid 250.00 earns 250; returning 100.00 of 400.00 takes back 62.5 -> 63, gives back 37.5 -> 38
    assert [(e["type"], e["points"]) for e in entries] == [("reverse", -63), ("refund", 38), ("earn", 250),
                                                           ("redeem", -150)]
    assert entries[2]["available_at"] and entries[3]["available_at"] is None
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        rows = uow.session.execute(text(
            "SELECT type, data FROM outbox_events WHERE program_id = :p AND data->>'order_id' = 'o2'"
            " AND type LIKE 'points.%' ORDER BY seq"), {"p": shop.program_id}).all()
    events = [(row.type, row.data["points"]) for row in rows]
    assert events == [("points.redeemed", 150), ("points.earned", 250), ("points.reversed", 63)]
    assert rows[-1].data["points_refunded"] == 38


@pytest.mark.parametrize("who", ["stranger", "gone"])
def test_order_of_an_unknown_or_erased_member_leaves_nothing_behind(app, shop, who):
    """The order row and its outbox event are written by the statement that finds the
    member missing (checkout/statements.py): the 404 must roll both back."""
    from sqlalchemy import func, select

    from loyalty_api.checkout.models import Order
    from loyalty_api.db import unit_of_work
    from loyalty_api.events.models import OutboxEvent

    if who == "gone":
        assert shop.post("/v1/members", json={"member_id": who}).status_code == 201
        assert shop.delete(f"/v1/members/{who}").status_code == 204
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        events_before = uow.session.scalar(select(func.count()).select_from(OutboxEvent).where(
            OutboxEvent.program_id == shop.program_id))
    response = shop.post("/v1/orders", json={"order_id": "lost", "member_id": who, "amount": "100.00",
                                             "currency": "RUB", "lines": []})
    assert response.status_code == 404 and response.json["code"] == "not_found", response.json
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert uow.session.get(Order, (shop.program_id, "lost")) is None
        assert uow.session.scalar(select(func.count()).select_from(OutboxEvent).where(
            OutboxEvent.program_id == shop.program_id)) == events_before


def test_an_order_that_earns_nothing_writes_no_entry_and_no_event(app, shop, make_order):
    """Only a gift card (excluded): the order is recorded with 0 points, no ledger
    entry, no lot, no outbox event; the member's balance is untouched."""
    from sqlalchemy import func, select

    from loyalty_api.db import unit_of_work
    from loyalty_api.events.models import OutboxEvent
    from loyalty_api.ledger.models import LedgerEntry

    def counts():
        with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
            return tuple(uow.session.scalar(select(func.count()).select_from(model).where(
                model.program_id == shop.program_id)) for model in (OutboxEvent, LedgerEntry))

    before = counts()
    gift = [{"sku": "GIFT", "category": "cards", "quantity": 1, "unit_price": "50.00"}]
    placed = make_order(shop, "gift-only", "50.00", gift)
    assert placed.status_code == 201, placed.json
    assert (placed.json["earned_points"], placed.json["redeemed_points"]) == (0, 0)
    assert counts() == before
    assert make_order(shop, "gift-only", "50.00", gift).json == placed.json
    assert balance(shop)["available"] == 0
