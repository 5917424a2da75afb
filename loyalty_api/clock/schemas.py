"""Schemas of ``/v1/program/clock`` and ``/v1/program/reset``."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from loyalty_api.clock.rules import MAX_ADVANCE
from loyalty_api.fields import AwareDateTime


class ClockSchema(ma.Schema):
    program_id = ma.fields.UUID()
    mode = ma.fields.String(metadata={"enum": ["test"], "example": "test"})
    now = AwareDateTime(metadata={"example": "2027-01-31T21:00:00Z",
                                  "description": "The program's now: the real now plus offset_seconds"})
    offset_seconds = ma.fields.Integer(metadata={"example": 4579200,
                                                 "description": "How far ahead of the real time the clock is"})


class ClockMoveSchema(ma.Schema):
    """Exactly one of the two; the clock only moves forward."""

    class Meta:
        unknown = ma.RAISE

    advance_seconds = ma.fields.Integer(
        validate=validate.Range(min=1, max=int(MAX_ADVANCE.total_seconds())),
        metadata={"example": 2678400, "description": "Move the clock this many seconds forward (31 days here)"})
    now = AwareDateTime(metadata={"example": "2027-02-01T00:00:00+03:00",
                                  "description": "Move the clock to this instant (after the clock's now)"})


class ResetSchema(ma.Schema):
    program_id = ma.fields.UUID()
    members_erased = ma.fields.Integer(metadata={"example": 3})
