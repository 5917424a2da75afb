"""``POST /v1/auth/token``: OAuth2 client credentials, JSON or form, or HTTP Basic."""

from __future__ import annotations

from urllib.parse import unquote

import marshmallow as ma
from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.auth import service
from loyalty_api.auth.schemas import TokenRequestSchema, TokenSchema
from loyalty_api.clock import service as clock
from loyalty_api.http import ratelimit
from loyalty_api.http.auth import issue_token
from loyalty_api.http.problems import PROBLEM_MIMETYPE, ProblemSchema
from loyalty_api.http.transaction import current_uow
from loyalty_api.http.operations import operation

blp = Blueprint("auth", __name__, url_prefix="/v1/auth", description="Access tokens")



def _token_request() -> dict:
    if request.mimetype == "application/x-www-form-urlencoded":
        raw = request.form.to_dict()
    else:
        raw = request.get_json(silent=False) if request.get_data(cache=True) else {}
    if not isinstance(raw, dict):
        raise service.InvalidRequest("The token request must be a JSON object or a form")
    try:
        data = TokenRequestSchema().load(raw)
    except ma.ValidationError as exc:
        raise service.InvalidRequest("The token request is not valid", errors=exc.messages) from exc
    auth = request.authorization
    if auth is not None and auth.type == "basic":
        # RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
        data["client_id"] = unquote(auth.username or "")
        data["client_secret"] = unquote(auth.password or "")
    return data


@blp.route("/token")
class Token(MethodView):
    @operation("createToken", "invalid_request", "invalid_scope", "unsupported_grant_type", "invalid_client")
    # Only JSON is documented: generators handle one body type per operation. The form
    # (RFC 6749, what Swagger UI's Authorize sends) and HTTP Basic stay accepted.
    @blp.doc(security=[], requestBody={"required": True, "content": {
        "application/json": {"schema": TokenRequestSchema},
    }})
    @blp.alt_response(400, schema=ProblemSchema, content_type=PROBLEM_MIMETYPE,
                      description="`invalid_request`, `invalid_scope` or `unsupported_grant_type` "
                                  "(in `code` and, as RFC 6749 names it, in `error`)")
    @blp.alt_response(401, schema=ProblemSchema, content_type=PROBLEM_MIMETYPE,
                      description="`invalid_client`: unknown client or wrong secret")
    @blp.alt_response(429, schema=ProblemSchema, content_type=PROBLEM_MIMETYPE,
                      description="`rate_limited`: too many token requests for this client_id or from this "
                                  "address; `Retry-After` says when to try again")
    @blp.response(200, TokenSchema, headers={"Cache-Control": {"schema": {"type": "string"},
                                                               "description": "no-store"}})
    def post(self):
        """Exchange client credentials for a bearer token

        OAuth2 client credentials (RFC 6749 §4.4). Credentials go in the JSON body, or in
        an `application/x-www-form-urlencoded` body as RFC 6749 describes it, or in an HTTP
        Basic `Authorization` header. Omit `scope` to get every scope of the client.
        """
        token_request = _token_request()
        ratelimit.check_token_request(token_request.get("client_id"))
        client, scopes = service.client_credentials_token(current_uow().session, **token_request)
        ttl = current_app.extensions["loyalty"].settings.ACCESS_TOKEN_TTL_SECONDS
        token = issue_token(subject=client.client_id, token_type="client", scopes=scopes,
                            program_id=client.program_id, ttl_seconds=ttl, token_version=client.token_version,
                            test=client.program_id is not None
                            and clock.is_test_program(current_uow().session, client.program_id))
        body = {"access_token": token, "token_type": "Bearer", "expires_in": ttl, "scope": " ".join(scopes)}
        # RFC 6749 §5.1: tokens must not be cached.
        return body, 200, {"Cache-Control": "no-store", "Pragma": "no-cache"}
