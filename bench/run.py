"""The benchmark: ``make bench`` (100,000 members), ``bench/run.py --scale 1m``,
``bench/run.py --quick`` (CI). It prints figures and asserts nothing about time.

1. A database of its own on the server in DATABASE_URL (or the embedded one),
   migrated, loaded with set-based SQL (bench/loader.py, bench/history.py).
2. pgbench tpcb-like on the same server: the database's own ceiling.
3. bench/baseline_app.py under gunicorn with loyalty_api/gunicorn_conf.py: a plain
   Flask + psycopg TPC-B-like write per request, the ceiling of a Python service.
   Then the same-work ceilings (bench/same_work.py): bench/baseline_order_app.py
   (an order's and a flow's statements, no framework) and pgbench with the order's.
4. The service itself, started the way production starts it, and the scenarios
   (bench/lua/*.lua under wrk, from another process, over loopback).
5. The import scenario (``--import``): as many members as the scale, 3 lots each,
   in 5,000-line chunks into a database of its own (bench/import_bench.py).
6. The report: each figure, its ratio to the baseline, its target, met or not.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import infra, loader, pgbench, report, same_work
from bench.hot_member import HOT_MEMBER, hot_member_check
from bench.loadgen import LoadGenerator, Result, find_wrk

SCALES = {"quick": 2_000, "100k": 100_000, "1m": 1_000_000}  # members; 10 ledger entries each


STARTED = time.monotonic()


def progress(message: str) -> None:
    """Where the run is, on stderr (the report on stdout stays clean)."""
    print(f"[{time.monotonic() - STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a few seconds on small data (CI)")
    parser.add_argument("--scale", choices=["100k", "1m"], default="100k")
    parser.add_argument("--seconds", type=float, help="length of each scenario (default 20; quick 2)")
    parser.add_argument("--connections", type=int, default=16, help="connections of the peak runs")
    parser.add_argument("--no-install", action="store_true", help="do not apt-get install wrk")
    parser.add_argument("--loadgen", choices=["auto", "python"], default="auto",
                        help="python: use bench/pyload.py even when wrk is there")
    parser.add_argument("--priority", action="store_true",
                        help="as root on a shared machine: raise the scheduling weight of this run, its "
                             "gunicorn masters and the PostgreSQL server (Linux autogroup nice -15)")
    parser.add_argument("--import", dest="import_via", choices=["http", "cli", "both", "none"], default="http",
                        help="the import scenario: as many members as the scale, 3 lots each, in 5,000-line "
                             "chunks over HTTP and/or through the CLI (bench/import_bench.py), in a database "
                             "of its own")
    parser.add_argument("--keep-db", action="store_true", help="leave the benchmark database behind")
    parser.add_argument("--save", type=Path, help="write the figures as JSON here "
                        "(default bench/results/<scale>.json; quick runs save nothing)")
    return parser.parse_args(argv)


def ledger_available(url: str) -> bool:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT to_regclass('ledger_entries') IS NOT NULL AND "
                            "to_regclass('orders') IS NOT NULL").fetchone()[0]


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.label = "quick" if args.quick else args.scale
        self.members = SCALES[self.label]
        self.seconds = args.seconds or (2.0 if args.quick else 20.0)
        self.warmup = 1.0 if args.quick else 3.0
        self.run_tag = secrets.token_hex(3)
        self.rows: list[report.Row] = []
        self.notes: list[str] = []
        self.facts: dict = {}

    def load(self, server: str) -> tuple[str, str]:
        suffix = f"quick_{self.run_tag}" if self.args.quick else self.label
        name = f"loyalty_bench_{suffix}"
        url = infra.recreate_database(server, name)
        progress(f"database {name} created")
        from loyalty_api.cli import upgrade_database
        from loyalty_api.config import sqlalchemy_url

        upgrade_database(sqlalchemy_url(url))
        progress("migrated")
        return name, url

    def scenario(self, gen: LoadGenerator, name: str, base: str, env: dict, **kw) -> Result | None:
        if kw.get("seconds") == 0:
            return None
        progress(f"{name} {kw}")
        return gen.run(name, base, env=env, **{"connections": self.args.connections, "threads": 2,
                                               "seconds": self.seconds, **kw})

    def main(self) -> int:
        args = self.args
        wrk, wrk_note = (None, "--loadgen python") if args.loadgen == "python" else \
            find_wrk(install=not args.no_install and not args.quick)
        gen = LoadGenerator(wrk)
        if not wrk:
            self.notes.append(f"wrk unavailable ({wrk_note}): load from bench/pyload.py, a Python client "
                              "that competes with the server for CPU, so the figures understate the service")
        server, embedded = infra.database_server(infra.buffers_for_this_machine())
        if args.priority:  # before loading: the load is the longest part of a 1m run
            self.prioritise(os.getpid(), infra.postmaster_pid(server))
        db_name, url = self.load(server)
        try:
            return self.run(gen, server, url, embedded is not None)
        finally:
            if not args.keep_db:
                infra.drop_database(server, db_name)
            if embedded is not None:
                embedded.cleanup()

    def run(self, gen: LoadGenerator, server: str, url: str, embedded: bool) -> int:
        args = self.args
        jwt_keys = "bench:" + secrets.token_urlsafe(40)
        os.environ.setdefault("JWT_KEYS", jwt_keys)
        from loyalty_api.app import create_app

        app = create_app({"DATABASE_URL": url, "JWT_KEYS": os.environ["JWT_KEYS"]})
        with_ledger = ledger_available(url)
        data = loader.load(app, url, self.members, with_ledger=with_ledger,
                           hot_member=HOT_MEMBER)
        app.extensions["loyalty"].engine.dispose()
        progress("loaded")
        self.url = url
        self.facts |= {"label": self.label, "members": data.members, "entries": data.entries,
                      "load_seconds": round(data.seconds, 1), "server": infra.server_facts(url),
                      "embedded": embedded, "loadgen": gen.name, "cores": os.cpu_count(),
                      "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
                      "kernel": platform.release(), "python": platform.python_version(),
                      "seconds": self.seconds, "connections": args.connections,
                      "load_average_before": [round(x, 1) for x in os.getloadavg()]}
        report.header(self.facts)
        if not with_ledger:
            self.notes.append("the ledger tables are not there: checkout scenarios skipped")

        progress("pgbench")
        ceiling = pgbench.run(server, url, quick=args.quick, seconds=self.seconds)
        self.rows.append(report.Row("pgbench tpcb-like (database ceiling)", ceiling.rps,
                                    ceiling.latency_ms, ceiling.errors, note=ceiling.note))
        env = {"DATABASE_URL": url, "JWT_KEYS": os.environ["JWT_KEYS"], "BENCH_TOKEN": data.token,
               "BENCH_MEMBERS": str(self.members), "BENCH_RUN": self.run_tag,
               "BENCH_ACCOUNTS": str(self.members), "BENCH_HOT_MEMBER": HOT_MEMBER,
               "BENCH_PROGRAM": str(data.program_id)}
        baseline = self.run_baseline(gen, env)
        self.ceilings = same_work.measure(self, gen, env, baseline, progress) if with_ledger else same_work.Ceilings()
        self.run_service(gen, env, baseline, data, with_ledger)
        self.run_imports(server)
        self.facts["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
        self.notes.append(f"load average before {self.facts['load_average_before']}, after "
                          f"{self.facts['load_average_after']} (other work on the machine skews the figures"
                          + ("; --priority: this run's scheduling groups at nice -15)" if args.priority else ")"))
        report.table(self.rows, baseline.rps, self.notes)
        if self.label == "1m":
            same_work.compare_scale(self, ROOT / "bench" / "results" / "100k.json")
        self.save(baseline)
        failed = sum(row.errors for row in self.rows if row.counts_as_error)
        return 1 if failed else 0

    def prioritise(self, *pids: int | None) -> None:
        changed = infra.raise_priority([pid for pid in pids if pid])
        self.facts.setdefault("priority_raised", []).extend(changed)

    def run_baseline(self, gen: LoadGenerator, env: dict) -> Result:
        progress("starting the baseline app")
        server = infra.Gunicorn("bench.baseline_app:app", env, "baseline")
        try:
            if self.args.priority:
                self.prioritise(server.process.pid)
            server.wait_ready()
            self.scenario(gen, "baseline", server.url, env, seconds=self.warmup)
            result = self.scenario(gen, "baseline", server.url, env)
        finally:
            server.stop()
        self.rows.append(report.Row("baseline app: TPC-B-like POST /tx", result.rps, result.latency_ms,
                                    result.error_count, ratio=1.0))
        return result

    def run_service(self, gen: LoadGenerator, env: dict, baseline: Result, data, with_ledger: bool) -> None:
        progress("starting the service")
        server = infra.Gunicorn("loyalty_api.wsgi:app", env, "service")
        try:
            if self.args.priority:
                self.prioritise(server.process.pid)
            server.wait_ready()
            base = server.url
            run = lambda name, **kw: self.scenario(gen, name, base, env, **kw)
            run("member_get", seconds=self.warmup)
            result = run("member_get")
            self.add("GET /v1/members/{id}", result, baseline)
            if not with_ledger:
                result = run("member_create")
                self.add("POST /v1/members (new member)", result, baseline)
            else:
                self.ledger_scenarios(run, base, env, baseline, data)
            sizes = server.worker_rss_mb()
            self.facts["worker_rss_mb"] = [round(size, 1) for size in sizes]
            self.rows.append(report.Row(
                f"worker memory, VmRSS of {len(sizes)} workers", None, {}, 0,
                value=f"max {max(sizes):.0f} MB", target="<= 150 MB each", met=max(sizes) <= 150))
        finally:
            server.stop()

    def run_imports(self, server: str) -> None:
        """The import scenario: its rows (time, CPU split, retry, ledger verify) join the report."""
        from bench import import_bench

        for via in {"both": ["http", "cli"], "none": []}.get(self.args.import_via, [self.args.import_via]):
            progress(f"import of {self.members:,} members ({via})")
            options = import_bench.options(["--members", str(self.members), "--via", via, "--no-exports"])
            self.rows += import_bench.measure(server, options)[1]

    def ledger_scenarios(self, run, base: str, env: dict, baseline: Result, data) -> None:
        run("order", seconds=self.warmup)
        peak = run("order")
        same, limit = self.ceilings.of_order(peak.rps)
        self.add("POST /v1/orders earn, 3 lines (peak)", peak, baseline, same_work=same, limit=limit,
                 target=">= 0.70x same-work", met=same is not None and same >= 0.7)
        rate = max(1, round(0.8 * peak.rps))
        paced = run("order", rate=rate)
        same, limit = self.ceilings.of_order(paced.rps)
        self.add(f"POST /v1/orders at 80% of peak ({rate}/s)", paced, baseline, same_work=same, limit=limit,
                 target="p99 <= 50 ms", met=paced.latency_ms.get("p99", 1e9) <= 50)
        flow = run("flow", connections=8, threads=8)
        flows = flow.flows / flow.seconds if flow.seconds else 0.0
        same = flows / self.ceilings.flow if self.ceilings.flow else None
        limit = flows / self.ceilings.flow_limit if self.ceilings.flow_limit else None
        self.add("checkout flow quote->hold->order (requests)", flow, baseline, same_work=same, limit=limit,
                 target=">= 0.60x same-work flows/s", met=same is not None and same >= 0.6,
                 extra=f"{flows:.0f} flows/s")
        balance = run("balance")
        self.add("GET /v1/members/{id}/balance", balance, baseline,
                 target=">= 0.90x TPC-B baseline", met=bool(baseline.rps) and balance.rps >= 0.9 * baseline.rps)
        hot = run("hot", connections=64, threads=4)
        progress("hot member check")
        check = hot_member_check(self.url, data.program_id, hot.acked)
        self.facts["hot"] = check
        earns = hot.counts.get("2xx", 0) / hot.seconds if hot.seconds else 0.0
        self.add("hot member: 64 connections earn for one member", hot, baseline,
                 target=">= 300 earns/s, 0 lost, 0 5xx",
                 met=earns >= 300 and check["lost"] == 0 and hot.counts.get("5xx", 0) == 0,
                 extra=(f"{earns:.0f} earns/s acknowledged; {check['acked']} acked, {check['committed']} "
                        f"committed (the rest were in flight when the load stopped), "
                        f"lifetime_earned {check['lifetime_earned']} = sum of committed earns "
                        f"{check['committed_points']}: lost {check['lost']}"))

    def add(self, label: str, result: Result, baseline: Result, **kw) -> None:
        self.rows.append(report.Row(label, result.rps, result.latency_ms, result.error_count,
                                    ratio=result.rps / baseline.rps if baseline.rps else None,
                                    counts=result.counts, sample_error=result.sample_error,
                                    socket_errors={kind: count for kind, count in result.errors.items()
                                                   if kind != "status"}, **kw))

    def save(self, baseline: Result) -> None:
        if self.args.quick and not self.args.save:
            return
        path = self.args.save or ROOT / "bench" / "results" / f"{self.label}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        figures = {row.label: {"rps": row.rps, "latency_ms": row.latency_ms, "errors": row.errors,
                               "ratio": row.ratio, "same_work": row.same_work, "limit": row.limit, "target": row.target, "met": row.met, "value": row.value,
                               "extra": row.extra} for row in self.rows}
        path.write_text(json.dumps({"facts": self.facts, "figures": figures, "notes": self.notes,
                                    "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}, indent=2,
                                   default=str))
        print(f"\nfigures saved to {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def main(argv: list[str] | None = None) -> int:
    return Bench(parse_args(argv)).main()


if __name__ == "__main__":
    sys.exit(main())
