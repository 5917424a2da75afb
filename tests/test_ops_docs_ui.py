"""/docs renders in a real (headless) browser from the service's own files.

The screenshot is kept in test-artifacts/docs.png for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import requests

from tests.support import LiveServer

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium; installed on first use when we are root (CI machines are)."""
    if not os.path.exists(CHROMIUM) and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "chromium"], env=env,
                       capture_output=True, timeout=900)
    if not os.path.exists(CHROMIUM):
        pytest.skip("chromium is not installed and could not be installed (needs root and apt-get)")
    return CHROMIUM


def run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_docs_page_loads_nothing_from_other_hosts(anonymous):
    page = anonymous.get("/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(url.startswith("/docs/assets/") for url in urls), urls
    for url in urls:
        asset = anonymous.get(url)
        assert asset.status_code == 200, url
        assert len(asset.get_data()) > 1000
    assert anonymous.get("/docs/assets/../../etc/passwd").status_code == 404


@pytest.mark.timeout(1500)  # the first run may install chromium
def test_docs_render_the_operations_in_a_browser(app, chromium, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    with LiveServer(app) as server:
        assert requests.get(server.url + "/docs", timeout=10).status_code == 200
        dom = run_chromium(chromium, tmp_path / "dom", "--virtual-time-budget=15000", "--dump-dom",
                           server.url + "/docs")
        shot = tmp_path / "docs.png"
        run_chromium(chromium, tmp_path / "shot", "--virtual-time-budget=15000", "--hide-scrollbars",
                     "--window-size=1280,1600", f"--screenshot={shot}", server.url + "/docs")
    assert dom.returncode == 0, dom.stderr[-2000:]
    # Summaries come from the views' docstrings, rendered by Swagger UI from /openapi.json.
    for summary in ("Enrol a member (optionally with a referral code)", "The database is reachable",
                    "Exchange client credentials for a bearer token"):
        assert summary in dom.stdout, f"{summary!r} not rendered"
    assert 'class="opblock-summary-path"' in dom.stdout or "opblock-summary-path" in dom.stdout
    assert shot.exists() and shot.stat().st_size > 10_000
    # Kept for a person to look at; replaced atomically (suites may run side by side).
    kept = ARTIFACTS / f".docs-{os.getpid()}.png"
    shutil.copyfile(shot, kept)
    os.replace(kept, ARTIFACTS / "docs.png")
