"""The Python SDK generated from openapi/openapi.json (clients/python, openapi-python-client)
runs a whole storefront session against a live server: token, enrol, quote, hold, order
(captured hold, retried with its Idempotency-Key), partial return, balance, a ledger page,
and the member's own balance and tier through a member token."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

from tests.support import LiveServer, make_program

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
CLIENT_ROOT = SPEC.parent.parent / "clients" / "python"
PACKAGE = "loyalty_api_client"
SHOP = {"earn": {"points_per_unit": 1}, "pending_days": 0, "expiry": {"mode": "none"},
        "redeem": {"point_value": "1.00", "min_points": 100, "max_order_share": "0.5"}}
NEEDED = ["/v1/auth/token", "/v1/members", "/v1/members/{member_id}/adjustments", "/v1/checkout/quote",
          "/v1/holds", "/v1/orders", "/v1/members/{member_id}/balance", "/v1/members/{member_id}/tokens",
          "/v1/me/balance"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def generated():
    """The committed SDK (clients/python; test_sdk_clients.py keeps it equal to what the
    pinned generator makes of openapi/openapi.json)."""
    paths = json.loads(SPEC.read_text())["paths"]
    missing = [path for path in NEEDED if path not in paths]
    assert not missing, f"openapi/openapi.json lacks {missing}: run `make openapi`"
    sys.path.insert(0, str(CLIENT_ROOT))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(CLIENT_ROOT))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def api(package, module: str):
    return importlib.import_module(f"{package.__name__}.api.{module}")


def model(package, name: str):
    return getattr(importlib.import_module(f"{package.__name__}.models"), name)


def test_generated_client_runs_a_checkout(generated, app, unique):
    program = make_program(app, settings=SHOP)
    member_id = f"m-{unique}"
    lines = [{"sku": "SHOE-1", "category": "shoes", "quantity": 1, "unit_price": "1000.00"}]
    with LiveServer(app) as server:
        anonymous = generated.Client(base_url=server.url, raise_on_unexpected_status=True)
        answer = api(generated, "auth.create_token").sync(client=anonymous, body=model(generated, "TokenRequest")(
            grant_type="client_credentials", client_id=program.client_id, client_secret=program.client_secret))
        token = answer
        assert token.token_type == "Bearer" and "checkout" in token.scope.split()
        shop = generated.AuthenticatedClient(base_url=server.url, token=token.access_token,
                                             raise_on_unexpected_status=True)

        member = api(generated, "members.create_member").sync(
            client=shop, body=model(generated, "MemberCreate")(member_id=member_id, email=f"{unique}@example.com"))
        assert member.member_id == member_id
        adjustment = api(generated, "ledger.create_adjustment").sync(
            member_id, client=shop, body=model(generated, "Adjustment")(points=500, reason="welcome gift"))
        assert adjustment.points == 500

        order_content = model(generated, "OrderContent").from_dict(
            {"amount": "1000.00", "currency": "RUB", "lines": lines})
        quote = api(generated, "checkout.quote_checkout").sync(
            client=shop, body=model(generated, "QuoteRequest")(member_id=member_id, order=order_content,
                                                               redeem_points=300))
        # 1000.00 - 300 points x 1.00 = 700.00 paid -> 700 points earned.
        assert (quote.available, quote.redeem.applied_points, quote.earn_points) == (500, 300, 700)
        assert quote.redeem.discount_amount == "300.00"

        hold = api(generated, "checkout.create_hold").sync(
            client=shop, body=model(generated, "HoldCreate")(member_id=member_id, points=300,
                                                             order_id=f"o-{unique}"))
        assert (hold.status, hold.points) == ("held", 300)

        order_body = model(generated, "OrderCreate").from_dict({
            "order_id": f"o-{unique}", "member_id": member_id, "amount": "1000.00", "currency": "RUB",
            "lines": lines, "hold_id": hold.hold_id})
        create_order = api(generated, "checkout.create_order")
        first = create_order.sync_detailed(client=shop, body=order_body, idempotency_key=f"k-{unique}")
        assert first.status_code == 201
        assert (first.parsed.redeemed_points, first.parsed.earned_points, first.parsed.paid_amount) == (300, 700, "700.00")
        # A retry after a timeout: same key, same body -> the first answer, applied once.
        retry = create_order.sync_detailed(client=shop, body=order_body, idempotency_key=f"k-{unique}")
        assert retry.status_code == 201 and retry.headers.get("Idempotent-Replayed") == "true"
        assert retry.parsed.to_dict() == first.parsed.to_dict()

        returned = api(generated, "checkout.create_return").sync(
            f"o-{unique}", client=shop, body=model(generated, "ReturnCreate")(return_id=f"r-{unique}", amount="100.00"))
        # 100.00 of 1000.00 returned: a tenth of the 700 earned taken back, of the 300 spent given back.
        assert (returned.points_reversed, returned.points_refunded) == (70, 30)

        balance = api(generated, "ledger.get_member_balance").sync(member_id, client=shop)
        # 500 - 300 redeemed + 700 earned (no pending period) - 70 + 30 after the return.
        assert (balance.available, balance.pending, balance.held) == (860, 0, 0)
        page = api(generated, "ledger.list_member_ledger").sync(member_id, client=shop, limit=2)
        assert len(page.items) == 2 and page.next_cursor
        rest = api(generated, "ledger.list_member_ledger").sync(member_id, client=shop, cursor=page.next_cursor)
        assert {entry.id for entry in page.items}.isdisjoint(entry.id for entry in rest.items)

        issued = api(generated, "me.create_member_token").sync(
            member_id, client=shop, body=model(generated, "MemberTokenRequest").from_dict({"ttl_seconds": 300}))
        app_client = generated.AuthenticatedClient(base_url=server.url, token=issued.access_token,
                                                   raise_on_unexpected_status=True)
        mine = api(generated, "me.get_my_balance").sync(client=app_client)
        assert mine.available == 860
        tier = api(generated, "me.get_my_tier").sync(client=app_client)
        assert tier.member_id == member_id and tier.metric == "points_earned"
