"""Marshmallow fields shared by the features: money, shares, multipliers, ids, times.

Money and shares travel as decimal strings ("149.90"), multipliers as JSON
numbers; both become ``Decimal`` inside, never ``float``.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

import marshmallow as ma
from loyalty_api.timestamps import rfc3339_or_none

MEMBER_ID_PATTERN = r"^[A-Za-z0-9._~-]{1,128}$"
MONEY_PATTERN = re.compile(r"^-?\d{1,15}(\.\d{1,4})?$")


class WholeMatch(ma.validate.Regexp):
    """``validate.Regexp`` that must match the whole value. Regexp only anchors at the
    start, and its patterns' ``$`` also matches before a final newline, so "o-1\\n"
    passed for an ``order_id``. The OpenAPI ``pattern`` stays the same."""

    def __call__(self, value):
        if not isinstance(value, str) or self.regex.fullmatch(value) is None:
            raise ma.ValidationError(self._format_error(value))
        return value


class DecimalString(ma.fields.Field):
    """A decimal written as a JSON string, e.g. ``"149.90"`` (at most 4 decimals)."""

    default_error_messages = {"invalid": "Not a decimal string such as \"149.90\"."}

    def __init__(self, *, places: int | None = None, minimum: Decimal | None = None,
                 maximum: Decimal | None = None, **kwargs):
        kwargs.setdefault("metadata", {})
        kwargs["metadata"].setdefault("type", "string")
        kwargs["metadata"].setdefault("format", "decimal")
        kwargs["metadata"].setdefault("example", "149.90")
        super().__init__(**kwargs)
        self.places = places
        self.minimum = minimum
        self.maximum = maximum

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        value = Decimal(value)
        if self.places is not None:
            value = value.quantize(Decimal(1).scaleb(-self.places))
        return format(value, "f")

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not MONEY_PATTERN.fullmatch(value):
            raise self.make_error("invalid")
        number = Decimal(value)
        if self.minimum is not None and number < self.minimum:
            raise ma.ValidationError(f"Must be at least {self.minimum}.")
        if self.maximum is not None and number > self.maximum:
            raise ma.ValidationError(f"Must be at most {self.maximum}.")
        return number


def Money(**kwargs) -> DecimalString:
    """A non-negative amount of money in the program's currency."""
    return DecimalString(minimum=Decimal(0), **kwargs)


class Number(ma.fields.Field):
    """A JSON number (multipliers, points per unit) held as an exact ``Decimal``."""

    default_error_messages = {"invalid": "Not a number."}

    def __init__(self, *, minimum: Decimal | None = None, maximum: Decimal | None = None, **kwargs):
        kwargs.setdefault("metadata", {})
        kwargs["metadata"].setdefault("type", "number")
        super().__init__(**kwargs)
        self.minimum = minimum
        self.maximum = maximum

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        value = Decimal(value)
        return int(value) if value == value.to_integral_value() else float(value)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.make_error("invalid")
        try:
            number = Decimal(str(value))
        except InvalidOperation as exc:
            raise self.make_error("invalid") from exc
        if not number.is_finite() or abs(number) > Decimal(10**6):
            raise self.make_error("invalid")
        if self.minimum is not None and number < self.minimum:
            raise ma.ValidationError(f"Must be at least {self.minimum}.")
        if self.maximum is not None and number > self.maximum:
            raise ma.ValidationError(f"Must be at most {self.maximum}.")
        return number


class StrictInteger(ma.fields.Integer):
    """Integers only: no ``1.5``, no ``"15"``, no booleans, within PostgreSQL bigint."""

    def __init__(self, **kwargs):
        kwargs.setdefault("strict", True)
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        number = super()._deserialize(value, attr, data, **kwargs)
        if abs(number) > 10**15:
            raise ma.ValidationError("Out of range.")
        return number


class StrictBoolean(ma.fields.Boolean):
    """JSON ``true`` or ``false`` only in a body: no ``0``, ``1``, ``"yes"`` (the document says boolean)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class AwareDateTime(ma.fields.AwareDateTime):
    """ISO 8601 with an offset in; UTC out."""

    def __init__(self, **kwargs):
        super().__init__(format="iso", **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return rfc3339_or_none(value)

    def _deserialize(self, value, attr, data, **kwargs) -> datetime:
        parsed = super()._deserialize(value, attr, data, **kwargs)
        if not 1900 <= parsed.year <= 9000:
            raise ma.ValidationError("Out of range.")
        return parsed


def member_id_field(**kwargs) -> ma.fields.String:
    return ma.fields.String(validate=WholeMatch(MEMBER_ID_PATTERN, error="1-128 URL-safe characters."), **kwargs)
