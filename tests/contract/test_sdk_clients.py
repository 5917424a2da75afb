"""The committed SDKs (clients/) are what `make sdk` generates from openapi/openapi.json,
and the Python SDK's hand-written webhook check follows the Standard Webhooks scheme."""

from __future__ import annotations

import base64
import filecmp
import hashlib
import hmac
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import LiveServer, make_program
from tests.ops.test_ops_client import SHOP

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = ROOT / "clients"
TYPESCRIPT = CLIENTS / "typescript"

pytestmark = pytest.mark.slow


def _differences(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found = [f"{left / name}: only one side" for name in comparison.left_only + comparison.right_only]
    found += [str(left / name) for name in comparison.diff_files]
    for name in comparison.common_dirs:
        found += _differences(left / name, right / name)
    return found


def test_committed_python_sdk_matches_the_document(tmp_path):
    shutil.copytree(CLIENTS / "python", tmp_path / "python", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import generate; "
                    "generate.generate_python(generate.Path(sys.argv[2]))", str(CLIENTS), str(tmp_path)],
                   check=True, capture_output=True, text=True, timeout=300)
    stale = _differences(CLIENTS / "python", tmp_path / "python")
    assert not stale, f"clients/python is stale: run `make sdk` ({stale[:5]})"


def _typescript_generator():
    sys.path.insert(0, str(CLIENTS))
    try:
        import generate
    finally:
        sys.path.remove(str(CLIENTS))
    if generate.typescript_generator() is None:
        pytest.skip("Node.js and npm are not installed: the TypeScript SDK cannot be built or run")
    return generate


def test_committed_typescript_types_match_the_document(tmp_path):
    _typescript_generator().generate_typescript(tmp_path)
    assert (tmp_path / "typescript" / "src" / "schema.d.ts").read_text() == \
        (TYPESCRIPT / "src" / "schema.d.ts").read_text(), "clients/typescript/src/schema.d.ts is stale: run `make sdk`"


def test_typescript_client_typechecks_and_runs_a_storefront_session(app, unique):
    _typescript_generator()
    bins = TYPESCRIPT / "node_modules" / ".bin"
    typecheck = subprocess.run([str(bins / "tsc"), "--noEmit"], cwd=TYPESCRIPT, capture_output=True, text=True,
                               timeout=300)
    assert typecheck.returncode == 0, typecheck.stdout[-4000:]
    program = make_program(app, settings=SHOP)
    with LiveServer(app) as server:
        env = {**os.environ, "LOYALTY_URL": server.url, "CLIENT_ID": program.client_id,
               "CLIENT_SECRET": program.client_secret, "MEMBER_ID": f"m-{unique}"}
        run = subprocess.run([str(bins / "tsx"), "test/storefront.ts"], cwd=TYPESCRIPT, env=env,
                             capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-4000:]
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    # The same shop and numbers as the Python session (tests/ops/test_ops_client.py).
    assert figures == {"quote": [500, 300, 700], "order": [300, 700, "700.00"], "returned": [70, 30],
                       "balance": [860, 0, 0], "ledger": [2, True], "tier": f"m-{unique}",
                       "refused": "insufficient_points"}


def _signed(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def test_verify_webhook_accepts_a_valid_signature_and_refuses_the_rest():
    sys.path.insert(0, str(CLIENTS / "python"))
    try:
        from loyalty_api_client.webhooks import verify_webhook
    finally:
        sys.path.remove(str(CLIENTS / "python"))
    secret = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
    body = b'{"type":"points.earned","data":{"member_id":"m-1","points":150}}'
    good = _signed(secret, "msg_1", 1_800_000_000, body)
    headers = {"webhook-id": "msg_1", "webhook-timestamp": "1800000000", "webhook-signature": f"v1,bm90IGl0 {good}"}
    assert verify_webhook(secret, headers, body, now=1_800_000_100)
    assert verify_webhook(secret, {k.title(): v for k, v in headers.items()}, body, now=1_800_000_000)
    assert not verify_webhook(secret, headers, body + b" ", now=1_800_000_000)  # body changed
    assert not verify_webhook(secret, {**headers, "webhook-id": "msg_2"}, body, now=1_800_000_000)
    assert not verify_webhook(secret, headers, body, now=1_800_000_301)  # too old
    other = "whsec_" + base64.b64encode(b"another key of thirty-two bytes!").decode()
    assert not verify_webhook(other, headers, body, now=1_800_000_000)
    assert not verify_webhook("whsec_***", headers, body, now=1_800_000_000)
