"""The committed OpenAPI document equals what the code generates."""

from pathlib import Path

from loyalty_api.openapi import openapi_json

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"


def test_committed_openapi_matches_code(app):
    generated = openapi_json(app)
    assert COMMITTED.read_text() == generated, "openapi/openapi.json is stale: run `make openapi`"


def test_spec_is_served(anonymous):
    response = anonymous.get("/openapi.json")
    assert response.status_code == 200
    assert response.json["info"]["title"] == "Loyalty API"
