"""Profile the order path in-process: pyinstrument around a batch of POST /v1/orders
sent through Flask's test client, plus the SQL statements (round trips) each
request makes. Findings are written up in docs/performance.md.

    python -m loyalty_api.devdb run -- python bench/profile_orders.py [--orders 300] [--html out.html]
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import infra

LINES = [{"sku": "SKU-1", "category": "shoes", "quantity": 1, "unit_price": "799.00"},
         {"sku": "SKU-2", "category": "socks", "quantity": 2, "unit_price": "150.00"},
         {"sku": "SKU-3", "category": "care", "quantity": 1, "unit_price": "250.50"}]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=300)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--path", default="/v1/orders", choices=["/v1/orders", "balance"])
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML report here")
    parser.add_argument("--all-frames", type=Path, help="also write the full text profile (library frames) here")
    args = parser.parse_args()
    from pyinstrument import Profiler
    from sqlalchemy import event

    with infra.loaded_app(args.members, "profile") as (app, data):
        statements: collections.Counter[str] = collections.Counter()
        seconds: collections.Counter[str] = collections.Counter()
        per_request: list[int] = []
        engine = app.extensions["loyalty"].engine

        @event.listens_for(engine, "before_cursor_execute")
        def _count(conn, cursor, statement, parameters, context, executemany):
            conn.info["bench_started"] = time.perf_counter()
            statements[" ".join(statement.split())[:110]] += 1

        @event.listens_for(engine, "after_cursor_execute")
        def _time(conn, cursor, statement, parameters, context, executemany):
            seconds[" ".join(statement.split())[:110]] += time.perf_counter() - conn.info["bench_started"]

        client = app.test_client()
        headers = {"Authorization": f"Bearer {data.token}"}

        def call(i: int):
            if args.path == "balance":
                return client.get(f"/v1/members/m{i % args.members + 1}/balance", headers=headers)
            order_id = f"prof-{i}"
            return client.post("/v1/orders", headers={**headers, "Idempotency-Key": order_id}, json={
                "order_id": order_id, "member_id": f"m{i % args.members + 1}", "amount": "1499.50",
                "currency": "RUB", "lines": LINES})

        for i in range(30):  # warm caches, compiled statements, the pool
            assert call(10_000_000 + i).status_code in (200, 201)
        statements.clear()
        seconds.clear()
        profiler = Profiler(interval=0.0005)
        started = time.perf_counter()
        profiler.start()
        for i in range(args.orders):
            before = sum(statements.values())
            answer = call(i)
            assert answer.status_code in (200, 201), answer.get_data(as_text=True)
            per_request.append(sum(statements.values()) - before)
        profiler.stop()
        elapsed = time.perf_counter() - started
        print(f"{args.orders} requests in {elapsed:.2f} s under the profiler: "
              f"{elapsed / args.orders * 1000:.2f} ms each")
        unprofiled = time.perf_counter()
        for i in range(args.orders):
            call(args.orders + i)
        per = (time.perf_counter() - unprofiled) / args.orders * 1000
        print(f"without the profiler: {per:.2f} ms each (one process, test client, no HTTP server)")
        print(f"SQL statements per request: {sum(per_request) / len(per_request):.1f} "
              f"(BEGIN and COMMIT not counted)")
        print("  per request: count, ms (round trip + server time, measured in the driver call)")
        for statement, count in statements.most_common(20):
            print(f"  {count / args.orders / 2:5.2f} {seconds[statement] / count * 1000:7.2f} ms  {statement}")
        print(profiler.output_text(unicode=False, color=False, show_all=False))
        if args.html:
            args.html.write_text(profiler.output_html())
        if args.all_frames:
            args.all_frames.write_text(profiler.output_text(unicode=False, color=False, show_all=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
