"""``loyalty-api db distribute``: the schema's layout on a Citus cluster.

Every request works inside one program, so the data is distributed by ``program_id``:
``programs`` and ``api_clients`` (read without a program: a token request names only a
``client_id``) become reference tables, copied to every node; every other table with a
``program_id`` is distributed by it and colocated with ``members``, so that a program's
rows of all tables live on one shard group and its joins and foreign keys stay there.

Citus refuses to distribute a table that a local table still references, and
distributing a referenced table first would quietly turn the referencing tables into
Citus-local ones. So the foreign keys that touch a table still to convert are dropped,
the tables converted, and the same constraints added again (same names, same
definitions), all in one transaction: a failure leaves the database as it was, and a
rerun finds nothing left to do. On plain PostgreSQL (no ``citus`` extension in the
database) it changes nothing and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import create_engine, pool, text
from sqlalchemy.engine import Connection, Engine

from loyalty_api.config import sqlalchemy_url

REFERENCE_TABLES = ("programs", "api_clients")
# The colocation group's first table; every other program table is colocated with it.
ANCHOR_TABLE = "members"
# Alembic's bookkeeping stays a local table on the coordinator.
LOCAL_TABLES = ("alembic_version",)

_PROGRAM_TABLES = text("""
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
   AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'program_id'
                                           AND NOT a.attisdropped)
 ORDER BY c.relname
""")
_CITUS_TABLES = text("""
SELECT logicalrelid::regclass::text AS name, partmethod FROM pg_dist_partition
""")
_FOREIGN_KEYS = text("""
SELECT conrelid::regclass::text AS source, confrelid::regclass::text AS target, conname,
       pg_get_constraintdef(oid) AS definition
  FROM pg_constraint
 WHERE contype = 'f' AND connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
 ORDER BY conname
""")


@dataclass
class Layout:
    """What ``distribute`` did (or found already done)."""

    citus: bool
    reference: list[str] = field(default_factory=list)
    distributed: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        if not self.citus:
            return ("this database has no citus extension (plain PostgreSQL): nothing to distribute, "
                    "nothing changed")
        if not self.reference and not self.distributed:
            return f"already distributed by program_id ({len(self.already)} tables): nothing changed"
        return (f"distributed by program_id: {len(self.reference)} reference tables, "
                f"{len(self.distributed)} colocated with {ANCHOR_TABLE}, "
                f"{len(self.foreign_keys)} foreign keys dropped and re-added")


def has_citus(conn: Connection) -> bool:
    return conn.execute(text("SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')")).scalar()


def distribute(engine: Engine) -> Layout:
    """Turn a migrated database on a Citus coordinator into the layout; idempotent."""
    with engine.begin() as conn:
        if not has_citus(conn):
            return Layout(citus=False)
        done = {row.name: row.partmethod for row in conn.execute(_CITUS_TABLES)}
        program_tables = [name for (name,) in conn.execute(_PROGRAM_TABLES) if name not in LOCAL_TABLES]
        layout = Layout(citus=True, already=sorted(done))
        layout.reference = [name for name in REFERENCE_TABLES if done.get(name) != "n"]
        # The anchor first: the others name it in colocate_with.
        distributed = [ANCHOR_TABLE] + sorted(set(program_tables) - {ANCHOR_TABLE} - set(REFERENCE_TABLES))
        layout.distributed = [name for name in distributed if done.get(name) != "h"]
        converting = set(layout.reference) | set(layout.distributed)
        if not converting:
            return layout
        foreign_keys = [row for row in conn.execute(_FOREIGN_KEYS) if {row.source, row.target} & converting]
        layout.foreign_keys = [f"{row.source}.{row.conname}" for row in foreign_keys]
        # Foreign keys to reference tables need every step on one connection per node.
        conn.execute(text("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'"))
        # audit_entries' append-only trigger only raises: safe on shards (Citus asks for the opt-in).
        conn.execute(text("SET LOCAL citus.enable_unsafe_triggers TO on"))
        for row in foreign_keys:
            conn.execute(text(f'ALTER TABLE "{row.source}" DROP CONSTRAINT "{row.conname}"'))
        for name in layout.reference:
            conn.execute(text("SELECT create_reference_table(:name)"), {"name": name})
        for name in layout.distributed:
            colocate = "none" if name == ANCHOR_TABLE else ANCHOR_TABLE
            conn.execute(text("SELECT create_distributed_table(:name, 'program_id', colocate_with => :anchor)"),
                         {"name": name, "anchor": colocate})
        for row in foreign_keys:
            conn.execute(text(f'ALTER TABLE "{row.source}" ADD CONSTRAINT "{row.conname}" {row.definition}'))
    return layout


def distribute_database(url: str) -> Layout:
    """``distribute`` on the database at ``url`` (a libpq or SQLAlchemy URL)."""
    engine = create_engine(sqlalchemy_url(url), poolclass=pool.NullPool)
    try:
        return distribute(engine)
    finally:
        engine.dispose()


def colocate_new_table(conn: Connection, name: str, reference: bool = False) -> None:
    """For a migration that creates a table: distribute it right away on a distributed database.

    Call it after ``op.create_table`` (with no foreign keys inline) and before the
    table's foreign keys (``op.create_foreign_key``): Citus refuses a foreign key
    between a local table and a distributed one. On plain PostgreSQL, or before the
    database was ever distributed, it does nothing (``db distribute`` will).
    """
    if not has_citus(conn) or not conn.execute(text(
            "SELECT EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = CAST(:anchor AS regclass))"),
            {"anchor": ANCHOR_TABLE}).scalar():
        return
    conn.execute(text("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'"))
    if reference:
        conn.execute(text("SELECT create_reference_table(:name)"), {"name": name})
    else:
        conn.execute(text("SELECT create_distributed_table(:name, 'program_id', colocate_with => :anchor)"),
                     {"name": name, "anchor": ANCHOR_TABLE})
