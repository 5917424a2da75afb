"""``verify_ledger`` and ``loyalty-api ledger verify`` find a balance that no longer adds up."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import text

from loyalty_api.cli import main
from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import Mismatch, verify_ledger
from tests.support import ApiCaller, TEST_JWT_KEYS, make_program


def test_verify_reports_tampering_and_the_cli_exits_1(app, database_url, monkeypatch):
    handle = make_program(app, settings={"pending_days": 0})
    api = ApiCaller(app.test_client(), handle.token)
    api.post("/v1/members", json={"member_id": "m1"})
    api.post("/v1/orders", json={"order_id": "o1", "member_id": "m1", "amount": "120.00", "currency": "RUB"})
    api.post("/v1/orders/o1/returns", json={"return_id": "r1", "amount": "20.00"})
    factory = app.extensions["loyalty"].session_factory
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("JWT_KEYS", TEST_JWT_KEYS)
    command = ["ledger", "verify", "--program", str(handle.program_id)]
    clean = CliRunner().invoke(main, command)
    assert clean.exit_code == 0, clean.output

    with unit_of_work(factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []
        # a lot loses 7 points with no entry saying so; lifetime_earned drifts by 3; the return claims 21
        uow.session.execute(text("UPDATE lots SET remaining = remaining - 7 WHERE program_id = :p"),
                            {"p": handle.program_id})
        uow.session.execute(text("UPDATE balances SET lifetime_earned = lifetime_earned + 3 WHERE program_id = :p"),
                            {"p": handle.program_id})
        uow.session.execute(text("UPDATE order_returns SET points_reversed = 21 WHERE program_id = :p"),
                            {"p": handle.program_id})
        uow.commit()
    with unit_of_work(factory) as uow:
        found = verify_ledger(uow.session, handle.program_id)
    # entries: +120 earn, -20 reverse = 100; lots now hold 93
    assert found == [Mismatch(handle.program_id, "m1", "entries_vs_lots", 93, 100),
                     Mismatch(handle.program_id, "m1", "lifetime_earned", 100, 103),
                     Mismatch(handle.program_id, "m1", "order o1 reversed", 21, 20)]
    dirty = CliRunner().invoke(main, command)
    assert dirty.exit_code == 1
    assert '"check": "entries_vs_lots"' in dirty.output
