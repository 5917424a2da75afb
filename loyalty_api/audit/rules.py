"""Pure rules of the audit log: who acts, and what an entry may say about a change.

An entry's ``changes`` name each touched field by its path (nested settings as
``earn.points_per_unit``) with its value ``before`` and ``after``; fields whose value
did not move are left out. Secrets and personal data never reach an entry: such a
field is kept (so the reader sees that it changed) with ``"[redacted]"`` for value.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable, Mapping

REDACTED = "[redacted]"
# Never written, whatever the caller asks: names under which secrets travel.
SECRET_FIELDS = frozenset({"secret", "client_secret", "secret_hash", "secret_sealed", "previous_secret_sealed",
                           "access_token", "token", "password"})
# Bookkeeping every document carries; a change of these alone is not worth an entry.
IGNORED_FIELDS = frozenset({"created_at", "updated_at"})

ACTIONS = (
    "program.updated", "tier_ladder.updated", "program.clock_moved", "program.reset",
    "rule.created", "rule.updated", "rule.deleted",
    "reward.created", "reward.updated", "reward.deleted",
    "webhook.created", "webhook.deleted", "webhook.secret_rotated", "webhook.enabled", "webhook.redelivered",
    "client.created", "client.revoked",
    "member.updated", "member.adjusted", "member.transferred", "member.vip_set", "member.vip_revoked",
    "identity.attached", "identity.detached",
    "member.merged",
    "import.started", "import.rows_added", "import.completed",
    "member.erased",
)
TARGET_TYPES = ("program", "tier_ladder", "rule", "reward", "webhook", "client", "member", "import")


@dataclass(frozen=True)
class Actor:
    """Who makes a change: the API client's id, and the request that carried it (its
    ``X-Request-Id``), or a fixed name (``cli``) for an operator's command."""

    client_id: str
    request_id: str | None = None


def jsonable(value: Any) -> Any:
    """The value as JSON can hold it: decimals as strings (exact), times in ISO 8601."""
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [jsonable(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _flatten(document: Mapping[str, Any] | None, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in (document or {}).items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping) and value:
            flat.update(_flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


def _hidden(path: str, redact: frozenset[str]) -> bool:
    parts = path.split(".")
    return any(part in SECRET_FIELDS or part in redact for part in parts) or path in redact


def changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None,
            redact: Iterable[str] = ()) -> dict[str, dict[str, Any]]:
    """``{path: {"before": …, "after": …}}`` for every leaf that differs between the two
    documents (``None`` for a side that does not exist: a creation, a deletion).
    A path naming a secret or a ``redact`` field keeps only ``"[redacted]"`` on the
    side(s) that hold a value."""
    hidden = frozenset(redact)
    old, new = _flatten(jsonable(before or {})), _flatten(jsonable(after or {}))
    result: dict[str, dict[str, Any]] = {}
    for path in sorted(set(old) | set(new)):
        if path.split(".")[-1] in IGNORED_FIELDS:
            continue
        was, now = old.get(path), new.get(path)
        if was == now:
            continue
        if _hidden(path, hidden):
            was, now = (REDACTED if was is not None else None), (REDACTED if now is not None else None)
        result[path] = {"before": was, "after": now}
    return result


# The actor of a deployment operator's command (``loyalty-api …``, the demo set-up).
OPERATOR = Actor("cli")
