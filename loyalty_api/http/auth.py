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
from typing import Callable

import jwt
from flask import current_app, g, request
from flask_smorest.utils import deepupdate

from loyalty_api.errors import Forbidden, NotFound, Unauthorized
from loyalty_api.fields import MEMBER_ID_PATTERN
from loyalty_api.http import ratelimit
from loyalty_api.http.revocation import revocations
from loyalty_api.http.operations import security_for
from loyalty_api.http.transaction import run_retrying_conflicts

# Re-exported: these names moved to ``loyalty_api/principal.py`` (a leaf module).
from loyalty_api.principal import (  # noqa: F401
    ALL_SCOPES, MEMBER_SCOPE, PLATFORM_ADMIN, PROGRAM_SCOPES, SCOPE_DESCRIPTIONS, Principal, issue_token,
)

MEMBER_ID = re.compile(MEMBER_ID_PATTERN)


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

    Once the caller is let through, the view runs inside ``run_retrying_conflicts``
    (a deadlock reruns the whole unit of work, never the checks above, so a retry does
    not count twice against the rate limit). A POST view is also ``@idempotent``,
    stacked under this decorator, which refuses to run without the caller it records.
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
            g.authorized_principal = principal
            return run_retrying_conflicts(view, *args, **kwargs)

        wrapper.required_scope = scope  # type: ignore[attr-defined]
        # The OpenAPI document names the scope (flask-smorest reads ``_apidoc``).
        wrapper._apidoc = deepupdate(deepcopy(getattr(view, "_apidoc", {})),  # type: ignore[attr-defined]
                                     {"manual_doc": {"security": security_for(scope)}})
        return wrapper

    return decorator
