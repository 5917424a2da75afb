"""Per-client request budget (``RATE_LIMIT_PER_MINUTE``; 0 = off, the default), and
the token endpoint's budgets per ``client_id`` and per address (on by default:
``TOKEN_RATE_LIMIT_PER_CLIENT``, ``TOKEN_RATE_LIMIT_PER_ADDRESS``, per minute), which
slow down guessing of client secrets and keep a flood of token requests off the
database.

A token bucket per caller (program and token subject) in the worker's memory: it
holds up to one minute's budget, refills continuously at budget/60 per second, and
every authenticated request takes one token. Out of tokens -> 429 ``rate_limited``
with ``Retry-After`` (whole seconds until the next token).

Why in memory and not in PostgreSQL: a shared counter costs a write (and a row lock
that every request of a busy client would queue on) on the hottest path; the limit
is a guard against runaway clients, not a billing meter. The price: the budget is
per worker process, so a deployment of R replicas x W gunicorn workers lets a client
through at up to R x W x the setting in the worst case (a load balancer spreads a
client's requests, so in practice close to the setting x the processes it reaches).
Set it with that in mind, or enforce an exact global limit at the load balancer.
When the setting is 0 the check is one attribute read: no lock, no memory, no I/O.
"""

from __future__ import annotations

import math
import threading
import time

from flask import current_app, request

from loyalty_api.errors import RateLimited

# Buckets idle this long are full again; forgetting them loses nothing.
_IDLE_SECONDS = 120.0
_PRUNE_EVERY = 1024


class TokenBuckets:
    def __init__(self, per_minute: int, clock=time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._clock = clock
        self._buckets: dict[tuple, tuple[float, float]] = {}  # key -> (tokens, last refill)
        self._lock = threading.Lock()
        self._calls = 0

    def take(self, key: tuple) -> float:
        """Take one token for ``key``: 0.0 when granted, else seconds until one is due."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            self._calls += 1
            if self._calls % _PRUNE_EVERY == 0:
                self._prune(now)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _prune(self, now: float) -> None:
        stale = [key for key, (_, last) in self._buckets.items() if now - last > _IDLE_SECONDS]
        for key in stale:
            del self._buckets[key]


def _buckets() -> TokenBuckets | None:
    extensions = current_app.extensions
    if "loyalty_rate_limit" not in extensions:
        per_minute = extensions["loyalty"].settings.RATE_LIMIT_PER_MINUTE
        extensions["loyalty_rate_limit"] = TokenBuckets(per_minute) if per_minute > 0 else None
    return extensions["loyalty_rate_limit"]


def check(principal) -> None:
    """Raise ``RateLimited`` when ``principal`` (an authenticated caller) is over budget."""
    buckets = _buckets()
    if buckets is None:
        return
    wait = buckets.take((principal.program_id, principal.token_type, principal.subject))
    if wait > 0:
        raise RateLimited("Too many requests from this client; slow down",
                          retry_after=max(1, math.ceil(wait)))


def _token_buckets() -> tuple[TokenBuckets | None, TokenBuckets | None]:
    extensions = current_app.extensions
    if "loyalty_token_rate_limit" not in extensions:
        settings = extensions["loyalty"].settings
        extensions["loyalty_token_rate_limit"] = tuple(
            TokenBuckets(per_minute) if per_minute > 0 else None
            for per_minute in (settings.TOKEN_RATE_LIMIT_PER_CLIENT, settings.TOKEN_RATE_LIMIT_PER_ADDRESS))
    return extensions["loyalty_token_rate_limit"]


def client_address() -> str:
    """The caller's address: the peer's, or with ``TRUSTED_PROXY_HOPS`` = n proxies in
    front, the n-th ``X-Forwarded-For`` entry from the right (the one the outermost
    trusted proxy saw; entries further left are the caller's to make up)."""
    hops = current_app.extensions["loyalty"].settings.TRUSTED_PROXY_HOPS
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    if hops > 0 and forwarded:
        return forwarded[-min(hops, len(forwarded))]
    return request.remote_addr or ""


def check_token_request(client_id: str | None) -> None:
    """Raise ``RateLimited`` when this ``client_id`` (as asked for, known or not) or this
    address has asked for too many tokens; both budgets are spent by every request."""
    per_client, per_address = _token_buckets()
    waits = [per_client.take(("client", client_id or "")) if per_client else 0.0,
             per_address.take(("address", client_address())) if per_address else 0.0]
    wait = max(waits)
    if wait > 0:
        raise RateLimited("Too many token requests; slow down", retry_after=max(1, math.ceil(wait)))
