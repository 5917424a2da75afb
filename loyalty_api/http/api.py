"""The flask-smorest ``Api``: problem answers, security scheme, JSON body rules."""

from __future__ import annotations

import uuid

import orjson
from flask import Flask, Response, g, request
from flask.json.provider import JSONProvider
from flask_smorest import Api

from loyalty_api.errors import LoyaltyError
from loyalty_api.http import docs_assets, problems

JSON_MIMETYPES = {"application/json", "application/merge-patch+json"}
FORM_PATHS = {"/v1/auth/token"}


class LoyaltyApi(Api):
    ERROR_SCHEMA = problems.ProblemSchema

    def handle_http_exception(self, error):
        return problems.handle_http_exception(error)


def _default(value):
    from decimal import Decimal

    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class OrjsonProvider(JSONProvider):
    """orjson: fast, and it refuses absurdly deep documents instead of recursing."""

    def dumps(self, obj, **kwargs) -> str:
        return orjson.dumps(obj, default=_default).decode()

    def loads(self, s, **kwargs):
        return orjson.loads(s)

    def response(self, *args, **kwargs) -> Response:
        obj = self._prepare_response_obj(args, kwargs)
        return self._app.response_class(orjson.dumps(obj, default=_default), mimetype="application/json")


def _start_request() -> Response | None:
    g.request_id = (request.headers.get("X-Request-Id") or uuid.uuid4().hex)[:128]
    if request.method in {"POST", "PUT", "PATCH"} and (request.content_length or 0) > 0:
        mimetype = request.mimetype
        if request.path in FORM_PATHS and mimetype == "application/x-www-form-urlencoded":
            return None
        if mimetype not in JSON_MIMETYPES and not mimetype.endswith("+json"):
            return problems.problem_response(
                "unsupported_media_type", "Send the body as application/json")
    return None


def _tag_response(response: Response) -> Response:
    response.headers["X-Request-Id"] = getattr(g, "request_id", "")
    return response


def init_http(app: Flask) -> LoyaltyApi:
    app.json = OrjsonProvider(app)
    app.config.setdefault("API_TITLE", "Loyalty API")
    app.config.setdefault("API_VERSION", "1.0.0")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("OPENAPI_SWAGGER_UI_PATH", "/docs")
    app.config.setdefault("OPENAPI_SWAGGER_UI_URL", docs_assets.ASSETS_URL)
    docs_assets.register(app)
    api = LoyaltyApi(app, spec_kwargs={
        "info": {"description": "Headless loyalty programs: ledgers, checkout, tiers, referrals."},
        "security": [{"bearerAuth": []}],
    })
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    app.before_request(_start_request)
    app.after_request(_tag_response)
    app.register_error_handler(LoyaltyError, problems.handle_loyalty_error)
    app.register_error_handler(Exception, problems.handle_unexpected)
    return api
