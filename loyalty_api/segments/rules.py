"""Pure segment and analytics rules: named RFM segments, breakage, CSV rows.

No database and no Flask here: numbers and dates in, numbers, strings and dates out.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterable, Iterator, Mapping, Sequence
from loyalty_api.timestamps import rfc3339

SCORES = (1, 2, 3, 4, 5)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PHONE_LIKE = re.compile(r"[+-]?[0-9 ()-]+")


@dataclass(frozen=True)
class NamedSegment:
    """A named RFM segment: inclusive score ranges for recency, frequency and monetary."""

    name: str
    recency: tuple[int, int]
    frequency: tuple[int, int]
    monetary: tuple[int, int] = (1, 5)

    def contains(self, r: int, f: int, m: int) -> bool:
        return all(low <= score <= high for score, (low, high) in
                   ((r, self.recency), (f, self.frequency), (m, self.monetary)))


# First match wins, so the segments never overlap and counts add up. Scores are
# quintiles: 5 = most recent, most orders, most money. R = 3 with F <= 2 belongs to
# no named segment (occasional buyers, neither new nor lapsed).
NAMED_SEGMENTS: tuple[NamedSegment, ...] = (
    NamedSegment("champions", recency=(4, 5), frequency=(4, 5), monetary=(4, 5)),
    NamedSegment("loyal", recency=(3, 5), frequency=(3, 5)),
    NamedSegment("new", recency=(4, 5), frequency=(1, 2)),
    NamedSegment("at_risk", recency=(1, 2), frequency=(3, 5)),
    NamedSegment("hibernating", recency=(1, 2), frequency=(1, 2)),
)
SEGMENT_NAMES = tuple(segment.name for segment in NAMED_SEGMENTS)


def named_segment(r: int, f: int, m: int) -> str | None:
    """The named segment of an RFM cell, or ``None``."""
    for segment in NAMED_SEGMENTS:
        if segment.contains(r, f, m):
            return segment.name
    return None


def cell(r: int, f: int, m: int) -> str:
    """``"545"``: the scores written as one code."""
    if not all(score in SCORES for score in (r, f, m)):
        raise ValueError("RFM scores are 1 to 5")
    return f"{r}{f}{m}"


def cells_of(segment: str) -> list[str]:
    """Every cell of a named segment (the segment table is small: 125 cells)."""
    return [cell(r, f, m) for r in SCORES for f in SCORES for m in SCORES if named_segment(r, f, m) == segment]


def is_cell(value: str) -> bool:
    return len(value) == 3 and all(char in "12345" for char in value)


def breakage_rate(expired: int, redeemed: int) -> Decimal | None:
    """Share of the points that left the program by burning rather than by being spent:
    expired / (expired + redeemed), 4 decimals, half up; ``None`` when nothing left."""
    if expired < 0 or redeemed < 0:
        raise ValueError("expired and redeemed are positive amounts")
    if expired + redeemed == 0:
        return None
    return (Decimal(expired) / Decimal(expired + redeemed)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def liability(points: int, point_value: Decimal) -> Decimal:
    """The money the outstanding points are worth at ``redeem.point_value``, in cents."""
    return (Decimal(points) * point_value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


CSV_COLUMNS = ("member_id", "email", "phone", "tier", "vip", "available", "pending", "lifetime_earned",
               "last_activity_at", "rfm", "enrolled_at")


def csv_value(value: Any) -> str:
    """One CSV field: ISO 8601 times in UTC, ``true``/``false``, empty for null.

    A text starting with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) gets a
    leading apostrophe, so a spreadsheet shows it instead of running it as a formula;
    phone-like texts (digits, spaces, ``()+-``) are left alone: they cannot call anything.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return rfc3339(value)
    if isinstance(value, (int, Decimal, date)):
        return str(value)
    text = str(value)
    if text[:1] in FORMULA_STARTS and not PHONE_LIKE.fullmatch(text):
        return "'" + text
    return text


def csv_row(item: Mapping[str, Any], columns: Sequence[str] = CSV_COLUMNS) -> list[str]:
    return [csv_value(item.get(name)) for name in columns]


def csv_lines(items: Iterable[Mapping[str, Any]], columns: Sequence[str] = CSV_COLUMNS) -> Iterator[str]:
    """The header, then one CRLF-terminated line per item (RFC 4180 quoting)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values: Sequence[str]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield line(list(columns))
    for item in items:
        yield line(csv_row(item, columns))
