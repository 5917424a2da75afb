"""Tokens of revoked clients, refused within ``TOKEN_REVOCATION_CHECK_SECONDS``.

A JWT is good until its ``exp`` by itself; to refuse a revoked client's tokens
sooner, every token carries its client's token version (``ver``) and each process
keeps the versions of the clients whose tokens were ever cut off (a short list:
revocations are rare). The list is reloaded in one query when it is older than the
setting (30 s by default, at most 60), on the request that finds it stale: no
query per request, and no query at all on most. A process that cannot reach the
database keeps its last list for up to 60 s, then answers 503 like every other
request would.
"""

from __future__ import annotations

import logging
import threading
import time

from flask import current_app
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger("loyalty_api.auth")

STALE_LIMIT_SECONDS = 60.0


class Revocations:
    def __init__(self, engine: Engine, max_age_seconds: float, clock=time.monotonic) -> None:
        self.engine = engine
        self.max_age = max_age_seconds
        self.clock = clock
        self._floors: dict[str, int] = {}
        self._loaded_at: float | None = None
        self._lock = threading.Lock()

    def refuses(self, client_id: str, token_version: int) -> bool:
        floor = self._current().get(client_id)
        return floor is not None and token_version < floor

    def _current(self) -> dict[str, int]:
        loaded_at = self._loaded_at
        if loaded_at is not None and self.clock() - loaded_at < self.max_age:
            return self._floors
        with self._lock:
            now = self.clock()
            if self._loaded_at is None or now - self._loaded_at >= self.max_age:
                self._reload(now)
        return self._floors

    def _reload(self, now: float) -> None:
        from loyalty_api.programs.service import token_floors

        try:
            with self.engine.connect() as connection:
                self._floors = token_floors(connection)
        except SQLAlchemyError:
            if self._loaded_at is None or now - self._loaded_at >= STALE_LIMIT_SECONDS:
                raise
            log.warning("revoked clients not reloaded; the list of %.0f s ago stays", now - self._loaded_at)
            return
        self._loaded_at = now


def revocations() -> Revocations:
    extensions = current_app.extensions
    if "loyalty_revocations" not in extensions:
        loyalty = extensions["loyalty"]
        extensions["loyalty_revocations"] = Revocations(loyalty.read_engine,
                                                        loyalty.settings.TOKEN_REVOCATION_CHECK_SECONDS)
    return extensions["loyalty_revocations"]
