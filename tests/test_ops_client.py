"""A client generated from the published openapi/openapi.json with a standard
generator (openapi-python-client) runs a whole checkout against a live server:
token, enrol, quote, hold, order (captured hold, retried with its Idempotency-Key),
balance, and the member's own view through a member token."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import LiveServer, make_program

SPEC = Path(__file__).resolve().parent.parent / "openapi" / "openapi.json"
PACKAGE = "loyalty_api_client"
SHOP = {"earn": {"points_per_unit": 1}, "pending_days": 0, "expiry": {"mode": "none"},
        "redeem": {"point_value": "1.00", "min_points": 100, "max_order_share": "0.5"}}
NEEDED = ["/v1/auth/token", "/v1/members", "/v1/members/{member_id}/adjustments", "/v1/checkout/quote",
          "/v1/holds", "/v1/orders", "/v1/members/{member_id}/balance", "/v1/members/{member_id}/tokens",
          "/v1/me/balance"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    paths = json.loads(SPEC.read_text())["paths"]
    missing = [path for path in NEEDED if path not in paths]
    assert not missing, f"openapi/openapi.json lacks {missing}: run `make openapi`"
    root = tmp_path_factory.mktemp("client")
    config = root / "config.yml"
    # No formatter hooks: the generated code is imported, not committed.
    config.write_text("post_hooks: []\n")
    generator = Path(sys.executable).parent / "openapi-python-client"
    result = subprocess.run([str(generator), "generate", "--path", str(SPEC), "--meta", "none",
                             "--config", str(config), "--output-path", str(root / PACKAGE)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
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
        # The generated token operation does not import (see the xfail below), so the
        # token is fetched through the generated client's own HTTP session and models.
        answer = anonymous.get_httpx_client().post("/v1/auth/token", json=model(generated, "TokenRequest")(
            grant_type="client_credentials", client_id=program.client_id,
            client_secret=program.client_secret).to_dict())
        assert answer.status_code == 200, answer.text
        token = model(generated, "Token").from_dict(answer.json())
        assert token.token_type == "Bearer" and "checkout" in token.scope.split()
        shop = generated.AuthenticatedClient(base_url=server.url, token=token.access_token,
                                             raise_on_unexpected_status=True)

        member = api(generated, "members.post_v1_members").sync(
            client=shop, body=model(generated, "MemberCreate")(member_id=member_id, email=f"{unique}@example.com"))
        assert member.member_id == member_id
        adjustment = api(generated, "ledger.post_v1_members_member_id_adjustments").sync(
            member_id, client=shop, body=model(generated, "Adjustment")(points=500, reason="welcome gift"))
        assert adjustment.points == 500

        order_content = model(generated, "OrderContent").from_dict(
            {"amount": "1000.00", "currency": "RUB", "lines": lines})
        quote = api(generated, "checkout.post_v1_checkout_quote").sync(
            client=shop, body=model(generated, "QuoteRequest")(member_id=member_id, order=order_content,
                                                               redeem_points=300))
        # 1000.00 - 300 points x 1.00 = 700.00 paid -> 700 points earned.
        assert (quote.available, quote.redeem.applied_points, quote.earn_points) == (500, 300, 700)
        assert quote.redeem.discount_amount == "300.00"

        hold = api(generated, "checkout.post_v1_holds").sync(
            client=shop, body=model(generated, "HoldCreate")(member_id=member_id, points=300,
                                                             order_id=f"o-{unique}"))
        assert (hold.status, hold.points) == ("held", 300)

        order_body = model(generated, "OrderCreate").from_dict({
            "order_id": f"o-{unique}", "member_id": member_id, "amount": "1000.00", "currency": "RUB",
            "lines": lines, "hold_id": hold.hold_id})
        create_order = api(generated, "checkout.post_v1_orders")
        first = create_order.sync_detailed(client=shop, body=order_body, idempotency_key=f"k-{unique}")
        assert first.status_code == 201
        assert (first.parsed.redeemed_points, first.parsed.earned_points, first.parsed.paid_amount) == (300, 700, "700.00")
        # A retry after a timeout: same key, same body -> the first answer, applied once.
        retry = create_order.sync_detailed(client=shop, body=order_body, idempotency_key=f"k-{unique}")
        assert retry.status_code == 201 and retry.headers.get("Idempotent-Replayed") == "true"
        assert retry.parsed.to_dict() == first.parsed.to_dict()

        balance = api(generated, "ledger.get_v1_members_member_id_balance").sync(member_id, client=shop)
        # 500 - 300 redeemed + 700 earned (no pending period in this shop).
        assert (balance.available, balance.pending, balance.held) == (900, 0, 0)

        issued = api(generated, "me.post_v1_members_member_id_tokens").sync(
            member_id, client=shop, body=model(generated, "MemberTokenRequest").from_dict({"ttl_seconds": 300}))
        app_client = generated.AuthenticatedClient(base_url=server.url, token=issued.access_token,
                                                   raise_on_unexpected_status=True)
        mine = api(generated, "me.get_v1_me_balance").sync(client=app_client)
        assert mine.available == 900


@pytest.mark.xfail(strict=True, raises=NameError, reason=(
    "openapi-python-client generates code that does not import (NameError: Unset) for a request "
    "body with two content types; /v1/auth/token documents JSON and form. Documenting only JSON "
    "(form stays accepted) fixes it: then drop this xfail and use the operation above."))
def test_generated_token_operation_imports(generated):
    api(generated, "auth.post_v1_auth_token")
