"""Metrics (Prometheus) and JSON logs.

Nothing is imported here on purpose: ``gunicorn_conf`` points prometheus-client at
its multiprocess directory before the first import of ``metrics``.
"""
