"""Time a bulk import and the exports (not a test; prints the figures, asserts none).

    .venv/bin/python bench/import_bench.py --members 1000000            # over HTTP
    .venv/bin/python bench/import_bench.py --members 1000000 --via cli  # loyalty-api import members

On the server of DATABASE_URL (else the benchmark's embedded one): a fresh database,
migrated; the service under gunicorn as production runs it; ``--members`` members
with ``--lots`` lots each, sent as NDJSON chunks of ``--chunk`` lines over
``--connections`` parallel connections (or through the CLI's code from a file). Then:
one chunk sent again (nothing may change), ``ledger verify``, and both exports
streamed over HTTP while the gunicorn workers' RSS is sampled. The database is
dropped at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import infra, report  # noqa: E402

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


class Client:
    """One keep-alive HTTP connection per thread."""

    def __init__(self, url: str, token: str) -> None:
        self.host, self.port = url.removeprefix("http://").split(":")
        self.token = token
        self.local = threading.local()

    def request(self, method: str, path: str, body: bytes | None = None,
                content_type: str = "application/json") -> tuple[int, bytes]:
        conn = getattr(self.local, "conn", None)
        for attempt in range(2):
            if conn is None:
                conn = self.local.conn = http.client.HTTPConnection(self.host, int(self.port), timeout=600)
            try:
                conn.request(method, path, body=body, headers={"Authorization": f"Bearer {self.token}",
                                                               "Content-Type": content_type})
                answer = conn.getresponse()
                return answer.status, answer.read()
            except (http.client.HTTPException, OSError):
                conn.close()
                conn = self.local.conn = None
                if attempt:
                    raise
        raise AssertionError("unreachable")


def sample_rss(server: infra.Gunicorn, stop: threading.Event, peaks: dict) -> None:
    while not stop.is_set():
        sizes = server.worker_rss_mb()
        if sizes:
            peaks["max"] = max(peaks.get("max", 0.0), max(sizes))
        stop.wait(0.2)


def stream_export(client: Client, server: infra.Gunicorn, path: str) -> dict:
    """Stream an export, reading it in 1 MiB pieces; answers lines, bytes, seconds, peak worker RSS."""
    before = max(server.worker_rss_mb() or [0.0])
    stop, peaks = threading.Event(), {}
    sampler = threading.Thread(target=sample_rss, args=(server, stop, peaks), daemon=True)
    sampler.start()
    started = time.monotonic()
    conn = http.client.HTTPConnection(client.host, int(client.port), timeout=600)
    conn.request("GET", path, headers={"Authorization": f"Bearer {client.token}"})
    answer = conn.getresponse()
    lines = size = 0
    while piece := answer.read(1 << 20):
        lines += piece.count(b"\n")
        size += len(piece)
    conn.close()
    stop.set()
    sampler.join()
    return {"status": answer.status, "lines": lines, "mib": size / 2**20, "seconds": time.monotonic() - started,
            "rss_before": before, "rss_peak": peaks.get("max", before)}


def totals(factory, program_id) -> tuple[int, int, int]:
    """Members, ledger entries and their points in the program."""
    from sqlalchemy import text

    from loyalty_api.db import unit_of_work

    with unit_of_work(factory) as uow:
        return tuple(uow.session.execute(text(
            "SELECT (SELECT count(*) FROM members WHERE program_id = :p),"
            " (SELECT count(*) FROM ledger_entries WHERE program_id = :p),"
            " (SELECT coalesce(sum(points), 0) FROM ledger_entries WHERE program_id = :p)"),
            {"p": program_id}).one())


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--lots", type=int, default=3, help="lots per member")
    parser.add_argument("--chunk", type=int, default=5000, help="lines per chunk")
    parser.add_argument("--connections", type=int, default=3, help="chunks in flight at once (HTTP)")
    parser.add_argument("--via", choices=["http", "cli"], default="http")
    parser.add_argument("--no-exports", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    args = parser.parse_args()

    server_url, embedded = infra.database_server(infra.buffers_for_this_machine())
    name = f"import_bench_{secrets.token_hex(3)}"
    url = infra.recreate_database(server_url, name)
    jwt_keys = "bench:" + secrets.token_urlsafe(40)
    os.environ.update(DATABASE_URL=url, JWT_KEYS=jwt_keys)
    from loyalty_api.app import create_app
    from loyalty_api.cli import upgrade_database
    from loyalty_api.config import sqlalchemy_url
    from loyalty_api.db import unit_of_work
    from loyalty_api.http.auth import issue_token
    from loyalty_api.ledger.service import verify_ledger
    from loyalty_api.programs import service as programs

    upgrade_database(sqlalchemy_url(url))
    app = create_app({"DATABASE_URL": url, "JWT_KEYS": jwt_keys})
    factory = app.extensions["loyalty"].session_factory
    with unit_of_work(factory) as uow:
        program = programs.create_program(uow.session, name="Import bench", currency="RUB", settings={
            "tiers": TIERS, "tier_policy": {"metric": "points_earned", "window_months": None,
                                            "retention_months": 12, "downgrade": "one_level"}})
        uow.commit()
    program_id = program.program_id
    with app.app_context():
        token = issue_token(subject="bench", token_type="client", scopes=["program:admin"], program_id=program_id,
                            ttl_seconds=7200)
    now = datetime.now(timezone.utc)
    starts = list(range(0, args.members, args.chunk))
    print(f"generating {args.members:,} lines ...", flush=True)
    chunks = [member_lines(start, min(args.chunk, args.members - start), args.lots, now) for start in starts]
    rows: list[report.Row] = []
    # Exports of a million members stream for longer than a request's usual budget.
    server = infra.Gunicorn("loyalty_api.wsgi:app", {"DATABASE_URL": url, "JWT_KEYS": jwt_keys,
                                                     "GUNICORN_TIMEOUT": "900"}, "import-bench")
    try:
        server.wait_ready()
        client = Client(server.url, token)
        load_before = load_average()
        started = time.monotonic()
        if args.via == "http":
            status, body = client.request("POST", "/v1/imports", orjson.dumps({"kind": "members"}))
            import_id = orjson.loads(body)["import_id"]
            path = f"/v1/imports/{import_id}/rows"

            def send(chunk: bytes) -> dict:
                code, answer = client.request("POST", path, chunk, "application/x-ndjson")
                if code != 200:
                    raise RuntimeError(f"chunk answered {code}: {answer[:300]!r}")
                return orjson.loads(answer)

            with ThreadPoolExecutor(args.connections) as pool:
                answers = list(pool.map(send, chunks))
            client.request("POST", f"/v1/imports/{import_id}/complete")
        else:
            from loyalty_api.imports.cli import run_import

            with tempfile.NamedTemporaryFile(suffix=".ndjson", delete=False) as handle:
                for chunk in chunks:
                    handle.write(chunk)
            started = time.monotonic()  # the file is written; time the import alone
            summary = run_import(factory, program_id, Path(handle.name), dry_run=False, size=args.chunk,
                                 quiet=True)
            os.unlink(handle.name)
            answers = [{"rejected": summary["counts"]["rejected"]}]
        seconds = time.monotonic() - started
        load_after = load_average()
        rejected = sum(answer["rejected"] for answer in answers)
        lines_per_s = args.members / seconds
        rows.append(report.Row(
            f"import {args.members:,} members x {args.lots} lots ({args.via})", lines_per_s / (args.chunk or 1),
            {}, rejected, target="<= 120 s for 1M", met=seconds <= 120 * args.members / 1_000_000,
            value=f"{seconds:.1f} s, {lines_per_s:,.0f} members/s, {args.members * args.lots / seconds:,.0f} lots/s",
            extra=f"load average before {load_before}, after {load_after}; req/s = chunks/s",
            counts_as_error=True))
        before = totals(factory, program_id)
        if args.via == "http":
            retry_started = time.monotonic()
            # The same chunk again (its stored answer), and in a new import (every line checked again).
            send(chunks[len(chunks) // 2])
            code, body = client.request("POST", "/v1/imports", orjson.dumps({"kind": "members"}))
            path = f"/v1/imports/{orjson.loads(body)['import_id']}/rows"
            send(chunks[len(chunks) // 2])
            retry_seconds = time.monotonic() - retry_started
        else:
            retry_seconds = 0.0
        after = totals(factory, program_id)
        with unit_of_work(factory) as uow:
            verify_started = time.monotonic()
            mismatches = verify_ledger(uow.session, program_id)
            verify_seconds = time.monotonic() - verify_started
        rows.append(report.Row("retry of chunks (same and another import)", None, {}, 0,
                               target="changes nothing", met=before == after,
                               value=f"members, entries, points before {before}, after {after} "
                                     f"({retry_seconds:.1f} s)"))
        rows.append(report.Row("ledger verify after the import", None, {}, len(mismatches),
                               target="0 mismatches", met=not mismatches, value=f"{verify_seconds:.1f} s"))
        if not args.no_exports:
            for label, export in (("balances", "/v1/exports/balances"), ("ledger", "/v1/exports/ledger")):
                figures = stream_export(client, server, export)
                rows.append(report.Row(
                    f"GET {export} (NDJSON, streamed)", None, {}, 0 if figures["status"] == 200 else 1,
                    target="constant memory", met=figures["rss_peak"] - figures["rss_before"] < 100,
                    value=(f"{figures['lines']:,} lines, {figures['mib']:.0f} MiB in {figures['seconds']:.1f} s "
                           f"({figures['lines'] / figures['seconds']:,.0f} lines/s)"),
                    extra=f"worker RSS {figures['rss_before']:.0f} MiB before, peak {figures['rss_peak']:.0f} MiB"))
        print(f"\nimport benchmark: {args.members:,} members x {args.lots} lots, chunks of {args.chunk} lines, "
              f"{args.connections if args.via == 'http' else 1} in flight, via {args.via}; "
              f"{os.cpu_count()} cores; PostgreSQL {infra.server_facts(url).get('server_version')}\n")
        report.table(rows, 0.0, [])
        return 0
    finally:
        server.stop()
        app.extensions["loyalty"].engine.dispose()
        if args.keep:
            print(f"database kept: {name}")
        else:
            infra.drop_database(server_url, name)
        if embedded is not None:
            embedded.cleanup()


if __name__ == "__main__":
    sys.exit(main())
