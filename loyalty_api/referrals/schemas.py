"""Referral schemas."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from loyalty_api.fields import AwareDateTime
from loyalty_api.http.pagination import page_schema


class ReferralSchema(ma.Schema):
    member_id = ma.fields.String(metadata={"description": "The referred member (referee)"})
    status = ma.fields.String(metadata={"description": "pending | qualified | rewarded | rejected"})
    reason = ma.fields.String(allow_none=True, metadata={
        "description": "Why rejected: same_contact, cap_reached, order_returned, referrer_inactive"})
    created_at = AwareDateTime()
    rewarded_at = AwareDateTime(allow_none=True)
    points = ma.fields.Integer(metadata={"description": "Points the referrer holds for this referral"})


ReferralPage = page_schema(ReferralSchema, "ReferralPage")


class LeaderboardArgs(ma.Schema):
    period = ma.fields.String(load_default="month", validate=validate.OneOf(["month", "year", "all"]),
                              metadata={"description": "Calendar month or year in the program's time zone"})
    limit = ma.fields.Integer(load_default=10, validate=validate.Range(min=1, max=100))


class LeaderboardEntrySchema(ma.Schema):
    rank = ma.fields.Integer(metadata={"description": "Ties share a rank; the next rank skips (1, 1, 3)"})
    member_id = ma.fields.String()
    rewarded_referrals = ma.fields.Integer()


class LeaderboardSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(LeaderboardEntrySchema))
