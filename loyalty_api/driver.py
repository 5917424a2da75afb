"""Constant statements of the hot paths, sent straight to psycopg.

The checkout and balance paths run a few fixed SQL texts per request. Through
``Session.execute`` each one pays for SQLAlchemy's execution context, result
metadata and row objects, several times the driver's own work on this machine
(docs/performance.md). A ``Constant`` is compiled to psycopg's parameter style
once; ``run`` sends it on the connection of the session's current transaction (so
it commits or rolls back with everything else), or on a Core ``Connection`` (the
autocommit reader of ``reads_only`` views), and answers psycopg's cursor, with
named-tuple rows (``row.debt``).

What SQLAlchemy would have done around the call still happens: driver errors become
SQLAlchemy's exceptions (``IntegrityError``, ``OperationalError``…, a dropped
connection invalidates the pool through the engine's ``handle_error``), and the
engine's ``before_cursor_execute``/``after_cursor_execute`` listeners see the
statement (the statement-count tests and ``bench/profile_orders.py`` count with them;
listeners cannot rewrite it). Parameters are passed as given, with no type
processing: only plain values that psycopg adapts (str, int, Decimal, UUID,
datetime, lists of those, bytes).

Three private members of SQLAlchemy's ``Connection`` make this possible:
``_has_events`` (its own and the engine's: skip the dispatch when nobody listens)
and ``_handle_dbapi_exception`` (wrap the error, run ``handle_error``). They are kept
behind the pinned minor version (``sqlalchemy>=2.1.9,<2.2``);
``tests/foundation/test_driver_contract.py`` is the contract an upgrade must pass first.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import psycopg
from psycopg.rows import namedtuple_row
from sqlalchemy import text
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

_DIALECT = PGDialect_psycopg()

# Where a statement runs: a session's current transaction, or a Core connection (an
# autocommit reader, ``http.transaction.current_reader``).
Runner = Session | Connection


class Constant:
    """A SQL text with ``:name`` parameters, as ``sqlalchemy.text`` takes it."""

    __slots__ = ("sql", "defaults")

    def __init__(self, sql: str) -> None:
        # SQLAlchemy's compiler turns ``:name`` into ``%(name)s`` and escapes literal ``%``.
        self._compile(text(sql))

    @classmethod
    def of(cls, statement: Any) -> "Constant":
        """A Core statement built once (``bindparam`` for what varies), compiled once."""
        constant = cls.__new__(cls)
        constant._compile(statement)
        return constant

    def _compile(self, statement: Any) -> None:
        compiled = statement.compile(dialect=_DIALECT)
        self.sql: str = str(compiled)
        # A Core statement's literal values (``kind == "purchase"``) are parameters too.
        self.defaults: dict[str, Any] = {name: value for name, value in compiled.params.items()
                                         if value is not None}

    def __repr__(self) -> str:
        return f"Constant({' '.join(self.sql.split())[:60]!r}…)"


def run(db: Runner, statement: Constant, params: dict[str, Any]) -> psycopg.Cursor[NamedTuple]:
    """Execute ``statement`` in the session's transaction (or on the connection); answers the cursor."""
    connection = db.connection() if isinstance(db, Session) else db
    cursor = connection.connection.driver_connection.cursor(row_factory=namedtuple_row)
    if statement.defaults:
        params = {**statement.defaults, **params}
    observed = connection._has_events or connection.engine._has_events
    if observed:
        connection.dispatch.before_cursor_execute(connection, cursor, statement.sql, params, None, False)
    try:
        cursor.execute(statement.sql, params)
    except psycopg.Error as error:
        # Wraps, runs handle_error (pool invalidation on a disconnect) and raises.
        connection._handle_dbapi_exception(error, statement.sql, params, cursor, None)
    if observed:
        connection.dispatch.after_cursor_execute(connection, cursor, statement.sql, params, None, False)
    return cursor


def one_or_none(db: Runner, statement: Constant, params: dict[str, Any]) -> Any:
    """The statement's only row, or None (for statements that answer at most one)."""
    return run(db, statement, params).fetchone()
