"""Two versions of the service under the same load, in turns: is a change faster?

    python bench/ab.py [REV] [--scenarios order,balance,hot] [--rounds 3] [--seconds 8]
    python bench/ab.py HEAD --env-b WEB_CONCURRENCY=3      # the same code, another setting

A is the commit REV (default HEAD), served from a git worktree in .data/ab/<sha>; B
is this checkout as it is on disk, uncommitted changes included. Both run on one
database (the benchmark's server, as ``make bench`` picks it, loaded with
``--members``), under the same gunicorn settings and wrk scenarios as ``bench/run.py``,
alternately: A, B, A, B… A run after run comparison on this shared machine drifts by
a quarter (docs/performance.md); taking turns within minutes exposes both versions to
the same neighbours, so the medians of the rounds compare the code. It prints every
round, then each scenario's medians and B/A. Like the benchmark, it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import infra, loader  # noqa: E402
from bench.loadgen import LoadGenerator, find_wrk  # noqa: E402

SCENARIOS = {"order": {"connections": 16, "threads": 2}, "balance": {"connections": 16, "threads": 2},
             "member_get": {"connections": 16, "threads": 2}, "hot": {"connections": 64, "threads": 4}}


def worktree(rev: str) -> Path:
    """A detached checkout of ``rev`` (made once, then reused)."""
    sha = subprocess.run(["git", "rev-parse", rev], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    path = ROOT / ".data" / "ab" / sha[:12]
    if not path.exists():
        subprocess.run(["git", "worktree", "add", "--detach", "-f", str(path), sha], cwd=ROOT,
                       capture_output=True, check=True)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rev", nargs="?", default="HEAD", help="the commit that is A (default HEAD)")
    parser.add_argument("--scenarios", default="order,balance", help=f"of {', '.join(SCENARIOS)}")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0, help="each scenario, after a 2 s warm-up")
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--priority", action="store_true", help="as bench/run.py --priority")
    parser.add_argument("--no-install", action="store_true", help="do not apt-get install wrk")
    parser.add_argument("--env-a", action="append", default=[], metavar="NAME=VALUE",
                        help="an environment variable for A's gunicorn only (repeatable)")
    parser.add_argument("--env-b", action="append", default=[], metavar="NAME=VALUE", help="the same for B")
    args = parser.parse_args()
    scenarios = args.scenarios.split(",")
    unknown = set(scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    wrk, note = find_wrk(install=not args.no_install)
    if not wrk:
        print(f"note: {note}; the Python load generator competes with the server for CPU", file=sys.stderr)
    roots = {"A": worktree(args.rev), "B": ROOT}
    server, embedded = infra.database_server(infra.buffers_for_this_machine())
    name = f"loyalty_bench_ab_{secrets.token_hex(3)}"
    url = infra.recreate_database(server, name)
    try:
        return compare(args, scenarios, roots, url, server, LoadGenerator(wrk))
    finally:
        infra.drop_database(server, name)
        if embedded is not None:
            embedded.cleanup()


def compare(args, scenarios: list[str], roots: dict[str, Path], url: str, server: str,
            gen: LoadGenerator) -> int:
    from loyalty_api.app import create_app
    from loyalty_api.cli import upgrade_database
    from loyalty_api.config import sqlalchemy_url

    upgrade_database(sqlalchemy_url(url))  # this checkout's migrations: A must not need others
    keys = "bench:" + secrets.token_urlsafe(40)
    app = create_app({"DATABASE_URL": url, "JWT_KEYS": keys})
    data = loader.load(app, url, args.members, with_ledger=True, hot_member="hot")
    app.extensions["loyalty"].engine.dispose()
    env = {"DATABASE_URL": url, "JWT_KEYS": keys, "BENCH_TOKEN": data.token, "BENCH_MEMBERS": str(args.members),
           "BENCH_RUN": secrets.token_hex(3), "BENCH_HOT_MEMBER": "hot"}
    if args.priority:
        infra.raise_priority([os.getpid(), infra.postmaster_pid(server) or 0])
    print(f"A = {args.rev} ({roots['A']}), B = this checkout; {args.members:,} members, "
          f"{args.rounds} rounds of {args.seconds:.0f} s per scenario")
    own_env = {"A": dict(item.split("=", 1) for item in args.env_a),
               "B": dict(item.split("=", 1) for item in args.env_b)}
    for label, extra in own_env.items():
        if extra:
            print(f"{label} also gets {' '.join(f'{k}={v}' for k, v in extra.items())}")
    figures: dict[tuple[str, str], list[float]] = {}
    for round_number in range(1, args.rounds + 1):
        for label, root in roots.items():
            service = infra.Gunicorn("loyalty_api.wsgi:app", {**env, **own_env[label]}, f"ab-{label}", root=root)
            try:
                if args.priority:
                    infra.raise_priority([service.process.pid])
                service.wait_ready()
                measure(gen, service.url, scenarios, env, args.seconds, SCENARIOS,
                        figures, label, round_number)
            finally:
                service.stop()
            time.sleep(1)
    print_medians(scenarios, figures)
    return 0


def measure(gen: LoadGenerator, url: str, scenarios: list[str], env: dict, seconds: float, knobs_of: dict,
            figures: dict, label: str, round_number: int) -> None:
    """One round of every scenario against the service at ``url``: a 2 s warm-up, then the run."""
    for scenario in scenarios:
        knobs = knobs_of[scenario]
        gen.run(scenario, url, env=env, seconds=2, **knobs)
        result = gen.run(scenario, url, env=env, seconds=seconds, **knobs)
        figures.setdefault((scenario, label), []).append(result.rps)
        print(f"round {round_number} {label} {scenario:<10} {result.rps:8.0f} req/s  "
              f"p50 {result.latency_ms.get('p50', 0):6.1f} ms  p99 {result.latency_ms.get('p99', 0):7.1f} ms  "
              f"errors {result.error_count}", flush=True)


def print_medians(scenarios: list[str], figures: dict) -> None:
    print(f"\n{'scenario':<12} {'A median':>9} {'B median':>9} {'B/A':>6}   rounds A | B")
    for scenario in scenarios:
        a, b = figures[(scenario, "A")], figures[(scenario, "B")]
        print(f"{scenario:<12} {statistics.median(a):9.0f} {statistics.median(b):9.0f} "
              f"{statistics.median(b) / statistics.median(a):6.2f}   "
              f"{' '.join(f'{x:.0f}' for x in a)} | {' '.join(f'{x:.0f}' for x in b)}")


if __name__ == "__main__":
    sys.exit(main())
