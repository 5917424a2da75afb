"""No request hangs: a row lock held elsewhere makes a request fail fast with a
503 problem (DB_LOCK_TIMEOUT_MS), and every pooled connection carries the
statement and lock timeouts from the settings."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

from loyalty_api.app import create_app
from tests.support import ApiCaller, make_program


@pytest.fixture
def impatient_app(app_config):
    application = create_app({**app_config, "DB_LOCK_TIMEOUT_MS": 200, "DB_STATEMENT_TIMEOUT_MS": 1500,
                              "DB_POOL_SIZE": 2, "DB_POOL_MAX_OVERFLOW": 0})
    yield application
    application.extensions["loyalty"].engine.dispose()


def test_connections_carry_the_configured_timeouts(impatient_app):
    with impatient_app.extensions["loyalty"].engine.connect() as conn:
        assert conn.execute(text("SHOW lock_timeout")).scalar_one() == "200ms"
        assert conn.execute(text("SHOW statement_timeout")).scalar_one() == "1500ms"
        assert conn.execute(text("SHOW idle_in_transaction_session_timeout")).scalar_one() == "30s"


def test_a_request_blocked_by_a_lock_fails_fast_with_a_problem(impatient_app, database_url, unique):
    program = make_program(impatient_app)
    api = ApiCaller(impatient_app.test_client(), program.token)
    assert api.post("/v1/members", json={"member_id": f"m-{unique}"}).status_code == 201
    with psycopg.connect(database_url) as blocker:
        blocker.execute("SELECT 1 FROM members WHERE program_id = %s AND member_id = %s FOR UPDATE",
                        (program.program_id, f"m-{unique}"))
        response = api.patch(f"/v1/members/m-{unique}", json={"email": "x@example.com"},
                             headers={"X-Request-Id": f"lock-{unique}"})
        blocker.rollback()
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.json["code"] == "unavailable" and response.json["request_id"] == f"lock-{unique}"
    assert response.headers["Retry-After"] == "1"
    assert "waited too long" in response.json["detail"]
    # Nothing was changed, the connection went back to the pool, and the next try works.
    assert api.get(f"/v1/members/m-{unique}").json.get("email") is None
    retried = api.patch(f"/v1/members/m-{unique}", json={"email": "x@example.com"})
    assert retried.status_code == 200 and retried.json["email"] == "x@example.com"
    assert impatient_app.extensions["loyalty"].engine.pool.checkedout() == 0
