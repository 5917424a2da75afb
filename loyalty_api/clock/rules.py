"""A test program's clock, as arithmetic. Pure functions.

The clock is an offset: the program's now is the real now plus ``offset``. Keeping an
offset rather than a frozen instant means a test program's time still runs (a hold
of 15 minutes runs out 15 real minutes later, as it would live), and moving it
forward is one number that every reader adds.
"""

from __future__ import annotations

from datetime import datetime, timedelta

# A clock may be moved at most this far in one request: ten years covers any
# yearly rule, and the job pass that follows stays bounded.
MAX_ADVANCE = timedelta(days=3660)


class NotForward(ValueError):
    """The asked time is not after the program's current now."""


class TooFar(ValueError):
    """The asked move is more than ``MAX_ADVANCE``."""


def program_now(real_now: datetime, offset: timedelta) -> datetime:
    return real_now + offset


def moved_offset(real_now: datetime, offset: timedelta, *, advance_seconds: int | None = None,
                 target: datetime | None = None) -> timedelta:
    """The offset after moving the clock by ``advance_seconds`` or to ``target``
    (exactly one of them). Forward only: a zero move is refused too, it would run
    nothing and most likely hides a mistake in the caller's arithmetic."""
    if (advance_seconds is None) == (target is None):
        raise ValueError("exactly one of advance_seconds and target")
    current = program_now(real_now, offset)
    wanted = current + timedelta(seconds=advance_seconds) if advance_seconds is not None else target
    if wanted <= current:
        raise NotForward(f"the clock is at {current.isoformat()}; it only moves forward")
    if wanted - current > MAX_ADVANCE:
        raise TooFar(f"at most {MAX_ADVANCE.days} days in one move")
    return wanted - real_now


def offset_seconds(offset: timedelta) -> int:
    """The offset in whole seconds, for the answer (the stored one keeps microseconds)."""
    return int(offset.total_seconds())
