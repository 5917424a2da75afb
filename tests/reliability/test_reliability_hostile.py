"""Hostile input: each request below gets a 4xx RFC 9457 problem and changes nothing.

The program's rows (members, entries, lots, balances, orders, holds, returns,
outbox events, idempotency records, clients, webhooks, rules…), the sum of its
points and its settings are counted before and after every case.
"""

from __future__ import annotations

import pytest

from tests.reliability_support import program_counts
from tests.support import ApiCaller, make_program

ORDER = {"order_id": "o-h", "member_id": "m1", "amount": "100.00", "currency": "RUB"}
BIG = 2 ** 64 - 1  # the largest integer orjson reads: beyond PostgreSQL bigint
SQLISH = ["' OR '1'='1", "m1'; DROP TABLE members; --", "m1\" OR 1=1 --", "1; SELECT pg_sleep(10)"]
ODD_IDS = ["m\x00x", "m\nx", "m\tx", "m\x1b[31m", "日本語", "m/../m1", "m%2Fx", "a" * 129, "", " ", "m\u202ex"]


def _cases():
    cases = []

    def add(name, method, path, status, code, **kwargs):
        cases.append(pytest.param(method, path, status, code, kwargs, id=name))

    # Transport-level abuse.
    add("oversized-body", "POST", "/v1/orders", 413, "payload_too_large",
        data=b'{"order_id": "' + b"x" * 400_000 + b'"}', content_type="application/json")
    add("deep-json-array", "POST", "/v1/orders", 400, "malformed_json", data=b"[" * 100_000 + b"]" * 100_000,
        content_type="application/json")
    add("deep-json-object", "POST", "/v1/members", 400, "malformed_json",
        data=b'{"a":' * 5000 + b"1" + b"}" * 5000, content_type="application/json")
    add("truncated-json", "POST", "/v1/orders", 400, "malformed_json", data=b'{"order_id": "o-', content_type="application/json")
    add("nan-literal", "POST", "/v1/members/m1/adjustments", 400, "malformed_json",
        data=b'{"points": NaN, "reason": "x"}', content_type="application/json")
    # orjson refuses integers beyond 64 bits: not JSON this service reads.
    add("huge-int-literal", "POST", "/v1/members/m1/adjustments", 400, "malformed_json",
        data=b'{"points": ' + b"9" * 5000 + b', "reason": "x"}', content_type="application/json")
    add("invalid-utf8", "POST", "/v1/members", 400, "malformed_json", data=b'{"member_id": "\xff\xfe"}',
        content_type="application/json")
    add("invalid-utf8-patch", "PATCH", "/v1/program", 400, "malformed_json", data=b'{"name": "\xff"}',
        content_type="application/merge-patch+json")
    add("invalid-utf8-optional-body", "POST", "/v1/members/m1/tokens", 400, "malformed_json",
        data=b'{"ttl_seconds": "\xff"}', content_type="application/json")
    add("text-plain", "POST", "/v1/orders", 415, "unsupported_media_type", data=b'{"order_id": "o"}',
        content_type="text/plain")
    add("xml", "POST", "/v1/members", 415, "unsupported_media_type", data=b"<member_id>m9</member_id>",
        content_type="application/xml")
    add("form-encoded", "POST", "/v1/members/m1/adjustments", 415, "unsupported_media_type",
        data=b"points=100&reason=x", content_type="application/x-www-form-urlencoded")
    add("multipart", "PATCH", "/v1/program", 415, "unsupported_media_type",
        data=b"--b\r\n\r\nx\r\n--b--", content_type="multipart/form-data; boundary=b")
    add("json-not-object", "POST", "/v1/orders", 422, "validation_error", json=[ORDER])
    add("json-null", "POST", "/v1/members", 422, "validation_error", json=None, data=b"null",
        content_type="application/json")
    # Amounts (money is a decimal string).
    for name, amount in [("negative", "-10.00"), ("zero", "0"), ("float-number", 100.5), ("nonnumeric", "ten"),
                         ("exponent", "1e309"), ("nan", "NaN"), ("infinity", "Infinity"), ("huge", "9" * 40),
                         ("five-decimals", "100.00001"), ("spaces", " 100.00 "), ("empty", ""), ("null", None),
                         ("list", ["100.00"]), ("bool", True)]:
        add(f"amount-{name}", "POST", "/v1/orders", 422, "validation_error", json={**ORDER, "amount": amount})
        add(f"quote-amount-{name}", "POST", "/v1/checkout/quote", 422, "validation_error",
            json={"member_id": "m1", "order": {"amount": amount, "currency": "RUB"}})
    # Points (integers).
    for name, points in [("negative", -5), ("zero", 0), ("fraction", 1.5), ("huge", BIG), ("string", "10"),
                         ("nonnumeric", "abc"), ("bool", True), ("null", None), ("float-integral", 10.0)]:
        add(f"hold-points-{name}", "POST", "/v1/holds", 422, "validation_error",
            json={"member_id": "m1", "points": points})
        if name not in ("zero", "null"):  # spending 0 (or null) points is an ordinary order
            add(f"redeem-points-{name}", "POST", "/v1/orders", 422, "validation_error",
                json={**ORDER, "redeem_points": points})
    for name, points in [("fraction", 2.5), ("huge", BIG), ("string", "5"), ("zero", 0),
                         ("bool", False)]:
        add(f"adjust-points-{name}", "POST", "/v1/members/m1/adjustments", 422, "validation_error",
            json={"points": points, "reason": "x"})
    add("adjust-debit-beyond-balance", "POST", "/v1/members/m1/adjustments", 409, "insufficient_points",
        json={"points": -1001, "reason": "x"})
    add("order-spend-beyond-balance", "POST", "/v1/orders", 409, "insufficient_points",
        json={**ORDER, "amount": "5000.00", "redeem_points": 1001})
    add("order-other-currency", "POST", "/v1/orders", 422, "currency_mismatch", json={**ORDER, "currency": "USD"})
    add("order-lines-above-amount", "POST", "/v1/orders", 422, "validation_error",
        json={**ORDER, "lines": [{"sku": "a", "quantity": 1, "unit_price": "150.00"}]})
    add("order-quantity-negative", "POST", "/v1/orders", 422, "validation_error",
        json={**ORDER, "lines": [{"sku": "a", "quantity": -1, "unit_price": "50.00"}]})
    add("unknown-field", "POST", "/v1/orders", 422, "validation_error", json={**ORDER, "is_admin": True})
    # Ids in bodies: control characters, unicode, SQL-looking, too long.
    for i, bad in enumerate(ODD_IDS + SQLISH):
        add(f"body-member-id-{i}", "POST", "/v1/members", 422, "validation_error", json={"member_id": bad})
        add(f"body-order-id-{i}", "POST", "/v1/orders", 422, "validation_error", json={**ORDER, "order_id": bad})
    # Ids in paths: nothing can be found under them, and nothing runs.
    for i, bad in enumerate(["%00", "%0a", "%E6%97%A5", "'%20OR%20'1'='1", "m1%27%3B%20DROP%20TABLE%20members",
                             "a" * 129, "m1%2F..%2F..", "..%2Fm1"]):
        add(f"path-member-{i}", "GET", f"/v1/members/{bad}/balance", 404, "not_found")
        add(f"path-member-adjust-{i}", "POST", f"/v1/members/{bad}/adjustments", 404, "not_found",
            json={"points": 5, "reason": "x"})
        add(f"path-order-{i}", "POST", f"/v1/orders/{bad}/returns", 404, "not_found",
            json={"return_id": "r1", "amount": "1.00"})
    add("path-webhook-not-uuid", "DELETE", "/v1/webhooks/'%20OR%201=1", 404, "not_found")
    add("query-limit-huge", "GET", "/v1/members/m1/ledger?limit=" + "9" * 30, 422, "validation_error")
    add("query-limit-negative", "GET", "/v1/members/m1/ledger?limit=-1", 422, "validation_error")
    add("query-cursor-garbage", "GET", "/v1/members/m1/ledger?cursor=%27%20OR%201%3D1", 422, "validation_error")
    add("idempotency-key-too-long", "POST", "/v1/members/m1/adjustments", 422, "validation_error",
        json={"points": 5, "reason": "x"}, headers={"Idempotency-Key": "k" * 300})
    add("program-patch-currency", "PATCH", "/v1/program", 422, "validation_error", json={"currency": "USD"})
    add("program-patch-negative-share", "PATCH", "/v1/program", 422, "validation_error",
        json={"redeem": {"max_order_share": "-1"}})
    add("program-patch-not-object", "PATCH", "/v1/program", 422, "validation_error", json=[1, 2])
    return cases


