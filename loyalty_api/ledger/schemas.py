"""Balance, ledger entries and adjustments."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from loyalty_api.fields import AwareDateTime, StrictInteger
from loyalty_api.http.pagination import PageArgs, page_schema
from loyalty_api.ledger.rules import ENTRY_TYPES


class ExpirySchema(ma.Schema):
    expires_at = AwareDateTime()
    points = ma.fields.Integer()


class BalanceSchema(ma.Schema):
    member_id = ma.fields.String()
    available = ma.fields.Integer(metadata={"description": "Spendable now (negative only while a debt is owed)"})
    pending = ma.fields.Integer(metadata={"description": "Earned, not yet available (return window)"})
    held = ma.fields.Integer(metadata={"description": "Reserved by active holds"})
    lifetime_earned = ma.fields.Integer()
    next_expiry = ma.fields.Nested(ExpirySchema, allow_none=True)
    expiring = ma.fields.List(ma.fields.Nested(ExpirySchema),
                              metadata={"description": "Every future expiry instant, soonest first"})


class EntrySchema(ma.Schema):
    id = ma.fields.Integer()
    type = ma.fields.String(metadata={"enum": list(ENTRY_TYPES)})
    points = ma.fields.Integer(metadata={"description": "Signed: credits positive, debits negative"})
    created_at = AwareDateTime()
    order_id = ma.fields.String(allow_none=True)
    return_id = ma.fields.String(allow_none=True)
    rule_id = ma.fields.String(allow_none=True)
    reason = ma.fields.String(allow_none=True)
    available_at = AwareDateTime(allow_none=True, metadata={"description": "Credits only"})
    expires_at = AwareDateTime(allow_none=True, metadata={"description": "Credits only; null = never"})
    lot_id = ma.fields.Integer(allow_none=True, metadata={"description": "Expire entries: the burnt lot"})


EntryPageSchema = page_schema(EntrySchema, "EntryPage")


class LedgerArgs(PageArgs):
    type = ma.fields.String(load_default=None, validate=validate.OneOf(ENTRY_TYPES))
    order_id = ma.fields.String(load_default=None, validate=validate.Length(1, 128))


class AdjustmentSchema(ma.Schema):
    points = StrictInteger(required=True, metadata={"description": "Non-zero; negative is a debit"})
    reason = ma.fields.String(required=True, validate=validate.Length(1, 500))
    expires_at = AwareDateTime(load_default=None, metadata={"description": "Credits only"})
