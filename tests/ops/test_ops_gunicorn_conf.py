"""loyalty_api/gunicorn_conf.py: workers sized from the CPUs a container may use,
and the metrics directory set up only when gunicorn starts."""

from __future__ import annotations

import importlib
import os

import pytest


@pytest.fixture
def conf(monkeypatch):
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    module = importlib.import_module("loyalty_api.gunicorn_conf")
    # Loading the config must not switch this process to multiprocess metrics.
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ
    return module


def cpus() -> int:
    return len(os.sched_getaffinity(0))


@pytest.mark.parametrize("files, expected", [
    ({"cpu.max": "150000 100000\n"}, lambda: min(cpus(), 2)),      # 1.5 CPUs -> 2
    ({"cpu.max": "50000 100000\n"}, lambda: 1),
    ({"cpu.max": "max 100000\n"}, cpus),                          # no quota
    ({"cpu/cpu.cfs_quota_us": "100000\n", "cpu/cpu.cfs_period_us": "100000\n"}, lambda: 1),  # cgroup v1
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, cpus),
    ({}, cpus),
])
def test_available_cores_honours_the_container_quota(conf, tmp_path, files, expected):
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    assert conf.available_cores(str(tmp_path)) == expected()


def test_workers_default_to_two_sync_workers_per_usable_core(conf, monkeypatch):
    for name in ("WEB_CONCURRENCY", "GUNICORN_WORKER_CLASS", "GUNICORN_THREADS"):
        monkeypatch.delenv(name, raising=False)
    reloaded = importlib.reload(conf)
    assert reloaded.workers == reloaded.available_cores() * 2 + 1
    assert (reloaded.worker_class, reloaded.threads) == ("sync", 1)


def test_threaded_workers_are_an_option(conf, monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKER_CLASS", "gthread")
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    reloaded = importlib.reload(conf)
    assert (reloaded.worker_class, reloaded.threads) == ("gthread", 4)
    # every thread of a worker can hold a pooled connection at once
    from loyalty_api.config import Settings
    assert Settings.DB_POOL_SIZE >= reloaded.threads
    assert reloaded.graceful_timeout < reloaded.timeout
    assert reloaded.logconfig_dict["root"]["handlers"] == ["stderr"]


def test_on_starting_prepares_an_empty_metrics_directory(conf, monkeypatch, tmp_path):
    directory = tmp_path / "metrics"
    directory.mkdir()
    (directory / "counter_123.db").write_bytes(b"stale")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(directory))
    conf.on_starting(server=None)
    assert directory.is_dir() and list(directory.iterdir()) == []


def test_on_starting_picks_a_directory_when_none_is_set_and_on_exit_removes_it(conf):
    conf.on_starting(server=None)
    chosen = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    try:
        assert os.path.isdir(chosen) and f"loyalty-metrics-{os.getpid()}" in chosen
        conf.on_exit(server=None)
        assert not os.path.exists(chosen)
    finally:
        # Not monkeypatch: its undo would bring back the value it saw when deleting.
        del os.environ["PROMETHEUS_MULTIPROC_DIR"]
        conf._own_metrics_dir = None


def test_on_exit_keeps_a_directory_the_operator_chose(conf, monkeypatch, tmp_path):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "mine"))
    conf.on_starting(server=None)
    conf.on_exit(server=None)
    assert (tmp_path / "mine").is_dir()


def test_this_process_is_left_in_single_process_metrics_mode():
    """The tests above must not leak their metrics directory into later tests."""
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ
