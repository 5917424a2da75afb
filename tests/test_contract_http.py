"""schemathesis over real HTTP, with every check it has, against openapi/openapi.json:
the command a partner would run (`schemathesis run --checks all`), bounded and
derandomized so that the suite stays fast and repeatable. A live server of the suite
(werkzeug, threaded) serves a fresh program; calls carry its program:admin token.

Budget: CONTRACT_EXAMPLES per operation and CONTRACT_MAX_SECONDS in all (small by default;
RELIABILITY_LONG=1 raises both).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability_support import LONG
from tests.support import LiveServer, make_program

pytestmark = pytest.mark.slow

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi" / "openapi.json"
EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "100" if LONG else "4"))
# A bound for slow, shared machines: the cases run in a fixed order, so a slower machine
# runs a prefix of the same cases.
MAX_SECONDS = int(os.environ.get("CONTRACT_MAX_SECONDS", "3600" if LONG else "240"))
# Platform operations need a platform token; the program token here answers their 403s,
# which the document lists. The member view (/v1/me) likewise answers 403 to it.
SEED = 18
CONFIG = SPEC_PATH.parent / "schemathesis.toml"


@pytest.mark.timeout(MAX_SECONDS + 200)
def test_schemathesis_all_checks_over_http_find_no_failure(app, tmp_path):
    program = make_program(app, settings={"pending_days": 0, "redeem": {"min_points": 1, "max_order_share": "1"}})
    cli = Path(sys.executable).parent / "schemathesis"
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per case otherwise
    with LiveServer(app) as server:
        result = subprocess.run([
            str(cli), "--config-file", str(CONFIG), "run", str(SPEC_PATH), "--url", server.url, "--checks", "all",
            "--max-examples", str(EXAMPLES), "--seed", str(SEED), "--generation-deterministic",
            "--workers", "1", "--max-time", str(MAX_SECONDS), "--no-shrink", "--request-timeout", "30", "--warnings", "off",
            "--suppress-health-check", "all", "--continue-on-failure", "--no-color",
            "--header", f"Authorization: Bearer {program.token}",
        ], capture_output=True, text=True, timeout=MAX_SECONDS + 150, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-3000:]
