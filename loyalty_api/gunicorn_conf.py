"""gunicorn settings, tuned from the machine's cores; every value can be overridden
by the environment (``WEB_CONCURRENCY``, ``BIND``, ``GUNICORN_TIMEOUT``…)."""

import multiprocessing
import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
# Requests spend most of their time waiting on PostgreSQL: two sync workers per
# core keep the CPU busy without piling up connections.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = 100
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
preload_app = False
