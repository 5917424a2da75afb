"""Settings from the environment, read in one place.

Every setting has an environment variable of the same name; ``create_app`` also
takes a mapping that overrides them (tests use that).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any, Mapping


def sqlalchemy_url(url: str) -> str:
    """Accept libpq-style URLs and pin the psycopg 3 driver."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    raise ValueError(f"DATABASE_URL must be a postgresql:// URL, got {url!r}")


def _parse_keys(raw: str) -> dict[str, str]:
    """``kid1:secret1,kid2:secret2``; the first key signs, all of them verify."""
    keys: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in raw.split(","))):
        kid, _, secret = item.partition(":")
        if not kid or len(secret) < 32:
            raise ValueError("JWT_KEYS entries are kid:secret with a secret of 32+ characters")
        keys[kid] = secret
    return keys


def _without_password(url: str) -> str:
    """``postgresql://user:secret@host/db`` as ``postgresql://user:***@host/db`` (also
    a ``password=`` query or conninfo parameter)."""
    url = re.sub(r"(://[^:/?#@]*:)[^@/?#]*@", r"\1***@", url)
    return re.sub(r"(password=)[^&\s]*", r"\1***", url)


@dataclass(frozen=True, repr=False)
class Settings:
    DATABASE_URL: str = ""
    # Signing keys for access tokens, newest first (rotation: prepend a new key, drop
    # the old one once the longest token lifetime has passed).
    JWT_KEYS: dict[str, str] = field(default_factory=dict)
    # Every token names this deployment as issuer and audience; tokens naming any
    # other (another deployment sharing a key by mistake, a forged one) are refused.
    JWT_ISSUER: str = "loyalty-api"
    JWT_AUDIENCE: str = "loyalty-api"
    # How stale this process's view of revoked clients may be (1-60 s): a revoked
    # client's tokens are refused at most this long after the revocation.
    TOKEN_REVOCATION_CHECK_SECONDS: int = 30
    # POST /v1/auth/token budgets (0 = off): per client_id asked for, per address.
    TOKEN_RATE_LIMIT_PER_CLIENT: int = 20
    TOKEN_RATE_LIMIT_PER_ADDRESS: int = 60
    # Proxies in front that append to X-Forwarded-For (0: the peer address is the client's).
    TRUSTED_PROXY_HOPS: int = 0
    # GET /metrics: a bearer token it requires (empty: open), and/or an address of its
    # own (host:port, also bound by gunicorn); the API's port then does not serve it.
    METRICS_TOKEN: str = field(default="", repr=False)
    METRICS_BIND: str = ""
    ACCESS_TOKEN_TTL_SECONDS: int = 3600
    MEMBER_TOKEN_TTL_SECONDS: int = 900
    MEMBER_TOKEN_MAX_TTL_SECONDS: int = 86400
    DB_POOL_SIZE: int = 4
    DB_POOL_MAX_OVERFLOW: int = 2
    DB_POOL_TIMEOUT_SECONDS: float = 3.0
    DB_CONNECT_TIMEOUT_SECONDS: int = 3
    DB_STATEMENT_TIMEOUT_MS: int = 5000
    DB_LOCK_TIMEOUT_MS: int = 3000
    MAX_CONTENT_LENGTH: int = 256 * 1024
    IDEMPOTENCY_KEY_TTL_HOURS: int = 48
    WEBHOOK_ALLOW_PRIVATE_URLS: bool = False
    # Encrypts webhook secrets at rest: key[,older_key…], 32+ chars each (webhooks/crypto.py).
    WEBHOOK_SECRET_KEY: str = field(default="", repr=False)
    RATE_LIMIT_PER_MINUTE: int = 0  # 0 = off
    LOG_LEVEL: str = "INFO"
    TESTING: bool = False

    @property
    def sqlalchemy_url(self) -> str:
        return sqlalchemy_url(self.DATABASE_URL)

    @property
    def metrics_port(self) -> str | None:
        return self.METRICS_BIND.rpartition(":")[2] or None if self.METRICS_BIND else None

    def __repr__(self) -> str:
        """Never the secrets: signing keys by ``kid`` only, the database password masked,
        and fields marked ``repr=False`` left out."""
        shown = []
        for item in fields(self):
            if not item.repr:
                continue
            value = getattr(self, item.name)
            if item.name == "JWT_KEYS":
                value = sorted(value)
            elif item.name == "DATABASE_URL":
                value = _without_password(value)
            shown.append(f"{item.name}={value!r}")
        return f"Settings({', '.join(shown)})"

    @property
    def signing_kid(self) -> str:
        return next(iter(self.JWT_KEYS))


def _coerce(name: str, kind: Any, raw: Any) -> Any:
    if name == "JWT_KEYS":
        return _parse_keys(raw) if isinstance(raw, str) else dict(raw)
    if kind in (bool, "bool"):
        return raw if isinstance(raw, bool) else str(raw).lower() in {"1", "true", "yes", "on"}
    if kind in (int, "int"):
        return int(raw)
    if kind in (float, "float"):
        return float(raw)
    return raw


def load_settings(overrides: Mapping[str, Any] | None = None, *, require_jwt_keys: bool = True) -> Settings:
    """``require_jwt_keys=False``: for operator commands that sign and seal nothing
    (creating programs and clients, verifying the ledger)."""
    values: dict[str, Any] = {}
    sources = [(f.name, os.environ[f.name]) for f in fields(Settings) if f.name in os.environ]
    sources += [(name, raw) for name, raw in (overrides or {}).items() if name in Settings.__dataclass_fields__]
    for name, raw in sources:
        try:
            values[name] = _coerce(name, Settings.__dataclass_fields__[name].type, raw)
        except (TypeError, ValueError) as exc:
            raise RuntimeError(f"{name} is not valid: {exc}") from exc
    settings = replace(Settings(), **values)
    if settings.IDEMPOTENCY_KEY_TTL_HOURS < 24:
        raise RuntimeError("IDEMPOTENCY_KEY_TTL_HOURS must be at least 24 (SPEC §12)")
    if not settings.DATABASE_URL:
        raise RuntimeError("DATABASE_URL is not set (make serve / make test start a database for you)")
    if require_jwt_keys and not settings.JWT_KEYS:
        raise RuntimeError("JWT_KEYS is not set: kid:secret[,kid:secret…] (make serve generates one)")
    if not 1 <= settings.TOKEN_REVOCATION_CHECK_SECONDS <= 60:
        raise RuntimeError("TOKEN_REVOCATION_CHECK_SECONDS must be 1 to 60 (SPEC §12: revocation within 60 s)")
    if not (settings.JWT_ISSUER and settings.JWT_AUDIENCE):
        raise RuntimeError("JWT_ISSUER and JWT_AUDIENCE must not be empty")
    return settings
