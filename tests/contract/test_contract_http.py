"""schemathesis over real HTTP, with every check it has, against openapi/openapi.json:
the command a partner would run (`schemathesis run --checks all`), bounded and
derandomized so that the suite stays fast and repeatable. A live server of the suite
(werkzeug, threaded) serves a fresh program; calls carry its program:admin token.

Budget: CONTRACT_EXAMPLES per operation and CONTRACT_MAX_SECONDS in all (small by default;
RELIABILITY_LONG=1 raises both).

The fixed corpus finds the same cases every run (good for CI, blind to the rest). A
second, random run explores new cases each time: ``CONTRACT_FUZZ_RANDOM=1`` turns it on,
``CONTRACT_FUZZ_EXAMPLES`` (default 200 per operation), ``CONTRACT_FUZZ_MAX_SECONDS``
(default 1800) and ``CONTRACT_FUZZ_SEED`` (default: a fresh one, printed in the failure
so that a failing run can be replayed) set its budget.
"""

from __future__ import annotations

import logging
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability_support import LONG
from tests.support import LiveServer, make_program

pytestmark = pytest.mark.slow

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "100" if LONG else "4"))
# A bound for slow, shared machines: the cases run in a fixed order, so a slower machine
# runs a prefix of the same cases.
MAX_SECONDS = int(os.environ.get("CONTRACT_MAX_SECONDS", "3600" if LONG else "240"))
# Platform operations need a platform token; the program token here answers their 403s,
# which the document lists. The member view (/v1/me) likewise answers 403 to it.
SEED = 18
CONFIG = SPEC_PATH.parent / "schemathesis.toml"


RANDOM = os.environ.get("CONTRACT_FUZZ_RANDOM") == "1"
RANDOM_EXAMPLES = int(os.environ.get("CONTRACT_FUZZ_EXAMPLES", "200"))
RANDOM_MAX_SECONDS = int(os.environ.get("CONTRACT_FUZZ_MAX_SECONDS", "1800"))
RANDOM_SEED = int(os.environ.get("CONTRACT_FUZZ_SEED") or random.SystemRandom().randrange(2**31))


def _schemathesis(app, tmp_path, *, examples: int, max_seconds: int, seed: int, deterministic: bool):
    program = make_program(app, settings={"pending_days": 0, "redeem": {"min_points": 1, "max_order_share": "1"}})
    cli = Path(sys.executable).parent / "schemathesis"
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per case otherwise
    with LiveServer(app) as server:
        result = subprocess.run([
            str(cli), "--config-file", str(CONFIG), "run", str(SPEC_PATH), "--url", server.url, "--checks", "all",
            "--max-examples", str(examples), "--seed", str(seed),
            *(["--generation-deterministic"] if deterministic else []),
            "--workers", "1", "--max-time", str(max_seconds), "--no-shrink", "--request-timeout", "30", "--warnings", "off",
            "--suppress-health-check", "all", "--continue-on-failure", "--no-color",
            "--header", f"Authorization: Bearer {program.token}",
        ], capture_output=True, text=True, timeout=max_seconds + 150, cwd=tmp_path)
    return result


@pytest.mark.timeout(MAX_SECONDS + 200)
def test_schemathesis_all_checks_over_http_find_no_failure(app, tmp_path):
    result = _schemathesis(app, tmp_path, examples=EXAMPLES, max_seconds=MAX_SECONDS, seed=SEED, deterministic=True)
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-3000:]


@pytest.mark.skipif(not RANDOM, reason="the random, longer run: CONTRACT_FUZZ_RANDOM=1")
@pytest.mark.timeout(RANDOM_MAX_SECONDS + 200)
def test_schemathesis_random_run_finds_no_failure(app, tmp_path):
    result = _schemathesis(app, tmp_path, examples=RANDOM_EXAMPLES, max_seconds=RANDOM_MAX_SECONDS, seed=RANDOM_SEED,
                           deterministic=False)
    assert result.returncode == 0, (f"replay with CONTRACT_FUZZ_SEED={RANDOM_SEED}\n"
                                    + result.stdout[-20000:] + result.stderr[-3000:])
