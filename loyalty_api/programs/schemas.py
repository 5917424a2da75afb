"""Program, settings and client schemas."""

from __future__ import annotations

import re
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import marshmallow as ma
from marshmallow import validate

from loyalty_api.fields import AwareDateTime, DecimalString, Money, Number, StrictBoolean, StrictInteger, WholeMatch
from loyalty_api.principal import PROGRAM_SCOPES
from loyalty_api.tiers.rules import ladder_errors

CURRENCY = ma.fields.String(validate=WholeMatch(r"^[A-Z]{3}$", error="An ISO 4217 code such as RUB."),
                            metadata={"example": "RUB"})
EXPIRY_MODES = ("none", "days", "end_of_month", "end_of_year")


def _timezone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ma.ValidationError("Not an IANA time zone such as Europe/Moscow.") from exc
    if value not in available_timezones() and value != "UTC":
        raise ma.ValidationError("Not an IANA time zone such as Europe/Moscow.")


class EarnSettings(ma.Schema):
    points_per_unit = Number(minimum=Decimal(0), maximum=Decimal(10000))
    excluded_categories = ma.fields.List(ma.fields.String(validate=validate.Length(1, 200)),
                                         validate=validate.Length(max=1000))
    excluded_skus = ma.fields.List(ma.fields.String(validate=validate.Length(1, 200)),
                                   validate=validate.Length(max=10000))
    on = ma.fields.String(validate=validate.OneOf(["paid_amount"]),
                          metadata={"description": "Always the amount actually paid"})


class RedeemSettings(ma.Schema):
    point_value = DecimalString(minimum=Decimal("0.0001"))
    min_points = StrictInteger(validate=validate.Range(min=0))
    max_order_share = DecimalString(minimum=Decimal(0), maximum=Decimal(1))


class ExpirySettings(ma.Schema):
    mode = ma.fields.String(validate=validate.OneOf(EXPIRY_MODES))
    days = StrictInteger(validate=validate.Range(min=0, max=36500), allow_none=True)
    inactivity_days = StrictInteger(validate=validate.Range(min=1, max=36500), allow_none=True)
    warn_days = StrictInteger(validate=validate.Range(min=0, max=365))


class ReferralSettings(ma.Schema):
    referrer_points = StrictInteger(validate=validate.Range(min=0, max=10**9))
    referee_points = StrictInteger(validate=validate.Range(min=0, max=10**9))
    min_order_amount = Money()
    max_rewards_per_month = StrictInteger(validate=validate.Range(min=1), allow_none=True)


class RewardSettings(ma.Schema):
    refund_expired = StrictBoolean(metadata={"description": "Give the points of expired unused coupons back"})


class TransferSettings(ma.Schema):
    enabled = StrictBoolean(metadata={"description": "Members may give available points to other members"})
    max_points_per_month = StrictInteger(validate=validate.Range(min=1), allow_none=True, metadata={
        "description": "Most points one member may send per calendar month (program time zone); null = no limit"})


class TierPolicy(ma.Schema):
    metric = ma.fields.String(validate=validate.OneOf(["points_earned", "spend", "orders"]))
    window_months = StrictInteger(validate=validate.Range(min=1, max=120), allow_none=True)
    retention_months = StrictInteger(validate=validate.Range(min=0, max=120))
    downgrade = ma.fields.String(validate=validate.OneOf(["one_level", "to_qualified"]))


class Tier(ma.Schema):
    code = ma.fields.String(required=True, validate=WholeMatch(r"^[A-Za-z0-9_-]{1,32}$"))
    name = ma.fields.String(required=True, validate=validate.Length(1, 100))
    threshold = Number(minimum=Decimal(0), allow_none=True, required=True,
                       metadata={"description": "Metric value that qualifies; null = invitation only"})
    earn_multiplier = Number(minimum=Decimal(0), maximum=Decimal(100), load_default=Decimal(1))
    perks = ma.fields.List(ma.fields.String(validate=validate.Length(1, 200)), load_default=list)


