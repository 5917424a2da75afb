"""Test fixtures: a real PostgreSQL database per test session, migrated by Alembic.

Isolation: every test gets programs of its own (``program`` fixture), and every
table and query is scoped by program, so tests never see each other's rows and
need no truncation. Tests that commit concurrently (real HTTP, several threads)
work the same way.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest

from tests.support import ApiCaller, ProgramHandle, TEST_JWT_KEYS, make_program


def _server():
    """(url, embedded server or None): DATABASE_URL, else the embedded PostgreSQL."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url, None
    from loyalty_api.devdb import start_embedded

    embedded = start_embedded()
    return embedded.get_uri("postgres"), embedded


def _with_database(url: str, name: str) -> str:
    conninfo = psycopg.conninfo.conninfo_to_dict(url)
    conninfo["dbname"] = name
    return psycopg.conninfo.make_conninfo(**conninfo)


def _libpq_to_url(conninfo: str) -> str:
    params = psycopg.conninfo.conninfo_to_dict(conninfo)
    host = params.pop("host", "")
    user = params.pop("user", "postgres")
    password = params.pop("password", "")
    port = params.pop("port", None)
    dbname = params.pop("dbname")
    auth = f"{user}:{password}@" if password else f"{user}@"
    if host.startswith("/"):
        query = "&".join([f"host={host}"] + [f"{k}={v}" for k, v in params.items()])
        return f"postgresql://{auth}/{dbname}?{query}"
    netloc = f"{host}:{port}" if port else host
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"postgresql://{auth}{netloc}/{dbname}" + (f"?{query}" if query else "")


# The API tests that ``pytest -m citus`` re-runs on a database distributed by ``loyalty-api db
# distribute`` on the cluster at CITUS_URL (tests/citus_cluster.py), besides tests marked citus.
CITUS_MODULES = (
    "test_checkout_basic", "test_checkout_examples", "test_checkout_holds", "test_checkout_concurrency",
    "test_ledger_service", "test_ledger_stateful", "test_tiers_lifecycle", "test_tiers_progress",
    "test_referrals_api", "test_rewards_api", "test_rewards_concurrency", "test_rewards_jobs",
    "test_webhooks_api", "test_webhooks_worker", "test_webhooks_delivery", "test_webhooks_programs",
    "test_webhooks_hostile", "test_webhooks_standard", "test_expiry_jobs",
    "test_segments_jobs", "test_rules_api", "test_reliability_isolation", "test_foundation_idempotency",
    "test_foundation_members", "test_foundation_programs", "test_transfers_api", "test_transfers_concurrency",
    "test_budgets_api", "test_budgets_concurrency", "test_adjustment_limits_api", "test_audit_actions", "test_audit_log",
    "test_clock_api", "test_imports_api",
)


def _on_citus(config) -> bool:
    return "citus" in (config.option.markexpr or "")


def pytest_collection_modifyitems(config, items):
    from tests.citus_cluster import CITUS_URL, SKIP_REASON

    for item in items:
        if item.module.__name__.rsplit(".", 1)[-1] in CITUS_MODULES:
            item.add_marker(pytest.mark.citus)
        if _on_citus(config) and not CITUS_URL and item.get_closest_marker("citus"):
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture(scope="session")
def database_url(pytestconfig):
    from tests.citus_cluster import CITUS_URL

    if _on_citus(pytestconfig) and CITUS_URL:
        yield from _citus_database_url(CITUS_URL)
        return
    server, embedded = _server()
    name = f"loyalty_test_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = _libpq_to_url(_with_database(server, name))
    from loyalty_api.cli import upgrade_database
    from loyalty_api.config import sqlalchemy_url

    upgrade_database(sqlalchemy_url(url))
    yield url
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if embedded is not None:
        embedded.cleanup()  # stops it unless another process (make serve) still holds it


