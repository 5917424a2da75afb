"""Merge schemas."""

from __future__ import annotations

import marshmallow as ma

from loyalty_api.fields import member_id_field


class MergeRequestSchema(ma.Schema):
    from_member_id = member_id_field(required=True, metadata={
        "description": "The duplicate member whose points, orders, coupons, identities, events and referrals "
                       "move into this one; afterwards it answers `status: merged`"})


class MovedSchema(ma.Schema):
    lots = ma.fields.Integer(metadata={"description": "Lots moved (one transfer_out and one transfer_in each)"})
    points = ma.fields.Integer(metadata={"description": "Points moved, pending ones included"})
    pending_points = ma.fields.Integer(metadata={"description": "Of those, points still pending"})
    debt = ma.fields.Integer(metadata={"description": "Points owed (allow_negative) that became the target's debt"})
    orders = ma.fields.Integer()
    holds = ma.fields.Integer(metadata={"description": "Finished holds (an active one refuses the merge)"})
    coupons = ma.fields.Integer()
    events = ma.fields.Integer()
    rule_awards = ma.fields.Integer()
    identities = ma.fields.Integer()
    referrals_made = ma.fields.Integer()
    referral_received = ma.fields.Integer()
    tier = ma.fields.String(allow_none=True, metadata={"description": "The target's tier after the merge"})


class MergeSchema(ma.Schema):
    member_id = ma.fields.String(metadata={"description": "The target: the member that remains"})
    from_member_id = ma.fields.String()
    merged_at = ma.fields.String(metadata={"format": "date-time"})
    moved = ma.fields.Nested(MovedSchema)
