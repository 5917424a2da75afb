"""Use cases for programs and API clients. Callers commit."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from datetime import datetime
from functools import lru_cache
from typing import Any, Iterable

import marshmallow as ma
import orjson
from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from loyalty_api.audit import service as audit
from loyalty_api.audit.rules import Actor
from loyalty_api.errors import NotFound, ValidationFailed
from loyalty_api.principal import PLATFORM_ADMIN, PROGRAM_SCOPES
from loyalty_api.programs import rules
from loyalty_api.programs.models import ApiClient, Program
from loyalty_api.programs.schemas import SettingsSchema
from loyalty_api.programs.values import ProgramColumns

_settings_schema = SettingsSchema()
SETTING_KEYS = frozenset(SettingsSchema().fields)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _validated(settings: dict[str, Any], currency: str) -> dict[str, Any]:
    """Validate a whole settings document and return it in its JSON form."""
    try:
        loaded = _settings_schema.load(settings)
    except ma.ValidationError as exc:
        raise ValidationFailed("Program settings are not valid", errors=exc.messages) from exc
    if currency in loaded.get("currencies", {}):  # its rate would be 1, and a second source of truth
        raise ValidationFailed("Program settings are not valid", errors={"currencies": {
            currency: ["The program currency itself needs no rate."]}})
    return _settings_schema.dump(loaded)


def create_program(session: Session, *, name: str, currency: str,
                   settings: dict[str, Any] | None = None, mode: str = "live") -> Program:
    problems = {}
    if not isinstance(name, str) or not 1 <= len(name) <= 200:
        problems["name"] = ["1-200 characters."]
    if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency):
        problems["currency"] = ["An ISO 4217 code such as RUB."]
    if mode not in ("live", "test"):
        problems["mode"] = ["live or test."]
    if problems:
        raise ValidationFailed("The program is not valid", errors=problems)
    document = _validated(rules.with_defaults(_settings_only(settings or {})), currency)
    program = Program(program_id=uuid.uuid4(), name=name, currency=currency, settings=document, mode=mode)
    session.add(program)
    session.flush()
    return program


def _settings_only(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key in SETTING_KEYS}


def get_program(session: Session, program_id: uuid.UUID) -> Program:
    program = session.get(Program, program_id)
    if program is None:
        raise NotFound("Program not found")
    return program


def patch_program(session: Session, program_id: uuid.UUID, patch: dict[str, Any], *, actor: Actor,
                  action: str = "program.updated") -> Program:
    """``action``: how the audit log names the change (the tier ladder is a setting too)."""
    program = session.get(Program, program_id, with_for_update=True)
    if program is None:
        raise NotFound("Program not found")
    before = _audited(program)
    if "currency" in patch and patch["currency"] != program.currency:
        raise ValidationFailed("The currency of a program is fixed at creation",
                               errors={"currency": ["Cannot be changed."]})
    if "name" in patch:
        name = patch["name"]
        if not isinstance(name, str) or not 1 <= len(name) <= 200:
            raise ValidationFailed("Program name is not valid", errors={"name": ["1-200 characters."]})
        program.name = name
    merged = rules.merge_patch(program.settings, _settings_only(patch))
    program.settings = _validated(rules.with_defaults(merged), program.currency)
    program.updated_at = _now(session)
    session.flush()
    audit.record(session, program_id, actor, action, (action.split(".")[0], program_id), before=before,
                 after=_audited(program))
    return program


def _audited(program: Program) -> dict[str, Any]:
    return {"name": program.name, **rules.with_defaults(program.settings)}


def _now(session: Session):
    return session.execute(select(func.now())).scalar_one()


def program_document(program: Program) -> dict[str, Any]:
    return {"program_id": program.program_id, "name": program.name, "currency": program.currency,
            "created_at": program.created_at, "mode": program.mode, **rules.with_defaults(program.settings)}


@lru_cache(maxsize=1024)
def _parsed(program_id: uuid.UUID, version: str, raw: str) -> dict[str, Any]:
    return _settings_schema.load(rules.with_defaults(orjson.loads(raw)))


def config_of(program_id: uuid.UUID, updated_at: datetime, settings: dict[str, Any]) -> dict[str, Any]:
    """``program_config`` from the columns, for a statement that read them along with
    other figures (no ``Program`` object loaded)."""
    return _parsed(program_id, updated_at.isoformat(), orjson.dumps(settings, option=orjson.OPT_SORT_KEYS).decode())


def program_config(program: ProgramColumns) -> dict[str, Any]:
    """Settings with ``Decimal`` numbers, parsed once per program version and process."""
    return config_of(program.program_id, program.updated_at, program.settings)


def create_client(session: Session, *, program_id: uuid.UUID | None, name: str,
                  scopes: Iterable[str], actor: Actor, platform_admin: bool = False) -> tuple[ApiClient, str]:
    scopes = sorted(set(scopes))
    allowed = {PLATFORM_ADMIN} if platform_admin else PROGRAM_SCOPES
    unknown = [scope for scope in scopes if scope not in allowed]
    if unknown or not scopes:
        raise ValidationFailed("Unknown or missing scopes", errors={"scopes": [f"Not allowed: {unknown}"]})
    if not platform_admin:
        get_program(session, program_id)  # type: ignore[arg-type]
    secret = secrets.token_urlsafe(32)
    client = ApiClient(client_id="cl_" + secrets.token_hex(10), program_id=None if platform_admin else program_id,
                       name=name, secret_hash=hash_secret(secret), scopes=scopes,
                       platform_admin=platform_admin)
    session.add(client)
    session.flush()
    if not platform_admin:  # a platform client belongs to no program, hence to no program's log
        audit.record(session, program_id, actor, "client.created", ("client", client.client_id),  # type: ignore
                     after={"name": name, "scopes": scopes, "client_secret": secret})
    return client, secret


def revoke_client(session: Session, client_id: str, *, actor: Actor) -> ApiClient:
    """No new tokens for this client, and its tokens already issued (member tokens it
    asked for too) are refused by every process within TOKEN_REVOCATION_CHECK_SECONDS."""
    client = session.get(ApiClient, client_id, with_for_update=True)
    if client is None:
        raise NotFound(f"Client {client_id!r} not found")
    if client.revoked_at is None:
        client.revoked_at = _now(session)
        client.token_version = client.token_version + 1
        session.flush()
        if client.program_id is not None:
            audit.record(session, client.program_id, actor, "client.revoked", ("client", client_id),
                         before={"revoked_at": None}, after={"revoked_at": client.revoked_at})
    return client


# No token is ever issued under this version: a revoked client's floor.
REVOKED = 2**31 - 1
_CUT_OFF = select(ApiClient.client_id, ApiClient.token_version, ApiClient.revoked_at.isnot(None)).where(
    (ApiClient.token_version > 0) | ApiClient.revoked_at.isnot(None))


def token_floors(connection: Connection) -> dict[str, int]:
    """client_id -> the lowest token version still accepted, for every client whose
    tokens were ever cut off (``REVOKED`` for a revoked one); others accept all."""
    return {client_id: REVOKED if revoked else version
            for client_id, version, revoked in connection.execute(_CUT_OFF)}


def authenticate_client(session: Session, client_id: str, secret: str) -> ApiClient | None:
    client = session.get(ApiClient, client_id)
    if client is None or client.revoked_at is not None:
        hmac.compare_digest(hash_secret(secret), hash_secret("x"))  # same work either way
        return None
    if not hmac.compare_digest(client.secret_hash, hash_secret(secret)):
        return None
    return client
