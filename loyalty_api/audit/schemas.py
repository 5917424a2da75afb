"""``GET /v1/audit``: its filters and its entries."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from loyalty_api.audit.rules import ACTIONS, TARGET_TYPES
from loyalty_api.fields import AwareDateTime
from loyalty_api.http.pagination import PageArgs, page_schema

EXAMPLE_CHANGES = {"earn.points_per_unit": {"before": 1, "after": 2}}


class AuditArgs(PageArgs):
    actor = ma.fields.String(load_default=None, validate=validate.Length(1, 128),
                             metadata={"description": "Only this API client's changes", "example": "cl_3f9a0c1d2e"})
    action = ma.fields.String(load_default=None, validate=validate.OneOf(ACTIONS),
                              metadata={"description": "Only this action", "example": "program.updated"})
    since = AwareDateTime(data_key="from", load_default=None,
                          metadata={"description": "Entries at or after this instant"})
    until = AwareDateTime(data_key="to", load_default=None, metadata={"description": "Entries before this instant"})

    @ma.validates_schema
    def _ordered(self, data, **kwargs):
        if data.get("since") and data.get("until") and data["since"] >= data["until"]:
            raise ma.ValidationError("`from` must be before `to`.", field_name="to")


class AuditTargetSchema(ma.Schema):
    type = ma.fields.String(required=True, validate=validate.OneOf(TARGET_TYPES), metadata={"example": "program"})
    id = ma.fields.String(required=True, metadata={"example": "5d0c3e9e-2f55-4d44-9c1f-0e7c6f0b1a2d"})


class AuditEntrySchema(ma.Schema):
    id = ma.fields.UUID(required=True, metadata={"example": "0b6f8f4e-7a4e-4c1e-9a55-3f1f1c7e2d10"})
    at = AwareDateTime(required=True, metadata={"example": "2026-03-01T09:30:00Z"})
    actor = ma.fields.String(required=True, metadata={"description": "The API client that made the change (or "
                                                                     "`cli` for an operator's command)",
                                                      "example": "cl_3f9a0c1d2e"})
    action = ma.fields.String(required=True, metadata={"example": "program.updated"})
    target = ma.fields.Nested(AuditTargetSchema, required=True)
    request_id = ma.fields.String(required=True, allow_none=True,
                                  metadata={"description": "The X-Request-Id of the request that made the change",
                                            "example": "7f9c2ba4e88f827d"})
    changes = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.Dict(), required=True,
        metadata={"description": "Each touched field (nested ones as `a.b`): {before, after}; secrets and personal "
                                 "data read \"[redacted]\"", "example": EXAMPLE_CHANGES})


AuditPageSchema = page_schema(AuditEntrySchema, "AuditPage")
