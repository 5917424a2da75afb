"""Instructions per request, counted by valgrind (callgrind): a cost figure that the
machine's load cannot move, reported beside the timings (docs/performance.md).

    python bench/instructions.py [--requests 200] [--members 2000] [--repeat 2]

This process makes a database of its own (migrated, ``--members`` members loaded as
``make bench`` loads them), then runs a child under ``valgrind --tool=callgrind
--collect-atstart=no``: the child creates the app, warms it up (imports, the pool,
prepared statements, caches: not counted) and sends ``--requests`` orders and then as
many balance reads through Flask's test client, each batch inside one call of
``PyRun_SimpleStringFlags`` (a C function the child enters once per batch:
``--toggle-collect`` counts only inside it, ``--dump-after`` writes one profile per
batch). Only the Python process is counted: PostgreSQL's work, a process of its own,
is not. ``--repeat`` runs the child again on the same database to show the figure
repeats.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import infra  # noqa: E402
from bench.profile_orders import LINES  # noqa: E402

REGION = "PyRun_SimpleStringFlags"
BATCHES = [("POST /v1/orders", "orders"), ("GET /v1/members/{id}/balance", "balances")]
WARMUP = 30


def child(requests: int, members: int, tag: str) -> None:
    """Runs under valgrind: warm up, then each batch inside one REGION call."""
    import ctypes

    import __main__
    from loyalty_api.app import create_app

    app = create_app({"DATABASE_URL": os.environ["DATABASE_URL"], "JWT_KEYS": os.environ["JWT_KEYS"],
                      "DB_POOL_SIZE": 1, "DB_POOL_MAX_OVERFLOW": 0})
    client = app.test_client()
    headers = {"Authorization": f"Bearer {os.environ['BENCH_TOKEN']}"}

    def orders(first: int, count: int) -> None:
        for i in range(first, first + count):
            order_id = f"ins-{tag}-{i}"
            answer = client.post("/v1/orders", headers={**headers, "Idempotency-Key": order_id}, json={
                "order_id": order_id, "member_id": f"m{i % members + 1}", "amount": "1499.50",
                "currency": "RUB", "lines": LINES})
            assert answer.status_code == 201, answer.get_data(as_text=True)

    def balances(first: int, count: int) -> None:
        for i in range(first, first + count):
            answer = client.get(f"/v1/members/m{i % members + 1}/balance", headers=headers)
            assert answer.status_code == 200, answer.get_data(as_text=True)

    __main__.bench_batches = {"orders": orders, "balances": balances}
    for _, name in BATCHES:
        __main__.bench_batches[name](10_000_000, WARMUP)
    for _, name in BATCHES:
        if ctypes.pythonapi.PyRun_SimpleString(f"bench_batches[{name!r}](0, {requests})".encode()) != 0:
            raise SystemExit(f"the {name} batch failed (traceback above)")
    app.extensions["loyalty"].engine.dispose()


def count(env: dict, requests: int, members: int, run: int) -> list[int]:
    """One child under callgrind: the instructions of each batch, in BATCHES order."""
    with tempfile.TemporaryDirectory(prefix="bench-callgrind-") as folder:
        out = Path(folder) / "callgrind.out"
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--collect-atstart=no", f"--toggle-collect={REGION}",
             f"--dump-after={REGION}", f"--callgrind-out-file={out}", sys.executable, __file__, "--child",
             "--requests", str(requests), "--members", str(members), "--tag", f"{run}-{secrets.token_hex(3)}"],
            env=env, capture_output=True, text=True, check=False, timeout=3600)
        if done.returncode != 0:
            raise SystemExit(f"the callgrind child failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
        totals = []
        for dump in sorted(Path(folder).glob("callgrind.out.*"), key=lambda path: int(path.suffix[1:])):
            found = re.search(r"^(?:summary|totals): (\d+)", dump.read_text(), re.MULTILINE)
            totals.append(int(found.group(1)) if found else 0)
        if len(totals) < len(BATCHES):
            raise SystemExit(f"expected {len(BATCHES)} callgrind dumps, found {len(totals)}:\n{done.stderr[-2000:]}")
        return totals[:len(BATCHES)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="counted requests of each kind")
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2, help="children to run, one after another")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--tag", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.requests, args.members, args.tag)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind not found: no instruction counts")
        return 2
    keys = "bench:" + secrets.token_urlsafe(40)
    with infra.loaded_app(args.members, "instructions", JWT_KEYS=keys) as (app, data):
        env = {**os.environ, "DATABASE_URL": app.extensions["loyalty"].settings.DATABASE_URL, "JWT_KEYS": keys,
               "BENCH_TOKEN": data.token, "PYTHONPATH": str(ROOT)}
        app.extensions["loyalty"].engine.dispose()
        runs = [count(env, args.requests, args.members, run) for run in range(args.repeat)]
    print(f"instructions per request, valgrind --tool=callgrind, {args.requests} in-process requests of each "
          f"kind after {WARMUP} uncounted ones, {args.members:,} members; the Python process only "
          f"(PostgreSQL not counted)")
    for index, (label, _) in enumerate(BATCHES):
        figures = [totals[index] // args.requests for totals in runs]
        spread = (max(figures) - min(figures)) / min(figures) if min(figures) else 0.0
        print(f"{label:<30} {figures[0]:>14,} instructions per request  (runs: "
              + ", ".join(f"{figure:,}" for figure in figures) + f"; spread {spread:.2%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
