"""``loyalty-api worker``: fan the outbox out to webhooks and deliver, at least once.

A cycle (``run_once``) fans out the outbox program by program, then ``concurrency``
threads take the programs with due deliveries in turn (``Rotation``): a thread claims a
few of one program's deliveries (a committed lease, under the program's cap), POSTs
them with no transaction open, records each result in a transaction of its own, and
goes on with the next program. Workers run side by side (``FOR UPDATE SKIP LOCKED``);
the leases of a worker that dies run out, and another worker sends those deliveries.
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
from typing import Callable, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from loyalty_api.config import Settings
from loyalty_api.db import unit_of_work
from loyalty_api.observability import heartbeats
from loyalty_api.webhooks import dispatch, results, sender, service
from loyalty_api.webhooks.crypto import SecretBox
from loyalty_api.webhooks.rotation import Rotation, from_anywhere
from loyalty_api.webhooks.rules import (MAX_ATTEMPTS, claim_backoffs, delivery_headers, envelope_body,
                                        next_attempt_at, parse_retry_after, should_disable)

log = logging.getLogger("loyalty_api.webhooks")
T = TypeVar("T")

# At most one heartbeat write per this many seconds per worker (an idle worker cycles every second).
HEARTBEAT_EVERY_SECONDS = 15.0
CLOSE_EXHAUSTED_EVERY_SECONDS = 60.0  # see _close_exhausted


@dataclass
class WorkerOptions:
    concurrency: int = 4
    claim_size: int = 5
    timeout: float = 10.0
    # The whole attempt (connect, send, status line and headers), whatever the phases do.
    deadline: float = 30.0
    # Deliveries of one program leased at once, fleet-wide: the other programs keep senders.
    per_program: int = 2
    fan_out_batch: int = 1000
    lease_seconds: float | None = None  # default: enough for a whole claim to run out of deadlines
    allow_private: bool = False
    # None: the database's clock, so that workers on hosts with skewed clocks agree
    # on when a lease has run out or a retry is due. Tests pass a moved clock.
    clock: Callable[[], datetime] | None = None
    resolve: Callable[..., list] | None = None
    jitter: Callable[[], float] = field(default=random.random)

    @property
    def attempt_budget(self) -> float:
        """The longest one attempt can take: DNS lookup, then the deadline, then recording it."""
        return sender.DNS_TIMEOUT_SECONDS + self.deadline + 5

    @property
    def lease(self) -> timedelta:
        if self.lease_seconds is not None:
            return timedelta(seconds=self.lease_seconds)
        return timedelta(seconds=self.claim_size * self.attempt_budget + 30)


class Worker:
    def __init__(self, session_factory: sessionmaker[Session], settings: Settings,
                 options: WorkerOptions | None = None) -> None:
        self.session_factory = session_factory
        self.box = SecretBox(settings)
        self.options = options or WorkerOptions(allow_private=settings.WEBHOOK_ALLOW_PRIVATE_URLS)
        self.stop = threading.Event()
        self._counts: Counter = Counter()
        self._outcomes: Counter = Counter()  # (program_id, outcome) -> attempts, for /metrics
        self._lock = threading.Lock()
        self._backoffs = claim_backoffs()
        self._last_beat = 0.0
        self._last_closing = -CLOSE_EXHAUSTED_EVERY_SECONDS  # the first cycle closes

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
        """One batch per program in turn, until every program's batch came back short."""
        with unit_of_work(self.session_factory) as uow:
            line = from_anywhere(dispatch.programs_to_fan_out(uow.session))
        while line and not self.stop.is_set():
            line = [program_id for program_id in line if self._fan_out_batch(program_id)]

    def _step(self, what: str, step: Callable[[], T]) -> T | None:
        """A step on its own: its failure (the database away, one program's error) is logged and
        counted, and the cycle goes on (deliveries go out whatever the fan-out met)."""
        try:
            return step()
        except Exception:
            log.exception("webhook worker: %s failed", what)
            self._count("errors")
            return None

    def _fan_out_batch(self, program_id: uuid.UUID) -> bool:
        """True when the program may have more; one that fails waits for the next cycle."""
        return bool(self._step(f"fan-out of program {program_id}", lambda: self._fan_out_program(program_id)))

    def _fan_out_program(self, program_id: uuid.UUID) -> bool:
        with unit_of_work(self.session_factory) as uow:
            if not dispatch.try_fan_out_lock(uow.session, program_id):
                return False  # another worker is fanning this program out right now
            events, deliveries = dispatch.fan_out(uow.session, program_id, self._clock(), self.options.fan_out_batch)
            uow.commit()
        self._count("events", events)
        self._count("deliveries_created", deliveries)
        return events == self.options.fan_out_batch

    def _close_exhausted(self) -> None:
        """Close deliveries that used up their attempts: rare, and a scan of every pending one, so once a minute."""
        if time.monotonic() - self._last_closing < CLOSE_EXHAUSTED_EVERY_SECONDS:
            return
        with unit_of_work(self.session_factory) as uow:
            programs = dispatch.programs_exhausted(uow.session, self._clock(), MAX_ATTEMPTS)
        for program_id in programs:
            with unit_of_work(self.session_factory) as uow:
                self._count("failed", dispatch.close_exhausted(uow.session, program_id, self._clock(), MAX_ATTEMPTS))
                uow.commit()
        self._last_closing = time.monotonic()

    def _programs_due(self) -> list[uuid.UUID]:
        with unit_of_work(self.session_factory) as uow:
            return dispatch.programs_due(uow.session, self._clock(), MAX_ATTEMPTS)

    def run_once(self) -> dict[str, int]:
        """Fan out, then deliver everything due now; answers counts for the report."""
        self._counts = Counter()
        self._outcomes = Counter()
        self._step("fan-out", self.fan_out)
        self._step("closing exhausted deliveries", self._close_exhausted)
        rotation = Rotation(self._step("look for due deliveries", self._programs_due) or [])
        threads = [threading.Thread(target=self._deliver_loop, args=(rotation,), name=f"webhook-{n}", daemon=True)
                   for n in range(self.options.concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self._publish()
        return {key: self._counts[key] for key in
                ("events", "deliveries_created", "succeeded", "retrying", "failed", "lost_leases", "errors")}

    def _publish(self) -> None:
        """The cycle's outcomes into the counters ``/metrics`` reads, and the heartbeat."""
        try:
            if self._outcomes:
                with unit_of_work(self.session_factory) as uow:
                    results.add_counts(uow.session, dict(self._outcomes))
                    uow.commit()
            if time.monotonic() - self._last_beat >= HEARTBEAT_EVERY_SECONDS or self._counts["errors"]:
                heartbeats.beat(self.session_factory, heartbeats.WEBHOOK_WORKER, ok=not self._counts["errors"])
                self._last_beat = time.monotonic()
        except Exception:
            log.exception("webhook worker: counters not recorded")
            self._count("errors")

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

    def _deliver_loop(self, rotation: Rotation) -> None:
        """Claim in the programs in turn, one claim per turn, until none has anything to lease."""
        options = self.options
        while not self.stop.is_set() and (program_id := rotation.take()) is not None:
            token = uuid.uuid4()
            try:
                with unit_of_work(self.session_factory) as uow:
                    claimed = time.monotonic()
                    batch = dispatch.claim(uow.session, program_id, self._clock(), options.claim_size, options.lease,
                                           token, per_program=options.per_program, max_attempts=MAX_ATTEMPTS,
                                           backoffs=self._backoffs)
                    uow.commit()
            except Exception:  # the database is away: end this cycle; the next one tries again
                log.exception("webhook claim failed")
                self._count("errors")
                return
            if not batch:  # nothing due, or the program is at its cap until a result frees a lease
                rotation.drop(program_id)
                continue
            for n, item in enumerate(batch):
                # Stopping (SIGTERM), or too little lease left for another whole attempt
                # (the first one always has the lease it was claimed with):
                # hand the rest back now rather than risk a second worker sending them too.
                lease_left = options.lease.total_seconds() - (time.monotonic() - claimed)
                if self.stop.is_set() or lease_left <= 0 or (n and lease_left < options.attempt_budget):
                    self._release(batch[n:], token)
                    break
                self._deliver_guarded(item, token, claimed)
            rotation.keep(program_id)

    def _release(self, items: list[dispatch.Claimed], token: uuid.UUID) -> None:
        try:
            with unit_of_work(self.session_factory) as uow:
                results.release(uow.session, items, token)
                uow.commit()
        except Exception:  # the leases run out on their own
            log.exception("webhook release failed")
            self._count("errors")

    def _deliver_guarded(self, item: dispatch.Claimed, token: uuid.UUID, claimed: float) -> None:
        """One delivery; whatever goes wrong is that delivery's failed attempt, never the thread's end."""
        try:
            self._deliver(item, token, claimed)
        except Exception as exc:
            log.exception("webhook delivery %s failed unexpectedly", item.delivery_id, extra={"worker": "webhooks"})
            self._count("errors")
            try:
                self._record(item, token, claimed, sender.Outcome(False, error=f"internal: {type(exc).__name__}"))
            except Exception:  # the database is away: the lease runs out and the claim backoff applies
                log.exception("webhook delivery %s: failure not recorded", item.delivery_id)

    def _secrets(self, item: dispatch.Claimed, now: datetime) -> list[str]:
        secrets = [self.box.open(item.secret_sealed)]
        if item.previous_secret_sealed and item.previous_secret_expires_at and item.previous_secret_expires_at > now:
            secrets.append(self.box.open(item.previous_secret_sealed))
        return secrets

    def _deliver(self, item: dispatch.Claimed, token: uuid.UUID, claimed: float) -> None:
        options = self.options
        body = envelope_body(str(item.event_id), item.type, item.event_created_at, str(item.program_id), item.data,
                             item.livemode)
        try:
            secrets = self._secrets(item, item.claimed_at)
        except RuntimeError as exc:  # a key was removed from WEBHOOK_SECRET_KEY: retried, then failed
            log.error("webhook %s: secret unreadable", item.webhook_id, extra={"worker": "webhooks"})
            outcome = sender.Outcome(False, error=str(exc)[:200])
        else:
            extra = {"resolve": options.resolve} if options.resolve else {}
            headers = delivery_headers(str(item.event_id), item.type, str(item.delivery_id), item.attempts, secrets,
                                       int(time.time()), body)
            outcome = sender.post(item.url, body, headers, timeout=options.timeout,
                                  deadline=options.deadline, allow_private=options.allow_private, **extra)
        self._record(item, token, claimed, outcome)

    def _record(self, item: dispatch.Claimed, token: uuid.UUID, claimed: float, outcome: sender.Outcome) -> None:
        now = self._since_claim(item, claimed)
        disable_reason = None
        with unit_of_work(self.session_factory) as uow:
            results.lock_webhook(uow.session, item)
            if outcome.ok:
                kept = results.record_success(uow.session, item, token, now, outcome.status_code)
                outcome_name = "succeeded"
            else:
                gone = outcome.status_code == 410
                retry_at = None if gone else next_attempt_at(
                    item.first_failed_at, item.attempts, now, self.options.jitter(),
                    parse_retry_after(outcome.retry_after, now))
                failing_since = results.record_failure(uow.session, item, token, now, retry_at,
                                                        outcome.status_code, outcome.error)
                kept = failing_since is not None
                outcome_name = "retrying" if retry_at else "failed"
                if gone:
                    disable_reason = "the receiver answered 410 Gone"
                elif kept and should_disable(failing_since, now):
                    disable_reason = f"every attempt failed since {failing_since.isoformat()}"
                if kept and disable_reason:
                    service.disable_webhook(uow.session, item.program_id, item.webhook_id, disable_reason, now)
            uow.commit()
        if kept:
            with self._lock:
                self._outcomes[(item.program_id, outcome_name)] += 1
        self._count(outcome_name if kept else "lost_leases")
        log.info("webhook delivery %s attempt %d: %s (status %s, error %s)%s%s", item.delivery_id, item.attempts,
                 outcome_name, outcome.status_code, outcome.error, "" if kept else "; lease lost, not recorded",
                 f"; webhook disabled: {disable_reason}" if kept and disable_reason else "",
                 extra={"worker": "webhooks"})
