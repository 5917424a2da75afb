"""The flask-smorest ``Api``: problem answers, security scheme, JSON body rules."""

from __future__ import annotations

import http
import re
import uuid
from datetime import datetime

import orjson
from flask import Flask, Response, g, request
from flask.json.provider import JSONProvider
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from webargs import core as webargs_core

from loyalty_api.errors import LoyaltyError
from loyalty_api.http import docs_assets, problems
from loyalty_api.timestamps import rfc3339
from loyalty_api.http.auth import SCOPE_DESCRIPTIONS as CLIENT_SCOPES
from loyalty_api.http.operations import CLIENT_SCHEME, MEMBER_SCHEME, OperationDocsPlugin

JSON_MIMETYPES = {"application/json", "application/merge-patch+json"}
FORM_PATHS = {"/v1/auth/token"}
# Routes whose body is not JSON (an import chunk): path pattern -> largest body in
# bytes (instead of MAX_CONTENT_LENGTH). Features add their routes and check the
# media type in the view.
RAW_BODY_ROUTES: dict[re.Pattern[str], int] = {}
# What we echo back as X-Request-Id: visible ASCII only, so a caller cannot smuggle
# control characters into our headers or logs.
REQUEST_ID = re.compile(r"^[\x21-\x7e]{1,128}$")


class LoyaltyApi(Api):
    ERROR_SCHEMA = problems.ProblemSchema

    def handle_http_exception(self, error):
        return problems.handle_http_exception(error)

    def _register_responses(self):
        # flask-smorest documents its error responses as application/json; ours are
        # application/problem+json, and generated clients must expect what is sent.
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, problems.PROBLEM_MIMETYPE)
            self.spec.components.response(status.name, response, lazy=True)
        default = {"description": "Any other error", "schema": self.ERROR_SCHEMA}
        prepare_response(default, self.spec, problems.PROBLEM_MIMETYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, default, lazy=True)


def _default(value):
    from decimal import Decimal

    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return rfc3339(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _dumps(obj) -> bytes:
    try:
        return orjson.dumps(obj, default=_default, option=orjson.OPT_PASSTHROUGH_DATETIME)
    except TypeError:
        # orjson stops at 64-bit integers, and JSONB hands big numbers back as ints
        # (a member attribute of 1e20 comes back as 100000000000000000000).
        import json

        return json.dumps(obj, default=_default, separators=(",", ":"), ensure_ascii=False).encode()


class OrjsonProvider(JSONProvider):
    """orjson: fast, and it refuses absurdly deep documents instead of recursing."""

    def dumps(self, obj, **kwargs) -> str:
        return _dumps(obj).decode()

    def loads(self, s, **kwargs):
        return orjson.loads(s)

    def response(self, *args, **kwargs) -> Response:
        obj = self._prepare_response_obj(args, kwargs)
        return self._app.response_class(_dumps(obj), mimetype="application/json")


def _start_request() -> Response | None:
    incoming = request.headers.get("X-Request-Id", "")
    g.request_id = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
    has_body = (request.content_length or 0) > 0 or "chunked" in request.headers.get("Transfer-Encoding", "")
    if request.method in {"POST", "PUT", "PATCH"} and has_body:
        mimetype = request.mimetype
        if request.path in FORM_PATHS and mimetype == "application/x-www-form-urlencoded":
            return None
        for pattern, largest in RAW_BODY_ROUTES.items():
            if pattern.fullmatch(request.path):
                # The view checks the media type, after the caller is known.
                request.max_content_length = largest
                return None
        if not webargs_core.is_json(mimetype):
            return problems.problem_response(
                "unsupported_media_type", "Send the body as application/json")
    return None


def _tag_response(response: Response) -> Response:
    response.headers["X-Request-Id"] = getattr(g, "request_id", "")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if "Authorization" in request.headers:
        # Answers to authenticated calls hold a program's or a member's data: no
        # shared cache (proxy, CDN) may keep them.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_http(app: Flask) -> LoyaltyApi:
    app.json = OrjsonProvider(app)
    # "//v1/members" would otherwise answer a 308 redirect with an HTML body.
    app.url_map.merge_slashes = False
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
        # Relative: the document is served by the server it describes.
        "servers": [{"url": "/", "description": "This server"}],
        "extra_plugins": [OperationDocsPlugin()],
    })
    # Clients of a program get their bearer token with OAuth2 client credentials; the
    # operation's ``security`` names the scope it needs. Member tokens are issued by the
    # shop's backend (POST /v1/members/{member_id}/tokens) for /v1/me.
    api.spec.components.security_scheme(CLIENT_SCHEME, {
        "type": "oauth2", "description": "Client credentials of an API client; `program:admin` "
        "includes every program scope.",
        "flows": {"clientCredentials": {"tokenUrl": "/v1/auth/token", "scopes": CLIENT_SCOPES}}})
    api.spec.components.security_scheme(MEMBER_SCHEME, {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
        "description": "A member token (POST /v1/members/{member_id}/tokens), for /v1/me only."})
    app.before_request(_start_request)
    app.after_request(_tag_response)
    app.register_error_handler(LoyaltyError, problems.handle_loyalty_error)
    app.register_error_handler(Exception, problems.handle_unexpected)
    return api
