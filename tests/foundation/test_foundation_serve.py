"""`loyalty-api serve` as `make serve` runs it: migrate, demo credentials, gunicorn.

Uses the test database (DATABASE_URL set, so no embedded server) to stay quick; the
embedded PostgreSQL path of `make serve` was verified by hand (docs/api-conventions.md).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.support import free_port

ROOT = Path(__file__).resolve().parents[2]


def _serve_command(port: int) -> list[str]:
    script = Path(sys.executable).with_name("loyalty-api")
    serve = [str(script)] if script.exists() else [sys.executable, "-m", "loyalty_api.cli"]
    return [sys.executable, "-m", "loyalty_api.devdb", "run", "--", *serve, "serve", "--bind", f"127.0.0.1:{port}"]


class Served:
    def __init__(self, database_url: str, data_dir: Path) -> None:
        self.port = free_port()
        # Not inherited: JWT_KEYS (serve makes its own) and the metrics directory of this
        # test process, which gunicorn would empty on start.
        env = {key: value for key, value in os.environ.items()
               if key not in {"JWT_KEYS", "PROMETHEUS_MULTIPROC_DIR"}}
        env.update(DATABASE_URL=database_url, LOYALTY_DATA_DIR=str(data_dir), WEB_CONCURRENCY="1",
                   PYTHONUNBUFFERED="1")
        self.log = data_dir / f"serve-{self.port}.log"
        self._log_file = self.log.open("wb")
        self.process = subprocess.Popen(_serve_command(self.port), cwd=ROOT, env=env, stdout=self._log_file,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        self.base = f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_healthy(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("serve exited early:\n" + self.output())
            try:
                if requests.get(self.base + "/healthz", timeout=5).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass  # not listening yet, or the workers are still booting
            time.sleep(0.1)
        raise AssertionError("serve never became healthy:\n" + self.output())

    def stop(self) -> int:
        """Ctrl-C, as a terminal sends it: SIGINT to the whole process group."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            raise
        finally:
            self._log_file.close()


def _credentials(output: str) -> dict:
    found = dict(re.findall(r"^\s+(client_id|client_secret):\s+(\S+)$", output, re.M))
    program = re.search(r"Demo program ([0-9a-f-]{36}) is ready", output)
    assert program and set(found) == {"client_id", "client_secret"}, output
    return {**found, "program_id": program.group(1)}


@pytest.mark.slow
def test_serve_prints_working_credentials_and_stops_cleanly(database_url, tmp_path):
    served = Served(database_url, tmp_path)
    try:
        served.wait_healthy()
        creds = _credentials(served.output())
        token = requests.post(served.base + "/v1/auth/token", json={
            "grant_type": "client_credentials", "client_id": creds["client_id"],
            "client_secret": creds["client_secret"]}, timeout=10)
        assert token.status_code == 200, token.text
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        member = requests.post(served.base + "/v1/members", json={"member_id": "alice"}, headers=headers,
                               timeout=10)
        assert member.status_code == 201, member.text
        assert requests.get(served.base + "/v1/program", headers=headers, timeout=10).json()["program_id"] \
            == creds["program_id"]
        assert requests.get(served.base + "/readyz", timeout=10).status_code == 200
        if shutil.which("curl") and shutil.which("bash"):
            _run_printed_curl_lines(served.output(), creds)
    finally:
        code = served.stop()
    assert code == 0, served.output()
    with pytest.raises(requests.ConnectionError):
        requests.get(served.base + "/healthz", timeout=2)
    # a signing key was generated for the server, private to its owner
    assert (tmp_path / "jwt-keys").stat().st_mode & 0o077 == 0



def test_a_later_start_reuses_the_demo_credentials(app, monkeypatch, tmp_path):
    """What serve does on each start, in-process: the first start creates the demo
    program and saves its credentials; later starts find them and create nothing."""
    from loyalty_api import devsetup

    monkeypatch.setenv("LOYALTY_DATA_DIR", str(tmp_path))
    first = devsetup.ensure_demo(app)
    assert devsetup.ensure_demo(app) == first
    assert (tmp_path / devsetup.DEMO_FILE).stat().st_mode & 0o077 == 0
    # a wiped database (same data dir) gets a new demo program instead of dead credentials
    from loyalty_api.db import unit_of_work
    from loyalty_api.programs.models import ApiClient

    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        uow.session.delete(uow.session.get(ApiClient, first["client_id"]))
        uow.commit()
    assert devsetup.ensure_demo(app)["client_id"] != first["client_id"]


def test_the_first_order_of_the_demo_shows_tier_progress_and_a_claimable_reward(app, anonymous, capsys,
                                                                                 monkeypatch, tmp_path):
    """A newcomer's first order, exactly as serve prints it, in the demo program."""
    from loyalty_api import devsetup

    monkeypatch.setenv("LOYALTY_DATA_DIR", str(tmp_path))
    creds = devsetup.ensure_demo(app)
    devsetup.print_demo_credentials(creds, "127.0.0.1:8000")
    printed = capsys.readouterr().out
    token = anonymous.post("/v1/auth/token", json={"grant_type": "client_credentials",
                                                    "client_id": creds["client_id"],
                                                    "client_secret": creds["client_secret"]}).json
    shop = anonymous.with_token(token["access_token"])
    assert shop.post("/v1/members", json={"member_id": "alice"}).status_code == 201
    [order_json] = re.findall(r"/v1/orders .*\n\s+-d '(.*)'", printed)
    order = shop.post("/v1/orders", json=json.loads(order_json))
    assert order.status_code == 201, order.json
    # 1 point per rouble, double on the 400.00 of coffee: 600 + 2 × 400
    assert order.json["earned_points"] == 1400
    assert "/v1/members/alice/tier" in printed and "/v1/members/alice/rewards" in printed
    tier = shop.get("/v1/members/alice/tier").json
    assert tier["tier"]["code"] == "silver", tier
    assert tier["next_tier"]["code"] == "gold" and tier["progress"] == 1400
    assert tier["remaining_to_next"] == 600
    [mug] = shop.get("/v1/members/alice/rewards").json["items"]
    assert mug["reward_id"] == "mug" and mug["can_claim"] is True
    claimed = shop.post("/v1/members/alice/rewards/mug/claim", headers={"Idempotency-Key": "first-claim"})
    assert claimed.status_code == 201 and claimed.json["points_spent"] == 300


def _run_printed_curl_lines(output: str, creds: dict) -> None:
    """The README promises a working curl line: run exactly what was printed."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("TOKEN=$(curl"))
    end = next(i for i in range(start, len(lines)) if "/v1/members/alice/rewards" in lines[i])
    script = "\n".join(line.strip() for line in lines[start:end + 1] if line.strip()
                       and not line.strip().endswith(":")).replace("alice", "bob")
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert '"member_id":"bob"' in result.stdout, result.stdout
    # the first order reaches Silver on the way to Gold and can buy the mug
    assert '"earned_points":1400' in result.stdout and '"code":"silver"' in result.stdout, result.stdout
    assert '"remaining_to_next":600' in result.stdout and '"can_claim":true' in result.stdout, result.stdout