def _citus_database_url(citus_url: str):
    """A database of its own on the cluster, migrated and then distributed by program_id."""
    from loyalty_api.cli import upgrade_database
    from loyalty_api.config import sqlalchemy_url
    from loyalty_api.distribution import distribute_database
    from tests.citus_cluster import create_database, drop_database

    name = f"loyalty_test_{secrets.token_hex(4)}"
    url = _libpq_to_url(create_database(citus_url, name))
    try:
        upgrade_database(sqlalchemy_url(url))
        distribute_database(url)
        yield url
    finally:
        drop_database(citus_url, name)


@pytest.fixture(scope="session", autouse=True)
def _reactions_wired():
    """Tests that call services without building the app still run the cross-feature
    reactions (``create_app`` and the jobs runner install them too)."""
    from loyalty_api import wiring

    wiring.install()


@pytest.fixture(scope="session")
def app_config(database_url):
    return {"DATABASE_URL": database_url, "JWT_KEYS": TEST_JWT_KEYS, "TESTING": True,
            "DB_POOL_SIZE": 8, "DB_POOL_MAX_OVERFLOW": 8}


@pytest.fixture(scope="session")
def app(app_config):
    from loyalty_api.app import create_app

    application = create_app(app_config)
    yield application
    application.extensions["loyalty"].engine.dispose()


@pytest.fixture
def session_factory(app):
    return app.extensions["loyalty"].session_factory


@pytest.fixture
def program(app) -> ProgramHandle:
    """A fresh program with an all-scopes admin client and its token."""
    return make_program(app)


@pytest.fixture
def api(app, program) -> ApiCaller:
    """Calls the app as the program's admin client."""
    return ApiCaller(app.test_client(), program.token)


@pytest.fixture
def anonymous(app) -> ApiCaller:
    return ApiCaller(app.test_client(), None)


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:12]


@pytest.fixture(scope="session")
def statement_audit():
    """Every engine's statements, checked for the one-program rule (tests/program_scope.py)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from tests.program_scope import StatementAudit

    audit = StatementAudit()
    event.listen(Engine, "before_cursor_execute", audit)
    yield audit
    event.remove(Engine, "before_cursor_execute", audit)


@pytest.fixture(autouse=True)
def _statements_stay_in_one_program(request, statement_audit):
    """Fails the test during which the code sent a statement Citus could not route to one shard."""
    yield
    findings = statement_audit.take()
    if findings:
        pytest.fail("statements that name a program table without pinning its program_id "
                    "(docs/scaling.md):\n" + "\n".join(map(str, findings)), pytrace=False)


@dataclass(frozen=True)
class RanStatement:
    sql: str  # whitespace folded, cut at 80 characters: enough to tell statements apart in a failure
    transaction_status: Any  # psycopg's TransactionStatus as it ran: INTRANS in a transaction, IDLE on its own


@pytest.fixture
def count_statements(app):
    """``with count_statements() as ran:`` lists every statement an engine ran in the block
    (the app's read-write engine unless another is given). BEGIN and COMMIT are not cursor
    executions and are not listed, so ``len(ran)`` is the round trips a change adds or saves."""
    from sqlalchemy import event

    @contextlib.contextmanager
    def counting(engine=None):
        engine = engine if engine is not None else app.extensions["loyalty"].engine
        ran: list[RanStatement] = []

        def listener(conn, cursor, statement, parameters, context, executemany):
            ran.append(RanStatement(" ".join(statement.split())[:80], cursor.connection.info.transaction_status))

        event.listen(engine, "after_cursor_execute", listener)
        try:
            yield ran
        finally:
            event.remove(engine, "after_cursor_execute", listener)

    return counting


@pytest.fixture
def make_shop(app):
    """``make_shop(**settings)``: a fresh program with those settings, its members enrolled
    (``members=("m1",)`` unless given), answered as the admin caller; ``.program`` is the
    ProgramHandle and ``.program_id`` its id."""

    def make(*, members=("m1",), **settings) -> ApiCaller:
        handle = make_program(app, settings=settings)
        shop = ApiCaller(app.test_client(), handle.token)
        shop.program, shop.program_id = handle, handle.program_id
        for member_id in members:
            response = shop.post("/v1/members", json={"member_id": member_id})
            assert response.status_code == 201, response.json
        return shop

    return make
