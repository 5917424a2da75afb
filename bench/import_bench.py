"""Time a bulk import and the exports (not a test; prints the figures, asserts none).

    .venv/bin/python bench/import_bench.py --members 1000000            # over HTTP
    .venv/bin/python bench/import_bench.py --members 1000000 --via cli  # loyalty-api import members

On the server of DATABASE_URL (else the benchmark's embedded one): a fresh database,
migrated; the service under gunicorn as production runs it; ``--members`` members
with ``--lots`` lots each, sent as NDJSON chunks of ``--chunk`` lines over
``--connections`` parallel connections (or through the CLI's code from a file). Then:
one chunk sent again to the same import and in a new one (nothing may change),
``ledger verify``, and both exports streamed over HTTP while the gunicorn workers'
RSS is sampled. The CPU the import cost is split between the Python processes and
the PostgreSQL server (``bench/cpu_meter.py``). The database is dropped at the end
(``--keep`` keeps it). ``bench/run.py`` runs the same import as its "import" scenario.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import cpu_meter, infra, report  # noqa: E402
from bench.http_stream import Client, stream_export  # noqa: E402

TIERS = [{"code": "silver", "name": "Silver", "threshold": 1000, "earn_multiplier": 1, "perks": []},
         {"code": "gold", "name": "Gold", "threshold": 5000, "earn_multiplier": 1.5, "perks": []}]


def member_lines(start: int, count: int, lots: int, now: datetime) -> bytes:
    """``count`` members from number ``start``: the shape of a real migration file."""
    available = (now - timedelta(days=40)).isoformat()
    lines = []
    for n in range(start, start + count):
        lines.append(orjson.dumps({
            "member_id": f"m{n}", "email": f"m{n}@example.com", "joined_at": "2023-05-01T10:00:00+00:00",
            "tier": {"code": "silver" if n % 3 else "gold", "since": "2025-01-01T00:00:00+00:00"},
            "metric": 1000 + n % 7000, "attributes": {"store": f"s{n % 40}"},
            "lots": [{"lot_ref": f"L{n}-{k}", "points": 100 + k * 10 + n % 50, "available_at": available,
                      "expires_at": (now + timedelta(days=30 + 60 * k + n % 300)).isoformat()}
                     for k in range(lots)]}))
    return b"\n".join(lines) + b"\n"


def totals(factory, program_id) -> tuple[int, int, int]:
    """Members, ledger entries and their points in the program."""
    from sqlalchemy import text

    from loyalty_api.db import unit_of_work

    with unit_of_work(factory) as uow:
        return tuple(int(value) for value in uow.session.execute(text(
            "SELECT (SELECT count(*) FROM members WHERE program_id = :p),"
            " (SELECT count(*) FROM ledger_entries WHERE program_id = :p),"
            " (SELECT coalesce(sum(points), 0) FROM ledger_entries WHERE program_id = :p)"),
            {"p": program_id}).one())


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


class Run:
    """One import of ``chunks`` into a program of its own, over HTTP or through the CLI's code."""

    def __init__(self, app, server: infra.Gunicorn, token: str, program_id, chunks: list[bytes], args) -> None:
        self.app, self.server, self.program_id, self.chunks, self.args = app, server, program_id, chunks, args
        self.factory = app.extensions["loyalty"].session_factory
        self.client = Client(server.url, token)

    def send(self, path: str, chunk: bytes) -> dict:
        code, answer = self.client.request("POST", path, chunk, "application/x-ndjson")
        if code != 200:
            raise RuntimeError(f"chunk answered {code}: {answer[:300]!r}")
        return orjson.loads(answer)

    def open_import(self) -> str:
        _, body = self.client.request("POST", "/v1/imports", orjson.dumps({"kind": "members"}))
        return orjson.loads(body)["import_id"]

    def over_http(self) -> tuple[str, int]:
        """(import id, lines refused) of the whole import."""
        import_id = self.open_import()
        with ThreadPoolExecutor(self.args.connections) as pool:
            answers = list(pool.map(lambda chunk: self.send(f"/v1/imports/{import_id}/rows", chunk), self.chunks))
        self.client.request("POST", f"/v1/imports/{import_id}/complete")
        return import_id, sum(answer["rejected"] for answer in answers)

    def through_cli(self, chunks: list[bytes]) -> dict:
        from loyalty_api.imports.cli import run_import

        with tempfile.NamedTemporaryFile(suffix=".ndjson", delete=False) as handle:
            for chunk in chunks:
                handle.write(chunk)
        try:
            return run_import(self.factory, self.program_id, Path(handle.name), dry_run=False,
                              size=self.args.chunk, quiet=True, parallel=self.args.connections)
        finally:
            os.unlink(handle.name)

    def import_all(self) -> tuple[str, int]:
        if self.args.via == "http":
            return self.over_http()
        summary = self.through_cli(self.chunks)
        return summary["import_id"], summary["counts"]["rejected"]

    def retry(self, import_id: str) -> None:
        """The middle chunk again: to the same (completed) import, which answers its stored
        answer, and in a new import, where every line is checked again."""
        middle = self.chunks[len(self.chunks) // 2]
        if self.args.via == "http":
            self.send(f"/v1/imports/{import_id}/rows", middle)
            self.send(f"/v1/imports/{self.open_import()}/rows", middle)
            return
        from loyalty_api.db import unit_of_work
        from loyalty_api.audit.rules import OPERATOR
        from loyalty_api.imports import service

        with unit_of_work(self.factory) as uow:
            service.add_rows(uow.session, self.program_id, import_id, middle, "application/x-ndjson",
                             actor=OPERATOR, now=datetime.now(timezone.utc))
            uow.commit()
        self.through_cli([middle])


def measure(server_url: str, args) -> tuple[str, list[report.Row]]:
    """(a title, the report's rows) of one import benchmark in a database of its own."""
    name = f"import_bench_{secrets.token_hex(3)}"
    url = infra.recreate_database(server_url, name)
    jwt_keys = "bench:" + secrets.token_urlsafe(40)
    saved_env = {key: os.environ.get(key) for key in ("DATABASE_URL", "JWT_KEYS")}
    os.environ.update(DATABASE_URL=url, JWT_KEYS=jwt_keys)
    from loyalty_api.app import create_app
    from loyalty_api.cli import upgrade_database
    from loyalty_api.config import sqlalchemy_url
    from loyalty_api.db import unit_of_work
    from loyalty_api.http.auth import issue_token
    from loyalty_api.ledger.service import verify_ledger
    from loyalty_api.programs import service as programs

    upgrade_database(sqlalchemy_url(url))
    # In-process work here (ledger verify over a million members) is an operator's, not a request's.
    app = create_app({"DATABASE_URL": url, "JWT_KEYS": jwt_keys, "DB_STATEMENT_TIMEOUT_MS": 1_800_000})
    factory = app.extensions["loyalty"].session_factory
    with unit_of_work(factory) as uow:
        program = programs.create_program(uow.session, name="Import bench", currency="RUB", settings={
            "tiers": TIERS, "tier_policy": {"metric": "points_earned", "window_months": None,
                                            "retention_months": 12, "downgrade": "one_level"}})
        uow.commit()
    with app.app_context():
        token = issue_token(subject="bench", token_type="client", scopes=["program:admin"],
                            program_id=program.program_id, ttl_seconds=7200)
    now = datetime.now(timezone.utc)
    print(f"generating {args.members:,} lines ...", file=sys.stderr, flush=True)
    chunks = [member_lines(start, min(args.chunk, args.members - start), args.lots, now)
              for start in range(0, args.members, args.chunk)]
    # Exports of a million members stream for longer than a request's usual budget.
    server = infra.Gunicorn("loyalty_api.wsgi:app", {"DATABASE_URL": url, "JWT_KEYS": jwt_keys,
                                                     "GUNICORN_TIMEOUT": "900"}, "import-bench")
    try:
        server.wait_ready()
        run = Run(app, server, token, program.program_id, chunks, args)
        return _title(args, url), _figures(run, url, verify_ledger)
    finally:
        server.stop()
        app.extensions["loyalty"].engine.dispose()
        os.environ.update({key: value for key, value in saved_env.items() if value is not None})
        if args.keep:
            print(f"database kept: {name}", file=sys.stderr)
        else:
            infra.drop_database(server_url, name)


def _title(args, url: str) -> str:
    return (f"import benchmark: {args.members:,} members x {args.lots} lots, chunks of {args.chunk} lines, "
            f"{args.connections} in flight, via {args.via}; {os.cpu_count()} cores; "
            f"PostgreSQL {infra.server_facts(url).get('server_version')}")


def _figures(run: Run, url: str, verify_ledger) -> list[report.Row]:
    from loyalty_api.db import unit_of_work

    args, rows = run.args, []
    meter = cpu_meter.Meter(url, run.server.worker_pids if args.via == "http" else None)
    load_before = load_average()
    meter.start()
    started = time.monotonic()
    import_id, rejected = run.import_all()
    seconds = time.monotonic() - started
    cpu, load_after = meter.stop(), load_average()
    print(f"imported in {seconds:.1f} s (load average before {load_before}, after {load_after}); cpu {cpu}",
          file=sys.stderr, flush=True)
    rows.append(report.Row(
        f"import {args.members:,} members x {args.lots} lots ({args.via})", len(run.chunks) / seconds,
        {}, rejected, target="<= 120 s for 1M", met=seconds <= 120 * args.members / 1_000_000,
        value=(f"{seconds:.1f} s, {args.members / seconds:,.0f} members/s, "
               f"{args.members * args.lots / seconds:,.0f} lots/s"),
        extra=f"load average before {load_before}, after {load_after}; req/s = chunks per second"))
    per_k = 1000 / args.members
    rows.append(report.Row(
        f"CPU of the import per 1,000 members ({args.via})", None, {}, 0,
        value=(f"Python {cpu['python'] * per_k:.3f} s ({'gunicorn workers' if args.via == 'http' else 'the CLI'}), "
               f"PostgreSQL backends {cpu['backends'] * per_k:.3f} s, server background "
               f"{cpu['background'] * per_k:.3f} s"),
        extra=(f"whole import: {cpu['python']:.0f} + {cpu['backends']:.0f} + {cpu['background']:.0f} CPU s "
               f"on {os.cpu_count()} cores in {seconds:.0f} s (background: WAL writer, checkpointer, for every "
               "database of the server)")))
    before = totals(run.factory, run.program_id)
    retry_started = time.monotonic()
    run.retry(import_id)
    retry_seconds, after = time.monotonic() - retry_started, totals(run.factory, run.program_id)
    rows.append(report.Row("retry of a chunk (same and another import)", None, {}, 0 if before == after else 1,
                           target="changes nothing", met=before == after,
                           value=f"members, entries, points before {before}, after {after} ({retry_seconds:.1f} s)"))
    with unit_of_work(run.factory) as uow:
        verify_started = time.monotonic()
        mismatches = verify_ledger(uow.session, run.program_id)
        verify_seconds = time.monotonic() - verify_started
    print(f"retry: before {before}, after {after}; verify: {len(mismatches)} mismatches in {verify_seconds:.1f} s",
          file=sys.stderr, flush=True)
    rows.append(report.Row("ledger verify after the import", None, {}, len(mismatches),
                           target="0 mismatches", met=not mismatches, value=f"{verify_seconds:.1f} s"))
    if args.exports:
        rows += _exports(run)
    return rows


def _exports(run: Run) -> list[report.Row]:
    rows = []
    for export in ("/v1/exports/balances", "/v1/exports/ledger"):
        figures = stream_export(run.client, run.server, export)
        print(f"{export}: {figures}", file=sys.stderr, flush=True)
        rows.append(report.Row(
            f"GET {export} (NDJSON, streamed)", None, {}, 0 if figures["status"] == 200 else 1,
            target="constant memory", met=figures["rss_peak"] - figures["rss_before"] < 100,
            value=(f"{figures['lines']:,} lines, {figures['mib']:.0f} MiB in {figures['seconds']:.1f} s "
                   f"({figures['lines'] / figures['seconds']:,.0f} lines/s)"),
            extra=f"worker RSS {figures['rss_before']:.0f} MiB before, peak {figures['rss_peak']:.0f} MiB"))
    return rows


def options(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--lots", type=int, default=3, help="lots per member")
    parser.add_argument("--chunk", type=int, default=5000, help="lines per chunk")
    parser.add_argument("--connections", type=int, default=3,
                        help="chunks in flight at once (HTTP; the CLI's --parallel, at most 4)")
    parser.add_argument("--via", choices=["http", "cli"], default="http")
    parser.add_argument("--no-exports", dest="exports", action="store_false")
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    return parser.parse_args(argv)


def main() -> int:
    args = options()
    server_url, embedded = infra.database_server(infra.buffers_for_this_machine())
    try:
        title, rows = measure(server_url, args)
    finally:
        if embedded is not None:
            embedded.cleanup()
    print(f"\n{title}\n")
    report.table(rows, 0.0, [])
    return 1 if any(row.errors for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
