"""``loyalty-api worker``: fan the outbox out to webhooks and deliver, at least once.

One cycle (``run_once``): fan out what the outbox holds (one worker at a time, short
transactions of ``fan_out_batch`` events), then ``concurrency`` threads each claim a
few due deliveries (a committed lease), POST them with no transaction open, and
record each result in a transaction of its own. Many workers run side by side: claims
use ``FOR UPDATE SKIP LOCKED``; a worker that dies leaves leases that run out, and
another worker sends those deliveries again.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy.orm import Session, sessionmaker

from loyalty_api.config import Settings
from loyalty_api.db import unit_of_work
from loyalty_api.webhooks import dispatch, sender
from loyalty_api.webhooks.crypto import SecretBox
from loyalty_api.webhooks.rules import SIGNATURE_HEADER, envelope_body, next_attempt_at, signature_header

log = logging.getLogger("loyalty_api.webhooks")


@dataclass
class WorkerOptions:
    concurrency: int = 4
    claim_size: int = 5
    timeout: float = 10.0
    fan_out_batch: int = 1000
    lease_seconds: float | None = None  # default: enough for a whole claim to time out
    allow_private: bool = False
    # None: the database's clock, so that workers on hosts with skewed clocks agree
    # on when a lease has run out or a retry is due. Tests pass a moved clock.
    clock: Callable[[], datetime] | None = None
    resolve: Callable[..., list] | None = None
    jitter: Callable[[], float] = field(default=random.random)

    @property
    def lease(self) -> timedelta:
        if self.lease_seconds is not None:
            return timedelta(seconds=self.lease_seconds)
        # connect, write and read may each take up to ``timeout``; then a margin.
        return timedelta(seconds=self.claim_size * (3 * self.timeout + 5) + 30)


class Worker:
    def __init__(self, session_factory: sessionmaker[Session], settings: Settings,
                 options: WorkerOptions | None = None) -> None:
        self.session_factory = session_factory
        self.box = SecretBox(settings)
        self.options = options or WorkerOptions(allow_private=settings.WEBHOOK_ALLOW_PRIVATE_URLS)
        self.stop = threading.Event()
        self._counts: Counter = Counter()
        self._lock = threading.Lock()

    def _clock(self) -> datetime | None:
        return self.options.clock() if self.options.clock is not None else None

    def _since_claim(self, item: dispatch.Claimed, claimed: float) -> datetime:
        """Now, on the clock the claim was made with, without asking the database again."""
        if self.options.clock is not None:
            return self.options.clock()
        return item.claimed_at + timedelta(seconds=time.monotonic() - claimed)

    def _count(self, key: str, n: int = 1) -> None:
        with self._lock:
            self._counts[key] += n

    def fan_out(self) -> None:
        # Program by program: on Citus only a single-program claim takes row locks.
        with unit_of_work(self.session_factory) as uow:
            programs = dispatch.programs_to_fan_out(uow.session)
        for program_id in programs:
            while not self.stop.is_set():
                with unit_of_work(self.session_factory) as uow:
                    if not dispatch.try_fan_out_lock(uow.session):
                        return  # another worker is fanning out right now
                    events, deliveries = dispatch.fan_out(uow.session, program_id, self._clock(),
                                                          self.options.fan_out_batch)
                    uow.commit()
                self._count("events", events)
                self._count("deliveries_created", deliveries)
                if events < self.options.fan_out_batch:
                    break

    def run_once(self) -> dict[str, int]:
        """Fan out, then deliver everything due now; answers counts for the report."""
        self._counts = Counter()
        try:
            self.fan_out()
        except Exception:  # the database may be away; deliveries can still be tried later
            log.exception("webhook fan-out failed")
            self._count("errors")
        with unit_of_work(self.session_factory) as uow:
            programs = dispatch.programs_due(uow.session, self._clock())
        threads = [threading.Thread(target=self._deliver_loop, args=(programs,), name=f"webhook-{n}", daemon=True)
                   for n in range(self.options.concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return {key: self._counts[key] for key in
                ("events", "deliveries_created", "succeeded", "retrying", "failed", "lost_leases", "errors")}

    def request_stop(self, *_signal) -> None:
        """Finish the deliveries in flight, hand back the other claims, end the loop."""
        self.stop.set()
        log.info("webhook worker: stop requested", extra={"worker": "webhooks"})

    def run_forever(self, poll_interval: float) -> None:
        while not self.stop.is_set():
            counts = self.run_once()
            if any(counts.values()):
                log.info("webhook worker cycle: %s", counts, extra={"worker": "webhooks"})
            if not counts["succeeded"] and not counts["retrying"] and not counts["events"]:
                self.stop.wait(poll_interval)

    def _deliver_loop(self, programs: list[uuid.UUID]) -> None:
        """Claims and delivers in each program in turn until it has nothing due."""
        for program_id in programs:
            if not self._deliver_program(program_id):
                return

    def _deliver_program(self, program_id: uuid.UUID) -> bool:
        """False when the loop must end (stopping, or the database failed)."""
        options = self.options
        while not self.stop.is_set():
            token = uuid.uuid4()
            try:
                with unit_of_work(self.session_factory) as uow:
                    claimed = time.monotonic()
                    batch = dispatch.claim(uow.session, program_id, self._clock(), options.claim_size,
                                           options.lease, token)
                    uow.commit()
                if not batch:
                    return True
                for n, item in enumerate(batch):
                    if self.stop.is_set():
                        # Stopping (SIGTERM): hand the rest back now rather than
                        # leaving them to wait for the lease to run out.
                        with unit_of_work(self.session_factory) as uow:
                            dispatch.release(uow.session, batch[n:], token)
                            uow.commit()
                        return False
                    self._deliver(item, token, claimed)
            except Exception:
                log.exception("webhook delivery loop failed")
                self._count("errors")
                return False
        return False

    def _secrets(self, item: dispatch.Claimed, now: datetime) -> list[str]:
        secrets = [self.box.open(item.secret_sealed)]
        if item.previous_secret_sealed and item.previous_secret_expires_at and item.previous_secret_expires_at > now:
            secrets.append(self.box.open(item.previous_secret_sealed))
        return secrets

    def _deliver(self, item: dispatch.Claimed, token: uuid.UUID, claimed: float) -> None:
        options = self.options
        body = envelope_body(str(item.event_id), item.type, item.event_created_at, str(item.program_id), item.data)
        try:
            secrets = self._secrets(item, item.claimed_at)
        except RuntimeError as exc:  # a key was removed from WEBHOOK_SECRET_KEY: retried, then failed
            log.error("webhook %s: secret unreadable", item.webhook_id, extra={"worker": "webhooks"})
            outcome = sender.Outcome(False, error=str(exc)[:200])
        else:
            headers = {
                SIGNATURE_HEADER: signature_header(secrets, int(time.time()), body),
                "Loyalty-Event-Id": str(item.event_id),
                "Loyalty-Event-Type": item.type,
                "Loyalty-Delivery-Id": str(item.delivery_id),
                "Loyalty-Delivery-Attempt": str(item.attempts),
            }
            extra = {"resolve": options.resolve} if options.resolve else {}
            outcome = sender.post(item.url, body, headers, timeout=options.timeout,
                                  allow_private=options.allow_private, **extra)
        now = self._since_claim(item, claimed)
        with unit_of_work(self.session_factory) as uow:
            if outcome.ok:
                kept = dispatch.record_success(uow.session, item, token, now, outcome.status_code)
                outcome_name = "succeeded"
            else:
                retry_at = next_attempt_at(item.created_at, item.attempts, now, options.jitter())
                kept = dispatch.record_failure(uow.session, item, token, retry_at, outcome.status_code,
                                               outcome.error)
                outcome_name = "retrying" if retry_at else "failed"
            uow.commit()
        self._count(outcome_name if kept else "lost_leases")
        log.info("webhook delivery %s attempt %d: %s (status %s, error %s)%s", item.delivery_id, item.attempts,
                 outcome_name, outcome.status_code, outcome.error, "" if kept else "; lease lost, not recorded",
                 extra={"worker": "webhooks"})
