"""RFC 9457 problem answers: one table maps every error code to its status."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import marshmallow as ma
import orjson
import psycopg
from flask import Response, g, request
from sqlalchemy.exc import (DataError, DBAPIError, IntegrityError, OperationalError,
                            TimeoutError as PoolTimeout)
from werkzeug.exceptions import HTTPException

from loyalty_api import errors
from loyalty_api.timestamps import rfc3339

log = logging.getLogger("loyalty_api.http")

PROBLEM_MIMETYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://loyalty-api.dev/problems/"

STATUS_BY_CODE: dict[str, int] = {
    "malformed_json": 400,
    "invalid_request": 400,
    "invalid_scope": 400,
    "unsupported_grant_type": 400,
    "invalid_client": 401,
    "bad_request": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "conflict": 409,
    "insufficient_points": 409,
    "duplicate_order": 409,
    "request_in_progress": 409,
    "hold_not_active": 409,
    "member_exists": 409,
    "duplicate_event": 409,
    "rule_exists": 409,
    "reward_not_claimable": 409,
    "coupon_not_active": 409,
    "reward_exists": 409,
    "import_closed": 409,
    "identity_taken": 409,
    "member_busy": 409,
    "member_merged": 409,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "validation_error": 422,
    "redeem_limit": 422,
    "return_exceeds_order": 422,
    "currency_mismatch": 422,
    "unknown_referral_code": 422,
    "idempotency_conflict": 422,
    "limit_exceeded": 422,
    "clock_not_forward": 422,
    "rate_limited": 429,
    "internal_error": 500,
    "unavailable": 503,
    "transaction_conflict": 503,
}

# Deadlock (40P01) and serialization failure (40001): PostgreSQL aborted one side of a
# conflict; the request is safe to run again (http.transaction retries it first).
TRANSACTION_CONFLICTS = (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure)

CODE_BY_HTTP_STATUS: dict[int, str] = {
    400: "malformed_json",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    503: "unavailable",
}


# One title per code (RFC 9457: the title belongs to the problem type, not to this
# occurrence): the domain error's own title, else these.
TITLES: dict[str, str] = {
    "malformed_json": "Malformed JSON",
    "bad_request": "Bad request",
    "method_not_allowed": "Method not allowed",
    "payload_too_large": "Payload too large",
    "unsupported_media_type": "Unsupported media type",
    "rate_limited": "Too many requests",
    "internal_error": "Internal error",
}


def _domain_titles(cls: type = errors.LoyaltyError) -> dict[str, str]:
    titles = {}
    for sub in cls.__subclasses__():
        titles[sub.code] = sub.title
        titles.update(_domain_titles(sub))
    return titles


def title_for(code: str) -> str:
    return TITLES.get(code) or _domain_titles().get(code) or code.replace("_", " ").capitalize()


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details, with a stable ``code`` slug. Open to extension members
    (RFC 9457 §3.2): some codes add their own, e.g. ``available`` with ``insufficient_points``."""

    class Meta:
        unknown = ma.INCLUDE

    type = ma.fields.String(required=True, metadata={"format": "uri", "description":
                            "URI identifying the problem type; ends with the code"})
    title = ma.fields.String(required=True, metadata={"description": "Short summary of the problem type"})
    status = ma.fields.Integer(required=True, metadata={"description": "The HTTP status"})
    detail = ma.fields.String(required=True, metadata={"description": "What went wrong this time"})
    code = ma.fields.String(required=True, metadata={
        "description": "Stable machine-readable error code (see docs/api-conventions.md)",
        "example": "validation_error"})
    errors = ma.fields.Dict(metadata={"description": "Field errors, for validation problems: "
                                                    "field name -> messages (nested for objects and lists)"})
    request_id = ma.fields.String(required=True, metadata={"description": "The X-Request-Id of the request"})
    error = ma.fields.String(metadata={"description": "Token endpoint only: the RFC 6749 error name"})
    error_description = ma.fields.String(metadata={"description": "Token endpoint only: as `detail`"})


