"""The one way instants are written in API answers and event payloads.

RFC 3339 in UTC with ``Z`` and always six fractional digits
(``2026-11-23T19:00:00.000000Z``): one fixed-width shape, so answers and webhook
payloads compare and sort as text, and no client meets ``+00:00`` in one field and
``Z`` or a shorter fraction in another. Every instant here is timezone-aware; a
naive one is a bug and is refused rather than guessed.
"""

from __future__ import annotations

from datetime import datetime, timezone


def rfc3339(moment: datetime) -> str:
    if moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: every instant must carry its offset")
    return moment.astimezone(timezone.utc).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def rfc3339_or_none(moment: datetime | None) -> str | None:
    return None if moment is None else rfc3339(moment)


def rfc3339_sql(expression: str) -> str:
    """The same text built in SQL, for payloads that statements assemble themselves
    (``jsonb_build_object`` would write a ``timestamptz`` as ``…12345+00:00``)."""
    return f"""to_char(({expression}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""
