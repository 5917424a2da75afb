"""Factories of the ledger tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def make_adjustment():
    """``make_adjustment(api, member_id, points, reason=…, expires_at=None, key=None)``: a
    manual adjustment through the API. It must answer ``expect`` (201) unless that is None;
    the response is answered either way."""

    def make(api, member_id: str, points: int, *, reason: str = "goodwill", expires_at=None,
             key: str | None = None, expect: int | None = 201):
        body = {"points": points, "reason": reason}
        if expires_at is not None:
            body["expires_at"] = expires_at.isoformat()
        headers = {"Idempotency-Key": key} if key else None
        response = api.post(f"/v1/members/{member_id}/adjustments", json=body, headers=headers)
        if expect is not None:
            assert response.status_code == expect, response.json
        return response

    return make
