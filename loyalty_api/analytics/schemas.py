"""Analytics answers."""

from __future__ import annotations

import marshmallow as ma

from loyalty_api.fields import AwareDateTime, DecimalString


class PeriodArgs(ma.Schema):
    from_ = AwareDateTime(data_key="from", load_default=None,
                          metadata={"description": "Start of the period (inclusive); default: 30 days before `to`"})
    to = AwareDateTime(load_default=None, metadata={"description": "End of the period (exclusive); default: now"})


class PointFlowsSchema(ma.Schema):
    issued = ma.fields.Integer(metadata={"description": "earn, bonus and referral credits, and credit adjustments"})
    redeemed = ma.fields.Integer(metadata={"description": "redeem entries (checkout, captured holds, rewards)"})
    refunded = ma.fields.Integer(metadata={"description": "redeemed points given back on returns and cancels"})
    reversed = ma.fields.Integer(metadata={"description": "earned points taken back on returns and cancels"})
    expired = ma.fields.Integer(metadata={"description": "burned by expiry or inactivity (expire entries written)"})
    adjusted_out = ma.fields.Integer(metadata={"description": "debit adjustments"})


class OutstandingSchema(ma.Schema):
    points = ma.fields.Integer(metadata={"description": "available + held + pending, minus debt, now"})
    available = ma.fields.Integer(metadata={"description": "available + held, minus debt"})
    pending = ma.fields.Integer()
    point_value = DecimalString(metadata={"description": "redeem.point_value"})
    liability = DecimalString(metadata={"description": "points x point_value, in the program's currency"})
    currency = ma.fields.String()


class MemberCountsSchema(ma.Schema):
    total = ma.fields.Integer(metadata={"description": "Enrolled, not erased, now"})
    active = ma.fields.Integer(metadata={"description": "With an earn, bonus, referral or redeem entry in the period"})
    new = ma.fields.Integer(metadata={"description": "Enrolled in the period"})


class TierCountSchema(ma.Schema):
    tier = ma.fields.String(allow_none=True, metadata={"description": "Tier code; null: no tier"})
    members = ma.fields.Integer()


class SummarySchema(ma.Schema):
    from_ = AwareDateTime(data_key="from", attribute="from")
    to = AwareDateTime()
    as_of = AwareDateTime(metadata={"description": "The instant outstanding points and tiers are read at"})
    points = ma.fields.Nested(PointFlowsSchema)
    outstanding = ma.fields.Nested(OutstandingSchema)
    breakage_rate = DecimalString(allow_none=True, metadata={
        "description": "expired / (expired + redeemed) in the period, 4 decimals; null when both are 0",
        "example": "0.1250"})
    members = ma.fields.Nested(MemberCountsSchema)
    tier_distribution = ma.fields.List(ma.fields.Nested(TierCountSchema),
                                       metadata={"description": "Ladder order, then no tier"})
    referral_conversions = ma.fields.Integer(metadata={"description": "Referrals rewarded in the period"})


class RfmCellSchema(ma.Schema):
    cell = ma.fields.String(metadata={"example": "545"})
    recency = ma.fields.Integer()
    frequency = ma.fields.Integer()
    monetary = ma.fields.Integer()
    members = ma.fields.Integer()


class RfmSegmentSchema(ma.Schema):
    segment = ma.fields.String(allow_none=True, metadata={"description": "Named segment; null: none of them"})
    members = ma.fields.Integer()


class RfmSchema(ma.Schema):
    cells = ma.fields.List(ma.fields.Nested(RfmCellSchema), metadata={"description": "Cells with members"})
    segments = ma.fields.List(ma.fields.Nested(RfmSegmentSchema))
    scored_members = ma.fields.Integer()
    unscored_members = ma.fields.Integer(metadata={"description": "Members without kept orders"})
    computed_at = AwareDateTime(allow_none=True, metadata={"description": "Last change of a score"})
