"""Token request and answer (RFC 6749 §4.4)."""

from __future__ import annotations

import marshmallow as ma


class TokenRequestSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    grant_type = ma.fields.String(load_default=None)
    client_id = ma.fields.String(load_default=None)
    client_secret = ma.fields.String(load_default=None)
    scope = ma.fields.String(load_default=None, metadata={"description": "Space-separated; narrows the client's scopes"})


class TokenSchema(ma.Schema):
    access_token = ma.fields.String()
    token_type = ma.fields.String(metadata={"example": "Bearer"})
    expires_in = ma.fields.Integer()
    scope = ma.fields.String()
