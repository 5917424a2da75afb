"""What a partner's generator and linter need from openapi/openapi.json.

Every completeness failure names the operation (``METHOD path``) and what it lacks, so
a new endpoint is documented by adding ``@operation(...)`` (loyalty_api/http/operations.py)
and a docstring to its view, then ``make openapi``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "openapi.json"
SPEC = json.loads(SPEC_PATH.read_text())
METHODS = {"get", "put", "post", "patch", "delete"}
OPERATIONS = [(f"{method.upper()} {path}", op) for path, item in SPEC["paths"].items()
              for method, op in item.items() if method in METHODS]
PROBLEM = {"$ref": "#/components/schemas/Problem"}
# Where Redocly's CLI is installed for the lint (git-ignored, kept between runs).
NODE_CACHE = ROOT / ".data" / "node"
REDOCLY_VERSION = "2.77.0"


def _missing(predicate) -> list[str]:
    return [label for label, op in OPERATIONS if not predicate(op)]


def test_every_operation_has_a_unique_human_operation_id():
    assert not _missing(lambda op: op.get("operationId")), \
        "operations without @operation(...) in their view"
    seen: dict[str, str] = {}
    for label, op in OPERATIONS:
        assert op["operationId"] not in seen, f"{label} repeats the operationId of {seen[op['operationId']]}"
        seen[op["operationId"]] = label
        assert op["operationId"][0].islower() and op["operationId"].isalnum(), f"{label}: {op['operationId']}"


def test_every_operation_has_a_summary_and_a_description():
    assert not _missing(lambda op: op.get("summary")), "views without a docstring"
    assert not _missing(lambda op: op.get("description")), \
        "views whose docstring has no description paragraph after the summary line"


def test_every_body_has_one_content_type_and_an_example():
    assert not _missing(lambda op: "requestBody" not in op or len(op["requestBody"]["content"]) == 1)
    assert not _missing(lambda op: all("example" in media for media in op.get("requestBody", {}).get(
        "content", {}).values()))
    assert SPEC["paths"]["/v1/program"]["patch"]["requestBody"]["content"].keys() == {"application/merge-patch+json"}
    assert SPEC["paths"]["/v1/auth/token"]["post"]["requestBody"]["content"].keys() == {"application/json"}


def _successes(op):
    return [response for status, response in op["responses"].items() if status.startswith("2")]


def test_every_success_answer_has_an_example():
    assert not _missing(lambda op: all("example" in media for response in _successes(op)
                                       for media in response.get("content", {}).values()))


def test_examples_are_valid_against_their_schemas():
    invalid = []
    for label, op in OPERATIONS:
        media = list(op.get("requestBody", {}).get("content", {}).values())
        media += [m for response in op["responses"].values() for m in response.get("content", {}).values()]
        for entry in media:
            values = [entry["example"]] if "example" in entry else []
            values += [example["value"] for example in entry.get("examples", {}).values()]
            schema = {**entry["schema"], "components": SPEC["components"]}
            for value in values:
                errors = list(OAS30Validator(schema).iter_errors(value))
                if errors:
                    invalid.append(f"{label}: {errors[0].message} in {json.dumps(value)[:200]}")
    assert not invalid, "\n".join(invalid)


def test_every_problem_status_is_documented_with_the_problem_schema_and_its_codes():
    for label, op in OPERATIONS:
        for status, response in op["responses"].items():
            if status.startswith(("4", "5")):
                media = response.get("content", {}).get("application/problem+json")
                assert media and media["schema"] == PROBLEM, f"{label} {status}: not a Problem answer"
                assert "`" in response["description"], f"{label} {status}: the description names no code"


def test_path_parameters_document_404_and_posts_their_idempotency_problems():
    for label, op in OPERATIONS:
        if "{" in label:
            assert "404" in op["responses"], f"{label}: 404 not documented"
        if label.startswith("POST") and op.get("security") != []:
            assert {"409", "422"} <= op["responses"].keys(), f"{label}: idempotency problems not documented"


def test_business_problems_are_documented_where_they_are_answered():
    codes = {status: set(response["content"]["application/problem+json"]["examples"])
             for status, response in SPEC["paths"]["/v1/orders"]["post"]["responses"].items()
             if "examples" in response.get("content", {}).get("application/problem+json", {})}
    assert {"insufficient_points", "duplicate_order", "hold_not_active"} <= codes["409"]
    assert {"redeem_limit", "currency_mismatch", "validation_error", "idempotency_conflict"} <= codes["422"]


def test_problem_is_open_to_extension_members():
    assert SPEC["components"]["schemas"]["Problem"].get("additionalProperties", True) is not False


def test_program_patch_is_typed():
    properties = SPEC["components"]["schemas"]["ProgramPatch"]["properties"]
    untyped = [name for name, schema in properties.items() if not ({"type", "$ref", "allOf"} & schema.keys())]
    assert not untyped, f"ProgramPatch members without a type: {untyped}"


def test_every_secured_operation_names_its_oauth2_scope():
    schemes = SPEC["components"]["securitySchemes"]
    scopes = set(schemes["oauth2"]["flows"]["clientCredentials"]["scopes"])
    for label, op in OPERATIONS:
        security = op.get("security")
        assert security is not None, f"{label}: no security (public operations say security: [])"
        for requirement in security:
            for scheme, needed in requirement.items():
                assert scheme in schemes, f"{label}: unknown scheme {scheme}"
                assert set(needed) <= scopes, f"{label}: unknown scopes {needed}"


def test_webhook_events_and_their_data_are_published():
    catalogue = SPEC["components"]["schemas"]["WebhookEvent"]
    types = catalogue["properties"]["type"]["enum"]
    assert "points.earned" in types and "tier.upgraded" in types
    for event_type in types:
        assert SPEC["components"]["schemas"][catalogue["discriminator"]["mapping"][event_type].rsplit("/", 1)[-1]]


def test_openapi_spec_validator_finds_no_error():
    validate(SPEC)


def _npx() -> str:
    npx = shutil.which("npx")
    if not npx or not shutil.which("node"):
        pytest.skip("Node.js and npm are not installed: the Redocly lint needs them")
    return npx


@pytest.mark.slow
def test_redocly_lint_finds_no_error():
    npx = _npx()
    NODE_CACHE.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "npm_config_cache": str(NODE_CACHE / "npm-cache"), "REDOCLY_TELEMETRY": "off",
           "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}
    result = subprocess.run([npx, "--yes", f"@redocly/cli@{REDOCLY_VERSION}", "lint", "--format", "stylish",
                             "--config", str(ROOT / "openapi" / "redocly.yaml"), str(SPEC_PATH)],
                            capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_regression_member_token_body_is_optional_and_a_replay_token_nullable():
    """Found by schemathesis over HTTP: POST .../tokens without a body answers 201 (every field
    has a default) while the document required one; a replay answers `access_token: null`."""
    operation = SPEC["paths"]["/v1/members/{member_id}/tokens"]["post"]
    assert operation["requestBody"].get("required", False) is False
    assert SPEC["components"]["schemas"]["MemberToken"]["properties"]["access_token"].get("nullable") is True


def test_regression_member_token_without_a_body_is_issued(api):
    assert api.post("/v1/members", json={"member_id": "m-nobody"}).status_code == 201
    answer = api.client.post("/v1/members/m-nobody/tokens", headers={"Authorization": f"Bearer {api.token}"})
    assert answer.status_code == 201 and answer.json["access_token"]


def test_regression_a_body_with_no_required_field_is_optional():
    """Found by schemathesis over HTTP: PATCH /v1/members/{id}, /v1/program and a reward
    without a body answer 200 (nothing changes) while the document required a body."""
    schemas = SPEC["components"]["schemas"]
    for label, op in OPERATIONS:
        for media in op.get("requestBody", {}).get("content", {}).values():
            schema = schemas[media["schema"]["$ref"].rsplit("/", 1)[-1]] if "$ref" in media["schema"] else media["schema"]
            if not schema.get("required"):
                assert op["requestBody"].get("required", False) is False, f"{label}: the body is optional"
