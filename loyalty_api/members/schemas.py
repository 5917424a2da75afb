"""Member schemas."""

from __future__ import annotations

from datetime import date

import marshmallow as ma
from marshmallow import validate

from loyalty_api.fields import AwareDateTime, WholeMatch, member_id_field

EMAIL = ma.fields.Email(validate=validate.Length(max=320), allow_none=True)
PHONE = ma.fields.String(validate=WholeMatch(r"^\+?[0-9 ()-]{5,32}$", error="A phone number."), allow_none=True,
                         metadata={"example": "+7 495 123-45-67"})


def _plausible_birthday(value: date) -> None:
    if not date(1900, 1, 1) <= value <= date.today():
        raise ma.ValidationError("Must be a past date after 1900-01-01.")


BIRTHDAY = ma.fields.Date(allow_none=True, validate=_plausible_birthday)


def _small_attributes(value: dict) -> None:
    if len(value) > 50:
        raise ma.ValidationError("At most 50 attributes.")


class MemberCreateSchema(ma.Schema):
    member_id = member_id_field(required=True)
    email = EMAIL
    phone = PHONE
    birthday = BIRTHDAY
    referral_code = ma.fields.String(validate=validate.Length(1, 32), load_default=None,
                                     metadata={"description": "The referring member's code"})
    attributes = ma.fields.Dict(keys=ma.fields.String(validate=validate.Length(1, 64)),
                                load_default=dict, validate=_small_attributes)


class MemberPatchSchema(ma.Schema):
    email = EMAIL
    phone = PHONE
    birthday = BIRTHDAY
    attributes = ma.fields.Dict(keys=ma.fields.String(validate=validate.Length(1, 64)),
                                validate=_small_attributes,
                                metadata={"description": "Merged into the stored attributes; null removes a key"})
    status = ma.fields.String(validate=validate.OneOf(["active", "blocked"]))


class MemberSchema(ma.Schema):
    member_id = ma.fields.String()
    email = ma.fields.String(allow_none=True)
    phone = ma.fields.String(allow_none=True)
    birthday = ma.fields.Date(allow_none=True)
    referral_code = ma.fields.String()
    referred_by = ma.fields.String(allow_none=True)
    attributes = ma.fields.Dict()
    status = ma.fields.String(metadata={"description": "`active`, `blocked` or `merged`"})
    merged_into = ma.fields.String(allow_none=True, metadata={
        "description": "For `status: merged`: the member everything moved to (writes naming this member "
                       "answer 409 `member_merged`)"})
    created_at = AwareDateTime()
    updated_at = AwareDateTime()
