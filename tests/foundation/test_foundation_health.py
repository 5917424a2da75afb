"""Probes, configuration, and recovery of the connection pool after a database restart."""

from __future__ import annotations

import psycopg
import pytest

from loyalty_api.app import create_app
from loyalty_api.config import load_settings, sqlalchemy_url
from tests.support import TEST_JWT_KEYS, ApiCaller, assert_problem, free_port, make_program


def test_healthz_and_readyz(anonymous):
    assert anonymous.get("/healthz").json == {"status": "ok"}
    assert anonymous.get("/readyz").json == {"status": "ok"}


def test_readyz_is_a_503_problem_when_the_database_is_down():
    down = create_app({"DATABASE_URL": f"postgresql://postgres@127.0.0.1:{free_port()}/nothing",
                       "JWT_KEYS": TEST_JWT_KEYS, "DB_CONNECT_TIMEOUT_SECONDS": 1})
    client = down.test_client()
    assert client.get("/healthz").status_code == 200  # the process itself is fine
    response = client.get("/readyz")
    assert_problem(response, 503, "unavailable")
    assert response.headers["Retry-After"] == "1"


def test_api_calls_answer_503_when_the_database_is_down(app):
    from tests.support import token_for

    down = create_app({"DATABASE_URL": f"postgresql://postgres@127.0.0.1:{free_port()}/nothing",
                       "JWT_KEYS": TEST_JWT_KEYS, "DB_CONNECT_TIMEOUT_SECONDS": 1})
    token = token_for(down, scopes=["members:write"], program_id=__import__("uuid").uuid4())
    response = down.test_client().post("/v1/members", json={"member_id": "x"},
                                       headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "k"})
    assert_problem(response, 503, "unavailable")


def test_pool_recovers_by_itself_after_the_server_drops_its_connections(app_config, database_url):
    """A restart looks like this to the pool: every pooled connection is terminated by
    the server. The next requests must succeed, not inherit dead connections."""
    own = create_app({**app_config, "DB_POOL_SIZE": 3, "DB_POOL_MAX_OVERFLOW": 0})
    handle = make_program(own)
    caller = ApiCaller(own.test_client(), handle.token)
    engine = own.extensions["loyalty"].engine
    # fill the pool with idle connections
    connections = [engine.connect() for _ in range(3)]
    pids = [conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one() for conn in connections]
    for conn in connections:
        conn.close()
    with psycopg.connect(database_url, autocommit=True) as admin:
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,))
    for index in range(5):
        response = caller.post("/v1/members", json={"member_id": f"after-restart-{index}"})
        assert response.status_code == 201, response.get_data(as_text=True)
    assert own.test_client().get("/readyz").status_code == 200
    engine.dispose()


def test_settings_come_from_the_environment(monkeypatch, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("JWT_KEYS", "new:" + "n" * 40 + ", old:" + "o" * 40)
    monkeypatch.setenv("ACCESS_TOKEN_TTL_SECONDS", "120")
    monkeypatch.setenv("WEBHOOK_ALLOW_PRIVATE_URLS", "true")
    settings = load_settings()
    assert settings.ACCESS_TOKEN_TTL_SECONDS == 120
    assert settings.WEBHOOK_ALLOW_PRIVATE_URLS is True
    assert list(settings.JWT_KEYS) == ["new", "old"] and settings.signing_kid == "new"
    # the factory's mapping wins over the environment
    assert load_settings({"ACCESS_TOKEN_TTL_SECONDS": 60}).ACCESS_TOKEN_TTL_SECONDS == 60
    app = create_app({"MAX_CONTENT_LENGTH": 1024})
    assert app.config["MAX_CONTENT_LENGTH"] == 1024
    assert app.extensions["loyalty"].settings.ACCESS_TOKEN_TTL_SECONDS == 120
    app.extensions["loyalty"].engine.dispose()


@pytest.mark.parametrize("overrides, message", [
    ({"DATABASE_URL": ""}, "DATABASE_URL"),
    ({"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL"),
    ({"JWT_KEYS": ""}, "JWT_KEYS"),
    ({"JWT_KEYS": "k:short"}, "JWT_KEYS"),
    ({"ACCESS_TOKEN_TTL_SECONDS": "soon"}, "ACCESS_TOKEN_TTL_SECONDS"),
    ({"IDEMPOTENCY_KEY_TTL_HOURS": "12"}, "IDEMPOTENCY_KEY_TTL_HOURS"),
])
def test_bad_settings_fail_at_start_with_the_name(monkeypatch, database_url, overrides, message):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("JWT_KEYS", TEST_JWT_KEYS)
    for name, value in overrides.items():
        monkeypatch.setenv(name, value)
    with pytest.raises((RuntimeError, ValueError), match=message):
        create_app()


@pytest.mark.parametrize("url", ["postgresql://u@h/db", "postgres://u@h/db", "postgresql+psycopg://u@h/db"])
def test_database_urls_use_psycopg3(url):
    assert sqlalchemy_url(url) == "postgresql+psycopg://u@h/db"
