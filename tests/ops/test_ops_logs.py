"""JSON logs: one line per request with its context; secrets never written."""

from __future__ import annotations

import io
import logging
import uuid

import orjson
import pytest

from loyalty_api.observability.logs import JsonFormatter, RequestContextFilter, redact


@pytest.fixture
def log_lines():
    """Everything logged during the test, as the JSON handler writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContextFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield lambda: [orjson.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def test_every_request_writes_one_json_line_with_its_context(api, program, log_lines, unique):
    response = api.get(f"/v1/members/nobody-{unique}", headers={"X-Request-Id": f"req-{unique}"})
    assert response.status_code == 404
    assert response.headers["X-Request-Id"] == f"req-{unique}"
    assert response.json["request_id"] == f"req-{unique}"
    [line] = [entry for entry in log_lines() if entry["logger"] == "loyalty_api.access"]
    assert line["request_id"] == f"req-{unique}"
    assert line["program"] == str(program.program_id)
    assert line["method"] == "GET"
    assert line["route"] == "/v1/members/<string:member_id>"
    assert line["status"] == 404
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["level"] == "info" and line["ts"].endswith("+00:00")


def test_a_request_id_is_made_up_when_none_is_given(anonymous, log_lines):
    response = anonymous.get("/healthz")
    generated = response.headers["X-Request-Id"]
    assert len(generated) == 32
    [line] = [entry for entry in log_lines() if entry["logger"] == "loyalty_api.access"]
    assert line["request_id"] == generated and "program" not in line


def test_token_exchange_logs_neither_the_secret_nor_the_token(anonymous, program, log_lines):
    response = anonymous.client.post("/v1/auth/token", json={
        "grant_type": "client_credentials", "client_id": program.client_id,
        "client_secret": program.client_secret})
    assert response.status_code == 200
    token = response.json["access_token"]
    refused = anonymous.client.post("/v1/auth/token", headers={"Authorization": f"Bearer {token}"},
                                    data={"grant_type": "client_credentials", "client_id": program.client_id,
                                          "client_secret": program.client_secret + "x"})
    assert refused.status_code == 401
    anonymous.client.get("/v1/program", headers={"Authorization": f"Bearer {token}"})
    written = "\n".join(orjson.dumps(entry).decode() for entry in log_lines())
    assert "loyalty_api.access" in written
    assert program.client_secret not in written
    assert token not in written and token.split(".")[2] not in written


def test_exceptions_are_logged_with_secrets_scrubbed(log_lines):
    secret = "s3cr3t-" + uuid.uuid4().hex
    jwt_like = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjbF8xIn0.abcdefSIGNATURE"
    try:
        raise RuntimeError(f"login failed: client_secret={secret} header Authorization: Bearer {jwt_like}")
    except RuntimeError:
        logging.getLogger("loyalty_api.test").exception("boom with %s", f'{{"password": "{secret}"}}')
    [entry] = log_lines()
    assert entry["level"] == "error"
    assert "RuntimeError: login failed" in entry["exception"]
    text = orjson.dumps(entry).decode()
    assert secret not in text and jwt_like not in text and "abcdefSIGNATURE" not in text


@pytest.mark.parametrize("raw, expected", [
    ("Authorization: Bearer abc.def-ghi", "Authorization: Bearer [redacted]"),
    ("header bearer abc.def", "header bearer [redacted]"),
    ("client_secret=XyZ123&client_id=cl_1", "client_secret=[redacted]&client_id=cl_1"),
    ('{"client_secret": "XyZ", "scope": "checkout"}', '{"client_secret": "[redacted]", "scope": "checkout"}'),
    ("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig_part here", "token [redacted-jwt] here"),
    ("Authorization=Basic Y2xfMTpzZWNyZXQ=", "Authorization=Basic [redacted]"),
    ("postgresql://loyalty:hunter2@db:5432/loyalty", "postgresql://loyalty:[redacted]@db:5432/loyalty"),
    ("WEBHOOK_SECRET_KEY=abcdefghijklmnopqrstuvwxyz0123456789", "WEBHOOK_SECRET_KEY=[redacted]"),
    ("signing with whsec_Vb4xYz-123", "signing with whsec_[redacted]"),
    ("member alice earned 120 points", "member alice earned 120 points"),
    ('{"token_type": "Bearer", "expires_in": 3600}', '{"token_type": "Bearer", "expires_in": 3600}'),
])
def test_redaction(raw, expected):
    assert redact(raw) == expected


def test_cli_commands_log_json_lines(database_url):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from tests.support import TEST_JWT_KEYS

    env = {**os.environ, "DATABASE_URL": database_url, "JWT_KEYS": TEST_JWT_KEYS, "LOG_LEVEL": "INFO"}
    result = subprocess.run([str(Path(sys.executable).parent / "loyalty-api"), "db", "upgrade"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = [orjson.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert lines and all({"ts", "level", "logger", "message"} <= set(line) for line in lines)
    assert any(line["logger"].startswith("alembic") for line in lines)
    assert "postgresql://" not in result.stderr
