"""Issue access tokens for API clients."""

from __future__ import annotations

from sqlalchemy.orm import Session

from loyalty_api.errors import LoyaltyError
from loyalty_api.principal import PROGRAM_SCOPES
from loyalty_api.programs import service as programs


class OAuthError(LoyaltyError):
    """Errors of the token endpoint carry the OAuth2 name as ``code`` and ``error``."""

    def __init__(self, detail: str, *, errors: dict | None = None) -> None:
        super().__init__(detail, errors=errors, error=self.code, error_description=detail)


class InvalidClient(OAuthError):
    code = "invalid_client"
    title = "Invalid client"
    headers = {"WWW-Authenticate": 'Basic realm="loyalty-api"'}


class InvalidScope(OAuthError):
    code = "invalid_scope"
    title = "Invalid scope"


class UnsupportedGrantType(OAuthError):
    code = "unsupported_grant_type"
    title = "Unsupported grant type"


class InvalidRequest(OAuthError):
    code = "invalid_request"
    title = "Invalid request"


def client_credentials_token(session: Session, *, grant_type: str | None, client_id: str | None,
                             client_secret: str | None, scope: str | None):
    """Return (client, granted scopes) or raise an OAuth2 error."""
    if grant_type != "client_credentials":
        raise UnsupportedGrantType("Only grant_type=client_credentials is supported")
    if not client_id or not client_secret:
        raise InvalidClient("client_id and client_secret are required")
    client = programs.authenticate_client(session, client_id, client_secret)
    if client is None:
        raise InvalidClient("Unknown client or wrong secret")
    granted = set(client.scopes)
    requested = set((scope or "").split())
    if requested:
        # program:admin includes every program scope, so it may be narrowed to any of them.
        allowed = granted | (PROGRAM_SCOPES if "program:admin" in granted else set())
        if not requested <= allowed:
            raise InvalidScope("The requested scope is more than the client was granted")
        granted = requested
    return client, sorted(granted)
