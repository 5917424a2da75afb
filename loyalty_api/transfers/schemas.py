"""Transfer schemas."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from loyalty_api.fields import AwareDateTime, StrictInteger, member_id_field
from loyalty_api.http.pagination import page_schema
from loyalty_api.identities.schemas import TYPE
from loyalty_api.ledger.schemas import BalanceSchema
from loyalty_api.transfers.rules import MAX_POINTS

POINTS = StrictInteger(required=True, validate=validate.Range(min=1, max=MAX_POINTS), metadata={
    "description": "Available points to move (at least 1); pending and held points never move",
    "example": 300})


class TransferRequestSchema(ma.Schema):
    to_member_id = member_id_field(required=True, metadata={"description": "The receiving member",
                                                            "example": "cust-2002"})
    points = POINTS
    reason = ma.fields.String(required=True, validate=validate.Length(1, 500),
                              metadata={"example": "Family account: gift to a daughter"})


class RecipientIdentitySchema(ma.Schema):
    type = TYPE
    value = ma.fields.String(required=True, validate=validate.Length(1, 320),
                             metadata={"example": "+79161234567"})


class MyTransferRequestSchema(ma.Schema):
    to_member_id = member_id_field(load_default=None, metadata={
        "description": "The receiving member; or name them by `to_identity`", "example": "cust-2002"})
    to_identity = ma.fields.Nested(RecipientIdentitySchema, load_default=None, metadata={
        "description": "The receiver's card, phone, email or external id (phones in E.164, emails in any case)"})
    points = POINTS
    reason = ma.fields.String(load_default=None, validate=validate.Length(1, 500),
                              metadata={"description": "A message kept with the transfer", "example": "Happy birthday"})

    @ma.validates_schema
    def _one_recipient(self, data, **kwargs):
        if (data.get("to_member_id") is None) == (data.get("to_identity") is None):
            raise ma.ValidationError("Name the receiver by exactly one of to_member_id and to_identity.",
                                     field_name="to_member_id")


class ReceivedLotSchema(ma.Schema):
    expires_at = AwareDateTime(allow_none=True, metadata={"description": "The source lots' expiry, kept; null = never"})
    points = ma.fields.Integer()


class TransferSchema(ma.Schema):
    id = ma.fields.Integer(metadata={"description": "The transfer's id", "example": 41})
    from_member_id = ma.fields.String(metadata={"example": "cust-1001"})
    to_member_id = ma.fields.String(allow_none=True, metadata={
        "description": "null in a member's own transfer addressed by `to_identity`: the app learns no other "
                       "member's id", "example": "cust-2002"})
    points = ma.fields.Integer(metadata={"example": 300})
    reason = ma.fields.String(allow_none=True, metadata={"example": "Family account: gift to a daughter"})
    initiated_by = ma.fields.String(metadata={"enum": ["client", "member"],
                                              "description": "`member`: sent with a member token"})
    created_at = AwareDateTime()


class TransferResultSchema(TransferSchema):
    lots = ma.fields.List(ma.fields.Nested(ReceivedLotSchema), metadata={
        "description": "What the receiver got per expiry instant, soonest first"})
    balance = ma.fields.Nested(BalanceSchema, metadata={"description": "The sender's balance after the transfer"})


TransferPageSchema = page_schema(TransferSchema, "TransferPage")