class LimitsSettings(ma.Schema):
    adjustment_max_points = StrictInteger(validate=validate.Range(min=1, max=10**9), allow_none=True, metadata={
        "description": "Most points one manual adjustment may move, either sign; null = no limit",
        "example": 5000})
    adjustment_daily_points = StrictInteger(validate=validate.Range(min=1, max=10**12), allow_none=True, metadata={
        "description": "Most points one API client may move by adjustments per day (program time zone), "
                       "summing absolute values; null = no limit", "example": 20000})


class ExchangeRate(DecimalString):
    """The value of 1.00 of a currency in the program currency: a decimal string above 0,
    at most 9 digits before the point and 10 after (1 IDR is 0.0056 RUB, 1 KWD 300 RUB)."""

    PATTERN = re.compile(r"^\d{1,9}(\.\d{1,10})?$")

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not self.PATTERN.fullmatch(value):
            raise ma.ValidationError("A decimal string above 0 such as \"98.50\" (at most 10 decimals).")
        if Decimal(value) <= 0:
            raise ma.ValidationError("Must be more than 0.")
        return Decimal(value)


def _at_most_200_currencies(value: dict) -> None:
    # Not validate.Length: the document would say maxLength, which an object has not.
    if len(value) > 200:
        raise ma.ValidationError("At most 200 currencies.")


CURRENCIES_DESCRIPTION = ("Other currencies orders and quotes may come in: ISO 4217 code -> the value of 1.00 of "
                          "it in the program currency. Converted before any rule; the order keeps its rate.")
CURRENCIES_EXAMPLE = {"EUR": "98.50", "USD": "91.20"}


class SettingsSchema(ma.Schema):
    """Every setting of SPEC §2. On writes the whole merged document is validated."""

    earn = ma.fields.Nested(EarnSettings)
    redeem = ma.fields.Nested(RedeemSettings)
    pending_days = StrictInteger(validate=validate.Range(min=0, max=365))
    expiry = ma.fields.Nested(ExpirySettings)
    clawback = ma.fields.String(validate=validate.OneOf(["allow_negative", "clamp_to_zero"]))
    hold_ttl_seconds = StrictInteger(validate=validate.Range(min=10, max=7 * 86400))
    referral = ma.fields.Nested(ReferralSettings)
    rewards = ma.fields.Nested(RewardSettings)
    timezone = ma.fields.String(validate=_timezone)
    tier_policy = ma.fields.Nested(TierPolicy)
    tiers = ma.fields.List(ma.fields.Nested(Tier), validate=validate.Length(max=50))
    transfers = ma.fields.Nested(TransferSettings)
    limits = ma.fields.Nested(LimitsSettings)
    currencies = ma.fields.Dict(
        keys=ma.fields.String(validate=WholeMatch(r"^[A-Z]{3}$", error="An ISO 4217 code such as EUR.")),
        values=ExchangeRate(metadata={"example": "98.50"}), validate=_at_most_200_currencies,
        metadata={"description": CURRENCIES_DESCRIPTION, "example": CURRENCIES_EXAMPLE, "maxProperties": 200})

    @ma.validates_schema
    def _ladder_is_consistent(self, data, **kwargs):
        # The same checks as PUT /v1/program/tiers, so a merge patch cannot slip past them.
        if not data.get("tiers"):
            return
        metric = (data.get("tier_policy") or {}).get("metric", "points_earned")
        errors = ladder_errors(data["tiers"], metric)
        if errors:
            raise ma.ValidationError({"tiers": {str(index): fields for index, fields in errors.items()}})

    @ma.validates_schema
    def _days_mode_needs_days(self, data, **kwargs):
        expiry = data.get("expiry") or {}
        if expiry.get("mode") == "days" and not expiry.get("days"):
            raise ma.ValidationError({"expiry": {"days": ["Required (1 or more) in days mode."]}})


