"""Fallback load generator for machines without wrk: the scenarios of bench/lua/
played by threads with keep-alive-less HTTP/1.1 connections (gunicorn's sync
workers close after every answer anyway). Prints the same BENCH_RESULT line.

    python bench/pyload.py SCENARIO URL --connections N --seconds S [--rate R]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import threading
import time
from urllib.parse import urlsplit

TOKEN = os.environ.get("BENCH_TOKEN", "")
MEMBERS = int(os.environ.get("BENCH_MEMBERS", "1"))
RUN = os.environ.get("BENCH_RUN", "run")
HOT = os.environ.get("BENCH_HOT_MEMBER", "m1")
ACCOUNTS = int(os.environ.get("BENCH_ACCOUNTS", "100000"))
AMOUNT = "1499.50"
LINES = [{"sku": "SKU-1", "category": "shoes", "quantity": 1, "unit_price": "799.00"},
         {"sku": "SKU-2", "category": "socks", "quantity": 2, "unit_price": "150.00"},
         {"sku": "SKU-3", "category": "care", "quantity": 1, "unit_price": "250.50"}]


class Scenario:
    """One connection's script: ``next()`` gives a request, ``seen()`` takes the answer."""

    def __init__(self, worker: int) -> None:
        self.worker, self.seq, self.earned, self.flows = worker, 0, 0, 0
        self.acked: list[str] = []
        self.sample_error = ""
        self.step, self.member, self.order_id, self.hold_id, self.points = "quote", "", "", None, 0

    def key(self, prefix: str) -> str:
        self.seq += 1
        return f"{prefix}-{RUN}-p{self.worker}-{self.seq}"

    def order(self, member: str, order_id: str, **extra):
        return ("POST", "/v1/orders", {"order_id": order_id, "member_id": member, "amount": AMOUNT,
                                       "currency": "RUB", "lines": LINES, **extra}, order_id)

    def next(self, name: str):
        member = f"m{random.randint(1, MEMBERS)}"
        if name == "member_create":
            key = self.key("new")
            return "POST", "/v1/members", {"member_id": key}, key
        if name == "member_get":
            return "GET", f"/v1/members/{member}", None, None
        if name == "balance":
            return "GET", f"/v1/members/{member}/balance", None, None
        if name == "order":
            return self.order(member, self.key("o"))
        if name == "hot":
            return self.order(HOT, self.key("hot"))
        if name == "baseline":
            return "POST", "/tx", {"aid": random.randint(1, ACCOUNTS), "tid": random.randint(1, 1000),
                                   "bid": random.randint(1, 100), "delta": random.randint(-5000, 5000)}, None
        if name == "flow":
            if self.step == "quote":
                self.member, self.order_id, self.hold_id = member, self.key("f"), None
                return "POST", "/v1/checkout/quote", {"member_id": member, "redeem_points": 100, "order": {
                    "amount": AMOUNT, "currency": "RUB", "lines": LINES}}, None
            if self.step == "hold":
                return "POST", "/v1/holds", {"member_id": self.member, "points": self.points,
                                             "order_id": self.order_id}, "h" + self.order_id
            extra = {"hold_id": self.hold_id} if self.hold_id else {}
            return self.order(self.member, self.order_id, **extra)
        raise SystemExit(f"unknown scenario {name!r}")

    def seen(self, name: str, status: int, body: bytes) -> None:
        if status >= 400 and not self.sample_error:
            self.sample_error = f"{status} {body[:240].decode(errors='replace')}".replace('"', "'")
        if name == "hot" and status == 201:
            answer = json.loads(body)
            self.earned += int(answer["earned_points"])
            self.acked.append(answer["order_id"])
        if name != "flow":
            return
        if status >= 300:
            self.step = "quote"
        elif self.step == "quote":
            self.points = int(re.search(rb'"applied_points":\s*(\d+)', body).group(1))
            self.step = "hold" if self.points > 0 else "order"
        elif self.step == "hold":
            self.hold_id = json.loads(body)["hold_id"]
            self.step = "order"
        else:
            self.flows += 1
            self.step = "quote"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario")
    parser.add_argument("url")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rate", type=float, default=0)
    args = parser.parse_args()
    target = urlsplit(args.url)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    latencies: list[float] = []
    counts = {"2xx": 0, "4xx": 0, "5xx": 0, "other": 0}
    errors = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}
    totals = {"earned": 0, "flows": 0, "acked": [], "sample_error": ""}
    lock = threading.Lock()
    start = time.monotonic()
    stop_at = start + args.seconds
    interval = args.connections / args.rate if args.rate else 0.0

    def worker(index: int) -> None:
        scenario = Scenario(index)
        mine: list[float] = []
        next_at = time.monotonic()
        while time.monotonic() < stop_at:
            if interval:
                next_at += interval
                time.sleep(max(0.0, next_at - time.monotonic()))
            method, path, body, key = scenario.next(args.scenario)
            extra = {"Idempotency-Key": key} if key else {}
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
            sent = time.monotonic()
            try:
                conn.request(method, path, body=json.dumps(body) if body is not None else None,
                             headers={**headers, **extra})
                answer = conn.getresponse()
                data = answer.read()
            except OSError:
                with lock:
                    errors["read"] += 1
                continue
            finally:
                conn.close()
            mine.append(time.monotonic() - sent)
            status = answer.status
            scenario.seen(args.scenario, status, data)
            with lock:
                counts["2xx" if status < 300 else "4xx" if status < 500 else "5xx"] += 1
                errors["status"] += status > 399
        with lock:
            latencies.extend(mine)
            totals["earned"] += scenario.earned
            totals["flows"] += scenario.flows
            totals["acked"] += scenario.acked
            totals["sample_error"] = totals["sample_error"] or scenario.sample_error

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    latencies.sort()

    def pct(p: float) -> int:
        return int(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1e6) if latencies else 0

    print("BENCH_RESULT " + json.dumps({
        "requests": len(latencies), "duration_us": int(elapsed * 1e6), "errors": errors,
        "latency_us": {"p50": pct(50), "p90": pct(90), "p99": pct(99), "max": pct(100),
                       "mean": sum(latencies) / len(latencies) * 1e6 if latencies else 0},
        "counts": counts, **totals}))


if __name__ == "__main__":
    main()
