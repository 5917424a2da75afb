"""A database of its own on the Citus cluster at ``CITUS_URL``, for ``pytest -m citus``.

Citus does not carry ``CREATE DATABASE`` to the workers, and a new database knows no
nodes. So the test database is made on the coordinator and on every worker that the
``CITUS_URL`` database lists (``pg_dist_node``), each with the extension, and the
coordinator of the new database is given the same workers. The tests reach the
workers at the addresses the coordinator has for them, as the same user.
"""

from __future__ import annotations

import os

import psycopg

CITUS_URL = os.environ.get("CITUS_URL")
SKIP_REASON = "CITUS_URL is not set: no Citus coordinator to run the distributed tests on"


def _at(url: str, **changes) -> str:
    conninfo = psycopg.conninfo.conninfo_to_dict(url)
    conninfo.update(changes)
    return psycopg.conninfo.make_conninfo(**conninfo)


def nodes(citus_url: str) -> tuple[tuple[str, int], list[tuple[str, int]]]:
    """(coordinator, workers) as the cluster's own database lists them."""
    with psycopg.connect(citus_url, autocommit=True) as conn:
        rows = conn.execute("SELECT nodename, nodeport, groupid FROM pg_dist_node "
                            "WHERE noderole = 'primary' ORDER BY groupid").fetchall()
    if not rows:
        raise RuntimeError(f"{citus_url}: no nodes in pg_dist_node; is it a Citus coordinator?")
    params = psycopg.conninfo.conninfo_to_dict(citus_url)
    coordinator = next(((host, port) for host, port, group in rows if group == 0),
                       (params.get("host", "127.0.0.1"), int(params.get("port", 5432))))
    return coordinator, [(host, port) for host, port, group in rows if group != 0]


def create_database(citus_url: str, name: str) -> str:
    """Make ``name`` on every node with the extension and the workers added; answers its libpq URL."""
    coordinator, workers = nodes(citus_url)
    for host, port in workers:
        with psycopg.connect(_at(citus_url, host=host, port=port), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        with psycopg.connect(_at(citus_url, host=host, port=port, dbname=name), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS citus")
    with psycopg.connect(citus_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = _at(citus_url, dbname=name)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS citus")
        conn.execute("SELECT citus_set_coordinator_host(%s, %s)", coordinator)
        for host, port in workers:
            conn.execute("SELECT citus_add_node(%s, %s)", (host, port))
    return url


def drop_database(citus_url: str, name: str) -> None:
    _, workers = nodes(citus_url)
    with psycopg.connect(citus_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    for host, port in workers:
        with psycopg.connect(_at(citus_url, host=host, port=port), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
