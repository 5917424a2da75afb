"""What the OpenAPI document tells a partner about each operation beyond its schemas.

A view method names itself with ``@operation("createOrder", "insufficient_points", ...)``:
a stable ``operationId`` (generated SDK methods are named after it, so it never follows
the path) and the business problem codes it may answer. ``OperationDocsPlugin`` adds
what every operation of a kind shares, so no view repeats it:

- an authenticated operation (``@authorize``): its OAuth2 scope, 401 ``unauthorized``,
  403 ``forbidden``, 429 ``rate_limited``, 503 ``unavailable``;
- a path parameter: 404 ``not_found``;
- a body: 400 ``malformed_json``, 413 ``payload_too_large``, 415 ``unsupported_media_type``;
  a body or query validated by a schema: 422 ``validation_error``;
- a POST: the ``Idempotency-Key`` header, 409 ``request_in_progress`` and
  422 ``idempotency_conflict``.

Every problem status is documented once, with the ``Problem`` schema, the codes it
carries and an example per code; success bodies and request bodies get an example
built from their schema (field examples first), unless the view gives its own.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any, Callable

from apispec import BasePlugin
from flask_smorest import Blueprint

from loyalty_api.http.problems import PROBLEM_MIMETYPE, PROBLEM_TYPE_BASE, STATUS_BY_CODE, title_for

CODES_KEY = "x-problem-codes"
REQUEST_EXAMPLE_KEY = "x-request-example"
RESPONSE_EXAMPLE_KEY = "x-response-example"
CLIENT_SCHEME = "oauth2"
MEMBER_SCHEME = "memberToken"

AUTHENTICATED = ("unauthorized", "forbidden", "rate_limited", "unavailable")
WITH_BODY = ("malformed_json", "payload_too_large", "unsupported_media_type")
IDEMPOTENT_POST = ("request_in_progress", "idempotency_conflict")

IDEMPOTENCY_PARAMETER = {
    "in": "header", "name": "Idempotency-Key", "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
    "description": "Makes a retry safe: the first answer is stored for 24 h or more and replayed "
                   "(with `Idempotent-Replayed: true`) for the same key, method and path; a different "
                   "body answers 422 `idempotency_conflict`, a concurrent duplicate 409 `request_in_progress`.",
}


def operation(operation_id: str, *codes: str, request_example: Any = None,
              response_example: Any = None) -> Callable:
    """Document a view method: its ``operationId`` and the business problem ``codes`` it
    may answer (codes shared by its kind of operation are added by the plugin)."""
    unknown = [code for code in codes if code not in STATUS_BY_CODE]
    if unknown:
        raise ValueError(f"{operation_id}: unknown problem codes {unknown} (see http/problems.py)")
    doc: dict[str, Any] = {"operationId": operation_id, CODES_KEY: list(codes)}
    if request_example is not None:
        doc[REQUEST_EXAMPLE_KEY] = request_example
    if response_example is not None:
        doc[RESPONSE_EXAMPLE_KEY] = response_example
    return Blueprint.doc(**doc)


def security_for(scope: str) -> list[dict[str, list[str]]]:
    """The ``security`` of an operation that needs ``scope`` (see ``http.auth``)."""
    if scope == "member":
        return [{MEMBER_SCHEME: []}]
    return [{CLIENT_SCHEME: [scope]}]


class OperationDocsPlugin(BasePlugin):
    """Completes every operation as the module docstring says."""

    def init_spec(self, spec):
        self.spec = spec

    def operation_helper(self, path=None, operations=None, **kwargs):
        path_parameters = [p for p in kwargs.get("parameters") or [] if isinstance(p, dict) and p.get("in") == "path"]
        for method, op in (operations or {}).items():
            codes = list(op.pop(CODES_KEY, []))
            request_example = op.pop(REQUEST_EXAMPLE_KEY, None)
            response_example = op.pop(RESPONSE_EXAMPLE_KEY, None)
            parameters = op.setdefault("parameters", [])
            if op.get("security") != []:
                codes += AUTHENTICATED
            if path_parameters or "{" in (path or ""):
                codes.append("not_found")
            if "requestBody" in op:
                codes += WITH_BODY
            if 422 in op.get("responses", {}) or "422" in op.get("responses", {}):
                codes.append("validation_error")  # flask-smorest's mark of a validated body or query
            if method == "post" and op.get("security") != []:
                parameters.append(IDEMPOTENCY_PARAMETER)
                codes += IDEMPOTENT_POST
            self._document_problems(op, codes)
            self._optional_body_when_nothing_is_required(op)
            self._add_examples(op, request_example, response_example)

    def _optional_body_when_nothing_is_required(self, op: dict) -> None:
        # The service reads a missing body as {} (webargs), so when no field is required
        # the body may be left out: a PATCH without one changes nothing.
        for media in op.get("requestBody", {}).get("content", {}).values():
            schema = media.get("schema", {})
            if "$ref" in schema:
                schema = self._schemas().get(schema["$ref"].rsplit("/", 1)[-1], {})
            if schema.get("type") == "object" and not schema.get("required"):
                op["requestBody"]["required"] = False

    def _document_problems(self, op: dict, codes: list[str]) -> None:
        by_status: dict[int, list[str]] = {}
        for code in codes:
            by_status.setdefault(STATUS_BY_CODE[code], [])
            if code not in by_status[STATUS_BY_CODE[code]]:
                by_status[STATUS_BY_CODE[code]].append(code)
        responses = op.setdefault("responses", {})
        for status, status_codes in sorted(by_status.items()):
            existing = responses.get(status) or responses.get(str(status))
            if isinstance(existing, dict) and "content" in existing:
                continue  # documented by the view itself (the token endpoint)
            responses.pop(str(status), None)
            responses[status] = problem_response(status_codes)

    def _add_examples(self, op: dict, request_example: Any, response_example: Any) -> None:
        body = op.get("requestBody")
        if body:
            for media in body.get("content", {}).values():
                media.setdefault("example", request_example if request_example is not None
                                 else example_of(media.get("schema", {}), self._schemas(), writing=True))
        successes = sorted(str(status) for status in op.get("responses", {}) if str(status).startswith("2"))
        for status, response in op.get("responses", {}).items():
            if str(status) not in successes or not isinstance(response, dict):
                continue
            for media in response.get("content", {}).values():
                given = response_example if str(status) == successes[0] else None
                media.setdefault("example", given if given is not None else
                                 example_of(media.get("schema", {}), self._schemas(), writing=False))

    def _schemas(self) -> dict:
        return self.spec.components.schemas


def problem_response(codes: list[str]) -> dict:
    status = STATUS_BY_CODE[codes[0]]
    listed = ", ".join(f"`{code}`" for code in codes)
    return {
        "description": f"{title_for(codes[0]) if len(codes) == 1 else 'A problem'}: `code` is {listed}",
        "content": {PROBLEM_MIMETYPE: {
            "schema": {"$ref": "#/components/schemas/Problem"},
            "examples": {code: {"summary": title_for(code), "value": problem_example(code, status)}
                         for code in codes},
        }},
    }


def problem_example(code: str, status: int) -> dict:
    return {"type": PROBLEM_TYPE_BASE + code, "title": title_for(code), "status": status,
            "detail": f"An example of `{code}`", "code": code, "request_id": "7f9c2ba4e88f827d"}


FORMAT_EXAMPLES = {
    "date-time": "2026-03-01T10:00:00Z", "date": "2026-03-01", "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "uri": "https://shop.example/hooks/loyalty", "url": "https://shop.example/hooks/loyalty",
    "email": "anna@example.com", "decimal": "149.90",
}


def example_of(schema: dict, components: dict, *, writing: bool, depth: int = 0) -> Any:
    """An example value valid against ``schema``: its own ``example`` first, else one built
    from its type and constraints. A request example holds the required fields and
    those with an example; a response example every field."""
    if "$ref" in schema:
        return example_of(components[schema["$ref"].rsplit("/", 1)[-1]], components, writing=writing, depth=depth)
    if "example" in schema:
        return deepcopy(schema["example"])
    if "allOf" in schema:
        return example_of(schema["allOf"][0], components, writing=writing, depth=depth)
    if "oneOf" in schema or "anyOf" in schema:
        return example_of((schema.get("oneOf") or schema["anyOf"])[0], components, writing=writing, depth=depth)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        if depth > 6:
            return {}
        required = set(schema.get("required", []))
        value = {}
        for name, sub in schema.get("properties", {}).items():
            resolved = components.get(sub["$ref"].rsplit("/", 1)[-1], {}) if "$ref" in sub else sub
            skip = resolved.get("readOnly") if writing else resolved.get("writeOnly")
            wanted = not writing or name in required or "example" in resolved
            if not skip and wanted:
                value[name] = example_of(sub, components, writing=writing, depth=depth + 1)
        return value
    if kind == "array":
        count = max(1, schema.get("minItems", 1)) if depth <= 6 else 0
        return [example_of(schema.get("items", {}), components, writing=writing, depth=depth + 1)] * count
    if kind in ("integer", "number"):
        low = schema.get("minimum", 1 if kind == "integer" else 1.5)
        high = schema.get("maximum", low + 100)
        return max(low, min(high, 1 if kind == "integer" else 1.5))
    if kind == "boolean":
        return True
    if kind == "string":
        if schema.get("format") in FORMAT_EXAMPLES:
            return FORMAT_EXAMPLES[schema["format"]]
        return "x" * max(1, schema.get("minLength", 0)) if schema.get("maxLength", 1) >= 1 else ""
    return None if schema.get("nullable") else {}
