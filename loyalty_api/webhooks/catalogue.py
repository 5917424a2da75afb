"""The webhook event catalogue as OpenAPI components, for partners' generators.

OpenAPI 3.0 has no ``webhooks`` section, so the delivered body is published as the
``WebhookEvent`` schema (the envelope, discriminated by ``type``) with one
``<Type>Event`` schema per event type and its ``data``. ``data`` stays open: fields may
be added, never removed or renamed (docs/webhooks.md).
"""

from __future__ import annotations

from typing import Any

from loyalty_api.events.service import EVENT_TYPES

_TYPES: dict[str, dict[str, Any]] = {
    "str": {"type": "string"}, "str?": {"type": "string", "nullable": True},
    "int": {"type": "integer"}, "int?": {"type": "integer", "nullable": True},
    "money": {"type": "string", "format": "decimal"}, "bool": {"type": "boolean"},
    "time": {"type": "string", "format": "date-time"},
    "time?": {"type": "string", "format": "date-time", "nullable": True},
    "metric": {"oneOf": [{"type": "string", "format": "decimal", "nullable": True}, {"type": "integer"}]},
    "breakdown": {"type": "array", "items": {"type": "object", "additionalProperties": True}},
    "object": {"type": "object", "additionalProperties": True},
}
_TIER_CHANGE = {"from_tier": "str?", "to_tier": "str?", "reason": "str", "metric": "str", "value": "metric",
                "at": "time"}
# type -> (when it is sent, its data fields beside member_id)
EVENTS: dict[str, tuple[str, dict[str, str]]] = {
    "member.enrolled": ("A member is enrolled", {"referral_code": "str", "referred_by": "str?"}),
    "points.earned": ("An order earns points (pending until available_at), or a bonus or adjustment credits them",
                      {"points": "int", "order_id": "str?", "rule_id": "str?", "breakdown": "breakdown",
                       "available_at": "time?", "expires_at": "time?"}),
    "points.activated": ("Pending points became available", {"points": "int", "lot_id": "str", "order_id": "str?",
                                                             "available_at": "time", "expires_at": "time?"}),
    "points.redeemed": ("Points spent (order, captured hold, reward, debit)",
                        {"points": "int", "order_id": "str?", "discount_amount": "money", "hold_id": "str?"}),
    "points.reversed": ("Earned points taken back (return, cancel, referral clawback)",
                        {"points": "int", "order_id": "str?", "return_id": "str?", "cancelled": "bool",
                         "amount": "money", "points_reversed": "int", "points_refunded": "int"}),
    "points.expired": ("A lot burned (expiry or inactivity)", {"points": "int", "lot_id": "str", "entry_id": "str",
                                                                "reason": "str", "expires_at": "time?"}),
    "points.expiring": ("A lot burns within expiry.warn_days (announced once)",
                        {"points": "int", "lot_id": "str", "expires_at": "time"}),
    "hold.expired": ("A hold ran out without capture or release", {"hold_id": "str", "points": "int",
                                                                    "order_id": "str?", "expires_at": "time"}),
    "tier.upgraded": ("A member reached a higher tier", _TIER_CHANGE),
    "tier.downgraded": ("Retention ended below the threshold", _TIER_CHANGE),
    "vip.granted": ("A VIP tier was assigned", {"tier": "str", "until": "time?", "reason": "str?"}),
    "vip.revoked": ("VIP status was revoked or ended", {"tier": "str", "reason": "str?", "at": "time"}),
    "referral.rewarded": ("A referee's qualifying order rewarded both members (sent for the referrer)",
                          {"referee_id": "str", "order_id": "str", "referrer_points": "int", "referee_points": "int"}),
    "reward.claimed": ("Points bought a reward; a coupon was issued", {"reward_id": "str", "code": "str",
                                                                       "points": "int", "expires_at": "time?"}),
    "coupon.used": ("A coupon was used on an order", {"code": "str", "reward_id": "str", "order_id": "str?"}),
    "coupon.expired": ("A coupon ran out unused", {"code": "str", "reward_id": "str", "expires_at": "time?",
                                                   "points_refunded": "int"}),
    "member.merged": ("A duplicate member was merged into this one", {"from_member_id": "str", "merged_at": "time",
                                                                      "moved": "object"}),
    "points.transferred": ("Points moved between two members; sent once for each (`direction` `out` for the sender, "
                           "`in` for the receiver)",
                           {"direction": "str", "transfer_id": "int", "from_member_id": "str", "to_member_id": "str",
                            "points": "int", "reason": "str?", "lots": "breakdown"}),
    "import.completed": ("An import was completed (its members get no per-member events)",
                         {"import_id": "str", "kind": "str", "counts": "object"}),
    "webhook.disabled": ("The worker disabled one of the program's webhooks (sent to the others)",
                         {"webhook_id": "str", "url": "str", "reason": "str", "failing_since": "time?"}),
}
# Events about the program rather than one member carry no ``member_id``.
NO_MEMBER = frozenset({"import.completed", "webhook.disabled"})


def event_schema_name(event_type: str) -> str:
    """``points.earned`` -> ``PointsEarnedEvent``."""
    return "".join(part.capitalize() for part in event_type.replace("_", ".").split(".")) + "Event"


def _envelope(description: str, event_type: str | None, data: dict[str, Any]) -> dict[str, Any]:
    kind: dict[str, Any] = {"type": "string", "enum": [event_type] if event_type else sorted(EVENTS)}
    return {"type": "object", "description": description,
            "required": ["id", "type", "created_at", "program_id", "livemode", "data"],
            "properties": {"id": {"type": "string", "format": "uuid", "description": "Deduplicate on it"},
                           "type": kind, "created_at": {"type": "string", "format": "date-time"},
                           "program_id": {"type": "string", "format": "uuid"},
                           "livemode": {"type": "boolean", "description": "false for a test program's events"},
                           "data": data}}


def components() -> dict[str, dict[str, Any]]:
    """The schemas to register: one per event type, and ``WebhookEvent`` over them all."""
    assert set(EVENTS) == EVENT_TYPES, "every event type the service emits is in the catalogue"
    schemas = {}
    for event_type, (when, fields) in sorted(EVENTS.items()):
        member = {} if event_type in NO_MEMBER else {"member_id": {"type": "string"}}
        data = {"type": "object", "additionalProperties": True, "required": list(member),
                "properties": {**member, **{k: _TYPES[v] for k, v in fields.items()}}}
        if not member:
            del data["required"]
        schemas[event_schema_name(event_type)] = _envelope(f"`{event_type}`: {when}.", event_type, data)
    refs = {event_type: f"#/components/schemas/{event_schema_name(event_type)}" for event_type in sorted(EVENTS)}
    schemas["WebhookEvent"] = {
        **_envelope("The body POSTed to a webhook's URL, signed in `Loyalty-Signature` (see the webhooks guide).",
                    None, {"type": "object", "additionalProperties": True}),
        "discriminator": {"propertyName": "type", "mapping": refs},
    }
    return schemas
