"""CPU per request, split between the Python process and its PostgreSQL backend, for
the three benchmarked requests, sent in one process through Flask's test client (no
HTTP server, no other load): what docs/performance.md's "Where the time goes" quotes.

    python -m loyalty_api.devdb run -- python bench/cpu_per_request.py [--requests 2000]

CPU time, not wall time, so a busy machine changes the figures much less than it
changes throughput; the PostgreSQL side is read from /proc (Linux) for the backend of
the app's only pooled connection.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import infra  # noqa: E402
from bench.profile_orders import LINES  # noqa: E402

MEMBERS = 2000


def backend_cpu_seconds(pids: list[int]) -> float:
    ticks = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime + stime
    return ticks / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=1,
                        help="split the requests into rounds and print the cheapest round: on a shared machine "
                             "the least disturbed one is the closest to the code's own cost")
    args = parser.parse_args()
    import psycopg

    with infra.loaded_app(MEMBERS, "cpu", DB_POOL_SIZE=1, DB_POOL_MAX_OVERFLOW=0) as (app, data):
        client = app.test_client()
        headers = {"Authorization": f"Bearer {data.token}"}

        def order(i: int) -> int:
            order_id = f"cpu-{i}"
            return client.post("/v1/orders", headers={**headers, "Idempotency-Key": order_id}, json={
                "order_id": order_id, "member_id": f"m{i % MEMBERS + 1}", "amount": "1499.50",
                "currency": "RUB", "lines": LINES}).status_code

        def balance(i: int) -> int:
            return client.get(f"/v1/members/m{i % MEMBERS + 1}/balance", headers=headers).status_code

        def member(i: int) -> int:
            return client.get(f"/v1/members/m{i % MEMBERS + 1}", headers=headers).status_code

        print(f"{'request':<38} {'wall ms':>8} {'Python CPU ms':>14} {'PostgreSQL CPU ms':>18}")
        url = app.extensions["loyalty"].settings.DATABASE_URL
        with psycopg.connect(url, autocommit=True) as monitor:
            for label, call in (("POST /v1/orders (3 lines, earn)", order),
                                ("GET /v1/members/{id}/balance", balance), ("GET /v1/members/{id}", member)):
                for i in range(100):  # warm: the pool, prepared statements, caches
                    assert call(10_000_000 + i) in (200, 201)
                pids = [row[0] for row in monitor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    " AND application_name = 'loyalty-api'")]
                n = args.requests // args.rounds
                rounds = []
                for first in range(0, n * args.rounds, n):
                    wall, cpu, backend = time.perf_counter(), time.process_time(), backend_cpu_seconds(pids)
                    for i in range(first, first + n):
                        assert call(i) in (200, 201)
                    rounds.append((time.process_time() - cpu, time.perf_counter() - wall,
                                   backend_cpu_seconds(pids) - backend))
                cpu, wall, backend = min(rounds)
                print(f"{label:<38} {wall / n * 1000:8.3f} {cpu / n * 1000:14.3f} {backend / n * 1000:18.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
