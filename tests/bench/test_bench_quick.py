"""The benchmark must not rot: ``bench/run.py --quick`` runs end to end against the
test session's PostgreSQL server (in a database of its own) and prints every
scenario line with zero failed requests. Speed is reported, never asserted."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = [
    "pgbench tpcb-like (database ceiling)",
    "baseline app: TPC-B-like POST /tx",
    "same-work app: POST /v1/orders (peak)",
    "same-work app: checkout flow (requests)",
    "pgbench: the order's statements (limit)",
    "pgbench: the checkout flow's statements (limit)",
    "GET /v1/members/{id}",
    "POST /v1/orders earn, 3 lines (peak)",
    "POST /v1/orders at 80% of peak",
    "checkout flow quote->hold->order (requests)",
    "GET /v1/members/{id}/balance",
    "hot member: 64 connections earn for one member",
    "worker memory, VmRSS of",
    "import 2,000 members x 3 lots (http)",
    "CPU of the import per 1,000 members (http)",
    "retry of a chunk (same and another import)",
    "ledger verify after the import",
]


def _row(output: str, label: str) -> list[str]:
    line = next((line for line in output.splitlines() if line.startswith(label)), None)
    assert line is not None, f"no line for {label!r} in:\n{output}"
    return line[50:].split()


@pytest.mark.slow
def test_quick_benchmark_prints_every_scenario_without_errors(database_url):
    env = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240, check=False)
    output = done.stdout
    assert done.returncode == 0, output + done.stderr
    for label in SCENARIOS:
        errors = _row(output, label)[4]
        assert errors == "0", f"{label}: {errors} errors\n{output}"
    # Throughput is not asserted (a saturated machine may finish no request within
    # 2 s), but the hot member's orders are counted after the queue drained: some
    # were committed, and none was lost.
    committed = re.search(r"(\d+) committed .*: lost 0$", output, re.MULTILINE)
    assert committed is not None, output
    assert int(committed.group(1)) > 0, output


@pytest.mark.slow
def test_ab_comparison_runs_both_sides(database_url):
    """``bench/ab.py`` serves HEAD from a worktree (A) and this checkout (B) in turns."""
    env = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "ab.py"), "HEAD", "--scenarios", "member_get",
                           "--rounds", "1", "--seconds", "1", "--members", "200", "--no-install"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False)
    output = done.stdout
    assert done.returncode == 0, output + done.stderr
    rounds = re.findall(r"^round 1 ([AB]) member_get +(\d+) req/s .* errors (\d+)$", output, re.MULTILINE)
    assert [(side, errors) for side, _, errors in rounds] == [("A", "0"), ("B", "0")], output
    assert re.search(r"^member_get +\d+ +\d+ +\d+\.\d\d ", output, re.MULTILINE), output
