"""/docs renders in a real (headless) browser from the service's own files.

The screenshot is kept in test-artifacts/docs.png for a person to look at.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import requests

from tests.support import LiveServer, make_program

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
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


# --- /docs as a partner uses it: authorize, "Try it out", read the answer ----------

CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture(scope="session")
def chromedriver(chromium) -> str:
    """Debian's chromium-driver (the WebDriver of that chromium), installed like chromium."""
    if not os.path.exists(CHROMEDRIVER) and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "chromium-driver"], env=env, capture_output=True, timeout=900)
    if not os.path.exists(CHROMEDRIVER):
        pytest.skip("chromium-driver is not installed and could not be installed (needs root and apt-get)")
    return CHROMEDRIVER


@pytest.fixture
def browser(chromium, chromedriver, tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (dev extras)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,2000", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _operation(driver, wait, method: str, path: str):
    """The operation's block in Swagger UI, expanded."""
    from selenium.webdriver.common.by import By

    def found(_):
        for block in driver.find_elements(By.CSS_SELECTOR, f".opblock.opblock-{method}"):
            if block.find_element(By.CSS_SELECTOR, ".opblock-summary-path").get_attribute("data-path") == path:
                return block
        return False

    block = wait.until(found)
    if "is-open" not in block.get_attribute("class"):
        driver.execute_script("arguments[0].scrollIntoView()", block)
        block.find_element(By.CSS_SELECTOR, ".opblock-summary").click()
    return block


def _try_it_out(driver, wait, block, body: str | None = None) -> tuple[int, str]:
    """Press "Try it out", fill the body, "Execute"; answers (status, body text) as shown."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    wait.until(lambda _: block.find_element(By.CSS_SELECTOR, ".try-out__btn")).click()
    if body is not None:
        area = wait.until(lambda _: block.find_element(By.CSS_SELECTOR, "textarea.body-param__text"))
        area.send_keys(Keys.CONTROL, "a")
        area.send_keys(Keys.DELETE)
        area.send_keys(body)
    block.find_element(By.CSS_SELECTOR, "button.execute").click()
    status = wait.until(lambda _: block.find_element(
        By.CSS_SELECTOR, ".live-responses-table .response .response-col_status"))
    text = block.find_element(By.CSS_SELECTOR, ".live-responses-table .response-col_description pre").text
    return int(status.text.split()[0]), text


def _authorize(driver, wait, handle, token: str) -> None:
    """Swagger UI's "Authorize": the OAuth2 client-credentials form where the document
    offers one, else the bearer field with the token the UI itself just obtained."""
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, ".auth-wrapper .btn.authorize").click()
    modal = wait.until(lambda _: driver.find_element(By.CSS_SELECTOR, ".modal-ux"))
    client_ids = modal.find_elements(By.CSS_SELECTOR, "input[id^='client_id']")
    if client_ids:
        client_ids[0].send_keys(handle.client_id)
        modal.find_element(By.CSS_SELECTOR, "input[id^='client_secret']").send_keys(handle.client_secret)
        container = client_ids[0].find_element(By.XPATH, "ancestor::div[contains(@class, 'auth-container')]")
    else:
        field = modal.find_element(By.CSS_SELECTOR, ".auth-container input[type='text']")
        field.send_keys(token)
        container = field.find_element(By.XPATH, "ancestor::div[contains(@class, 'auth-container')]")
    container.find_element(By.CSS_SELECTOR, "button.authorize").click()
    # Authorized: the scheme now offers "Logout" instead of "Authorize".
    wait.until(lambda _: modal.find_elements(By.XPATH, ".//button[normalize-space()='Logout']"))
    modal.find_element(By.XPATH, ".//button[normalize-space()='Close']").click()


@contextlib.contextmanager
def _screenshot_on_failure(driver):
    """What the page showed when a step failed: test-artifacts/docs-failure.png."""
    try:
        yield
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "docs-failure.png"))
        raise


@pytest.mark.timeout(1500)  # the first run may install chromium and its driver
def test_a_partner_authorizes_and_runs_an_operation_from_docs(app, browser):
    import json

    from selenium.webdriver.support.ui import WebDriverWait

    handle = make_program(app, scopes=["checkout", "members:read", "members:write", "program:admin"])
    wait = WebDriverWait(browser, 20)
    with LiveServer(app) as server, _screenshot_on_failure(browser):
        browser.get(server.url + "/docs")
        # The token, through the token endpoint's own "Try it out", with the client's credentials.
        token_block = _operation(browser, wait, "post", "/v1/auth/token")
        status, text = _try_it_out(browser, wait, token_block, json.dumps({
            "grant_type": "client_credentials", "client_id": handle.client_id,
            "client_secret": handle.client_secret}))
        assert status == 200, text
        token = json.loads(text)["access_token"]
        _authorize(browser, wait, handle, token)
        # An operation that needs the token: the program's settings, as the page shows them.
        status, text = _try_it_out(browser, wait, _operation(browser, wait, "get", "/v1/program"))
        assert status == 200, text
        assert json.loads(text)["program_id"] == str(handle.program_id)
        # And a write: enrolling a member from the page.
        status, text = _try_it_out(browser, wait, _operation(browser, wait, "post", "/v1/members"),
                                   json.dumps({"member_id": "from-docs"}))
        assert status == 201, text
    assert json.loads(text)["member_id"] == "from-docs"
