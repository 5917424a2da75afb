"""Rule and member event schemas."""

from __future__ import annotations

from decimal import Decimal

import marshmallow as ma
from marshmallow import validate

from loyalty_api.earning_rules.rules import CAP_PERIODS, rule_errors
from loyalty_api.fields import AwareDateTime, Money, Number, StrictBoolean, StrictInteger, WholeMatch

RULE_ID = WholeMatch(r"^[A-Za-z0-9._~-]{1,64}$", error="1-64 URL-safe characters.")
EVENT_TYPE = WholeMatch(r"^[A-Za-z0-9_.:-]{1,64}$", error="1-64 letters, digits, '_', '.', ':' or '-'.")
EVENT_ID = WholeMatch(r"^[A-Za-z0-9._~:-]{1,128}$", error="1-128 URL-safe characters.")
TIER_CODE = WholeMatch(r"^[A-Za-z0-9_-]{1,32}$")


class CapSchema(ma.Schema):
    count = StrictInteger(required=True, validate=validate.Range(min=1, max=10**6))
    period = ma.fields.String(required=True, validate=validate.OneOf(CAP_PERIODS),
                              metadata={"description": "Calendar period in the program's time zone"})


class BudgetSchema(ma.Schema):
    points = StrictInteger(required=True, validate=validate.Range(min=1, max=10**9),
                           metadata={"description": "Points the rule may give across all members per period",
                                     "example": 100000})
    period = ma.fields.String(required=True, validate=validate.OneOf(CAP_PERIODS),
                              metadata={"description": "Calendar period in the program's time zone (weeks start "
                                                       "on Monday), or lifetime", "example": "month"})


def _names():
    return ma.fields.List(ma.fields.String(validate=validate.Length(1, 200)), validate=validate.Length(max=1000))


class RuleTerms(ma.Schema):
    """The editable fields of a rule; ``null`` clears an optional one."""

    class Meta:
        unknown = ma.RAISE

    name = ma.fields.String(validate=validate.Length(1, 200), allow_none=True)
    event_type = ma.fields.String(validate=EVENT_TYPE, allow_none=True,
                                  metadata={"description": "Event rules: the event type they answer"})
    points = StrictInteger(validate=validate.Range(min=1, max=10**9), allow_none=True,
                           metadata={"description": "Event rules: fixed points per event"})
    multiplier = Number(minimum=Decimal(1), maximum=Decimal(100), allow_none=True,
                        metadata={"description": "Purchase rules: the matching lines earn this multiple of the base rate "
                                                 "(2 = double points; the rule adds the part above 1)"})
    points_per_unit = Number(minimum=Decimal("0.0001"), maximum=Decimal(10000), allow_none=True,
                             metadata={"description": "Purchase rules: extra points per 1.00 paid for the "
                                                      "matching lines"})
    skus = _names()
    categories = _names()
    min_order_amount = Money(allow_none=True, metadata={"description": "Purchase rules: smallest order amount"})
    tiers = ma.fields.List(ma.fields.String(validate=TIER_CODE), allow_none=True, validate=validate.Length(max=50),
                           metadata={"description": "Tier codes; absent or null = every member"})
    valid_from = AwareDateTime(allow_none=True, metadata={"description": "First instant the rule applies"})
    valid_until = AwareDateTime(allow_none=True, metadata={"description": "First instant it no longer applies"})
    cap = ma.fields.Nested(CapSchema, allow_none=True,
                           metadata={"description": "Per member: at most `count` awards per calendar period"})
    expires_in_days = StrictInteger(validate=validate.Range(min=1, max=36500), allow_none=True,
                                    metadata={"description": "The rule's points burn this many days after they "
                                                             "become available (instead of the program's expiry)"})
    reward_id = ma.fields.String(validate=WholeMatch(r"^[A-Za-z0-9._~-]{1,64}$"), allow_none=True,
                                 metadata={"description": "Event rules: grant this reward's coupon instead of "
                                                          "points (no points spent; within the rule's cap)"})
    budget = ma.fields.Nested(BudgetSchema, allow_none=True, metadata={
        "description": "Across all members: at most `points` per period. An award that would pass it gets what "
                       "is left; once spent, the rule gives nothing until the next period (events list it in "
                       "`skipped` as `budget_exhausted`; quotes and orders leave it out of `earn_breakdown`)"})


