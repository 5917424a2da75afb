"""RFC 9457 answers everywhere; bad input never yields HTML or a 500 (SPEC §12)."""

from __future__ import annotations

import json

import pytest

from tests.support import assert_problem


def _send(api, method, path, payload):
    """Through the stdlib encoder: it writes integers of any size, as a client might."""
    return api.client.open(path, method=method, data=json.dumps(payload), content_type="application/json",
                           headers={"Authorization": f"Bearer {api.token}"})


def test_unknown_route_is_a_404_problem(anonymous):
    response = anonymous.get("/v1/nothing-here")
    assert_problem(response, 404, "not_found")
    assert b"<html" not in response.data.lower()


@pytest.mark.parametrize("path", ["//v1/members", "/v1//members", "/healthz/", "/v1/members/"])
def test_odd_paths_answer_problems_not_html_redirects(anonymous, path):
    response = anonymous.get(path)
    assert response.status_code in (401, 404), response.status_code
    assert response.mimetype == "application/problem+json"


def test_wrong_method_is_405_with_allow(api):
    response = api.put("/v1/members", json={})
    body = assert_problem(response, 405, "method_not_allowed")
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"POST"}
    assert "PUT" not in response.headers["Allow"]
    assert body["title"] == "Method not allowed"


def test_validation_error_lists_field_errors(api):
    response = api.post("/v1/members", json={"member_id": "", "email": "nope", "birthday": "2999-01-01",
                                              "attributes": [1]})
    body = assert_problem(response, 422, "validation_error")
    assert set(body["errors"]) == {"member_id", "email", "birthday", "attributes"}


def test_unknown_fields_are_refused(api):
    body = assert_problem(api.post("/v1/members", json={"member_id": "a", "colour": "red"}),
                          422, "validation_error")
    assert "colour" in body["errors"]


def test_malformed_json_is_400(api):
    response = api.client.post("/v1/members", data=b'{"member_id": ', content_type="application/json",
                               headers={"Authorization": f"Bearer {api.token}"})
    assert_problem(response, 400, "malformed_json")


@pytest.mark.parametrize("raw", [
    b"\xff\xfe{}",                                   # invalid UTF-8
    b'{"member_id": "\xc3\x28"}',                    # invalid UTF-8 inside a string
    b"[" * 100_000 + b"]" * 100_000,                 # deeply nested
    b'{"attributes": ' + b'{"a":' * 5000 + b"1" + b"}" * 5000 + b"}",
    b'{"member_id": 1e999}',                         # infinite number
    b'{"member_id": "a", "attributes": {"n": ' + b"9" * 5000 + b"}}",  # beyond int parsing limits
    b"NaN",
    b"",
])
def test_hostile_bodies_are_clean_4xx(api, raw):
    response = api.client.post("/v1/members", data=raw, content_type="application/json",
                               headers={"Authorization": f"Bearer {api.token}"})
    assert 400 <= response.status_code < 500, (response.status_code, response.data[:300])
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] in {"malformed_json", "validation_error", "payload_too_large"}


@pytest.mark.parametrize("payload", [
    {"member_id": 12},
    {"member_id": ["a"]},
    {"member_id": {"a": 1}},
    {"member_id": None},
    {"member_id": True},
    {"member_id": "a" * 129},
    {"member_id": "has space"},
    {"member_id": "line\n"},
    {"member_id": "ümlaut"},
    {"member_id": "ok", "email": 5},
    {"member_id": "ok", "birthday": "yesterday"},
    {"member_id": "ok", "birthday": 20200101},
    {"member_id": "ok", "attributes": "x"},
    {"member_id": "ok", "attributes": {str(i): i for i in range(51)}},
    {"member_id": "ok", "phone": "\u0000"},
    {"member_id": "ok", "referral_code": 10 ** 40},
    [],
    "member",
    12345678901234567890123456789012345678901234567890,
])
def test_wrong_json_types_are_422(api, payload):
    response = _send(api, "POST", "/v1/members", payload)
    body = assert_problem(response, 422, "validation_error")
    assert body["errors"]


def test_nul_characters_in_free_text_are_refused_cleanly(api):
    response = api.post("/v1/members", json={"member_id": "nul-attr", "attributes": {"note": "a\u0000b"}})
    assert_problem(response, 422, "validation_error")
    # nothing was stored
    assert_problem(api.get("/v1/members/nul-attr"), 404, "not_found")


