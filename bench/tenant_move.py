"""A large program gets a shard of its own and moves to another node while orders flow.

    CITUS_URL=postgresql://postgres@127.0.0.1:9700/postgres python bench/tenant_move.py

On a fresh database of the cluster at CITUS_URL (migrated, ``db distribute``-d), two
programs with members; the service under gunicorn; client threads sending
``POST /v1/orders`` to both programs without pause. Meanwhile the big program is
isolated (``isolate_tenant_to_new_shard(…, 'CASCADE')``: every colocated table's
rows of that program in shards of their own) and that shard group is moved to
another worker (``citus_move_shard_placement``). At the end every answer is
counted by status, and each program's orders in the database are compared with the
201s it got: none lost, none 5xx. It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import collections
import os
import secrets
import sys
import threading
import time
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import infra, loader  # noqa: E402

samples: list = []
LINES = [{"sku": "SKU-1", "category": "shoes", "quantity": 1, "unit_price": "799.00"}]


def send_orders(base: str, token: str, tag: str, members: int, stop: threading.Event,
                answers: collections.Counter, lock: threading.Lock) -> None:
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
        n = 0
        while not stop.is_set():
            n += 1
            order_id = f"{tag}-{threading.get_ident()}-{n}"
            body = {"order_id": order_id, "member_id": f"m{n % members + 1}", "amount": "799.00",
                    "currency": "RUB", "lines": LINES}
            answer = client.post("/v1/orders", json=body, headers={"Idempotency-Key": order_id})
            with lock:
                answers[(tag, answer.status_code)] += 1
                if answer.status_code != 201 and len(samples) < 20:
                    samples.append((tag, order_id, answer.status_code, answer.text[:300]))


def shard_placement(conn: psycopg.Connection, program_id) -> tuple[int, str, int]:
    return conn.execute("""
        SELECT s.shardid, p.nodename, p.nodeport FROM pg_dist_shard s JOIN pg_dist_placement pl USING (shardid)
          JOIN pg_dist_node p ON p.groupid = pl.groupid
         WHERE s.logicalrelid = 'members'::regclass AND s.shardid = get_shard_id_for_distribution_column('members', %s)
    """, (program_id,)).fetchone()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=2000, help="members per program")
    parser.add_argument("--threads", type=int, default=4, help="client threads per program")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds of orders before and after each step")
    modes = ["auto", "force_logical", "block_writes"]
    parser.add_argument("--isolate-mode", default="block_writes", choices=modes,
                        help="shard_transfer_mode of the split: block_writes makes the program's writes wait while "
                             "its rows are copied (Citus 13.2's logical split stalls under concurrent UPDATEs, "
                             "citusdata/citus#6790)")
    parser.add_argument("--move-mode", default="force_logical", choices=modes,
                        help="shard_transfer_mode of the move: the logical modes keep writes flowing (they need "
                             "wal_level = logical on every node)")
    parser.add_argument("--lock-timeout-ms", type=int, default=None,
                        help="the service's DB_LOCK_TIMEOUT_MS for the run (default: the service's own, 3000); a "
                             "write that waits longer for a blocked shard answers 503")
    args = parser.parse_args()
    citus_url = os.environ.get("CITUS_URL")
    if not citus_url:
        parser.error("CITUS_URL is not set: the coordinator of a running Citus cluster (docs/scaling.md)")
    from tests.citus_cluster import create_database, drop_database

    name = f"loyalty_bench_move_{secrets.token_hex(3)}"
    url = infra.with_database(create_database(citus_url, name), name)
    try:
        return run(args, url)
    finally:
        drop_database(citus_url, name)


def run(args, url: str) -> int:
    from loyalty_api.app import create_app
    from loyalty_api.cli import upgrade_database
    from loyalty_api.config import sqlalchemy_url
    from loyalty_api.distribution import distribute_database

    upgrade_database(sqlalchemy_url(url))
    print(distribute_database(url).message)
    keys = "bench:" + secrets.token_urlsafe(40)
    app = create_app({"DATABASE_URL": url, "JWT_KEYS": keys})
    programs = {tag: loader.create_program(app) for tag in ("big", "other")}
    app.extensions["loyalty"].engine.dispose()
    with psycopg.connect(url, autocommit=True) as conn:
        for program_id, _ in programs.values():
            conn.execute(loader.MEMBERS_SQL, {"p": program_id, "lo": 1, "hi": args.members})
    env = {"DATABASE_URL": url, "JWT_KEYS": keys}
    if args.lock_timeout_ms is not None:
        env["DB_LOCK_TIMEOUT_MS"] = str(args.lock_timeout_ms)
    service = infra.Gunicorn("loyalty_api.wsgi:app", env, "tenant-move")
    answers: collections.Counter = collections.Counter()
    lock, stop = threading.Lock(), threading.Event()
    threads = [threading.Thread(target=send_orders, args=(service.url, token, tag, args.members, stop, answers, lock))
               for tag, (_, token) in programs.items() for _ in range(args.threads)]
    big = programs["big"][0]
    try:
        service.wait_ready()
        for thread in threads:
            thread.start()
        time.sleep(args.settle)
        with psycopg.connect(url, autocommit=True) as conn:
            before = shard_placement(conn, big)
            started = time.monotonic()
            new_shard = conn.execute("SELECT isolate_tenant_to_new_shard('members', %s, 'CASCADE', %s)",
                                     (big, args.isolate_mode)).fetchone()[0]
            isolated = time.monotonic() - started
            _, host, port = shard_placement(conn, big)
            target = conn.execute("SELECT nodename, nodeport FROM pg_dist_node WHERE groupid > 0 AND "
                                  "(nodename, nodeport) <> (%s, %s) ORDER BY groupid LIMIT 1", (host, port)).fetchone()
            time.sleep(args.settle)
            started = time.monotonic()
            conn.execute("SELECT citus_move_shard_placement(%s, %s, %s, %s, %s, %s)",
                         (new_shard, host, port, *target, args.move_mode))
            moved = time.monotonic() - started
            after = shard_placement(conn, big)
            alone = conn.execute("SELECT shardminvalue = shardmaxvalue FROM pg_dist_shard WHERE shardid = %s",
                                 (new_shard,)).fetchone()[0]
        time.sleep(args.settle)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        service.stop()
    with psycopg.connect(url) as conn:
        stored = dict(conn.execute("SELECT program_id, count(*) FROM orders GROUP BY 1").fetchall())
    print(f"isolated with {args.isolate_mode}, moved with {args.move_mode}; lock timeout "
          f"{args.lock_timeout_ms or 'default'} ms; big program {big}: shard {before[0]} on {before[1]}:{before[2]} -> isolated in {isolated:.1f} s "
          f"to shard {new_shard} (one hash value: {alone}) -> moved in {moved:.1f} s to {after[1]}:{after[2]}")
    for tag, (program_id, _) in programs.items():
        statuses = {status: count for (t, status), count in sorted(answers.items()) if t == tag}
        print(f"{tag}: answers {statuses}; orders stored {stored.get(program_id, 0)}, 201s {statuses.get(201, 0)}")
    for sample in samples:
        print("not 201:", *sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
