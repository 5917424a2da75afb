"""Reward, catalogue and coupon schemas."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from loyalty_api.checkout.schemas import MoneyOut, OrderContentSchema
from loyalty_api.fields import AwareDateTime, DecimalString, StrictBoolean, StrictInteger, WholeMatch, member_id_field
from loyalty_api.http.pagination import PageArgs, page_schema
from loyalty_api.rewards.rules import KINDS, reward_errors

REWARD_ID = WholeMatch(r"^[A-Za-z0-9._~-]{1,64}$", error="1-64 URL-safe characters.")
ORDER_ID = WholeMatch(r"^[A-Za-z0-9._~:-]{1,128}$", error="1-128 URL-safe characters.")
TIER_CODE = WholeMatch(r"^[A-Za-z0-9_-]{1,32}$")


class RewardTerms(ma.Schema):
    """The editable fields of a reward; ``null`` clears an optional one."""

    class Meta:
        unknown = ma.RAISE

    name = ma.fields.String(validate=validate.Length(1, 200))
    kind = ma.fields.String(validate=validate.OneOf(KINDS))
    value = DecimalString(allow_none=True, metadata={
        "description": "discount_amount: money off (\"500.00\"); discount_percent: percent of the order, "
                       "above 0 and at most 100 (\"15\"); none for free_delivery and gift"})
    sku = ma.fields.String(validate=validate.Length(1, 200), allow_none=True,
                           metadata={"description": "Gift rewards: the SKU handed over"})
    cost_points = StrictInteger(validate=validate.Range(min=0, max=10**12),
                                metadata={"description": "Points a claim spends (0: free)"})
    stock = StrictInteger(validate=validate.Range(min=0, max=10**12), allow_none=True,
                          metadata={"description": "Coupons left to claim; null = unlimited"})
    limit_per_member = StrictInteger(validate=validate.Range(min=1, max=10**6), allow_none=True,
                                     metadata={"description": "Claims per member (cancelled ones do not count)"})
    tiers = ma.fields.List(ma.fields.String(validate=TIER_CODE), allow_none=True, validate=validate.Length(max=50),
                           metadata={"description": "Tier codes that may claim; absent or null = every member"})
    valid_from = AwareDateTime(allow_none=True, metadata={"description": "First instant it can be claimed"})
    valid_until = AwareDateTime(allow_none=True, metadata={"description": "First instant it no longer can"})
    coupon_valid_days = StrictInteger(validate=validate.Range(min=1, max=36500), allow_none=True,
                                      metadata={"description": "A coupon expires this many days after it is "
                                                               "issued; null = never"})


class RewardCreateSchema(RewardTerms):
    reward_id = ma.fields.String(validate=REWARD_ID, metadata={"description": "Generated when left out"})
    name = ma.fields.String(required=True, validate=validate.Length(1, 200))
    kind = ma.fields.String(required=True, validate=validate.OneOf(KINDS))
    cost_points = StrictInteger(required=True, validate=validate.Range(min=0, max=10**12),
                                metadata={"description": "Points a claim spends (0: free)"})

    @ma.validates_schema
    def _consistent(self, data, **kwargs):
        errors = reward_errors(data)
        if errors:
            raise ma.ValidationError(errors)


class RewardPatchSchema(RewardTerms):
    active = StrictBoolean(metadata={"description": "true reactivates a deleted reward"})


class RewardSchema(ma.Schema):
    reward_id = ma.fields.String()
    name = ma.fields.String()
    kind = ma.fields.String(metadata={"description": " | ".join(KINDS)})
    value = MoneyOut(allow_none=True)
    sku = ma.fields.String(allow_none=True)
    cost_points = ma.fields.Integer()
    stock = ma.fields.Integer(allow_none=True)
    limit_per_member = ma.fields.Integer(allow_none=True)
    tiers = ma.fields.List(ma.fields.String(), allow_none=True)
    valid_from = AwareDateTime(allow_none=True)
    valid_until = AwareDateTime(allow_none=True)
    coupon_valid_days = ma.fields.Integer(allow_none=True)
    active = ma.fields.Boolean()
    created_at = AwareDateTime()
    updated_at = AwareDateTime()


class CatalogueItemSchema(RewardSchema):
    can_claim = ma.fields.Boolean()
    reason = ma.fields.String(allow_none=True, metadata={
        "description": "When can_claim is false: insufficient_points | out_of_stock | limit_reached | "
                       "tier_not_eligible | outside_window"})
    claimed = ma.fields.Integer(metadata={"description": "The member's claims that count against the limit"})


class RewardListArgs(PageArgs):
    active = ma.fields.Boolean(load_default=None, metadata={"description": "Only active (true) or deleted (false)"})


class CouponSchema(ma.Schema):
    code = ma.fields.String(metadata={"example": "K7QM-3XHT-9PRW"})
    reward_id = ma.fields.String()
    member_id = ma.fields.String()
    kind = ma.fields.String()
    value = MoneyOut(allow_none=True)
    sku = ma.fields.String(allow_none=True)
    status = ma.fields.String(metadata={"description": "active | used | expired | cancelled"})
    points_spent = ma.fields.Integer(metadata={"description": "What the claim cost; 0 for a rule's grant"})
    rule_id = ma.fields.String(allow_none=True, metadata={"description": "The event rule that granted it"})
    issued_at = AwareDateTime()
    expires_at = AwareDateTime(allow_none=True)
    used_at = AwareDateTime(allow_none=True)
    order_id = ma.fields.String(allow_none=True)


class CouponOrderSchema(OrderContentSchema):
    member_id = member_id_field(required=True)


class CouponValidationSchema(ma.Schema):
    code = ma.fields.String()
    reward_id = ma.fields.String()
    kind = ma.fields.String()
    status = ma.fields.String()
    usable = ma.fields.Boolean()
    reason = ma.fields.String(allow_none=True, metadata={
        "description": "When not usable: used | expired | cancelled | not_owner | currency_mismatch"})
    discount_amount = MoneyOut(metadata={"description": "Money off this order (never above its amount)"})
    free_delivery = ma.fields.Boolean()
    gift_sku = ma.fields.String(allow_none=True)
    expires_at = AwareDateTime(allow_none=True)


class CouponUseSchema(ma.Schema):
    order_id = ma.fields.String(required=True, validate=ORDER_ID)
    member_id = member_id_field(load_default=None, metadata={"description": "When given, must own the coupon"})


RewardPage = page_schema(RewardSchema, "RewardPage")
CataloguePage = page_schema(CatalogueItemSchema, "RewardCataloguePage")
CouponPage = page_schema(CouponSchema, "CouponPage")
