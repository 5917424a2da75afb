"""The plain in-memory ledger that ``tests/ledger/test_ledger_stateful.py`` checks the database
against: lots spent soonest-expiry first, refunds back onto their source lots' expiry,
debt paid first by any new lot, and what the expiry job steps should report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from loyalty_api.ledger.rules import FAR_FUTURE, expiry_instant

EXPIRY = {"mode": "days", "days": 3}
PENDING_DAYS = 2
MIN_POINTS = 10
HOLD_TTL = 3600


@dataclass
class MLot:
    seq: int
    points: int
    remaining: int
    available_at: datetime
    expires_at: datetime | None
    created_at: datetime
    order_id: str | None  # the order whose earning created it

    def live(self, now):
        return self.expires_at is None or self.expires_at > now


class Model:
    """What the ledger should hold, computed the plain way."""

    def __init__(self, clawback: str):
        self.clawback = clawback
        self.lots: list[MLot] = []
        self.debt = 0
        self.lifetime = 0
        self.holds: dict[str, list] = {}  # hold_id -> [points, expires_at, status]
        self.orders: dict[str, dict] = {}
        self.activated: set[int] = set()  # lots announced by expiry.activate
        self.holds_announced: set[str] = set()

    def active(self, now):
        return sum(l.remaining for l in self.lots if l.available_at <= now and l.live(now))

    def figures(self, now):
        active = self.active(now)
        pending = sum(l.remaining for l in self.lots if l.available_at > now and l.live(now))
        held = min(self.held_total(now), max(active - self.debt, 0))
        return active - self.debt - held, pending, held

    def _take(self, lots, points, draws=None):
        taken = 0
        for lot in lots:
            step = min(lot.remaining, points - taken)
            lot.remaining -= step
            taken += step
            if step and draws is not None:
                draws.append((lot.expires_at, lot.seq, step))
            if taken == points:
                break
        return taken

    def spend(self, points, now, draws=None):
        lots = sorted((l for l in self.lots if l.remaining and l.available_at <= now and l.live(now)),
                      key=lambda l: (l.expires_at or FAR_FUTURE, l.created_at, l.seq))
        return self._take(lots, points, draws)

    def refund(self, points, already, draws, now):
        """Refunded points come back with the expiry of the lots they were spent from,
        the last-spent (latest-expiring) first: one lot per source lot."""
        new = []
        for expires_at, _seq, drawn in sorted(draws, key=lambda d: (d[0] or FAR_FUTURE, d[1]), reverse=True):
            skipped = min(already, drawn)
            already -= skipped
            take = min(drawn - skipped, points)
            if take:
                new.append(MLot(len(self.lots) + len(new), take, take, now, expires_at, now, None))
                points -= take
        assert points == 0
        self.lots.extend(new)
        for lot in sorted(new, key=lambda l: (l.expires_at or FAR_FUTURE, l.created_at, l.seq)):
            paid = min(self.debt, lot.remaining)
            lot.remaining -= paid
            self.debt -= paid

    def held_total(self, now):
        return sum(h[0] for h in self.holds.values() if h[2] == "held" and h[1] > now)

    def reverse(self, points, now, order_id):
        """The order's own pending lots first, then available points no active hold reserves
        (SPEC §4: held points are exclusive), the order's own lots first."""
        order = lambda l: (l.order_id != order_id, l.expires_at or FAR_FUTURE, l.created_at, l.seq)  # noqa: E731
        own_pending = sorted((l for l in self.lots if l.remaining and l.live(now) and l.order_id == order_id
                              and l.available_at > now), key=order)
        taken = self._take(own_pending, points)
        free = max(self.active(now) - self.held_total(now), 0)
        available = sorted((l for l in self.lots if l.remaining and l.live(now) and l.available_at <= now),
                           key=order)
        return taken + self._take(available, min(points - taken, free))

    def credit(self, points, now, available_at=None, expires_at="default", order_id=None):
        available_at = available_at or now
        if expires_at == "default":
            expires_at = expiry_instant(available_at, EXPIRY, "UTC")
        lot = MLot(len(self.lots), points, points, available_at, expires_at, now, order_id)
        self.lots.append(lot)
        paid = min(self.debt, points)
        lot.remaining -= paid
        self.debt -= paid

    # --- what the expiry job steps should find ------------------------------------------

    def burn(self, now) -> tuple[int, int]:
        """``expiry.burn_expired``: every lot past its expiry with points left; (lots, points)."""
        due = [l for l in self.lots if l.remaining and not l.live(now)]
        points = sum(l.remaining for l in due)
        for lot in due:
            lot.remaining = 0
        return len(due), points

    def activations(self, now) -> int:
        """``expiry.activate``: lots born pending (available later than created) that are
        available now, still live with points left, announced once."""
        due = [l for l in self.lots if l.available_at > l.created_at and l.available_at <= now and l.remaining
               and l.live(now) and l.seq not in self.activated]
        self.activated.update(l.seq for l in due)
        return len(due)

    def expired_holds(self, now) -> int:
        """``expiry.holds``: holds neither captured nor released that ran out, announced once."""
        due = [hold_id for hold_id, (_p, expires_at, status) in self.holds.items()
               if status == "held" and expires_at <= now and hold_id not in self.holds_announced]
        self.holds_announced.update(due)
        return len(due)
