"""Segment filters (query string) and the member items of ``GET /v1/members``."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from loyalty_api.fields import AwareDateTime
from loyalty_api.http.pagination import PageArgs, page_schema
from loyalty_api.segments import rules

RFM_DESCRIPTION = ("An RFM cell such as `545` (recency, frequency, monetary scores 1-5), or a named segment: "
                   + ", ".join(f"`{name}`" for name in rules.SEGMENT_NAMES) + " (see docs/segments-and-analytics.md)")


def _rfm(value: str) -> None:
    if not (rules.is_cell(value) or value in rules.SEGMENT_NAMES):
        raise ma.ValidationError("A cell such as 545, or one of " + ", ".join(rules.SEGMENT_NAMES) + ".")


def _points(description: str) -> ma.fields.Integer:
    return ma.fields.Integer(validate=validate.Range(min=-10**15, max=10**15), metadata={"description": description})


def _days(description: str) -> ma.fields.Integer:
    return ma.fields.Integer(validate=validate.Range(min=0, max=36500), metadata={"description": description})


class SegmentArgs(PageArgs):
    tier = ma.fields.String(validate=validate.Length(1, 32), metadata={"description": "The tier shown (code)"})
    vip = ma.fields.Boolean(metadata={"description": "Members with (true) or without (false) an active VIP tier"})
    min_points = _points("Available points at least this")
    max_points = _points("Available points at most this")
    expiring_within_days = _days("Members with points (pending included) that burn within this many days, "
                                 "by their expiry or by inactivity")
    inactive_days = _days("No earn or redeem for at least this many days (never active: since enrolment)")
    rfm = ma.fields.String(validate=_rfm, metadata={"description": RFM_DESCRIPTION})
    enrolled_from = AwareDateTime(metadata={"description": "Enrolled at or after this instant"})
    enrolled_to = AwareDateTime(metadata={"description": "Enrolled before this instant"})

    @ma.validates_schema
    def _ranges(self, data, **kwargs):
        if data.get("min_points") is not None and data.get("max_points") is not None \
                and data["min_points"] > data["max_points"]:
            raise ma.ValidationError("Must not be below min_points.", "max_points")
        if data.get("enrolled_from") and data.get("enrolled_to") and data["enrolled_from"] >= data["enrolled_to"]:
            raise ma.ValidationError("Must be after enrolled_from.", "enrolled_to")


class SegmentMemberSchema(ma.Schema):
    member_id = ma.fields.String()
    email = ma.fields.String(allow_none=True)
    phone = ma.fields.String(allow_none=True)
    tier = ma.fields.String(allow_none=True, metadata={"description": "The tier shown (code), null without one"})
    vip = ma.fields.Boolean(metadata={"description": "An active VIP assignment"})
    available = ma.fields.Integer(metadata={"description": "Available points now (as GET …/balance)"})
    pending = ma.fields.Integer()
    lifetime_earned = ma.fields.Integer()
    last_activity_at = AwareDateTime(allow_none=True, metadata={"description": "Last earn or redeem"})
    rfm = ma.fields.String(allow_none=True, metadata={"description": "RFM cell from the last `jobs run`; "
                                                                     "null without kept orders"})
    enrolled_at = AwareDateTime()


SegmentPageSchema = page_schema(SegmentMemberSchema, "SegmentPage")
