"""Pure ledger arithmetic: expiry instants, rounding, and the order lots are spent in.

No database and no Flask here: datetimes and numbers in, datetimes and numbers out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from fractions import Fraction
from typing import Iterable, Sequence
from zoneinfo import ZoneInfo

# One implementation of "when does a lot burn", shared with the expiry job.
from loyalty_api.expiry.rules import expiry_instant  # noqa: F401  (part of this module's API)

# Types that put points into a lot, and those that take them out (SPEC §3 rule 5).
CREDIT_TYPES = ("earn", "bonus", "referral", "refund", "transfer_in", "import")
DEBIT_TYPES = ("redeem", "reverse", "expire", "transfer_out")
ENTRY_TYPES = CREDIT_TYPES + DEBIT_TYPES + ("adjust",)
# What ``lifetime_earned`` counts (SPEC §5): earned credits net of reversals.
LIFETIME_TYPES = ("earn", "bonus", "referral", "reverse")
# What counts as activity for the inactivity burn (SPEC §2 expiry.inactivity_days).
ACTIVITY_TYPES = ("earn", "bonus", "referral", "redeem")

FAR_FUTURE = datetime(9999, 12, 31, tzinfo=timezone.utc)
# The ledger's integer range (PostgreSQL bigint): no entry may hold more points.
MAX_POINTS = 2**63 - 1


def expires_after_days(available_at: datetime, days: int, tz: str | ZoneInfo) -> datetime:
    """A lot with its own life (a rule's ``expires_in_days``): end of day ``days`` after it is available."""
    return expiry_instant(available_at, {"mode": "days", "days": days}, tz)  # type: ignore[return-value]


def round_half_up(value: Fraction) -> int:
    """Nearest integer, halves away from zero for the non-negative values we use."""
    if value < 0:
        return -round_half_up(-value)
    whole = value.numerator // value.denominator
    return whole + (1 if value - whole >= Fraction(1, 2) else 0)


def share_so_far(returned: Fraction, amount: Fraction, total_points: int) -> int:
    """Points taken/given back once ``returned`` of ``amount`` has been returned (SPEC §4 returns)."""
    if amount <= 0:
        return 0
    return round_half_up(min(returned, amount) / amount * total_points)


def spend_key(expires_at: datetime | None, created_at: datetime, lot_id: int) -> tuple:
    """Sort key of SPEC §3 rule 3: soonest expiry first, no expiry last, then oldest."""
    return (expires_at or FAR_FUTURE, created_at, lot_id)


def is_spendable(available_at: datetime, expires_at: datetime | None, now: datetime) -> bool:
    return available_at <= now and (expires_at is None or expires_at > now)


def plan_spend(lots: Iterable[tuple[int, int]], points: int) -> list[tuple[int, int]]:
    """Take ``points`` from ``(lot_id, remaining)`` pairs already in spending order."""
    taken: list[tuple[int, int]] = []
    left = points
    for lot_id, remaining in lots:
        if left <= 0:
            break
        take = min(left, remaining)
        if take > 0:
            taken.append((lot_id, take))
            left -= take
    return taken


@dataclass(frozen=True)
class Draw:
    """What one debit took from one lot (``lot_id`` None: points whose lots are not known)."""

    lot_id: int | None
    points: int
    expires_at: datetime | None


def refund_slices(draws: Sequence[Draw], already: int, points: int) -> list[Draw]:
    """The lots ``points`` of refund come back from, when ``already`` points of the same
    debits were refunded before: the draws are given back last-spent first (the
    latest-expiring points first), each with its lot's expiry; what the draws do not
    cover (debits older than the draws) comes back as one slice without a lot."""
    slices: list[Draw] = []
    skip, left = already, points
    for draw in sorted(draws, key=lambda d: (d.expires_at or FAR_FUTURE, d.lot_id or 0), reverse=True):
        skipped = min(skip, draw.points)
        skip -= skipped
        take = min(draw.points - skipped, left)
        if take > 0:
            slices.append(Draw(draw.lot_id, take, draw.expires_at))
            left -= take
    if left > 0:
        slices.append(Draw(None, left, None))
    return slices
