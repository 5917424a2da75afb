"""Prometheus metrics for ``GET /metrics``.

gunicorn runs several worker processes. With ``PROMETHEUS_MULTIPROC_DIR`` set (the
gunicorn config's ``on_starting`` hook sets it before the first worker is forked,
so before any worker imports this module) every process
writes its samples to files there and a scrape, answered by any one worker, adds
them all up. Gauges that describe one process (its connection pool) are summed
over the live processes only.

Figures that belong to the database rather than to a process (the outbox
backlog) are read at scrape time by ``BacklogCollector``.
"""

from __future__ import annotations

import logging
import os
from collections import Counter as Tally

from prometheus_client import (REGISTRY, CollectorRegistry, Counter, Gauge, Histogram,
                               generate_latest, multiprocess)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

log = logging.getLogger("loyalty_api.metrics")

POINT_KINDS = frozenset({"earned", "redeemed", "expired", "reversed", "refunded"})

REQUESTS = Counter("loyalty_http_requests", "HTTP requests answered",
                   ["method", "route", "status"])
LATENCY = Histogram("loyalty_http_request_duration_seconds", "Time to answer an HTTP request",
                    ["method", "route", "status"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0))
POINTS = Counter("loyalty_points", "Points moved through ledgers, by kind", ["kind"])
POOL_CHECKED_OUT = Gauge("loyalty_db_pool_checked_out", "Database connections in use",
                         multiprocess_mode="livesum")
POOL_SIZE = Gauge("loyalty_db_pool_size", "Connections each pool keeps open (summed over processes)",
                  multiprocess_mode="livesum")
POOL_MAX_OVERFLOW = Gauge("loyalty_db_pool_max_overflow",
                          "Extra connections each pool may open under load (summed over processes)",
                          multiprocess_mode="livesum")

_PENDING = "loyalty_metrics_points"


def record_points(kind: str, points: int, session: Session | None = None) -> None:
    """Count ``points`` (a positive size) of a ledger movement of ``kind``.

    With ``session`` the count waits for that session's commit and is dropped on
    rollback, so a refused order never shows up as earned points. (A rolled-back
    savepoint does not drop it: no ledger code uses savepoints.)
    """
    if kind not in POINT_KINDS:
        raise ValueError(f"unknown points kind {kind!r}; one of {sorted(POINT_KINDS)}")
    if points < 0:
        raise ValueError("points is a size: pass abs(points)")
    if points == 0:
        return
    if session is None:
        POINTS.labels(kind).inc(points)
    else:
        session.info.setdefault(_PENDING, Tally())[kind] += points


# Ledger entry types as the points counter sees them; manual adjustments and
# transfers are not counted (they are corrections, not earning or spending).
KIND_BY_ENTRY_TYPE = {"earn": "earned", "bonus": "earned", "referral": "earned", "redeem": "redeemed",
                      "expire": "expired", "reverse": "reversed", "refund": "refunded"}


def record_entry(session: Session | None, entry_type: str, points: int) -> None:
    """``record_points`` for a ledger entry of ``entry_type`` (``points`` signed or not)."""
    kind = KIND_BY_ENTRY_TYPE.get(entry_type)
    if kind is not None:
        record_points(kind, abs(points), session)


@event.listens_for(Session, "after_commit")
def _publish_pending(session: Session) -> None:
    for kind, points in session.info.pop(_PENDING, {}).items():
        POINTS.labels(kind).inc(points)


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def instrument_pool(engine: Engine, max_overflow: int) -> None:
    """Track checked-out connections of ``engine``'s pool in this process."""
    POOL_SIZE.set(engine.pool.size())
    POOL_MAX_OVERFLOW.set(max(max_overflow, 0))
    event.listen(engine, "checkout", lambda *_: POOL_CHECKED_OUT.inc())
    event.listen(engine, "checkin", lambda *_: POOL_CHECKED_OUT.dec())


