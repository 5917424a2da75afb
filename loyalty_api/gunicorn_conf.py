"""gunicorn settings, tuned from the machine's cores; every value can be overridden
by the environment (``WEB_CONCURRENCY``, ``BIND``, ``GUNICORN_TIMEOUT``…).

Used as ``gunicorn -c python:loyalty_api.gunicorn_conf loyalty_api.wsgi:app``.
"""

import multiprocessing
import os
import shutil
import tempfile

# Workers share their metrics through files in this directory. It must be set
# before any worker imports prometheus_client, so it is set here, in the master,
# while the config loads (the app is imported by each worker after the fork).
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR",
                      os.path.join(tempfile.gettempdir(), f"loyalty-metrics-{os.getpid()}"))

from loyalty_api.observability.logs import dict_config  # noqa: E402  (needs no prometheus)

bind = os.environ.get("BIND", "0.0.0.0:8000")
# Requests spend most of their time waiting on PostgreSQL: two sync workers per
# core keep the CPU busy without piling up connections. Each worker holds its own
# pool of DB_POOL_SIZE (+ DB_POOL_MAX_OVERFLOW) connections: size PostgreSQL's
# max_connections (or PgBouncer) for workers x replicas x that.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM the master stops accepting, and each worker finishes the request in
# hand within this many seconds. DB statement/lock timeouts (5 s / 3 s by default)
# keep every request well inside it.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5  # sync workers ignore it; used if worker_class changes
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


def on_starting(server):
    """Start with an empty metrics directory: files of a previous run would be
    added to this one's counters."""
    path = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path, exist_ok=True)


def child_exit(server, worker):
    """A dead worker's live gauges (its pool) must stop counting."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
