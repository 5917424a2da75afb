"""Quote, hold, order and return schemas."""

from __future__ import annotations

from decimal import Decimal

import marshmallow as ma
from marshmallow import validate

from loyalty_api.fields import AwareDateTime, DecimalString, Money, StrictInteger, WholeMatch, member_id_field

KEY_PATTERN = r"^[A-Za-z0-9._~:-]{1,128}$"
CURRENCY = ma.fields.String(required=True, validate=WholeMatch(r"^[A-Z]{3}$", error="An ISO 4217 code."),
                            metadata={"example": "RUB", "description": (
                                "The program currency or one of its `currencies` setting (converted at that "
                                "rate before any rule); another answers 422 currency_mismatch")})


EXCHANGE_RATE = ("1.00 of the order's currency in the program currency, as converted (null: the order is in the "
                 "program currency). Money in the answer is in the order's currency")


def _key(**kwargs) -> ma.fields.String:
    return ma.fields.String(validate=WholeMatch(KEY_PATTERN, error="1-128 URL-safe characters."), **kwargs)


class MoneyOut(DecimalString):
    """Money as stored or computed, with at least two decimals ("149.90", "0.1234")."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        value = Decimal(value).normalize()
        if value.as_tuple().exponent > -2:
            value = value.quantize(Decimal("0.01"))
        return format(value, "f")


class LineSchema(ma.Schema):
    sku = ma.fields.String(required=True, validate=validate.Length(1, 200))
    category = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 200))
    quantity = StrictInteger(required=True, validate=validate.Range(min=1, max=10**6))
    unit_price = Money(required=True)


class OrderContentSchema(ma.Schema):
    amount = Money(required=True, metadata={"description": "Order total before the points discount"})
    currency = CURRENCY
    lines = ma.fields.List(ma.fields.Nested(LineSchema), load_default=list, validate=validate.Length(max=500))

    @ma.validates("amount")
    def _positive(self, value, **kwargs):
        if value <= 0:
            raise ma.ValidationError("Must be more than 0.")


class QuoteRequestSchema(ma.Schema):
    member_id = member_id_field(required=True)
    order = ma.fields.Nested(OrderContentSchema, required=True)
    redeem_points = StrictInteger(load_default=None, allow_none=True, validate=validate.Range(min=0))


class EarnPartSchema(ma.Schema):
    source = ma.fields.String(metadata={"enum": ["base", "rule"]})
    rule_id = ma.fields.String(allow_none=True)
    points = ma.fields.Integer()


class RedeemQuoteSchema(ma.Schema):
    max_points = ma.fields.Integer(metadata={"description": "Most points this order may use (0 if below min_points)"})
    applied_points = ma.fields.Integer()
    discount_amount = MoneyOut()
    reason = ma.fields.String(allow_none=True, metadata={
        "enum": ["insufficient_points", "max_order_share", "below_min_points", None],
        "description": "Why fewer points were applied than requested"})


class QuoteSchema(ma.Schema):
    member_id = ma.fields.String()
    earn_points = ma.fields.Integer()
    earn_breakdown = ma.fields.List(ma.fields.Nested(EarnPartSchema))
    redeem = ma.fields.Nested(RedeemQuoteSchema)
    available = ma.fields.Integer()
    tier_after = ma.fields.String(allow_none=True)
    exchange_rate = MoneyOut(allow_none=True, metadata={"example": "98.50", "description": EXCHANGE_RATE})


class HoldCreateSchema(ma.Schema):
    member_id = member_id_field(required=True)
    points = StrictInteger(required=True, validate=validate.Range(min=1))
    order_id = _key(load_default=None, allow_none=True)
    ttl_seconds = StrictInteger(load_default=None, allow_none=True, validate=validate.Range(min=1, max=7 * 86400))


class HoldSchema(ma.Schema):
    hold_id = ma.fields.String()
    member_id = ma.fields.String()
    order_id = ma.fields.String(allow_none=True)
    status = ma.fields.String(metadata={"enum": ["held", "captured", "released", "expired"]})
    points = ma.fields.Integer()
    expires_at = AwareDateTime()
    created_at = AwareDateTime()


class OrderCreateSchema(OrderContentSchema):
    order_id = _key(required=True)
    member_id = member_id_field(required=True)
    hold_id = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 64))
    redeem_points = StrictInteger(load_default=None, allow_none=True, validate=validate.Range(min=0))
    placed_at = AwareDateTime(load_default=None, allow_none=True)


class OrderSchema(ma.Schema):
    order_id = ma.fields.String()
    member_id = ma.fields.String()
    status = ma.fields.String(metadata={"enum": ["completed", "partially_returned", "returned", "cancelled"]})
    amount = MoneyOut()
    paid_amount = MoneyOut()
    currency = ma.fields.String()
    earned_points = ma.fields.Integer()
    redeemed_points = ma.fields.Integer()
    discount_amount = MoneyOut()
    returned_amount = MoneyOut()
    hold_id = ma.fields.String(allow_none=True)
    placed_at = AwareDateTime()
    points_available_at = AwareDateTime()
    created_at = AwareDateTime()
    exchange_rate = MoneyOut(allow_none=True, metadata={"example": "98.50", "description": EXCHANGE_RATE + (
        "; kept for good: returns and cancels use it, never today's rate")})


class ReturnLineSchema(ma.Schema):
    sku = ma.fields.String(required=True, validate=validate.Length(1, 200))
    quantity = StrictInteger(required=True, validate=validate.Range(min=1, max=10**6))


class ReturnCreateSchema(ma.Schema):
    return_id = _key(required=True)
    lines = ma.fields.List(ma.fields.Nested(ReturnLineSchema), load_default=None, allow_none=True,
                           validate=validate.Length(1, 500))
    amount = Money(load_default=None, allow_none=True, metadata={"description": "Money returned, of the order's amount"})

    @ma.validates_schema
    def _lines_or_amount(self, data, **kwargs):
        if (data.get("lines") is None) == (data.get("amount") is None):
            raise ma.ValidationError("Give either lines or amount.", "_schema")
        if data.get("amount") is not None and data["amount"] <= 0:
            raise ma.ValidationError({"amount": ["Must be more than 0."]})


class ReturnSchema(ma.Schema):
    return_id = ma.fields.String()
    order_id = ma.fields.String()
    amount = MoneyOut()
    points_reversed = ma.fields.Integer()
    points_refunded = ma.fields.Integer()
    created_at = AwareDateTime()
