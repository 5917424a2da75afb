"""Token request and answer (RFC 6749 §4.4)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate


class TokenRequestSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    grant_type = ma.fields.String(load_default=None, metadata={"example": "client_credentials"})
    client_id = ma.fields.String(load_default=None, validate=validate.Length(max=200))
    client_secret = ma.fields.String(load_default=None, validate=validate.Length(max=500))
    scope = ma.fields.String(load_default=None, validate=validate.Length(max=1000),
                             metadata={"description": "Space-separated; narrows the client's scopes"})


class TokenSchema(ma.Schema):
    access_token = ma.fields.String()
    token_type = ma.fields.String(metadata={"example": "Bearer"})
    expires_in = ma.fields.Integer(metadata={"description": "Seconds until the token expires"})
    scope = ma.fields.String(metadata={"description": "The granted scopes, space-separated"})