class ProgramSchema(SettingsSchema):
    program_id = ma.fields.UUID(dump_only=True)
    name = ma.fields.String(validate=validate.Length(1, 200))
    currency = CURRENCY
    created_at = AwareDateTime(dump_only=True)
    mode = ma.fields.String(dump_only=True, metadata={
        "enum": ["live", "test"], "example": "live",
        "description": "`test`: a sandbox program with its own clock and a reset (docs/testing-your-integration.md)"})


class ProgramCreateSchema(SettingsSchema):
    name = ma.fields.String(required=True, validate=validate.Length(1, 200))
    currency = ma.fields.String(required=True, validate=WholeMatch(r"^[A-Z]{3}$"), metadata={"example": "RUB"})
    mode = ma.fields.String(load_default="live", validate=validate.OneOf(["live", "test"]), metadata={
        "example": "test", "description": "`live` (default) or `test`, fixed at creation. A test program has a "
                                          "clock that can be moved forward and can be reset; its events carry "
                                          "`livemode: false`."})


def _patched(documented_as: dict, *, nullable: bool = True) -> ma.fields.Raw:
    """A merge-patch member: any JSON goes through (the merged document is validated),
    and the document shows the type it must have, ``null`` removing the setting."""
    if "$ref" in documented_as:
        documented_as = {"type": "object", "allOf": [documented_as]}
    if nullable and "enum" in documented_as:
        # OpenAPI 3.0: `nullable` does not widen an `enum`; null must be one of its values.
        documented_as = {**documented_as, "enum": [*documented_as["enum"], None]}
    return ma.fields.Raw(allow_none=nullable, metadata={**documented_as, "nullable": nullable} if nullable
                         else documented_as)


def _setting(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


class ProgramPatchSchema(ma.Schema):
    """A JSON merge patch of the program; validated after merging (see ``service``)."""

    class Meta:
        unknown = ma.RAISE

    name = _patched({"type": "string", "minLength": 1, "maxLength": 200}, nullable=False)
    currency = _patched({"type": "string", "pattern": "^[A-Z]{3}$", "example": "RUB",
                         "description": "Fixed at creation: only the current value is accepted"}, nullable=False)
    earn = _patched(_setting("EarnSettings"))
    redeem = _patched(_setting("RedeemSettings"))
    pending_days = _patched({"type": "integer", "minimum": 0, "maximum": 365})
    expiry = _patched(_setting("ExpirySettings"))
    clawback = _patched({"type": "string", "enum": ["allow_negative", "clamp_to_zero"]})
    hold_ttl_seconds = _patched({"type": "integer", "minimum": 10, "maximum": 7 * 86400})
    referral = _patched(_setting("ReferralSettings"))
    rewards = _patched(_setting("RewardSettings"))
    timezone = _patched({"type": "string", "example": "Europe/Moscow", "description": "An IANA time zone"})
    tier_policy = _patched(_setting("TierPolicy"))
    tiers = _patched({"type": "array", "maxItems": 50, "items": _setting("Tier")})
    transfers = _patched(_setting("TransferSettings"))
    limits = _patched(_setting("LimitsSettings"))
    currencies = _patched({"type": "object",
                           "additionalProperties": {"type": "string", "format": "decimal", "nullable": True},
                           "description": CURRENCIES_DESCRIPTION + " A null rate removes that currency.",
                           "example": CURRENCIES_EXAMPLE})


class ClientCreateSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(1, 200))
    scopes = ma.fields.List(ma.fields.String(validate=validate.OneOf(sorted(PROGRAM_SCOPES))),
                            required=True, validate=validate.Length(min=1))


class ClientSchema(ma.Schema):
    client_id = ma.fields.String()
    client_secret = ma.fields.String(allow_none=True, metadata={
        "description": "Shown once; store it now (null in an Idempotency-Key replay: secrets are never stored)"})
    name = ma.fields.String()
    program_id = ma.fields.UUID(allow_none=True)
    scopes = ma.fields.List(ma.fields.String())
    created_at = AwareDateTime()
