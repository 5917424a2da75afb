"""gunicorn settings, tuned from the machine's cores; every value can be overridden
by the environment (``WEB_CONCURRENCY``, ``BIND``, ``GUNICORN_TIMEOUT``…).

Used as ``gunicorn -c python:loyalty_api.gunicorn_conf loyalty_api.wsgi:app``.
"""

import math
import os
import shutil
import tempfile

from loyalty_api.observability.logs import dict_config  # needs no prometheus_client


def available_cores(cgroup_root: str = "/sys/fs/cgroup") -> int:
    """CPUs this process may really use: a container's CPU quota (cgroup v2 or v1)
    and its CPU set, not the host's core count (which ``cpu_count`` reports)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    quota = period = None
    try:
        with open(os.path.join(cgroup_root, "cpu.max")) as handle:
            quota, period = handle.read().split()[:2]
    except (OSError, ValueError):
        try:
            with open(os.path.join(cgroup_root, "cpu", "cpu.cfs_quota_us")) as handle:
                quota = handle.read().strip()
            with open(os.path.join(cgroup_root, "cpu", "cpu.cfs_period_us")) as handle:
                period = handle.read().strip()
        except OSError:
            pass
    if quota not in (None, "max", "-1") and period:
        cores = min(cores, max(1, math.ceil(int(quota) / int(period))))
    return max(1, cores)


bind = [os.environ.get("BIND", "0.0.0.0:8000")]
# GET /metrics on an address of its own (the app serves it only there): keep it off
# the public listener, e.g. METRICS_BIND=127.0.0.1:9100 or a private interface.
if os.environ.get("METRICS_BIND"):
    bind.append(os.environ["METRICS_BIND"])
# Sync workers: one request at a time per process, two processes per core plus one,
# so a worker waiting on PostgreSQL leaves the core to another. Threaded workers
# (GUNICORN_WORKER_CLASS=gthread, GUNICORN_THREADS) keep client connections alive
# and served more orders per second in the benchmark, but at saturation some
# requests waited seconds behind the GIL (docs/performance.md): checkout needs the
# short tail. Each worker holds its own pool of DB_POOL_SIZE (+ DB_POOL_MAX_OVERFLOW)
# connections, at least one per thread: size PostgreSQL's max_connections (or
# PgBouncer) for workers x replicas x that.
workers = int(os.environ.get("WEB_CONCURRENCY", available_cores() * 2 + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM the master stops accepting, and each worker finishes the request in
# hand within this many seconds. DB statement/lock timeouts (5 s / 3 s by default)
# keep every request well inside it.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
# Seconds an idle keep-alive connection stays open (gthread; sync workers close
# every connection); shorter than a load balancer's idle timeout (often 60 s).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = 100
# Behind a load balancer / reverse proxy on a private network.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logconfig_dict = dict_config(loglevel)
preload_app = False
# gunicorn's control socket (``gunicornc``) defaults to one path per user, which
# replicas or test servers sharing a home would fight over; opt in with a path.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
# Heartbeat files in memory, not on a possibly slow container layer.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


_own_metrics_dir = None


def on_starting(server):
    """Workers share their metrics through files in one directory. It is set here,
    in the master before the first fork, so every worker (which imports the app and
    prometheus_client after the fork) sees it; it starts empty, since files of a
    previous run would be added to this one's counters."""
    global _own_metrics_dir
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        _own_metrics_dir = os.path.join(tempfile.gettempdir(), f"loyalty-metrics-{os.getpid()}")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = _own_metrics_dir
    path = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path, exist_ok=True)


def on_exit(server):
    """Remove the metrics directory this master made up (one the operator set stays)."""
    if _own_metrics_dir:
        shutil.rmtree(_own_metrics_dir, ignore_errors=True)


def child_exit(server, worker):
    """A dead worker's live gauges (its pool) must stop counting."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
