"""Cursor pagination, the plain part: cursors and pages, used by services.

A cursor is the sort key of the last item served, base64url-encoded JSON; lists
answer ``{"items": [...], "next_cursor": str | null}``. The query-string schema and
the page schema of the OpenAPI document stay in ``http/pagination.py``.
"""

from __future__ import annotations

import base64
from typing import Any, Sequence

import orjson

from loyalty_api.errors import ValidationFailed


def encode_cursor(key: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(list(key))).decode().rstrip("=")


def decode_cursor(cursor: str | None, arity: int) -> list[Any] | None:
    if not cursor:
        return None
    try:
        key = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, orjson.JSONDecodeError) as exc:
        raise ValidationFailed("The cursor is not valid", errors={"cursor": ["Invalid cursor."]}) from exc
    if not isinstance(key, list) or len(key) != arity:
        raise ValidationFailed("The cursor is not valid", errors={"cursor": ["Invalid cursor."]})
    return key


def page(rows: Sequence[Any], limit: int, key_of) -> dict[str, Any]:
    """``rows`` holds up to ``limit + 1`` items; the extra one only says there is more."""
    items = list(rows[:limit])
    more = len(rows) > limit
    return {"items": items, "next_cursor": encode_cursor(key_of(items[-1])) if more and items else None}


def keyset_page(session, query, key, *, limit: int, cursor: str | None, document) -> dict[str, Any]:
    """One page of a select ordered by a single string column ``key`` (an id), with each
    row turned into its answer by ``document``."""
    after = decode_cursor(cursor, 1)
    if after is not None:
        query = query.where(key > str(after[0]))
    found = session.scalars(query.order_by(key).limit(limit + 1)).all()
    result = page(found, limit, lambda row: [getattr(row, key.key)])
    result["items"] = [document(row) for row in result["items"]]
    return result
