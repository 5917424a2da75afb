"""The subject-access document: existing answers of each feature, gathered."""

from __future__ import annotations

import marshmallow as ma

from loyalty_api.checkout.schemas import OrderSchema, ReturnSchema
from loyalty_api.fields import AwareDateTime
from loyalty_api.identities.schemas import IdentitySchema
from loyalty_api.ledger.schemas import BalanceSchema, EntrySchema
from loyalty_api.members.schemas import MemberSchema
from loyalty_api.rewards.schemas import CouponSchema
from loyalty_api.tiers.schemas import MemberTierSchema


class ExportedReturnSchema(ReturnSchema):
    lines = ma.fields.List(ma.fields.Dict(), allow_none=True)


class ExportedOrderSchema(OrderSchema):
    lines = ma.fields.List(ma.fields.Dict(), metadata={"description": "The order's lines as recorded"})
    returns = ma.fields.List(ma.fields.Nested(ExportedReturnSchema))


class ExportedEventSchema(ma.Schema):
    event_id = ma.fields.String()
    type = ma.fields.String()
    occurred_at = AwareDateTime()
    attributes = ma.fields.Dict()
    created_at = AwareDateTime()
    result = ma.fields.Dict(metadata={"description": "What the event was answered: points awarded, rules skipped"})


class ExportedReferralSchema(ma.Schema):
    role = ma.fields.String(metadata={"enum": ["referrer", "referee"]})
    referrer_id = ma.fields.String()
    referee_id = ma.fields.String()
    status = ma.fields.String()
    reason = ma.fields.String(allow_none=True)
    order_id = ma.fields.String(allow_none=True)
    created_at = AwareDateTime()
    rewarded_at = AwareDateTime(allow_none=True)


class ExportedMergeSchema(ma.Schema):
    member_id = ma.fields.String(metadata={"description": "The member that remained"})
    from_member_id = ma.fields.String(metadata={"description": "The member merged into it"})
    merged_at = AwareDateTime()


class SubjectAccessSchema(ma.Schema):
    member_id = ma.fields.String()
    exported_at = AwareDateTime()
    profile = ma.fields.Nested(MemberSchema)
    identities = ma.fields.List(ma.fields.Nested(IdentitySchema))
    balance = ma.fields.Nested(BalanceSchema)
    tier = ma.fields.Nested(MemberTierSchema)
    ledger = ma.fields.List(ma.fields.Nested(EntrySchema), metadata={"description": "Every entry, newest first"})
    orders = ma.fields.List(ma.fields.Nested(ExportedOrderSchema), metadata={"description": "Oldest first"})
    events = ma.fields.List(ma.fields.Nested(ExportedEventSchema))
    referrals = ma.fields.List(ma.fields.Nested(ExportedReferralSchema), metadata={
        "description": "Links where the member referred someone or was referred"})
    coupons = ma.fields.List(ma.fields.Nested(CouponSchema))
    merges = ma.fields.List(ma.fields.Nested(ExportedMergeSchema), metadata={
        "description": "Merges this member took part in, either side"})
