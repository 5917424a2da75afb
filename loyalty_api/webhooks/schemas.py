"""Webhook schemas."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from loyalty_api.events.service import EVENT_TYPES
from loyalty_api.fields import AwareDateTime
from loyalty_api.http.pagination import PageArgs, page_schema
from loyalty_api.webhooks.models import DELIVERY_STATUSES
from loyalty_api.webhooks.rules import MAX_URL_LENGTH

SUBSCRIBABLE = sorted(EVENT_TYPES) + ["*"]


class WebhookCreateSchema(ma.Schema):
    url = ma.fields.String(required=True, validate=validate.Length(1, MAX_URL_LENGTH),
                           metadata={"example": "https://shop.example.com/loyalty/webhooks",
                                     "description": "http or https, no credentials; must resolve to "
                                                    "public addresses"})
    event_types = ma.fields.List(
        ma.fields.String(validate=validate.OneOf(SUBSCRIBABLE)), required=True,
        validate=validate.Length(1, len(SUBSCRIBABLE)),
        metadata={"example": ["points.earned", "tier.upgraded"], "description": '"*" subscribes to every type'})


class WebhookSchema(ma.Schema):
    webhook_id = ma.fields.UUID()
    url = ma.fields.String()
    event_types = ma.fields.List(ma.fields.String())
    created_at = AwareDateTime()
    previous_secret_expires_at = AwareDateTime(
        allow_none=True, metadata={"description": "Until then deliveries also carry the old secret's signature"})
    status = ma.fields.String(metadata={"description": "active, or disabled (nothing is sent until re-enabled)"})
    disabled_at = AwareDateTime(allow_none=True)
    disabled_reason = ma.fields.String(
        allow_none=True, metadata={"description": "Why the worker disabled it: a 410 answer, or days of failures"})


class WebhookCreatedSchema(WebhookSchema):
    secret = ma.fields.String(metadata={"description": "Shown only in this answer; signs every delivery. "
                                                       "Standard Webhooks form: whsec_ + base64 of the key bytes"})


class RotateSecretSchema(ma.Schema):
    grace_seconds = ma.fields.Integer(load_default=86400, validate=validate.Range(0, 7 * 86400),
                                      metadata={"description": "How long the old secret stays valid"})


class RotatedSecretSchema(ma.Schema):
    webhook_id = ma.fields.UUID()
    secret = ma.fields.String(metadata={"description": "The new secret, shown only in this answer"})
    previous_secret_expires_at = AwareDateTime(allow_none=True)


class DeliveryArgs(PageArgs):
    status = ma.fields.String(load_default=None, validate=validate.OneOf(DELIVERY_STATUSES))


class DeliverySchema(ma.Schema):
    delivery_id = ma.fields.UUID()
    webhook_id = ma.fields.UUID()
    event_id = ma.fields.UUID()
    event_type = ma.fields.String()
    member_id = ma.fields.String(allow_none=True)
    status = ma.fields.String(metadata={"description": "pending, succeeded, failed or cancelled"})
    attempts = ma.fields.Integer()
    last_status_code = ma.fields.Integer(allow_none=True, metadata={"description": "HTTP status of the last answer"})
    last_error = ma.fields.String(allow_none=True)
    last_attempt_at = AwareDateTime(allow_none=True)
    next_attempt_at = AwareDateTime(allow_none=True)
    delivered_at = AwareDateTime(allow_none=True)
    redelivery_of = ma.fields.UUID(allow_none=True)
    created_at = AwareDateTime()


WebhookPageSchema = page_schema(WebhookSchema, "WebhookPage")
DeliveryPageSchema = page_schema(DeliverySchema, "DeliveryPage")
