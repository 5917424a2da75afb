"""Cursor pagination: ``limit`` (1-200, default 50) and an opaque ``cursor``.

A cursor is the sort key of the last item served, base64url-encoded JSON; lists
answer ``{"items": […], "next_cursor": str | null}``. This module holds the HTTP
side (the query-string schema, the page schema of the OpenAPI document); the cursor
and page helpers services use live in ``loyalty_api/pagination.py``.
"""

from __future__ import annotations

import marshmallow as ma


class PageArgs(ma.Schema):
    limit = ma.fields.Integer(load_default=50, validate=ma.validate.Range(min=1, max=200))
    cursor = ma.fields.String(load_default=None, validate=ma.validate.Length(max=512))


def page_schema(item_schema: type[ma.Schema], name: str) -> type[ma.Schema]:
    return type(name, (ma.Schema,), {
        "items": ma.fields.List(ma.fields.Nested(item_schema)),
        "next_cursor": ma.fields.String(allow_none=True),
    })
