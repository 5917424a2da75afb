"""Per-request metrics and the access log, and the public ``GET /metrics``."""

from __future__ import annotations

import logging
import time

from flask import Blueprint, Flask, Response, current_app, g, request

from loyalty_api.observability import metrics

access_log = logging.getLogger("loyalty_api.access")

KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

blp = Blueprint("metrics", __name__)


@blp.get("/metrics")
def scrape() -> Response:
    """Prometheus exposition (public, like the health probes)."""
    from prometheus_client import CONTENT_TYPE_LATEST

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


def init_observability(app: Flask) -> None:
    """Call before the other ``after_request`` hooks are registered: Flask runs them
    in reverse, so this one sees the final status (after the commit)."""
    settings = app.extensions["loyalty"].settings
    metrics.instrument_pool(app.extensions["loyalty"].engine, settings.DB_POOL_MAX_OVERFLOW)
    app.before_request(_start_timer)
    app.after_request(_observe)
    app.register_blueprint(blp)
