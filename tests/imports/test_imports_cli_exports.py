"""``loyalty-api import members`` and the streamed exports (SPEC §14)."""

from __future__ import annotations

import csv
import io
import threading
from datetime import datetime, timedelta, timezone

import orjson
from click.testing import CliRunner

from loyalty_api.cli import main
from loyalty_api.db import unit_of_work
from loyalty_api.exports import service as exports
from tests.support import ApiCaller, TEST_JWT_KEYS, make_program

NOW = datetime.now(timezone.utc)


def _line(member_id: str, *lots: tuple[str, int]) -> bytes:
    return orjson.dumps({"member_id": member_id, "lots": [
        {"lot_ref": ref, "points": points, "available_at": (NOW - timedelta(days=1)).isoformat(), "expires_at": None}
        for ref, points in lots]}) + b"\n"


def test_the_cli_streams_a_file_in_chunks_and_a_rerun_changes_nothing(app, database_url, monkeypatch, tmp_path):
    handle = make_program(app)
    path = tmp_path / "members.ndjson"
    path.write_bytes(b"".join(_line(f"m{n}", (f"L{n}", 10 + n)) for n in range(7)) + b'{"member_id": 5}\n')
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("JWT_KEYS", TEST_JWT_KEYS)
    command = ["import", "members", str(path), "--program", str(handle.program_id), "--chunk-lines", "3", "--json"]
    first = CliRunner().invoke(main, command)
    summary = orjson.loads(first.output.strip().splitlines()[-1])
    assert summary["counts"] == {"members": 7, "lots": 7, "points": sum(10 + n for n in range(7)),
                                 "rejected": 1, "accepted": 7}
    # the bad line is reported with its line in the file, not in its chunk
    assert [(e["line"], e["code"]) for e in summary["errors"]] == [(8, "validation_error")]
    assert first.exit_code == 1
    again = CliRunner().invoke(main, command)
    assert orjson.loads(again.output.strip().splitlines()[-1])["counts"]["members"] == 0
    verify = CliRunner().invoke(main, ["ledger", "verify", "--program", str(handle.program_id)])
    assert verify.exit_code == 0, verify.output


def test_chunks_in_parallel_answer_as_one_at_a_time(app, database_url, monkeypatch, tmp_path):
    handle = make_program(app)
    path = tmp_path / "members.ndjson"
    lines = [_line(f"p{n}", (f"L{n}", 10 + n), (f"M{n}", 1)) for n in range(40)]
    lines[13] = b'{"member_id": "p13", "lots": "no"}\n'
    lines[29] = _line("p3", ("L3", 99))  # a lot of an earlier chunk's member with other figures
    path.write_bytes(b"".join(lines))
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("JWT_KEYS", TEST_JWT_KEYS)
    command = ["import", "members", str(path), "--program", str(handle.program_id), "--chunk-lines", "4",
               "--parallel", "3", "--json"]
    first = orjson.loads(CliRunner().invoke(main, command).output.strip().splitlines()[-1])
    good = [n for n in range(40) if n not in (13, 29)]
    assert first["counts"] == {"members": 38, "lots": 76, "points": sum(11 + n for n in good), "rejected": 2,
                               "accepted": 38}
    # answers are taken in file order: each error names its line in the file
    assert [(e["line"], e["code"]) for e in first["errors"]] == [(14, "validation_error"), (30, "lot_conflict")]
    again = orjson.loads(CliRunner().invoke(main, command).output.strip().splitlines()[-1])
    assert again["counts"]["members"] == again["counts"]["lots"] == 0
    assert CliRunner().invoke(main, ["ledger", "verify", "--program", str(handle.program_id)]).exit_code == 0


def test_exports_stream_balances_and_the_ledger_as_ndjson_and_csv(app):
    handle = make_program(app, settings={"pending_days": 0})
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in ("a", "b"):
        api.post("/v1/members", json={"member_id": member_id})
    api.post("/v1/members/a/adjustments", json={"points": 300, "reason": "welcome"})
    api.post("/v1/members/b/adjustments", json={"points": 50, "reason": "welcome"})
    api.post("/v1/members/a/adjustments", json={"points": -100, "reason": "fix"})

    response = api.get("/v1/exports/balances")
    assert response.mimetype == "application/x-ndjson"
    lines = [orjson.loads(line) for line in response.data.splitlines()]
    assert [(item["member_id"], item["available"], item["held"], item["debt"]) for item in lines] == [
        ("a", 200, 0, 0), ("b", 50, 0, 0)]
    assert len({item["as_of"] for item in lines}) == 1

    as_csv = api.get("/v1/exports/ledger", headers={"Accept": "text/csv"})
    assert as_csv.mimetype == "text/csv"
    records = list(csv.DictReader(io.StringIO(as_csv.data.decode())))
    assert [(r["member_id"], r["type"], r["points"]) for r in records] == [
        ("a", "adjust", "300"), ("b", "adjust", "50"), ("a", "adjust", "-100")]
    later = api.get(f"/v1/exports/ledger?from={(NOW + timedelta(days=1)).isoformat().replace('+', '%2B')}")
    assert later.status_code == 200 and later.data == b""
    assert api.get("/v1/exports/ledger?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").status_code == 422


def test_an_export_is_consistent_as_of_one_instant(app):
    """A change committed while the stream is being read is not in it."""
    handle = make_program(app, settings={"pending_days": 0})
    api = ApiCaller(app.test_client(), handle.token)
    for n in range(5):
        api.post("/v1/members", json={"member_id": f"c{n}"})
        api.post(f"/v1/members/c{n}/adjustments", json={"points": 100, "reason": "seed"})
    stream = exports.balance_items(app.extensions["loyalty"].session_factory, handle.program_id)
    first = next(stream)  # the snapshot is taken
    writer = threading.Thread(target=lambda: ApiCaller(app.test_client(), handle.token).post(
        "/v1/members/c4/adjustments", json={"points": 900, "reason": "late"}))
    writer.start()
    writer.join()
    rest = list(stream)
    assert [item["available"] for item in [first, *rest]] == [100] * 5
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        from loyalty_api.ledger.balances import available_points
        assert available_points(uow.session, handle.program_id, "c4", datetime.now(timezone.utc)) == 1000
