"""Bearer tokens: issuing and checking JWTs, and the ``authorize`` view decorator.

Tokens are HS256 JWTs signed with the newest key of ``JWT_KEYS``; the ``kid`` header
names the key, so keys rotate by prepending a new one. Claims: ``sub`` (client or
member id), ``prg`` (program id, absent for platform admins), ``scope``
(space-separated), ``typ`` (``client`` | ``member``), ``iat``, ``exp``, ``iss`` and
``aud`` (``JWT_ISSUER``, ``JWT_AUDIENCE``: tokens naming another are refused), and
``ver``, the client's token version (``http/revocation.py``); a member token also
names the client that issued it (``cid``) and goes when that client is revoked.

``program:admin`` includes every program scope. A member token carries only the
``member`` scope and works only on ``/v1/me`` routes.
"""

from __future__ import annotations

import functools
import re
import time
import uuid
from copy import deepcopy
from dataclasses import dataclass
from typing import Callable

import jwt
from flask import current_app, g, request
from flask_smorest.utils import deepupdate

from loyalty_api.errors import Forbidden, NotFound, Unauthorized
from loyalty_api.fields import MEMBER_ID_PATTERN
from loyalty_api.http import ratelimit
from loyalty_api.http.revocation import revocations
from loyalty_api.http.operations import security_for

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
MEMBER_ID = re.compile(MEMBER_ID_PATTERN)


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


# Tokens already verified by this process. A client sends the same token for its
# whole life, and verifying the HMAC and parsing the JWT again costs more Python
# than the rest of a balance read's own work. An entry serves only the same key
# set and only until the token's ``exp``, exactly as long as ``jwt.decode`` would
# accept it; a token that fails verification is never stored.
_VERIFIED: dict[tuple[str, tuple], tuple[Principal, int]] = {}
_VERIFIED_MAX = 4096


def _decode(token: str) -> Principal:
    settings = current_app.extensions["loyalty"].settings
    cache_key = (token, tuple(settings.JWT_KEYS.items()), settings.JWT_ISSUER, settings.JWT_AUDIENCE)
    cached = _VERIFIED.get(cache_key)
    if cached is not None and cached[1] > time.time():
        principal = cached[0]
    else:
        principal, expires = _verify(token, settings)
        if len(_VERIFIED) >= _VERIFIED_MAX:
            _VERIFIED.clear()
        _VERIFIED[cache_key] = (principal, expires)
    # Checked on every request, cached or not: an in-memory look-up (revocation.py).
    if revocations().refuses(principal.client_id, principal.token_version):
        raise Unauthorized("The token's client has been revoked")
    return principal


def _verify(token: str, settings) -> tuple[Principal, int]:
    try:
        header = jwt.get_unverified_header(token)
        key = settings.JWT_KEYS.get(header.get("kid", ""))
        if key is None:
            raise Unauthorized("The token was signed with an unknown key")
        claims = jwt.decode(token, key, algorithms=["HS256"], issuer=settings.JWT_ISSUER,
                            audience=settings.JWT_AUDIENCE,
                            options={"require": ["exp", "iat", "sub", "typ", "iss", "aud"]})
        program = claims.get("prg")
        if claims["typ"] not in ("client", "member") or (claims["typ"] == "member" and not program):
            raise Unauthorized("The token is not valid")
        subject, token_type = str(claims["sub"]), str(claims["typ"])
        return Principal(
            subject=subject,
            token_type=token_type,
            scopes=frozenset(str(claims.get("scope", "")).split()),
            program_id=uuid.UUID(program) if program else None,
            client_id=subject if token_type == "client" else str(claims.get("cid", "")),
            token_version=int(claims.get("ver", 0)),
            test=claims.get("tst") is True,
        ), int(claims["exp"])
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("The token has expired") from exc
    except (jwt.InvalidTokenError, ValueError, TypeError) as exc:
        raise Unauthorized("The token is not valid") from exc


def current_principal() -> Principal:
    """The caller of this request; raises ``Unauthorized`` without a valid token."""
    principal = getattr(g, "principal", None)
    if principal is not None:
        return principal
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("A bearer token is required")
    g.principal = _decode(token.strip())
    return g.principal


def current_program_id() -> uuid.UUID:
    program_id = current_principal().program_id
    if program_id is None:
        raise Forbidden("This route needs a program token")
    return program_id


def authorize(scope: str) -> Callable:
    """Decorate a view method: the caller needs ``scope`` (see module doc).

    Also starts idempotency handling for POSTs once the caller is known, so that a
    replay is never shown to a caller who could not have made the request.
    """

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            principal = current_principal()
            ratelimit.check(principal)
            if not principal.allows(scope):
                raise Forbidden(f"This route needs the {scope!r} scope")
            member_id = kwargs.get("member_id")
            if member_id is not None and not MEMBER_ID.fullmatch(member_id):
                # No member can have such an id (SPEC §1): nothing to find.
                raise NotFound("member_id must be 1-128 URL-safe characters")
            if any(isinstance(value, str) and "\x00" in value for value in kwargs.values()):
                # PostgreSQL text cannot hold NUL, so no object has such an id: 404, not
                # the 422 "cannot be stored" the query would end in.
                raise NotFound("No object has an id with a NUL character")
            from loyalty_api.http.transaction import begin_idempotent_request, run_retrying_conflicts

            replay = begin_idempotent_request(principal)
            if replay is not None:
                return replay
            return run_retrying_conflicts(principal, view, *args, **kwargs)

        wrapper.required_scope = scope  # type: ignore[attr-defined]
        # The OpenAPI document names the scope (flask-smorest reads ``_apidoc``).
        wrapper._apidoc = deepupdate(deepcopy(getattr(view, "_apidoc", {})),  # type: ignore[attr-defined]
                                     {"manual_doc": {"security": security_for(scope)}})
        return wrapper

    return decorator
