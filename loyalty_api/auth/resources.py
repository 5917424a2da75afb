"""``POST /v1/auth/token``: OAuth2 client credentials, JSON or form, or HTTP Basic."""

from __future__ import annotations

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from loyalty_api.auth import service
from loyalty_api.auth.schemas import TokenRequestSchema, TokenSchema
from loyalty_api.http.auth import issue_token
from loyalty_api.http.transaction import current_uow

blp = Blueprint("auth", __name__, url_prefix="/v1/auth", description="Access tokens")


@blp.route("/token")
class Token(MethodView):
    @blp.doc(security=[], requestBody={"content": {
        "application/json": {"schema": TokenRequestSchema},
        "application/x-www-form-urlencoded": {"schema": TokenRequestSchema},
    }})
    @blp.response(200, TokenSchema)
    def post(self):
        """Exchange client credentials for a bearer token"""
        form = request.form if request.mimetype == "application/x-www-form-urlencoded" else None
        data = TokenRequestSchema().load(form.to_dict() if form is not None else (request.get_json(silent=not request.data) or {}))
        if request.authorization and request.authorization.type == "basic":
            data["client_id"] = request.authorization.username
            data["client_secret"] = request.authorization.password
        client, scopes = service.client_credentials_token(current_uow().session, **data)
        ttl = current_app.extensions["loyalty"].settings.ACCESS_TOKEN_TTL_SECONDS
        token = issue_token(subject=client.client_id, token_type="client", scopes=scopes,
                            program_id=client.program_id, ttl_seconds=ttl)
        return {"access_token": token, "token_type": "Bearer", "expires_in": ttl, "scope": " ".join(scopes)}