class RuleCreateSchema(RuleTerms):
    rule_id = ma.fields.String(validate=RULE_ID, metadata={"description": "Generated when left out"})
    kind = ma.fields.String(required=True, validate=validate.OneOf(["purchase", "event"]))

    @ma.validates_schema
    def _consistent(self, data, **kwargs):
        errors = rule_errors(data)
        if errors:
            raise ma.ValidationError(errors)


class RulePatchSchema(RuleTerms):
    kind = ma.fields.String(validate=validate.OneOf(["purchase", "event"]),
                            metadata={"description": "Fixed at creation; may be repeated unchanged"})
    active = StrictBoolean(metadata={"description": "true reactivates a deleted rule"})


class RuleSchema(ma.Schema):
    rule_id = ma.fields.String()
    name = ma.fields.String(allow_none=True)
    kind = ma.fields.String()
    event_type = ma.fields.String(allow_none=True)
    points = ma.fields.Integer(allow_none=True)
    multiplier = Number(allow_none=True)
    points_per_unit = Number(allow_none=True)
    skus = ma.fields.List(ma.fields.String())
    categories = ma.fields.List(ma.fields.String())
    min_order_amount = Money(allow_none=True)
    tiers = ma.fields.List(ma.fields.String(), allow_none=True)
    valid_from = AwareDateTime(allow_none=True)
    valid_until = AwareDateTime(allow_none=True)
    cap = ma.fields.Nested(CapSchema, allow_none=True)
    expires_in_days = ma.fields.Integer(allow_none=True)
    reward_id = ma.fields.String(allow_none=True)
    budget = ma.fields.Nested(BudgetSchema, allow_none=True)
    budget_used = ma.fields.Integer(allow_none=True, metadata={
        "description": "GET of one budgeted rule: points the budget gave in the current period",
        "example": 41250})
    budget_remaining = ma.fields.Integer(allow_none=True, metadata={
        "description": "GET of one budgeted rule: points left in the current period",
        "example": 58750})
    active = ma.fields.Boolean()
    created_at = AwareDateTime()
    updated_at = AwareDateTime()


class RuleListArgs(ma.Schema):
    active = ma.fields.Boolean(load_default=None, metadata={"description": "Only active (true) or deleted (false)"})


class EventCreateSchema(ma.Schema):
    type = ma.fields.String(required=True, validate=EVENT_TYPE,
                            metadata={"description": "registration, birthday, newsletter_subscription, review, "
                                                     "or any custom name"})
    event_id = ma.fields.String(required=True, validate=EVENT_ID,
                                metadata={"description": "Exactly once per member and event_id"})
    occurred_at = AwareDateTime(load_default=None, metadata={"description": "Default: now"})
    attributes = ma.fields.Dict(keys=ma.fields.String(validate=validate.Length(1, 64)), load_default=dict,
                                validate=validate.Length(max=50))


class AwardSchema(ma.Schema):
    rule_id = ma.fields.String()
    points = ma.fields.Integer()
    coupon_code = ma.fields.String(metadata={"description": "Rules with reward_id: the coupon granted"})


class SkipSchema(ma.Schema):
    rule_id = ma.fields.String()
    reason = ma.fields.String(metadata={"description": "cap_reached | outside_window | tier_not_eligible | "
                                                     "budget_exhausted; "
                                                     "coupon rules also out_of_stock | reward_unavailable"})


class EventResultSchema(ma.Schema):
    event_id = ma.fields.String()
    awarded = ma.fields.List(ma.fields.Nested(AwardSchema))
    skipped = ma.fields.List(ma.fields.Nested(SkipSchema))
