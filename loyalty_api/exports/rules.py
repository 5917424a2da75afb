"""Export lines: one item to one NDJSON line or one CSV record (pure)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any, Iterable, Iterator, Sequence

import orjson

from loyalty_api.timestamps import rfc3339

BALANCE_COLUMNS = ("member_id", "available", "pending", "held", "debt", "lifetime_earned", "tier", "vip",
                   "last_activity_at", "enrolled_at", "as_of")
ENTRY_COLUMNS = ("id", "member_id", "type", "points", "created_at", "order_id", "return_id", "rule_id", "reason",
                 "available_at", "expires_at", "lot_id", "actor")


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return rfc3339(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def ndjson_lines(items: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    for item in items:
        yield orjson.dumps(item, default=_instant, option=orjson.OPT_APPEND_NEWLINE | orjson.OPT_PASSTHROUGH_DATETIME)


def _instant(value: Any) -> str:
    """The service's one timestamp form (RFC 3339, ``Z``, microseconds), not orjson's."""
    if isinstance(value, datetime):
        return rfc3339(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def csv_lines(columns: Sequence[str], items: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """A header, then one record per item (RFC 4180: CRLF, quotes where needed)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for item in items:
        writer.writerow([_cell(item.get(column)) for column in columns])
        yield buffer.getvalue().encode()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode()


def batched(lines: Iterable[bytes], size: int = 64 * 1024) -> Iterator[bytes]:
    """Join small lines into writes of about ``size`` bytes (fewer socket writes)."""
    parts: list[bytes] = []
    held = 0
    for line in lines:
        parts.append(line)
        held += len(line)
        if held >= size:
            yield b"".join(parts)
            parts, held = [], 0
    if parts:
        yield b"".join(parts)
