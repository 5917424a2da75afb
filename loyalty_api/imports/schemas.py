"""Imports: the import, a chunk's answer, the refused lines."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from loyalty_api.fields import AwareDateTime, StrictBoolean
from loyalty_api.http.pagination import PageArgs, page_schema


class ImportCreateSchema(ma.Schema):
    kind = ma.fields.String(required=True, validate=validate.OneOf(["members"]))
    dry_run = StrictBoolean(load_default=False, metadata={
        "description": "Check every line and answer as usual, writing nothing"})


class CountsSchema(ma.Schema):
    members = ma.fields.Integer(metadata={"description": "Members created"})
    lots = ma.fields.Integer(metadata={"description": "Lots credited (entries of type `import`)"})
    points = ma.fields.Integer(metadata={"description": "Points credited"})
    rejected = ma.fields.Integer(metadata={"description": "Lines refused (each distinct chunk counted once)"})
    accepted = ma.fields.Integer(metadata={"description": "Lines accepted (each distinct chunk counted once)"})


class ImportSchema(ma.Schema):
    import_id = ma.fields.UUID()
    kind = ma.fields.String()
    dry_run = ma.fields.Boolean()
    status = ma.fields.String(metadata={"enum": ["open", "completed"]})
    created_at = AwareDateTime()
    completed_at = AwareDateTime(allow_none=True)
    chunks = ma.fields.Integer(metadata={"description": "Distinct chunks received"})
    counts = ma.fields.Nested(CountsSchema)


class LineErrorSchema(ma.Schema):
    chunk = ma.fields.Integer(metadata={"description": "The chunk's number in this import, from 1"})
    line = ma.fields.Integer(metadata={"description": "Line in the chunk, from 1 (CSV: the header is line 1)"})
    member_id = ma.fields.String(allow_none=True)
    code = ma.fields.String(metadata={"example": "unknown_tier", "description":
        "malformed_json, malformed_csv, validation_error, unknown_tier, lot_expired, lot_conflict, "
        "duplicate_member, unknown_referrer, identity_taken, member_erased, member_merged, member_in_debt"})
    detail = ma.fields.String()


class ChunkAnswerSchema(ma.Schema):
    chunk = ma.fields.Integer()
    accepted = ma.fields.Integer()
    rejected = ma.fields.Integer()
    errors = ma.fields.List(ma.fields.Nested(LineErrorSchema))


LineErrorPageSchema = page_schema(LineErrorSchema, "ImportLineErrorPage")
ErrorPageArgs = PageArgs
