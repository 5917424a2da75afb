"""The service as deployed: gunicorn with loyalty_api/gunicorn_conf.py, two workers,
the test database. Requests held by a row lock make a real slow path (no test-only
route): PATCH /v1/members/{id} waits for a lock this test holds.

- /metrics adds up every worker's samples (prometheus multiprocess mode);
- SIGTERM lets the request in flight finish with 200 before the master exits;
- every line gunicorn and the app write is JSON.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson
import psycopg
import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.support import TEST_JWT_KEYS, free_port, make_program

POOL_SIZE = 3

pytestmark = pytest.mark.slow


def wait_for(predicate, timeout: float = 40.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


class Gunicorn:
    def __init__(self, database_url: str, tmp: Path) -> None:
        self.url = f"http://127.0.0.1:{free_port()}"
        self.stderr_path = tmp / "gunicorn.stderr"
        self.metrics_dir = tmp / "metrics"
        env = {**os.environ, "DATABASE_URL": database_url, "JWT_KEYS": TEST_JWT_KEYS,
               "WEB_CONCURRENCY": "2", "BIND": self.url.removeprefix("http://"),
               "PROMETHEUS_MULTIPROC_DIR": str(self.metrics_dir), "GUNICORN_GRACEFUL_TIMEOUT": "20",
               "DB_POOL_SIZE": str(POOL_SIZE), "LOG_LEVEL": "INFO",
               # The held PATCH waits on a row lock; the statement timeout counts that wait too.
               "DB_LOCK_TIMEOUT_MS": "30000", "DB_STATEMENT_TIMEOUT_MS": "30000"}
        self.stderr = self.stderr_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "python:loyalty_api.gunicorn_conf", "loyalty_api.wsgi:app"],
            env=env, stdout=subprocess.DEVNULL, stderr=self.stderr, cwd=Path(__file__).resolve().parents[2])
        wait_for(self._up, 60, "gunicorn to answer /healthz")
        wait_for(lambda: len(children(self.process.pid)) == 2, 30, "two workers")

    def _up(self) -> bool:
        assert self.process.poll() is None, self.log_text()
        # A worker takes a few seconds to import the app on a busy machine.
        with contextlib.suppress(requests.ConnectionError, requests.Timeout):
            return requests.get(self.url + "/healthz", timeout=10).status_code == 200
        return False

    def log_text(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.stderr.close()


@pytest.fixture(scope="module")
def gunicorn(database_url, tmp_path_factory):
    """One server for the module (a worker boots in seconds on a busy machine); the
    SIGTERM test stops it, so it comes last."""
    server = Gunicorn(database_url, tmp_path_factory.mktemp("gunicorn"))
    yield server
    server.stop()


@pytest.fixture
def member(app, gunicorn, unique):
    program = make_program(app)
    headers = {"Authorization": f"Bearer {program.token}"}
    created = requests.post(gunicorn.url + "/v1/members", json={"member_id": f"m-{unique}"}, headers=headers,
                            timeout=10)
    assert created.status_code == 201, created.text
    return program, f"m-{unique}", headers


@contextlib.contextmanager
def row_locked(database_url: str, program_id, member_id: str):
    """Hold the member's row lock in a transaction of our own until the block ends."""
    with psycopg.connect(database_url) as conn:
        conn.execute("SELECT 1 FROM members WHERE program_id = %s AND member_id = %s FOR UPDATE",
                     (program_id, member_id))
        yield conn
        conn.rollback()


def lock_waiters(database_url: str) -> int:
    with psycopg.connect(database_url, autocommit=True) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND application_name = 'loyalty-api' AND wait_event_type = 'Lock'").fetchone()[0]


def patch_in_background(url: str, headers: dict, request_id: str) -> tuple[threading.Thread, dict]:
    result: dict = {}

    def send():
        try:
            response = requests.patch(url, json={"email": "new@example.com"}, timeout=60,
                                      headers={**headers, "X-Request-Id": request_id})
            result.update(status=response.status_code, body=response.json())
        except Exception as exc:  # reported by the assertion in the test
            result["error"] = repr(exc)

    thread = threading.Thread(target=send)
    thread.start()
    return thread, result


def samples(url: str) -> dict:
    text = requests.get(url + "/metrics", timeout=10).text
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def test_metrics_add_up_every_worker(gunicorn, member, database_url):
    program, member_id, headers = member
    with row_locked(database_url, program.program_id, member_id):
        thread, result = patch_in_background(f"{gunicorn.url}/v1/members/{member_id}", headers, "held-1")
        wait_for(lambda: lock_waiters(database_url) == 1, what="the PATCH to wait on the lock")
        # The held PATCH does not stop the server from answering others.
        for _ in range(5):
            assert requests.get(gunicorn.url + "/healthz", timeout=10).status_code == 200
    thread.join(30)
    assert result.get("status") == 200, result
    sent = 5

    def writers() -> set[str]:
        return {path.stem.rsplit("_", 1)[1] for path in gunicorn.metrics_dir.glob("counter_*.db")}

    def one_more_answer_until_both_workers_wrote() -> bool:
        nonlocal sent
        if len(writers()) == 2:
            return True
        # A new connection each time: the kernel hands it to either worker.
        assert requests.get(gunicorn.url + "/healthz", timeout=10).status_code == 200
        sent += 1
        return False

    wait_for(one_more_answer_until_both_workers_wrote, what="both workers to have answered")
    scraped = samples(gunicorn.url)
    patch = ("loyalty_http_requests_total",
             (("method", "PATCH"), ("route", "/v1/members/<string:member_id>"), ("status", "200")))
    healthz = ("loyalty_http_requests_total", (("method", "GET"), ("route", "/healthz"), ("status", "200")))
    assert scraped[patch] == 1
    # Every /healthz answered above, plus the start-up probes of the fixture (at least
    # one), whichever worker answered it: the scrape adds both workers' samples up.
    assert scraped[healthz] >= sent + 1
    assert scraped[("loyalty_db_pool_size", ())] == 2 * POOL_SIZE
    # Every request gave its connection back before its answer left the worker.
    assert scraped[("loyalty_db_pool_checked_out", ())] == 0


def test_sigterm_lets_the_request_in_flight_finish(gunicorn, member, database_url):
    program, member_id, headers = member
    with row_locked(database_url, program.program_id, member_id):
        thread, result = patch_in_background(f"{gunicorn.url}/v1/members/{member_id}", headers, "in-flight-1")
        wait_for(lambda: lock_waiters(database_url) == 1, what="the PATCH to wait on the lock")
        gunicorn.process.send_signal(signal.SIGTERM)
        # The idle worker leaves at once; the busy one stays until its request is done.
        wait_for(lambda: len(children(gunicorn.process.pid)) == 1, what="the idle worker to exit")
        assert "Handling signal: term" in wait_for(
            lambda: "Handling signal: term" in gunicorn.log_text() and gunicorn.log_text(), what="the master")
        assert result == {} and gunicorn.process.poll() is None
    thread.join(30)
    assert result.get("status") == 200, result
    assert result["body"]["email"] == "new@example.com"
    assert gunicorn.process.wait(30) == 0

    lines = [orjson.loads(line) for line in gunicorn.log_text().splitlines() if line.strip()]
    [access] = [line for line in lines if line.get("request_id") == "in-flight-1"]
    assert access["logger"] == "loyalty_api.access" and access["status"] == 200
    assert access["route"] == "/v1/members/<string:member_id>" and access["program"] == str(program.program_id)
    assert any(line["logger"] == "gunicorn.error" for line in lines)
    assert program.token not in gunicorn.log_text()
