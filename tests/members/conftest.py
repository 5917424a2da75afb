"""Factories of the member tests."""

from __future__ import annotations

import uuid

import pytest


@pytest.fixture
def make_member():
    """``make_member(api, member_id=None, **fields)``: enrols a member through the API (a
    fresh id unless given) and answers its profile."""

    def make(api, member_id: str | None = None, **fields) -> dict:
        member_id = member_id or f"m-{uuid.uuid4().hex[:10]}"
        response = api.post("/v1/members", json={"member_id": member_id, **fields})
        assert response.status_code == 201, response.json
        return response.json

    return make
