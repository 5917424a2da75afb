"""Engine, declarative base, and the unit of work.

One database transaction per use case: a ``UnitOfWork`` holds one ``Session``; it
commits only when told to and rolls back otherwise. HTTP requests get one unit of
work each (``loyalty_api.http.transaction``), committed after the answer is built
so that the idempotency record lands in the same transaction as the change. The
CLI and jobs open their own.
"""

from __future__ import annotations

import select

import orjson
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from loyalty_api.config import Settings

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def make_engine(settings: Settings) -> Engine:
    # Timeouts are connection options, so no request pays a round trip to set them
    # and none can hang on a lock or a runaway statement.
    options = (
        f"-c statement_timeout={settings.DB_STATEMENT_TIMEOUT_MS} "
        f"-c lock_timeout={settings.DB_LOCK_TIMEOUT_MS} "
        "-c idle_in_transaction_session_timeout=30000 -c timezone=UTC"
    )
    engine = create_engine(
        settings.sqlalchemy_url,
        pool_size=settings.DB_POOL_SIZE,
        max_overflow=settings.DB_POOL_MAX_OVERFLOW,
        pool_timeout=settings.DB_POOL_TIMEOUT_SECONDS,
        pool_pre_ping=False,
        pool_recycle=1800,
        # JSON columns (program settings on every request) parse with orjson.
        json_deserializer=orjson.loads,
        connect_args={"options": options, "connect_timeout": settings.DB_CONNECT_TIMEOUT_SECONDS,
                      "application_name": "loyalty-api"},
    )

    @event.listens_for(engine, "checkout")
    def _skip_dead_connection(dbapi_connection, _record, _proxy):
        # Cheaper than pool_pre_ping (no round trip): a pooled connection is idle, so
        # if its socket is readable the server has hung up (a restart sends a FATAL
        # notice and closes). The pool then retries with a fresh connection.
        if server_hung_up(dbapi_connection):
            raise DisconnectionError("server closed the pooled connection")

    @event.listens_for(engine, "handle_error")
    def _invalidate_on_disconnect(context):  # pragma: no cover - exercised by outage tests
        # A dead server leaves dead pooled connections; drop them all so that the
        # first request after recovery does not inherit them.
        if context.is_disconnect:
            context.invalidate_pool_on_disconnect = True

    return engine


def server_hung_up(dbapi_connection) -> bool:
    """True when an idle psycopg connection is closed or has unsolicited input waiting."""
    try:
        if dbapi_connection.closed:
            return True
        fd = dbapi_connection.pgconn.socket
    except Exception:  # a connection that cannot tell its socket is no use either
        return True
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLERR | select.POLLHUP)
    return bool(poller.poll(0))


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


class UnitOfWork:
    """A transaction: everything done through ``session`` commits together or not at all."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session: Session = session_factory()
        self._committed = False

    def commit(self) -> None:
        self.session.commit()
        self._committed = True

    def rollback(self) -> None:
        self.session.rollback()

    def close(self) -> None:
        if not self._committed:
            self.session.rollback()
        self.session.close()


@contextmanager
def unit_of_work(session_factory: sessionmaker[Session]) -> Iterator[UnitOfWork]:
    """For the CLI and jobs: commit explicitly with ``uow.commit()``; otherwise rolled back."""
    uow = UnitOfWork(session_factory)
    try:
        yield uow
    finally:
        uow.close()
