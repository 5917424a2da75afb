"""Member token schemas."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from loyalty_api.fields import StrictInteger


class MemberTokenRequestSchema(ma.Schema):
    ttl_seconds = StrictInteger(load_default=None, validate=validate.Range(min=60),
                                metadata={"description": "Lifetime; default MEMBER_TOKEN_TTL_SECONDS, "
                                                         "at most MEMBER_TOKEN_MAX_TTL_SECONDS"})


class MemberTokenSchema(ma.Schema):
    access_token = ma.fields.String(allow_none=True, metadata={
        "description": "null in an Idempotency-Key replay: tokens are never stored"})
    token_type = ma.fields.String(metadata={"example": "Bearer"})
    expires_in = ma.fields.Integer(metadata={"description": "Seconds"})
    scope = ma.fields.String(metadata={"example": "member"})
