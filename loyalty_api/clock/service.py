"""Use cases of test programs: read and move the clock, reset. Callers commit.

The clock lives in one place, ``programs.clock_offset``: a test program's now is the
real now plus that offset (``rules.program_now``). Requests of a test program read it
once (``http.clock.program_now``), the job runner reads the shifted clocks once per
run (``shifted_clocks``) and runs those programs at their own time. A live program
never reads it: its tokens say it is live (claim ``tst`` absent), and the runner
passes it the real now as before.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from loyalty_api.audit import service as audit
from loyalty_api.audit.rules import Actor
from loyalty_api.clock import rules
from loyalty_api.errors import ClockNotForward, Forbidden, NotFound, ValidationFailed

_MODE = text("SELECT mode FROM programs WHERE program_id = :program_id")
_CLOCK = text("SELECT mode, clock_offset FROM programs WHERE program_id = :program_id")
# NO KEY UPDATE: two moves of one clock queue up, while writes whose foreign keys
# name the program (KEY SHARE) go on.
_CLOCK_FOR_MOVE = text("SELECT mode, clock_offset FROM programs WHERE program_id = :program_id "
                       "FOR NO KEY UPDATE")
_MOVE = text("UPDATE programs SET clock_offset = :offset WHERE program_id = :program_id AND mode = 'test'")
_SHIFTED = text("SELECT program_id, clock_offset FROM programs WHERE clock_offset > interval '0' "
                "ORDER BY program_id")

# A program's mode never changes after creation, so a process may keep it for good.
_TEST_PROGRAMS: dict[uuid.UUID, bool] = {}


def is_test_program(session: Session, program_id: uuid.UUID) -> bool:
    known = _TEST_PROGRAMS.get(program_id)
    if known is None:
        mode = session.execute(_MODE, {"program_id": program_id}).scalar()
        if mode is None:
            return False
        known = _TEST_PROGRAMS[program_id] = mode == "test"
    return known


def offset_of(session: Session | Connection, program_id: uuid.UUID) -> timedelta:
    """How far ahead of the real time a program's clock is (zero for a live one)."""
    row = session.execute(_CLOCK, {"program_id": program_id}).one_or_none()
    return row.clock_offset if row is not None else timedelta(0)


def program_now(session: Session, program_id: uuid.UUID, real_now: datetime) -> datetime:
    return rules.program_now(real_now, offset_of(session, program_id))


def shifted_clocks(session: Session) -> list[tuple[uuid.UUID, timedelta]]:
    """The test programs whose clock is ahead of the real time, with their offsets."""
    return [(row.program_id, row.clock_offset) for row in session.execute(_SHIFTED)]


def _test_clock(session: Session, program_id: uuid.UUID, statement=_CLOCK) -> timedelta:
    row = session.execute(statement, {"program_id": program_id}).one_or_none()
    if row is None:
        raise NotFound("Program not found")
    if row.mode != "test":
        raise Forbidden("A live program has no clock and no reset: only test programs (mode test) do")
    return row.clock_offset


def clock_view(program_id: uuid.UUID, real_now: datetime, offset: timedelta) -> dict[str, Any]:
    return {"program_id": program_id, "mode": "test", "now": rules.program_now(real_now, offset),
            "offset_seconds": rules.offset_seconds(offset)}


def get_clock(session: Session, program_id: uuid.UUID, real_now: datetime) -> dict[str, Any]:
    return clock_view(program_id, real_now, _test_clock(session, program_id))


def move_clock(session: Session, program_id: uuid.UUID, real_now: datetime, *, actor: Actor,
               advance_seconds: int | None = None, target: datetime | None = None) -> dict[str, Any]:
    """Move a test program's clock forward (by ``advance_seconds`` or to ``target``)."""
    if (advance_seconds is None) == (target is None):
        raise ValidationFailed("Give exactly one of advance_seconds and now",
                               errors={"advance_seconds": ["Exactly one of advance_seconds and now."]})
    offset = _test_clock(session, program_id, _CLOCK_FOR_MOVE)
    try:
        moved = rules.moved_offset(real_now, offset, advance_seconds=advance_seconds, target=target)
    except rules.NotForward as exc:
        raise ClockNotForward(str(exc), errors={"now" if target else "advance_seconds": [str(exc)]}) from exc
    except rules.TooFar as exc:
        raise ValidationFailed(str(exc), errors={"now" if target else "advance_seconds": [str(exc)]}) from exc
    session.execute(_MOVE, {"program_id": program_id, "offset": moved})
    moved_from = rules.program_now(real_now, offset)
    view = clock_view(program_id, real_now, moved)
    audit.record(session, program_id, actor, "program.clock_moved", ("program", program_id),
                 before={"now": moved_from}, after={"now": view["now"]})
    return {**view, "moved_from": moved_from}
