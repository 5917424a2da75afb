"""The same service on one PostgreSQL and on a Citus cluster, in turns: what does distributing cost?

    CITUS_URL=postgresql://postgres@127.0.0.1:9700/postgres python bench/cluster.py [--rounds 3]

A is a database on the single server (DATABASE_URL's server, as ``make bench`` picks it),
B a database on the cluster at CITUS_URL (made on every node, tests/citus_cluster.py),
both migrated and loaded with the same ``--members``; B is then distributed with
``loyalty-api db distribute`` (distributing copies the loaded rows to the shards, as it
would for a shop that moves). The same gunicorn settings and wrk scenarios as
``bench/ab.py`` run against A and B alternately, round after round, so both see the same
neighbours on a shared machine; it prints every round, the medians and B/A. Like the
other benchmarks it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import infra, loader  # noqa: E402
from bench.ab import SCENARIOS as AB_SCENARIOS, measure, print_medians  # noqa: E402
from bench.loadgen import LoadGenerator, find_wrk  # noqa: E402

SCENARIOS = {**AB_SCENARIOS, "flow": {"connections": 8, "threads": 8}}


def prepared(url: str, members: int, keys: str, distribute: bool) -> loader.DataSet:
    from loyalty_api.app import create_app
    from loyalty_api.cli import upgrade_database
    from loyalty_api.config import sqlalchemy_url
    from loyalty_api.distribution import distribute_database

    upgrade_database(sqlalchemy_url(url))
    app = create_app({"DATABASE_URL": url, "JWT_KEYS": keys})
    data = loader.load(app, url, members, with_ledger=True, hot_member="hot")
    app.extensions["loyalty"].engine.dispose()
    if distribute:
        started = time.monotonic()
        print(f"B: {distribute_database(url).message} in {time.monotonic() - started:.1f} s", flush=True)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenarios", default="order,balance,flow", help=f"of {', '.join(SCENARIOS)}")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0, help="each scenario, after a 2 s warm-up")
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--no-install", action="store_true", help="do not apt-get install wrk")
    args = parser.parse_args()
    citus_url = os.environ.get("CITUS_URL")
    if not citus_url:
        parser.error("CITUS_URL is not set: the coordinator of a running Citus cluster (docs/scaling.md)")
    from tests.citus_cluster import create_database, drop_database

    wrk, note = find_wrk(install=not args.no_install)
    if not wrk:
        print(f"note: {note}; the Python load generator competes with the server for CPU", file=sys.stderr)
    server, embedded = infra.database_server(infra.buffers_for_this_machine())
    name = f"loyalty_bench_cluster_{secrets.token_hex(3)}"
    urls = {"A": infra.recreate_database(server, name), "B": infra.with_database(create_database(citus_url, name), name)}
    try:
        return compare(args, urls, LoadGenerator(wrk))
    finally:
        infra.drop_database(server, name)
        drop_database(citus_url, name)
        if embedded is not None:
            embedded.cleanup()


def compare(args, urls: dict[str, str], gen: LoadGenerator) -> int:
    scenarios = args.scenarios.split(",")
    keys = "bench:" + secrets.token_urlsafe(40)
    data = {label: prepared(url, args.members, keys, distribute=label == "B") for label, url in urls.items()}
    print(f"A = one PostgreSQL, B = the Citus cluster; {args.members:,} members, "
          f"{args.rounds} rounds of {args.seconds:.0f} s per scenario")
    figures: dict[tuple[str, str], list[float]] = {}
    for round_number in range(1, args.rounds + 1):
        for label, url in urls.items():
            env = {"DATABASE_URL": url, "JWT_KEYS": keys, "BENCH_TOKEN": data[label].token,
                   "BENCH_MEMBERS": str(args.members), "BENCH_RUN": secrets.token_hex(3), "BENCH_HOT_MEMBER": "hot"}
            service = infra.Gunicorn("loyalty_api.wsgi:app", env, f"cluster-{label}")
            try:
                service.wait_ready()
                measure(gen, service.url, scenarios, env, args.seconds, SCENARIOS, figures, label, round_number)
            finally:
                service.stop()
            time.sleep(1)
    print_medians(scenarios, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