# Two partial indexes (undispatched events, pending deliveries) keep these cheap
# however long the outbox grows.
BACKLOG_SQL = """
SELECT (SELECT count(*) FROM outbox_events WHERE dispatched_at IS NULL) AS undispatched,
       (SELECT extract(epoch FROM now() - created_at) FROM outbox_events
         WHERE dispatched_at IS NULL ORDER BY seq LIMIT 1) AS oldest_seconds,
       (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending') AS pending_deliveries,
       (SELECT extract(epoch FROM now() - min(e.created_at)) FROM webhook_deliveries d
          JOIN outbox_events e ON e.program_id = d.program_id AND e.seq = d.event_seq
         WHERE d.status = 'pending') AS oldest_undelivered_seconds,
       (SELECT count(*) FROM webhooks WHERE deleted_at IS NULL AND disabled_at IS NOT NULL) AS disabled_webhooks
"""

# Monotonic per-outcome counts the webhook worker adds, and the background processes'
# heartbeats (jobs steps, the worker): both written by other processes, read here.
HEALTH_SQL = """
SELECT 'count' AS kind, outcome AS name, sum(count)::float8 AS value FROM webhook_delivery_counts GROUP BY outcome
UNION ALL
SELECT 'beat', name, extract(epoch FROM succeeded_at)::float8 FROM heartbeats WHERE succeeded_at IS NOT NULL
"""
DELIVERY_OUTCOMES = ("succeeded", "retrying", "failed")


class BacklogCollector:
    """Reads the outbox backlog at scrape time, in one cheap query: events the
    webhook worker has not fanned out yet, how old the oldest is, and deliveries
    still waiting for (another) attempt."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self):
        try:
            with self.engine.connect() as conn:
                row = conn.execute(text(BACKLOG_SQL)).one()
                health = conn.execute(text(HEALTH_SQL)).all()
        except Exception as exc:  # a scrape must still answer while the database is down
            log.warning("outbox backlog not measured: %s", exc.__class__.__name__)
            return
        yield from _health_families(health)
        figures = (
            ("loyalty_outbox_backlog", "Outbox events not yet dispatched to webhooks", row.undispatched),
            ("loyalty_outbox_oldest_age_seconds", "Age of the oldest undispatched outbox event (0 if none)",
             row.oldest_seconds or 0),
            ("loyalty_webhook_deliveries_pending", "Webhook deliveries waiting for an attempt",
             row.pending_deliveries),
            ("loyalty_webhook_oldest_undelivered_age_seconds",
             "Age of the oldest event with a delivery still pending (0 if none)", row.oldest_undelivered_seconds or 0),
            ("loyalty_webhooks_disabled", "Webhooks the worker disabled (410, or failing for days)",
             row.disabled_webhooks),
        )
        for name, help_text, figure in figures:
            gauge = GaugeMetricFamily(name, help_text)
            gauge.add_metric([], float(figure))
            yield gauge


def _health_families(rows):
    counts = {name: value for kind, name, value in rows if kind == "count"}
    deliveries = CounterMetricFamily("loyalty_webhook_deliveries", "Webhook delivery attempts by outcome "
                                     "(retrying: failed, will be tried again; failed: given up)", labels=["outcome"])
    for outcome in DELIVERY_OUTCOMES:
        deliveries.add_metric([outcome], counts.get(outcome, 0.0))
    yield deliveries
    beats = {name: value for kind, name, value in rows if kind == "beat"}
    worker = GaugeMetricFamily("loyalty_webhook_worker_last_cycle_timestamp_seconds",
                               "When a webhook worker last finished a cycle without errors (0: never)")
    worker.add_metric([], beats.get("worker:webhooks", 0.0))
    yield worker
    jobs = GaugeMetricFamily("loyalty_job_last_success_timestamp_seconds",
                             "When each `loyalty-api jobs run` step last succeeded", labels=["step"])
    for name, value in sorted(beats.items()):
        if name.startswith("jobs:"):
            jobs.add_metric([name.removeprefix("jobs:")], value)
    yield jobs


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


def render(engine: Engine) -> bytes:
    """The exposition text: every process's samples plus the database's figures."""
    if multiprocess_dir():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    scraped = CollectorRegistry(auto_describe=False)
    scraped.register(BacklogCollector(engine))
    return generate_latest(registry) + generate_latest(scraped)
