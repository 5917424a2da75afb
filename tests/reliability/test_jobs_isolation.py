"""``loyalty-api jobs run`` isolates failures per step and per program (SPEC §9): one
program's lock timeout does not stop the other programs or the later steps, every
failure is reported, and the command exits non-zero at the end."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from loyalty_api.app import create_app
from loyalty_api.cli import main
from loyalty_api.db import unit_of_work
from loyalty_api.jobs.runner import run_all
from loyalty_api.ledger import service as ledger
from tests.support import TEST_JWT_KEYS, ApiCaller, make_program, service_caller

NOW = "2027-07-14T09:00:00+00:00"
STEPS = ["birthday_bonuses", "expiry.burn_expired"]


@pytest.fixture
def impatient_app(app_config):
    """Locks are waited for 0.3 s, so a busy member fails a job batch quickly."""
    application = create_app({**app_config, "DB_LOCK_TIMEOUT_MS": 300})
    yield application
    application.extensions["loyalty"].engine.dispose()


def birthday_shop(app):
    handle = make_program(app, settings={"timezone": "UTC"})
    api = ApiCaller(app.test_client(), handle.token)
    assert api.post("/v1/program/rules", json={"rule_id": "bday", "kind": "event", "event_type": "birthday",
                                               "points": 200}).status_code == 201
    assert api.post("/v1/members", json={"member_id": "kid", "birthday": "1990-07-14"}).status_code == 201
    call = service_caller(app, handle.program_id)
    call(lambda s, p: ledger.credit(s, p, "kid", entry_type="bonus", points=1, now=datetime.now(timezone.utc)))
    return handle


def gifted(app, program_id) -> bool:
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        return bool(uow.session.execute(text(
            "SELECT count(*) FROM member_events WHERE program_id = :p AND event_id = 'birthday-2027'"),
            {"p": program_id}).scalar())


def busy(app, program_id):
    """A request holding the member's ledger lock (its balances row) for a while."""
    uow = unit_of_work(app.extensions["loyalty"].session_factory)
    session = uow.__enter__()
    session.session.execute(text("SELECT 1 FROM balances WHERE program_id = :p AND member_id = 'kid' FOR UPDATE"),
                            {"p": program_id})
    return uow


def test_a_locked_program_fails_alone_and_is_reported(impatient_app):
    stuck, fine = birthday_shop(impatient_app), birthday_shop(impatient_app)
    holder = busy(impatient_app, stuck.program_id)
    try:
        report = run_all(impatient_app.extensions["loyalty"].session_factory,
                         now=datetime.fromisoformat(NOW), only=STEPS)
    finally:
        holder.__exit__(None, None, None)
    assert gifted(impatient_app, fine.program_id) and not gifted(impatient_app, stuck.program_id)
    assert "expiry.burn_expired" in report and "birthday_bonuses" in report  # later steps ran
    mine = [f for f in report["failures"] if f["program_id"] == str(stuck.program_id)]
    assert [(f["step"], f["error"].split(":")[0]) for f in mine] == [("birthday_bonuses", "OperationalError")]
    # The next run does what failed.
    report = run_all(impatient_app.extensions["loyalty"].session_factory, now=datetime.fromisoformat(NOW),
                     only=STEPS)
    assert gifted(impatient_app, stuck.program_id)
    assert not [f for f in report.get("failures", []) if f["program_id"] == str(stuck.program_id)]


def test_the_command_exits_non_zero_after_running_every_step(impatient_app, database_url):
    stuck = birthday_shop(impatient_app)
    holder = busy(impatient_app, stuck.program_id)
    try:
        result = CliRunner().invoke(main, ["jobs", "run", "--now", NOW] + [arg for step in STEPS
                                                                          for arg in ("--only", step)],
                                    env={"DATABASE_URL": database_url, "JWT_KEYS": TEST_JWT_KEYS,
                                         "DB_LOCK_TIMEOUT_MS": "300"}, catch_exceptions=False)
    finally:
        holder.__exit__(None, None, None)
    assert result.exit_code == 1, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert "expiry.burn_expired" in report
    assert any(f["step"] == "birthday_bonuses" and f["program_id"] == str(stuck.program_id)
               for f in report["failures"])
