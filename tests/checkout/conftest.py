"""Factories of the checkout tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def make_order():
    """``make_order(api, order_id, amount, member_id="m1", lines=None, **fields)``: posts an
    order in RUB and answers the response (refusals are what many tests look at)."""

    def make(api, order_id: str, amount: str, lines=None, *, member_id: str = "m1", headers=None, **fields):
        body = {"order_id": order_id, "member_id": member_id, "amount": amount, "currency": "RUB",
                "lines": lines or [], **fields}
        return api.post("/v1/orders", json=body, headers=headers)

    return make
