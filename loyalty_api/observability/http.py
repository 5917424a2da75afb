"""Per-request metrics and the access log, and ``GET /metrics``.

``/metrics`` shows fleet-wide point volumes, so a deployment can close it: with
``METRICS_TOKEN`` it needs ``Authorization: Bearer <METRICS_TOKEN>``; with
``METRICS_BIND`` (host:port, which the gunicorn config also binds) it is served only
on that port, which serves nothing else but the health probes.
"""

from __future__ import annotations

import hmac
import logging
import time

from flask import Blueprint, Flask, Response, current_app, g, request

from loyalty_api.errors import NotFound, Unauthorized
from loyalty_api.observability import metrics

# What the metrics port (METRICS_BIND) answers besides /metrics: a probe may use it.
METRICS_PORT_PATHS = frozenset({"/metrics", "/healthz", "/readyz"})

access_log = logging.getLogger("loyalty_api.access")

KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

blp = Blueprint("metrics", __name__)


@blp.get("/metrics")
def scrape() -> Response:
    """Prometheus exposition (public unless METRICS_TOKEN is set)."""
    from prometheus_client import CONTENT_TYPE_LATEST

    required = current_app.extensions["loyalty"].settings.METRICS_TOKEN
    if required:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), required.encode()):
            raise Unauthorized("/metrics needs the metrics bearer token (METRICS_TOKEN)")

    body = metrics.render(current_app.extensions["loyalty"].engine)
    return Response(body, mimetype=None, headers={"Content-Type": CONTENT_TYPE_LATEST})


def _start_timer() -> None:
    g.started_at = time.perf_counter()


def _observe(response: Response) -> Response:
    started = g.pop("started_at", None)
    if started is None:
        return response
    elapsed = time.perf_counter() - started
    # The URL rule keeps the label set small: /v1/members/<member_id>, not every id.
    route = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
    status = str(response.status_code)
    # Clients choose the method token freely; an unknown one must not mint a series.
    method = request.method if request.method in KNOWN_METHODS else "OTHER"
    metrics.REQUESTS.labels(method, route, status).inc()
    metrics.LATENCY.labels(method, route, status).observe(elapsed)
    principal = g.get("principal")
    program = getattr(principal, "program_id", None)
    level = logging.ERROR if response.status_code >= 500 else logging.INFO
    access_log.log(level, "request", extra={
        "request_id": g.get("request_id"), "program": str(program) if program else None,
        "method": method, "route": route, "status": response.status_code,
        "duration_ms": round(elapsed * 1000, 2)})
    return response


def keep_metrics_on_their_port() -> None:
    """A ``before_request`` hook, registered after the request id is set (app.py)."""
    port = current_app.extensions["loyalty"].settings.metrics_port
    if port is None:
        return
    if request.environ.get("SERVER_PORT") == port:
        if request.path not in METRICS_PORT_PATHS:
            raise NotFound("The metrics port serves only /metrics and the health probes")
    elif request.path == "/metrics":
        raise NotFound("/metrics is served on its own port (METRICS_BIND)")


def init_observability(app: Flask) -> None:
    """Call before the other ``after_request`` hooks are registered: Flask runs them
    in reverse, so this one sees the final status (after the commit)."""
    settings = app.extensions["loyalty"].settings
    metrics.instrument_pool(app.extensions["loyalty"].engine, settings.DB_POOL_MAX_OVERFLOW)
    app.before_request(_start_timer)
    app.after_request(_observe)
    app.register_blueprint(blp)
