"""Who calls: the scopes, the ``Principal`` a verified token names, and issuing a token.

Plain values shared by the HTTP layer (``http/auth.py`` checks tokens and holds the
``authorize`` decorator) and by services that issue tokens or list scopes: they live
here, below both, so that services need not import the HTTP layer and ``http/auth.py``
and ``http/transaction.py`` need not import each other.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import jwt
from flask import current_app

from loyalty_api.errors import Forbidden

PROGRAM_SCOPES = frozenset({"program:admin", "checkout", "members:read", "members:write", "analytics:read"})
PLATFORM_ADMIN = "platform:admin"
MEMBER_SCOPE = "member"
ALL_SCOPES = PROGRAM_SCOPES | {PLATFORM_ADMIN}
# For the OpenAPI document's OAuth2 scheme (one line per scope a client may hold).
SCOPE_DESCRIPTIONS = {
    "program:admin": "Everything in the program: settings, rules, rewards, webhooks, and every scope below",
    "checkout": "Quotes, holds, orders, returns and coupons at checkout",
    "members:read": "Read members, balances, ledgers, tiers and referrals",
    "members:write": "Enrol, change and erase members; adjust points; issue member tokens",
    "analytics:read": "Program analytics",
    PLATFORM_ADMIN: "Create programs and their API clients (platform operators)",
}


@dataclass(frozen=True)
class Principal:
    subject: str
    token_type: str  # "client" | "member"
    scopes: frozenset[str]
    program_id: uuid.UUID | None
    # The client whose token this is, or who issued this member token.
    client_id: str = ""
    # That client's token version when the token was issued.
    token_version: int = 0
    # The program is a test program (claim ``tst``; a program's mode is fixed at
    # creation, so the token may carry it): only such requests look up a clock.
    test: bool = False

    @property
    def caller(self) -> str:
        """Who calls, for scoping idempotency keys: the client, and for a member token
        also the member (ids hold no spaces, so the two parts cannot run together)."""
        return f"{self.client_id} {self.subject}" if self.token_type == "member" else self.subject

    @property
    def member_id(self) -> str:
        if self.token_type != "member":
            raise Forbidden("Only a member token has a member")
        return self.subject

    def allows(self, scope: str) -> bool:
        if scope == MEMBER_SCOPE:
            return self.token_type == "member"
        if self.token_type == "member":
            return False
        if scope == PLATFORM_ADMIN:
            return PLATFORM_ADMIN in self.scopes
        return self.program_id is not None and (scope in self.scopes or "program:admin" in self.scopes)


def issue_token(*, subject: str, token_type: str, scopes: list[str] | tuple[str, ...],
                program_id: uuid.UUID | None, ttl_seconds: int, issued_by: str | None = None,
                token_version: int = 0, test: bool = False) -> str:
    """``issued_by``: for a member token, the client asking for it; ``token_version``:
    the version of the client the token belongs to."""
    settings = current_app.extensions["loyalty"].settings
    now = int(time.time())
    claims = {"sub": subject, "typ": token_type, "scope": " ".join(scopes), "iat": now,
              "exp": now + ttl_seconds, "iss": settings.JWT_ISSUER, "aud": settings.JWT_AUDIENCE,
              "ver": token_version}
    if program_id is not None:
        claims["prg"] = str(program_id)
    if issued_by is not None:
        claims["cid"] = issued_by
    if test:
        claims["tst"] = True
    kid = settings.signing_kid
    return jwt.encode(claims, settings.JWT_KEYS[kid], algorithm="HS256", headers={"kid": kid})
