"""``loyalty-api db distribute``: a no-op on plain PostgreSQL (always tested); on a Citus
coordinator (``CITUS_URL``, ``pytest -m citus``) the layout, a rerun, and a later migration."""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from loyalty_api.cli import main
from loyalty_api.config import sqlalchemy_url
from loyalty_api.distribution import ANCHOR_TABLE, REFERENCE_TABLES, distribute_database
from tests.program_scope import program_tables

ROOT = Path(__file__).resolve().parents[2]
LATER_REVISION = ROOT / "tests" / "data" / "later_revision"

_FOREIGN_KEYS = "SELECT conrelid::regclass::text, conname FROM pg_constraint WHERE contype = 'f' ORDER BY 2"


def _has_citus(url: str) -> bool:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')").fetchone()[0]


def _layout(url: str) -> dict[str, tuple[str, int]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT table_name::text, citus_table_type, colocation_id FROM citus_tables").fetchall()
    return {name: (kind, colocation) for name, kind, colocation in rows}


def _foreign_keys(url: str) -> set[tuple[str, str]]:
    with psycopg.connect(url) as conn:
        return set(conn.execute(_FOREIGN_KEYS).fetchall())


def test_distribute_on_plain_postgresql_changes_nothing_and_says_so(database_url, monkeypatch):
    if _has_citus(database_url):
        pytest.skip("the session database is on Citus (pytest -m citus): this checks plain PostgreSQL")
    before = _foreign_keys(database_url)
    monkeypatch.setenv("DATABASE_URL", database_url)
    result = CliRunner().invoke(main, ["db", "distribute"])
    assert result.exit_code == 0, result.output
    assert "no citus extension (plain PostgreSQL)" in result.output and "nothing changed" in result.output
    assert _foreign_keys(database_url) == before and len(before) >= 5


@pytest.mark.citus
def test_distributed_layout_keeps_the_foreign_keys_and_reruns_as_a_no_op(database_url, monkeypatch):
    if not _has_citus(database_url):
        pytest.skip("needs the session database on Citus: CITUS_URL and pytest -m citus")
    layout = _layout(database_url)
    assert {name for name, (kind, _) in layout.items() if kind == "reference"} == set(REFERENCE_TABLES)
    distributed = {name for name, (kind, _) in layout.items() if kind == "distributed"}
    assert distributed == program_tables()
    assert {layout[name][1] for name in distributed} == {layout[ANCHOR_TABLE][1]}  # one colocation group
    import loyalty_api.models  # noqa: F401
    from loyalty_api.db import Base

    declared = {(table.name, fk.name) for table in Base.metadata.tables.values()
                for fk in table.foreign_key_constraints}
    assert declared <= _foreign_keys(database_url)
    monkeypatch.setenv("DATABASE_URL", database_url)
    result = CliRunner().invoke(main, ["db", "distribute"])
    assert result.exit_code == 0 and "already distributed" in result.output, result.output
    assert _layout(database_url) == layout


@pytest.mark.citus
def test_a_later_migration_runs_on_the_distributed_database(database_url):
    if not _has_citus(database_url):
        pytest.skip("needs the session database on Citus: CITUS_URL and pytest -m citus")
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("version_locations", os.pathsep.join([str(ROOT / "migrations" / "versions"), str(LATER_REVISION)]))
    config.attributes["url"] = sqlalchemy_url(database_url)
    command.upgrade(config, "later_change@head")
    try:
        layout = _layout(database_url)
        assert layout["member_notes"] == ("distributed", layout[ANCHOR_TABLE][1])
        assert ("member_notes", "fk_member_notes_program_id_members") in _foreign_keys(database_url)
        with psycopg.connect(database_url) as conn:  # the new column reached every shard
            assert conn.execute("SELECT count(nickname) FROM members").fetchone() == (0,)
        assert distribute_database(database_url).message.startswith("already distributed")
    finally:
        command.downgrade(config, "later_change@base")
    assert "member_notes" not in _layout(database_url)
