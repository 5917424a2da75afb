"""Alembic environment: the URL comes from DATABASE_URL (or the caller's config)."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine, pool

import loyalty_api.models  # noqa: F401  (registers every table)
from loyalty_api.config import sqlalchemy_url
from loyalty_api.db import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    url = config.attributes.get("url") or sqlalchemy_url(os.environ["DATABASE_URL"])
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        # One migrator at a time: replicas starting together must not race.
        connection.exec_driver_sql("SELECT pg_advisory_lock(7253019)")
        connection.commit()
        try:
            context.configure(connection=connection, target_metadata=target_metadata,
                              compare_type=True, transaction_per_migration=True)
            with context.begin_transaction():
                context.run_migrations()
        finally:
            connection.exec_driver_sql("SELECT pg_advisory_unlock(7253019)")
            connection.commit()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run against a database")
run_migrations_online()
