"""deploy/prometheus-rules.yml: valid rules, and every metric an alert names is served by /metrics."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from loyalty_api.jobs.runner import run_all

RULES = Path(__file__).resolve().parents[2] / "deploy" / "prometheus-rules.yml"


def alerts() -> list[dict]:
    return [rule for group in yaml.safe_load(RULES.read_text())["groups"] for rule in group["rules"]]


def test_every_alert_is_complete():
    names = [rule["alert"] for rule in alerts()]
    assert names and len(names) == len(set(names))
    for rule in alerts():
        assert rule["expr"].strip() and rule["annotations"]["summary"] and rule["labels"]["severity"]


def test_every_metric_an_alert_names_is_on_the_metrics_page(anonymous, session_factory):
    run_all(session_factory, only=["webhooks"])  # a job step's heartbeat
    anonymous.get("/v1/program")  # one observed request: the histogram's series exist
    page = anonymous.get("/metrics").get_data(as_text=True)
    served = set(re.findall(r"^([a-z_:][a-z0-9_:]*)(?:\{| )", page, re.M))
    named = {name for rule in alerts() for name in re.findall(r"\bloyalty_[a-z0-9_]+", rule["expr"])}
    assert named and named - served == set()
    assert re.search(r'^loyalty_job_last_success_timestamp_seconds\{step="webhooks"\} [1-9]', page, re.M)


@pytest.mark.skipif(shutil.which("promtool") is None, reason="promtool is not installed (Debian package prometheus)")
def test_promtool_accepts_the_rules():
    result = subprocess.run(["promtool", "check", "rules", str(RULES)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
