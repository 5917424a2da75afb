"""Identity schemas."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from loyalty_api.fields import AwareDateTime
from loyalty_api.identities.rules import TYPES
from loyalty_api.members.schemas import MemberSchema

TYPE = ma.fields.String(required=True, validate=validate.OneOf(TYPES), metadata={
    "description": "`card`, `phone` (E.164), `email` (case-insensitive) or `external` (another system's id)"})


class IdentityCreateSchema(ma.Schema):
    type = TYPE
    value = ma.fields.String(load_default=None, validate=validate.Length(1, 320), metadata={
        "description": "The identifier. Omit it with `type: card` to have a card number issued "
                       "(16 digits, the last a Luhn check digit)."})


class IdentitySchema(ma.Schema):
    type = ma.fields.String()
    value = ma.fields.String(metadata={"description": "Canonical form: E.164 phone, lower-case email, card "
                                                      "without spaces or dashes"})
    qr = ma.fields.String(metadata={"description": "Cards only: the text to draw as a QR code in a wallet "
                                                   "app; a till may look the card up by it as well"})
    created_at = AwareDateTime()


class IdentityListSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(IdentitySchema))


class MemberWithIdentitiesSchema(MemberSchema):
    identities = ma.fields.List(ma.fields.Nested(IdentitySchema), metadata={
        "description": "The member's cards, phones, emails and external ids (a wallet screen shows the cards)"})
