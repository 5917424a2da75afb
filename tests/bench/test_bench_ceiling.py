"""The same-work baseline (bench/baseline_order_app.py) writes what the service writes:
N orders and N quote -> hold -> capture flows through each, for members of two
programs of their own, leave the same number of rows in every table the order path
touches. And bench/instructions.py counts instructions for a handful of requests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from bench.loader import BENCH_SETTINGS
from tests.support import ApiCaller, make_program

ROOT = Path(__file__).resolve().parents[2]
TABLES = ["orders", "ledger_entries", "lots", "lot_draws", "balances", "outbox_events", "holds", "idempotency_keys"]
LINES = [{"sku": "SKU-1", "category": "shoes", "quantity": 1, "unit_price": "799.00"},
         {"sku": "SKU-2", "category": "socks", "quantity": 2, "unit_price": "150.00"}]
N = 4


def _rows(url: str, program_id) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {table: conn.execute(f"SELECT count(*) FROM {table} WHERE program_id = %s",
                                    (program_id,)).fetchone()[0] for table in TABLES}


def _drive(client, headers: dict[str, str]) -> None:
    """N earning orders, then N flows (quote, hold of the quoted points, capturing order)."""
    for i in range(N):
        order = {"order_id": f"o{i}", "member_id": f"m{i}", "amount": "1099.00", "currency": "RUB", "lines": LINES}
        answer = client.post("/v1/orders", json=order, headers={**headers, "Idempotency-Key": f"o{i}"})
        assert answer.status_code == 201, answer.get_data(as_text=True)
    for i in range(N):
        member = f"m{i}"
        quote = client.post("/v1/checkout/quote", headers=headers, json={
            "member_id": member, "redeem_points": 100, "order": {"amount": "1099.00", "currency": "RUB",
                                                                 "lines": LINES}})
        assert quote.status_code == 200, quote.get_data(as_text=True)
        points = quote.get_json()["redeem"]["applied_points"]
        assert points == 100
        hold = client.post("/v1/holds", headers={**headers, "Idempotency-Key": f"hf{i}"},
                           json={"member_id": member, "points": points, "order_id": f"f{i}"})
        assert hold.status_code == 201, hold.get_data(as_text=True)
        order = {"order_id": f"f{i}", "member_id": member, "amount": "1099.00", "currency": "RUB", "lines": LINES,
                 "hold_id": hold.get_json()["hold_id"]}
        answer = client.post("/v1/orders", json=order, headers={**headers, "Idempotency-Key": f"f{i}"})
        assert answer.status_code == 201, answer.get_data(as_text=True)
        assert answer.get_json()["redeemed_points"] == 100
    # A retried order changes nothing on either side.
    again = client.post("/v1/orders", json={"order_id": "o0", "member_id": "m0", "amount": "1099.00",
                                            "currency": "RUB", "lines": LINES},
                        headers={**headers, "Idempotency-Key": "o0"})
    assert again.status_code == 201


def test_baseline_order_app_writes_the_rows_the_service_writes(app, database_url, monkeypatch):
    # Points available at once, so that the flows can spend what the orders earned.
    settings = {**BENCH_SETTINGS, "pending_days": 0}
    service_program, baseline_program = make_program(app, settings=settings), make_program(app, settings=settings)
    for handle in (service_program, baseline_program):
        api = ApiCaller(app.test_client(), handle.token)
        for i in range(N):
            assert api.post("/v1/members", json={"member_id": f"m{i}"}).status_code == 201
    before = {handle.program_id: _rows(database_url, handle.program_id)
              for handle in (service_program, baseline_program)}

    _drive(app.test_client(), {"Authorization": f"Bearer {service_program.token}"})
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("BENCH_PROGRAM", str(baseline_program.program_id))
    from bench.baseline_order_app import app as baseline

    _drive(baseline.test_client(), {})

    def delta(handle):
        after = _rows(database_url, handle.program_id)
        return {table: after[table] - before[handle.program_id][table] for table in TABLES}

    service = delta(service_program)
    assert service["orders"] == 2 * N and service["holds"] == N  # the service did what was asked
    assert delta(baseline_program) == service


@pytest.mark.slow
def test_instructions_counts_a_handful_of_requests(database_url):
    if shutil.which("valgrind") is None:
        pytest.skip("valgrind is not installed: bench/instructions.py cannot count")
    env = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "instructions.py"), "--requests", "3",
                           "--members", "50", "--repeat", "1"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    for label in ("POST /v1/orders", "GET /v1/members/{id}/balance"):
        match = re.search(rf"^{re.escape(label)} +([\d,]+) instructions per request", done.stdout, re.MULTILINE)
        assert match is not None, done.stdout
        assert int(match.group(1).replace(",", "")) > 100_000, done.stdout
