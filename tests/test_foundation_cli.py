"""Operator commands: loyalty-api programs create / clients create (SPEC §12)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from loyalty_api.cli import main
from tests.support import TEST_JWT_KEYS


@pytest.fixture
def run_cli(database_url):
    runner = CliRunner()

    def run(*args: str, ok: bool = True):
        result = runner.invoke(main, list(args), env={"DATABASE_URL": database_url, "JWT_KEYS": TEST_JWT_KEYS},
                               catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return run


def test_programs_and_clients_from_the_cli_work_over_http(run_cli, anonymous):
    program = json.loads(run_cli("programs", "create", "--name", "CLI shop", "--currency", "rub", "--json").output)
    assert program["currency"] == "RUB" and program["name"] == "CLI shop"
    client = json.loads(run_cli("clients", "create", "--program", program["program_id"],
                                "--scopes", "checkout members:read members:write", "--json").output)
    assert client["program_id"] == program["program_id"]
    assert client["scopes"] == ["checkout", "members:read", "members:write"]
    token = anonymous.post("/v1/auth/token", json={"grant_type": "client_credentials",
                                                    "client_id": client["client_id"],
                                                    "client_secret": client["client_secret"]})
    assert token.status_code == 200
    caller = anonymous.with_token(token.json["access_token"])
    assert caller.post("/v1/members", json={"member_id": "from-cli"}).status_code == 201


def test_platform_admin_client_from_the_cli(run_cli, anonymous):
    admin = json.loads(run_cli("clients", "create", "--platform-admin", "--json").output)
    assert admin["program_id"] is None and admin["scopes"] == ["platform:admin"]
    token = anonymous.post("/v1/auth/token", json={"grant_type": "client_credentials",
                                                    "client_id": admin["client_id"],
                                                    "client_secret": admin["client_secret"]}).json
    created = anonymous.with_token(token["access_token"]).post(
        "/v1/programs", json={"name": "Made by admin", "currency": "USD"})
    assert created.status_code == 201, created.json


def test_plain_output_without_json(run_cli):
    output = run_cli("programs", "create", "--name", "Plain", "--currency", "EUR").output
    assert "program_id: " in output and "currency: EUR" in output


@pytest.mark.parametrize("args, message", [
    (("programs", "create", "--name", "X", "--currency", "RUBLES"), "currency"),
    (("programs", "create", "--name", "", "--currency", "RUB"), "name"),
    (("clients", "create", "--program", "00000000-0000-0000-0000-000000000001", "--scopes", "checkout"),
     "not_found"),
    (("clients", "create", "--program", "00000000-0000-0000-0000-000000000001", "--scopes", "root"),
     "scopes"),
    (("clients", "create", "--scopes", "checkout"), "--program"),
    (("clients", "create", "--platform-admin", "--program", "00000000-0000-0000-0000-000000000001"),
     "--program"),
])
def test_cli_refuses_bad_input_with_a_message(run_cli, args, message):
    result = run_cli(*args, ok=False)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_clients_create_needs_scopes_for_a_program(run_cli):
    program = json.loads(run_cli("programs", "create", "--name", "S", "--currency", "RUB", "--json").output)
    result = run_cli("clients", "create", "--program", program["program_id"], ok=False)
    assert result.exit_code != 0 and "scopes" in result.output


def test_revoked_client_gets_no_new_token(run_cli, anonymous):
    program = json.loads(run_cli("programs", "create", "--name", "R", "--currency", "RUB", "--json").output)
    client = json.loads(run_cli("clients", "create", "--program", program["program_id"], "--scopes", "checkout",
                                "--json").output)
    body = {"grant_type": "client_credentials", "client_id": client["client_id"],
            "client_secret": client["client_secret"]}
    assert anonymous.post("/v1/auth/token", json=body).status_code == 200
    revoked = json.loads(run_cli("clients", "revoke", "--client", client["client_id"], "--json").output)
    assert revoked["client_id"] == client["client_id"] and revoked["revoked_at"]
    assert anonymous.post("/v1/auth/token", json=body).status_code == 401
    missing = run_cli("clients", "revoke", "--client", "cl_nobody", ok=False)
    assert missing.exit_code != 0 and "not_found" in missing.output
