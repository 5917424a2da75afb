"""The OpenAPI document says what is sent: problem+json errors, auth, idempotency."""

from __future__ import annotations

import json

import pytest

from loyalty_api.openapi import openapi_json
from tests.support import assert_problem

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def document(app):
    return json.loads(openapi_json(app))


def _operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def _resolve(document, response):
    if "$ref" in response:
        return document["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return response


def test_every_error_response_is_documented_as_problem_json(document):
    wrong = []
    for path, method, operation in _operations(document):
        for status, response in operation["responses"].items():
            if status == "default" or int(status) >= 400:
                content = _resolve(document, response).get("content", {})
                if list(content) != ["application/problem+json"]:
                    wrong.append((method, path, status, list(content)))
    assert wrong == []


def test_problem_schema_lists_the_rfc_9457_members(document):
    problem = document["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail", "code", "request_id"}
    assert "errors" in problem["properties"]


def test_secured_operations_document_401_403_and_posts_the_idempotency_key(document):
    missing = []
    for path, method, operation in _operations(document):
        if operation.get("security") == []:
            continue
        responses = operation["responses"]
        if not {"401", "403"} <= set(responses):
            missing.append((method, path, "401/403"))
        if method == "post" and "Idempotency-Key" not in {p.get("name") for p in operation.get("parameters", [])}:
            missing.append((method, path, "Idempotency-Key"))
    assert missing == []


def test_public_operations_are_marked_public(document):
    public = {(path, method) for path, method, operation in _operations(document) if operation.get("security") == []}
    assert {("/healthz", "get"), ("/readyz", "get"), ("/v1/auth/token", "post")} <= public
    assert all(path in {"/healthz", "/readyz", "/v1/auth/token", "/metrics"} for path, _ in public)


def test_program_patch_documents_merge_patch_and_still_accepts_json(document, api):
    # One content type per documented body (generators break on two); plain JSON stays accepted.
    content = document["paths"]["/v1/program"]["patch"]["requestBody"]["content"]
    assert set(content) == {"application/merge-patch+json"}
    assert "application/json" in document["paths"]["/v1/program"]["patch"]["description"]
    for mimetype in ("application/merge-patch+json", "application/json"):
        answer = api.client.patch("/v1/program", data=json.dumps({"pending_days": 3}), content_type=mimetype,
                                  headers={"Authorization": f"Bearer {api.token}"})
        assert answer.status_code == 200 and answer.json["pending_days"] == 3, answer.get_data(as_text=True)


def test_token_endpoint_documents_json_and_still_accepts_a_form(document, anonymous, program):
    operation = document["paths"]["/v1/auth/token"]["post"]
    assert set(operation["requestBody"]["content"]) == {"application/json"}
    assert "application/x-www-form-urlencoded" in operation["description"]
    answer = anonymous.client.post("/v1/auth/token", data={
        "grant_type": "client_credentials", "client_id": program.client_id, "client_secret": program.client_secret})
    assert answer.status_code == 200 and answer.json["token_type"] == "Bearer", answer.get_data(as_text=True)


def test_served_problems_carry_every_required_member(document, anonymous):
    required = set(document["components"]["schemas"]["Problem"]["required"])
    for response in (anonymous.get("/v1/program"), anonymous.get("/nope"),
                     anonymous.post("/v1/auth/token", json={"grant_type": "x"})):
        assert required <= set(response.get_json())
    assert_problem(anonymous.get("/v1/program"), 401, "unauthorized")