def problem_response(code: str, detail: str, *, status: int | None = None, title: str | None = None,
                     errors_: dict | None = None, headers: dict | None = None,
                     extra: dict | None = None) -> Response:
    status = status or STATUS_BY_CODE.get(code, 400)
    body = {
        "type": PROBLEM_TYPE_BASE + code,
        "title": title or title_for(code),
        "status": status,
        "detail": detail,
        "code": code,
        "request_id": getattr(g, "request_id", None),
    }
    if errors_:
        body["errors"] = errors_
    if extra:
        body.update(extra)
    # Field errors of list items are keyed by index; JSON keys are strings.
    response = Response(orjson.dumps(body, default=_extension_value,
                                     option=orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME), status=status,
                        mimetype=PROBLEM_MIMETYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _extension_value(value: Any) -> str:
    """Extension members that JSON lacks: instants in the API's one format, the rest as text."""
    return rfc3339(value) if isinstance(value, datetime) else str(value)


def handle_loyalty_error(exc: errors.LoyaltyError) -> Response:
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.code == "unauthorized":
        # RFC 6750 §3: tell the caller which scheme to use.
        headers.setdefault("WWW-Authenticate", 'Bearer realm="loyalty-api"')
    if exc.code == "unavailable":
        headers.setdefault("Retry-After", "1")
    return problem_response(exc.code, exc.detail, title=exc.title, errors_=exc.errors,
                            extra=exc.extra or None, headers=headers)


def handle_http_exception(exc: HTTPException) -> Response:
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    field_errors = data.get("errors") or data.get("messages")
    code = CODE_BY_HTTP_STATUS.get(status, "bad_request" if status < 500 else "internal_error")
    detail = data.get("message") or exc.description or exc.name
    if status == 400 and field_errors:
        detail = "The request body is not valid JSON"
    if status == 422:
        detail = "The request does not match the expected schema"
        field_errors = _flatten_location(field_errors)
    headers = dict(data.get("headers") or {})
    valid_methods = getattr(exc, "valid_methods", None)
    if status == 405 and valid_methods:
        headers["Allow"] = ", ".join(valid_methods)
    return problem_response(code, detail, status=status, errors_=field_errors or None, headers=headers)


def _flatten_location(field_errors):
    """webargs nests errors under their location ("json", "query"); callers want fields."""
    if isinstance(field_errors, dict) and len(field_errors) == 1:
        (location, inner), = field_errors.items()
        if location in {"json", "query", "form", "headers", "view_args", "path"} and isinstance(inner, dict):
            return inner
    return field_errors


def handle_unexpected(exc: Exception) -> Response:
    if isinstance(exc, ma.ValidationError):
        return problem_response("validation_error", "The request does not match the expected schema",
                                errors_=exc.messages if isinstance(exc.messages, dict) else
                                {"_schema": exc.messages})
    if isinstance(exc, IntegrityError):
        # A concurrent request got there first (a unique key, a check); retrying sees it.
        log.warning("integrity error on %s %s: %s", request.method, request.path, exc.orig)
        return problem_response("conflict", "The change clashed with a concurrent one; retry")
    if isinstance(exc, DataError):
        # Values PostgreSQL refuses (a NUL character in a text, a number out of range).
        return problem_response("validation_error", "A value in the request cannot be stored",
                                status=422)
    if isinstance(getattr(exc, "orig", None), TRANSACTION_CONFLICTS):
        # Still colliding after the retries inside the request (http.transaction); nothing was changed.
        log.warning("transaction conflict persisted: %s", exc.orig.__class__.__name__)
        return problem_response("transaction_conflict", "The change collided with concurrent ones and was "
                                "rolled back; retry", headers={"Retry-After": "1"})
    if isinstance(getattr(exc, "orig", None), (psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled)):
        # lock_timeout / statement_timeout: the database is up, the data was busy.
        log.warning("timed out waiting on the database: %s", exc.orig.__class__.__name__)
        return problem_response("unavailable", "The request waited too long for data another request "
                                "was changing; retry shortly", headers={"Retry-After": "1"})
    if isinstance(exc, (OperationalError, PoolTimeout)) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    ):
        log.warning("database unavailable: %s", exc.__class__.__name__)
        return problem_response("unavailable", "The database cannot be reached; retry shortly",
                                headers={"Retry-After": "1"})
    if isinstance(exc, RecursionError):
        return problem_response("malformed_json", "The request body is nested too deeply")
    log.exception("unhandled error on %s %s", request.method, request.path)
    return problem_response("internal_error", "An unexpected error occurred", status=500)