@pytest.fixture(scope="module")
def target(app):
    handle = make_program(app, settings={"pending_days": 0, "redeem": {"min_points": 1, "max_order_share": "1"}})
    api = ApiCaller(app.test_client(), handle.token)
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    assert api.post("/v1/members/m1/adjustments", json={"points": 1000, "reason": "seed"}).status_code == 201
    return handle, api


@pytest.mark.parametrize("method,path,status,code,kwargs", _cases())
def test_hostile_request_is_refused_and_changes_nothing(target, database_url, method, path, status, code, kwargs):
    handle, api = target
    before = program_counts(database_url, handle.program_id)
    headers = kwargs.pop("headers", {})
    content_type = kwargs.pop("content_type", None)
    if content_type:
        headers = {**headers, "Content-Type": content_type}
    answer = api.client.open(path, method=method, headers={"Authorization": f"Bearer {api.token}", **headers},
                             **kwargs)
    assert answer.status_code == status, (answer.status_code, answer.get_data(as_text=True)[:400])
    assert answer.mimetype == "application/problem+json"
    body = answer.get_json(force=True)
    assert body["code"] == code and body["status"] == status, body
    assert program_counts(database_url, handle.program_id) == before
    assert api.get("/v1/members/m1/balance").json["available"] == 1000
