"""The models and the migrated schema agree (catches a model change without a revision)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, pool

import loyalty_api.models  # noqa: F401  (registers every feature's tables)
from loyalty_api.config import sqlalchemy_url
from loyalty_api.db import Base


def test_metadata_matches_the_migrated_database(database_url):
    engine = create_engine(sqlalchemy_url(database_url), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "compare_type": True, "compare_server_default": False,
            })
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == [], "models and migrations differ; write a revision:\n" + "\n".join(
        map(repr, differences))


def test_every_table_is_keyed_by_program_first():
    """SPEC §12 scale-out: every tenant table leads its primary key with program_id."""
    # the tenant itself, credentials looked up by id, fleet-wide liveness marks of background processes
    exempt = {"programs", "api_clients", "heartbeats"}
    offenders = [table.name for table in Base.metadata.sorted_tables
                 if table.name not in exempt and list(table.primary_key.columns)[0].name != "program_id"]
    assert offenders == []
