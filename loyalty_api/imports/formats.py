"""Reading a chunk: NDJSON (one JSON object a line) or CSV (a header, then one member
a record, no lots), as (line number, object) pairs for ``rules.check_line``."""

from __future__ import annotations

import csv
import io
from typing import Any, Iterator

import orjson

from loyalty_api.errors import ValidationFailed
from loyalty_api.imports.rules import LineError

NDJSON = "application/x-ndjson"
CSV = "text/csv"
# CSV columns beyond the plain ones: nested fields flattened with a dot.
CSV_NESTED = {"tier.code": ("tier", "code"), "tier.since": ("tier", "since"), "vip.tier": ("vip", "tier"),
              "vip.until": ("vip", "until"), "vip.reason": ("vip", "reason")}


def ndjson_objects(body: bytes) -> Iterator[tuple[int, Any]]:
    """(line number, parsed object or a ``LineError``) per non-blank line."""
    for number, raw in enumerate(body.split(b"\n"), start=1):
        raw = raw.strip()
        if not raw:
            continue
        try:
            yield number, orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            yield number, LineError(number, None, "malformed_json", f"Line {number} is not valid JSON: {exc}")


def csv_objects(body: bytes) -> Iterator[tuple[int, Any]]:
    """Records of a CSV chunk as line objects (empty cells are absent); the header is line 1."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield 1, LineError(1, None, "malformed_csv", "The CSV is not UTF-8")
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is not None and "member_id" not in reader.fieldnames:
        # Not a chunk of members at all (no line could name its member): refused whole.
        raise ValidationFailed("The CSV header names no member_id column",
                               errors={"header": ["Must name the member_id column."]})
    for record in reader:
        yield reader.line_num, _csv_record(record)


def _csv_record(record: dict[str | None, Any]) -> dict[str, Any]:
    if None in record:  # more cells than the header names
        return {"_extra": record[None]}
    obj: dict[str, Any] = {}
    for column, cell in record.items():
        if cell is None or cell == "":
            continue
        if column in CSV_NESTED:
            outer, inner = CSV_NESTED[column]
            obj.setdefault(outer, {})[inner] = cell
        elif column.startswith("attributes."):
            obj.setdefault("attributes", {})[column.removeprefix("attributes.")] = cell
        elif column.startswith("identity."):
            obj.setdefault("identities", []).append({"type": column.removeprefix("identity."), "value": cell})
        else:
            obj[column] = cell
    return obj


def line_count(body: bytes) -> int:
    return body.count(b"\n") + (0 if body.endswith(b"\n") or not body else 1)


def objects(body: bytes, media_type: str) -> Iterator[tuple[int, Any]]:
    return csv_objects(body) if media_type == CSV else ndjson_objects(body)