def test_huge_numbers_in_settings_are_422(api):
    for patch in ({"pending_days": 10 ** 30}, {"earn": {"points_per_unit": 1e308}},
                  {"hold_ttl_seconds": -1}, {"redeem": {"min_points": 1.5}}):
        body = assert_problem(_send(api, "PATCH", "/v1/program", patch), 422, "validation_error")
        assert body["errors"], patch


def test_payload_over_max_content_length_is_413(api, app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    big = b'{"member_id": "big", "attributes": {"a": "' + b"x" * limit + b'"}}'
    response = api.client.post("/v1/members", data=big, content_type="application/json",
                               headers={"Authorization": f"Bearer {api.token}"})
    assert_problem(response, 413, "payload_too_large")
    keyed = api.client.post("/v1/members", data=big, content_type="application/json",
                            headers={"Authorization": f"Bearer {api.token}", "Idempotency-Key": "big-1"})
    assert_problem(keyed, 413, "payload_too_large")


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "multipart/form-data; boundary=x",
                                          "application/x-www-form-urlencoded"])
def test_non_json_bodies_are_415(api, content_type):
    response = api.client.post("/v1/members", data=b"member_id=a", content_type=content_type,
                               headers={"Authorization": f"Bearer {api.token}"})
    assert_problem(response, 415, "unsupported_media_type")


def test_json_with_charset_parameter_is_fine(api):
    response = api.client.post("/v1/members", data=b'{"member_id": "charset"}',
                               content_type="application/json; charset=utf-8",
                               headers={"Authorization": f"Bearer {api.token}"})
    assert response.status_code == 201, response.json


def test_request_id_is_echoed_or_generated(api):
    given = api.get("/v1/members/nobody", headers={"X-Request-Id": "req-123.abc"})
    assert given.headers["X-Request-Id"] == "req-123.abc"
    assert given.json["request_id"] == "req-123.abc"
    made = api.get("/v1/members/nobody")
    assert len(made.headers["X-Request-Id"]) == 32
    assert made.json["request_id"] == made.headers["X-Request-Id"]
    success = api.get("/v1/program", headers={"X-Request-Id": "ok-1"})
    assert success.status_code == 200 and success.headers["X-Request-Id"] == "ok-1"


@pytest.mark.parametrize("bad", ["a" * 129, "has space", "tab\there", "é"])
def test_unusable_request_ids_are_replaced(api, bad):
    response = api.get("/v1/members/nobody", headers={"X-Request-Id": bad})
    assert response.headers["X-Request-Id"] != bad
    assert len(response.headers["X-Request-Id"]) == 32


def test_a_server_error_is_a_problem_without_internals(app, api, monkeypatch):
    from loyalty_api.members import service

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service, "read_profile", explode)  # what GET /v1/members/{id} calls
    response = api.get("/v1/members/anyone")
    body = assert_problem(response, 500, "internal_error")
    assert "secret" not in response.get_data(as_text=True)
    assert body["detail"] == "An unexpected error occurred"


def test_problem_types_and_titles_are_stable_per_code(api, anonymous):
    first = assert_problem(anonymous.get("/v1/members/a"), 401, "unauthorized")
    second = assert_problem(anonymous.get("/v1/program"), 401, "unauthorized")
    assert (first["type"], first["title"]) == (second["type"], second["title"])


def test_one_title_and_type_per_code_whoever_raised_it(api):
    from_routing = assert_problem(api.get("/v1/no-such-route"), 404, "not_found")
    from_domain = assert_problem(api.get("/v1/members/nobody"), 404, "not_found")
    assert (from_routing["type"], from_routing["title"]) == (from_domain["type"], from_domain["title"])
    webargs = assert_problem(api.post("/v1/members", json={}), 422, "validation_error")
    service = assert_problem(api.patch("/v1/program", json={"currency": "EUR"}), 422, "validation_error")
    assert webargs["title"] == service["title"] == "Validation failed"


def test_authenticated_answers_are_not_cacheable(api, anonymous):
    assert api.get("/v1/program").headers["Cache-Control"] == "no-store"
    assert api.get("/v1/members/nobody").headers["Cache-Control"] == "no-store"
    assert anonymous.get("/healthz").headers.get("X-Content-Type-Options") == "nosniff"
