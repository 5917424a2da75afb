"""Tier ladder, tier standing, VIP and history schemas."""

from __future__ import annotations

from decimal import Decimal

import marshmallow as ma
from marshmallow import validate

from loyalty_api.fields import AwareDateTime, Number, WholeMatch
from loyalty_api.http.pagination import page_schema

TIER_CODE = WholeMatch(r"^[A-Za-z0-9_-]{1,32}$", error="1-32 letters, digits, '_' or '-'.")


class LadderTierSchema(ma.Schema):
    code = ma.fields.String(required=True, validate=TIER_CODE)
    name = ma.fields.String(required=True, validate=validate.Length(1, 100))
    threshold = Number(minimum=Decimal(0), allow_none=True, required=True,
                       metadata={"description": "Metric value that qualifies; null = invitation only (VIP)"})
    earn_multiplier = Number(minimum=Decimal(0), maximum=Decimal(100), load_default=Decimal(1))
    perks = ma.fields.List(ma.fields.String(validate=validate.Length(1, 200)), load_default=list,
                           validate=validate.Length(max=50))


class LadderPolicySchema(ma.Schema):
    metric = ma.fields.String(required=True, validate=validate.OneOf(["points_earned", "spend", "orders"]))
    window_months = ma.fields.Integer(strict=True, allow_none=True, load_default=None,
                                      validate=validate.Range(min=1, max=120),
                                      metadata={"description": "Rolling window; null = lifetime"})
    retention_months = ma.fields.Integer(strict=True, load_default=12, validate=validate.Range(min=0, max=120))
    downgrade = ma.fields.String(load_default="one_level", validate=validate.OneOf(["one_level", "to_qualified"]))


class LadderSchema(ma.Schema):
    tiers = ma.fields.List(ma.fields.Nested(LadderTierSchema), required=True, validate=validate.Length(max=50),
                           metadata={"description": "Lowest tier first"})
    tier_policy = ma.fields.Nested(LadderPolicySchema, required=True)


class MetricFigure(ma.fields.Field):
    """A metric figure: a decimal string for ``spend``, an integer for the other metrics."""

    def __init__(self, *, nullable: bool = False, **kwargs):
        # ``null`` is documented inside the string branch: OpenAPI 3.0 wants a ``type``
        # beside ``nullable``, and a dump-only field needs no ``allow_none``.
        kwargs.setdefault("metadata", {})
        kwargs["metadata"].setdefault("oneOf", [{"type": "string", "format": "decimal", "nullable": nullable},
                                                {"type": "integer"}])
        super().__init__(dump_only=True, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return value


class TierOutSchema(ma.Schema):
    code = ma.fields.String()
    name = ma.fields.String()
    threshold = Number(allow_none=True)
    earn_multiplier = Number()
    perks = ma.fields.List(ma.fields.String())


class VipSchema(ma.Schema):
    tier = ma.fields.String()
    until = AwareDateTime(allow_none=True)
    reason = ma.fields.String()


class VipGrantSchema(ma.Schema):
    tier = ma.fields.String(required=True, validate=TIER_CODE)
    until = AwareDateTime(load_default=None, allow_none=True, metadata={"description": "null = until revoked"})
    reason = ma.fields.String(required=True, validate=validate.Length(1, 500))


class MemberTierSchema(ma.Schema):
    member_id = ma.fields.String()
    tier = ma.fields.Nested(TierOutSchema, allow_none=True)
    next_tier = ma.fields.Nested(TierOutSchema, allow_none=True)
    metric = ma.fields.String(metadata={"description": "points_earned | spend | orders"})
    window_months = ma.fields.Integer(allow_none=True)
    progress = MetricFigure(metadata={"description": "The metric over the window ending now"})
    remaining_to_next = MetricFigure(nullable=True)
    required_to_keep = MetricFigure(
        nullable=True, metadata={"description": "Still needed, within the window that ends at "
                                                  "tier_expires_at, to keep the tier; null when not metric-based"})
    tier_expires_at = AwareDateTime(allow_none=True, metadata={"description": "When the tier's retention "
                                                               "(or VIP status) ends"})
    vip = ma.fields.Nested(VipSchema, allow_none=True)


class TierChangeSchema(ma.Schema):
    change_id = ma.fields.Integer()
    from_tier = ma.fields.String(allow_none=True)
    to_tier = ma.fields.String(allow_none=True)
    reason = ma.fields.String(metadata={"description": "upgrade | downgrade | vip | ladder_change"})
    metric = ma.fields.String(allow_none=True, metadata={"description": "The metric value at the change"})
    at = AwareDateTime()


TierHistorySchema = page_schema(TierChangeSchema, "TierHistory")
