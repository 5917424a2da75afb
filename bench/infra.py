"""Processes and databases for the benchmark: the PostgreSQL server, one database
per run, gunicorn masters started exactly as production starts them, and what
their workers hold in memory.

Every process started here is started by us, in its own session, and stopped by
its pid; nothing is found or killed by name.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

ROOT = Path(__file__).resolve().parent.parent


def database_server(shared_buffers_mb: int | None = None) -> tuple[str, object | None]:
    """(conninfo of a maintenance database, embedded server handle or None).

    With ``shared_buffers_mb`` (the benchmark's own server, ``make bench``), an embedded
    server that runs with another value gets it with ``ALTER SYSTEM`` and is restarted,
    as one would size a server for its data; the setting stays in that server's data
    directory only. A server in ``DATABASE_URL`` is used as it is."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url, None
    sys.path.insert(0, str(ROOT))
    from loyalty_api.devdb import start_embedded

    server = start_embedded()
    if shared_buffers_mb:
        with psycopg.connect(server.get_uri("postgres"), autocommit=True) as conn:
            changed = conn.execute("SELECT setting::bigint * 8192 <> %s::bigint * 1048576 FROM pg_settings"
                                   " WHERE name = 'shared_buffers'", (shared_buffers_mb,)).fetchone()[0]
            if changed:
                conn.execute(f"ALTER SYSTEM SET shared_buffers = '{int(shared_buffers_mb)}MB'")
        if changed:  # a restart, unless another process holds the server (then it stays as it is)
            server.cleanup()
            server = start_embedded()
    return server.get_uri("postgres"), server


def buffers_for_this_machine() -> int:
    """Megabytes: a quarter of the RAM, at most 2 GiB, a usual size for a database
    server's buffers, and enough for the 1m data set's hot indexes."""
    quarter = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 4 // 2**20
    return min(quarter, 2048)


def with_database(conninfo: str, name: str) -> str:
    """The same server and credentials, another database, as a postgresql:// URL
    (the form the app's DATABASE_URL takes; a unix socket goes in ?host=)."""
    params = conninfo_to_dict(conninfo)
    params["dbname"] = name
    host = params.pop("host", "") or ""
    user = params.pop("user", "postgres")
    password = params.pop("password", None)
    port = params.pop("port", None)
    dbname = params.pop("dbname")
    auth = f"{user}:{password}@" if password else f"{user}@"
    query = [f"{key}={value}" for key, value in params.items()]
    if host.startswith("/") or not host:
        if host:
            query.insert(0, f"host={host}")
        if port:
            query.append(f"port={port}")
        return f"postgresql://{auth}/{dbname}" + ("?" + "&".join(query) if query else "")
    netloc = f"{host}:{port}" if port else host
    return f"postgresql://{auth}{netloc}/{dbname}" + ("?" + "&".join(query) if query else "")


def libpq(url: str) -> str:
    """A key=value conninfo, which every libpq tool (pgbench) accepts."""
    return make_conninfo(**conninfo_to_dict(url))


def recreate_database(server: str, name: str) -> str:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return with_database(server, name)


def drop_database(server: str, name: str) -> None:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_facts(url: str) -> dict[str, str]:
    """Version and the settings that decide whether commits are durable."""
    names = ["server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method",
             "shared_buffers", "max_connections"]
    with psycopg.connect(url) as conn:
        return {name: conn.execute(f"SHOW {name}").fetchone()[0] for name in names}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """A gunicorn master with loyalty_api/gunicorn_conf.py, bound to loopback."""

    def __init__(self, wsgi_app: str, env: dict[str, str], name: str, root: Path = ROOT) -> None:
        """``root``: the checkout whose code is served (``bench/ab.py`` serves another)."""
        self.port = free_port()
        self.name = name
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {**os.environ, **env, "BIND": f"127.0.0.1:{self.port}", "LOG_LEVEL": "warning"}
        full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), full_env.get("PYTHONPATH")]))
        self.env = full_env
        self.log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-{name}-{self.port}.log"
        self._log = open(self.log_path, "w")  # noqa: SIM115  (open for the server's lifetime; closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "python:loyalty_api.gunicorn_conf", wsgi_app],
            cwd=root, env=full_env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, path: str = "/healthz", timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited; see {self.log_path}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=2) as answer:
                    if answer.status == 200 and len(self.worker_pids()) >= self.expected_workers():
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not become ready; see {self.log_path}")

    def expected_workers(self) -> int:
        from loyalty_api.gunicorn_conf import available_cores

        return int(self.env.get("WEB_CONCURRENCY", available_cores() * 2 + 1))

    def worker_pids(self) -> list[int]:
        pids = []
        for task in Path(f"/proc/{self.process.pid}/task").glob("*"):
            try:
                pids += [int(pid) for pid in (task / "children").read_text().split()]
            except OSError:
                continue
        return pids

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.worker_pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
            except OSError:
                continue
        return sizes

    def log_tail(self, lines: int = 30) -> str:
        self._log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()


def conninfo_dbname(url: str) -> str:
    return conninfo_to_dict(url)["dbname"]


def raise_priority(pids: list[int], nice: int = -15) -> list[int]:
    """Give the scheduling groups of these processes more weight (``--priority``).

    Linux groups processes by session ("autogroups") and shares the CPU between
    groups before nice values count, so ``nice`` alone does nothing against other
    sessions' work. Root can set an autogroup's own nice; every process of the
    session (PostgreSQL's backends, gunicorn's workers) follows. Answers the pids
    whose group was changed.
    """
    changed = []
    for pid in pids:
        try:
            Path(f"/proc/{pid}/autogroup").write_text(str(nice))
            changed.append(pid)
        except OSError:
            continue
    return changed


def postmaster_pid(url: str) -> int | None:
    """The server's pid when it runs on this machine and we may read its data dir."""
    try:
        with psycopg.connect(url) as conn:
            data_dir = conn.execute("SHOW data_directory").fetchone()[0]
        return int((Path(data_dir) / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, psycopg.Error):
        return None


@contextlib.contextmanager
def loaded_app(members: int, prefix: str, **settings):
    """For the in-process tools (profile_orders, cpu_per_request): a database of their
    own on the benchmark's server, migrated and loaded with ``members`` members, and
    the app on it; answers (app, data set) and drops the database afterwards."""
    from bench import loader

    server, embedded = database_server()
    name = f"loyalty_bench_{prefix}_{secrets.token_hex(3)}"
    url = recreate_database(server, name)
    try:
        from loyalty_api.app import create_app
        from loyalty_api.cli import upgrade_database
        from loyalty_api.config import sqlalchemy_url

        upgrade_database(sqlalchemy_url(url))
        app = create_app({"DATABASE_URL": url, "JWT_KEYS": "bench:" + secrets.token_urlsafe(40), **settings})
        try:
            yield app, loader.load(app, url, members, with_ledger=True, hot_member="hot")
        finally:
            app.extensions["loyalty"].engine.dispose()
    finally:
        drop_database(server, name)
        if embedded is not None:
            embedded.cleanup()
