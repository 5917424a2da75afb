"""Transfer rules: the monthly limit and what the receiver's lots are. Pure functions.

* A transfer moves **available** points only, drawn from the sender's lots in the
  ledger's spending order (soonest expiry first, no expiry last, then oldest).
* Every source lot the transfer drew on becomes one lot of the receiver with the same
  ``expires_at``: a transfer never lengthens (or shortens) the life of a point. The
  receiver's lots are available at once (the sender's points were).
* ``max_points_per_month`` caps the points one member sends per calendar month of
  the program's time zone; ``None`` is no limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable

from loyalty_api.ledger.rules import FAR_FUTURE, MAX_POINTS, Draw  # noqa: F401  (MAX_POINTS: this module's API)


@dataclass(frozen=True)
class MonthlyRoom:
    """What the limit leaves this month: ``remaining`` None when there is no limit."""

    limit: int | None
    used: int

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)

    def allows(self, points: int) -> bool:
        return self.limit is None or self.used + points <= self.limit


def receiver_credits(draws: Iterable[Draw], *, now: datetime, reason: str | None,
                     actor: str | None) -> list[dict[str, Any]]:
    """The receiver's credits (``ledger.lots.insert_credits`` rows), one per source lot
    in spending order, each keeping its lot's expiry and naming it (``lot_id``)."""
    ordered = sorted((draw for draw in draws if draw.points > 0),
                     key=lambda draw: (draw.expires_at or FAR_FUTURE, draw.lot_id or 0))
    return [{"type": "transfer_in", "points": draw.points, "reason": reason, "actor": actor,
             "available_at": now, "expires_at": draw.expires_at, "lot_id": draw.lot_id} for draw in ordered]


def expiry_slices(credits: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the receiver got per expiry instant, soonest first (no expiry last): the
    answer's ``lots``."""
    totals: dict[datetime | None, int] = {}
    for credit in credits:
        totals[credit["expires_at"]] = totals.get(credit["expires_at"], 0) + credit["points"]
    return [{"expires_at": expires_at, "points": points}
            for expires_at, points in sorted(totals.items(), key=lambda item: item[0] or FAR_FUTURE)]
