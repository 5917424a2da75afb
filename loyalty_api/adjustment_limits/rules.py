"""Adjustment limits, pure (program settings ``limits``).

``adjustment_max_points``: the most one manual adjustment may move, either sign
(its absolute value). ``adjustment_daily_points``: the most one API client may move
by adjustments in one day of the program's time zone, summing absolute values (a
debit of 300 and a credit of 300 move 600). ``None`` turns a limit off.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def adjustment_refusal(points: int, max_points: int | None, daily_points: int | None) -> str | None:
    """Why one adjustment of ``points`` is refused whatever the day's total ("" never; None: fine)."""
    if max_points is not None and abs(points) > max_points:
        return f"One adjustment may move at most {max_points} points."
    if daily_points is not None and abs(points) > daily_points:
        return f"A client may move at most {daily_points} points a day by adjustments."
    return None


def within_daily(used_today: int, points: int, daily_points: int | None) -> bool:
    """Whether adding ``|points|`` to what the client moved today stays within the daily limit."""
    return daily_points is None or used_today + abs(points) <= daily_points


def limit_day(at: datetime, tz_name: str) -> date:
    """The day of the program's zone an adjustment counts in."""
    return at.astimezone(ZoneInfo(tz_name)).date()
