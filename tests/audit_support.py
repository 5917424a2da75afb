"""Helpers of the audit tests: read a program's log and check one entry against the
answer of the request that made it."""

from __future__ import annotations

from typing import Any

from tests.support import ApiCaller


def entries(api: ApiCaller, **params: Any) -> list[dict[str, Any]]:
    """Every entry of the caller's program (all pages), newest first."""
    found: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {"limit": 200, **params, **({"cursor": cursor} if cursor else {})}
        answer = api.get("/v1/audit", query_string=query)
        assert answer.status_code == 200, answer.json
        found += answer.json["items"]
        cursor = answer.json["next_cursor"]
        if cursor is None:
            return found


def entry_of(api: ApiCaller, response, action: str) -> dict[str, Any]:
    """The one entry of ``action`` that the request answered by ``response`` wrote;
    its ``request_id`` is the one the response header carried."""
    assert response.status_code < 300, (response.status_code, response.get_data(as_text=True)[:500])
    request_id = response.headers["X-Request-Id"]
    written = [e for e in entries(api, action=action) if e["request_id"] == request_id]
    assert len(written) == 1, (action, request_id, entries(api))
    return written[0]


def check(api: ApiCaller, response, action: str, *, actor: str, target: tuple[str, str],
          changes: dict[str, Any]) -> dict[str, Any]:
    entry = entry_of(api, response, action)
    assert entry["actor"] == actor
    assert entry["target"] == {"type": target[0], "id": target[1]}
    assert entry["changes"] == changes, entry["changes"]
    return entry
