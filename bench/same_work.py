"""The same-work ceilings of ``make bench`` (issue #22): the order and the checkout flow
served by bench/baseline_order_app.py (the service's statements and rows, no framework)
under the same gunicorn settings and load scripts, and pgbench sending the order's
statements (bench/pgbench_order.sql). Each service scenario's row carries its ratio
to these (``x same``, ``x pg``) beside its ratio to the TPC-B-like baseline.

Also the scale check, which compares each run's ratios to its own baseline: two runs
made at different times see different machines (other work, caches, the disk), so
absolute req/s of a 1M run against a 100k run made earlier measure the drift too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bench import infra, pgbench, report


@dataclass
class Ceilings:
    order: float | None = None  # same-work orders/s
    flow: float | None = None  # same-work flows/s
    order_limit: float | None = None  # pgbench, the order's statements, tps
    flow_limit: float | None = None  # pgbench, the flow's statements, flows/s

    def of_order(self, rps: float) -> tuple[float | None, float | None]:
        return (rps / self.order if self.order else None, rps / self.order_limit if self.order_limit else None)


def measure(bench, gen, env: dict, baseline, bench_progress) -> Ceilings:
    """Rows for the same-work app (order, flow) and pgbench's order limit."""
    ceilings = Ceilings()
    bench_progress("starting the same-work baseline app")
    server = infra.Gunicorn("bench.baseline_order_app:app", env, "baseline-order")
    try:
        if bench.args.priority:
            bench.prioritise(server.process.pid)
        server.wait_ready()
        bench.scenario(gen, "order", server.url, env, seconds=bench.warmup)
        order = bench.scenario(gen, "order", server.url, env)
        flow = bench.scenario(gen, "flow", server.url, env, connections=8, threads=8)
    finally:
        server.stop()
    ceilings.order = order.rps
    ceilings.flow = flow.flows / flow.seconds if flow.seconds else None
    bench_progress("pgbench, the order's statements")
    limit = pgbench.run_order(bench.url, env["BENCH_PROGRAM"], bench.members, seconds=bench.seconds)
    ceilings.order_limit = limit.rps
    bench_progress("pgbench, the checkout flow's statements")
    flow_limit = pgbench.run_flow(bench.url, env["BENCH_PROGRAM"], bench.members, seconds=bench.seconds)
    ceilings.flow_limit = flow_limit.rps
    ratio = baseline.rps or None
    bench.rows.append(report.Row("same-work app: POST /v1/orders (peak)", order.rps, order.latency_ms,
                                 order.error_count, ratio=order.rps / ratio if ratio else None, same_work=1.0,
                                 limit=order.rps / limit.rps if limit.rps else None, counts=order.counts,
                                 sample_error=order.sample_error))
    bench.rows.append(report.Row("same-work app: checkout flow (requests)", flow.rps, flow.latency_ms,
                                 flow.error_count, ratio=flow.rps / ratio if ratio else None, same_work=1.0,
                                 limit=ceilings.flow / flow_limit.rps if ceilings.flow and flow_limit.rps else None,
                                 extra=f"{ceilings.flow:.0f} flows/s" if ceilings.flow else "",
                                 counts=flow.counts, sample_error=flow.sample_error))
    bench.rows.append(report.Row("pgbench: the order's statements (limit)", limit.rps, limit.latency_ms,
                                 limit.errors, ratio=limit.rps / ratio if ratio and limit.rps else None,
                                 limit=1.0 if limit.rps else None, note=limit.note))
    # Its figure is flows/s: each pgbench transaction of the script is a whole flow.
    bench.rows.append(report.Row("pgbench: the checkout flow's statements (limit)", flow_limit.rps,
                                 flow_limit.latency_ms, flow_limit.errors, limit=1.0 if flow_limit.rps else None,
                                 extra=f"{flow_limit.rps:.0f} flows/s" if flow_limit.rps else "",
                                 note=flow_limit.note))
    return ceilings


SCALED = ("POST /v1/orders earn", "GET /v1/members/{id}/balance")


def compare_scale(bench, reference_path: Path) -> None:
    """Order earn and balance read at 1M members against the 100k run, as ratios to each
    run's own TPC-B-like baseline (and, for the order, its own same-work baseline)."""
    if not reference_path.exists():
        print(f"\nno {reference_path.name} to compare with: run `make bench` (100k) first")
        return
    reference = json.loads(reference_path.read_text())["figures"]
    print(f"\nscale: 1M members / {bench.facts['entries']:,} entries against the 100k run "
          f"(bench/results/100k.json), each as a ratio to its own run's baselines; target: within 15%")
    for row in bench.rows:
        if not row.label.startswith(SCALED):
            continue
        small = reference.get(row.label, {})
        for name, mine in (("x base", row.ratio), ("x same", row.same_work)):
            theirs = small.get({"x base": "ratio", "x same": "same_work"}[name])
            if not theirs or mine is None:
                continue
            change = mine / theirs - 1
            verdict = "met" if change > -0.15 else "NOT MET"
            print(f"  {row.label:<48} {name} 100k {theirs:5.2f}  1m {mine:5.2f}  {change:+.0%}: {verdict}")
            bench.facts.setdefault("scale", {}).setdefault(row.label, {})[name] = {
                "100k": theirs, "1m": mine, "change": change}
