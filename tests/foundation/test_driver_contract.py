"""The contract of ``loyalty_api.driver`` with SQLAlchemy's private API (issue #22).

The driver skips ``Session.execute`` on the hot paths but keeps what it would have
done, through three private members of SQLAlchemy's ``Connection``:
``_has_events`` (and the engine's), to skip the listener dispatch when nobody listens,
and ``_handle_dbapi_exception``, which wraps a driver error in SQLAlchemy's exception
and runs the engine's ``handle_error`` (pool invalidation on a disconnect). They are
kept only behind the pinned minor version (``sqlalchemy>=2.1.9,<2.2`` in
pyproject.toml); these tests are what an upgrade must pass before the pin moves.
"""

from __future__ import annotations

import inspect
import re
import tomllib
from pathlib import Path

import psycopg
import pytest
import sqlalchemy
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, ProgrammingError

from loyalty_api.driver import Constant, run

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def _pinned_minor() -> tuple[int, int]:
    dependencies = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
    pin = next(d for d in dependencies if re.match(r"sqlalchemy\b", d, re.IGNORECASE))
    found = re.fullmatch(r"sqlalchemy>=(\d+)\.(\d+)\.\d+,<(\d+)\.(\d+)", pin, re.IGNORECASE)
    assert found, f"{pin!r}: expected >=X.Y.Z,<X.(Y+1)"
    major, minor, upper_major, upper_minor = (int(part) for part in found.groups())
    assert (upper_major, upper_minor) == (major, minor + 1), \
        f"{pin!r} must allow one minor version only: the driver's private hooks are checked for it"
    return major, minor


def test_the_installed_sqlalchemy_is_the_pinned_minor_version():
    installed = tuple(int(part) for part in sqlalchemy.__version__.split(".")[:2])
    assert installed == _pinned_minor()


def test_the_private_members_the_driver_uses_exist_with_their_signature(app):
    parameters = list(inspect.signature(Connection._handle_dbapi_exception).parameters)
    assert parameters[:6] == ["self", "e", "statement", "parameters", "cursor", "context"]
    with app.extensions["loyalty"].engine.connect() as connection:
        assert isinstance(connection._has_events, bool)
        assert isinstance(connection.engine._has_events, bool)


def test_a_driver_error_reaches_the_engines_handle_error_listeners(app, session_factory):
    seen = []

    def listener(context):
        seen.append((type(context.original_exception), context.statement, context.is_disconnect))

    engine = app.extensions["loyalty"].engine
    event.listen(engine, "handle_error", listener)
    try:
        with session_factory() as session:
            with pytest.raises(ProgrammingError) as raised:
                run(session, Constant("SELECT * FROM no_such_table WHERE x = :x"), {"x": 1})
            session.rollback()
    finally:
        event.remove(engine, "handle_error", listener)
    assert isinstance(raised.value, DBAPIError) and isinstance(raised.value.orig, psycopg.errors.UndefinedTable)
    assert seen == [(psycopg.errors.UndefinedTable, "SELECT * FROM no_such_table WHERE x = %(x)s", False)]


def test_with_no_listener_no_dispatch_runs(app, session_factory):
    # The reason for reading _has_events: a statement pays for no listener machinery
    # unless something listens, and a listener added later is seen at once.
    engine = app.extensions["loyalty"].engine
    seen = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    with session_factory() as session:
        run(session, Constant("SELECT 1 AS one"), {})
        event.listen(engine, "before_cursor_execute", listener)
        try:
            run(session, Constant("SELECT 2 AS two"), {})
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    assert seen == ["SELECT 2 AS two"]
