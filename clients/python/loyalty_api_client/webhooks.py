"""Verify a webhook delivery (hand-written; kept when the client is regenerated).

The Standard Webhooks scheme: the signature is HMAC-SHA256, keyed with the base64 part
of the ``whsec_...`` secret, over ``{webhook-id}.{webhook-timestamp}.{body}``, sent
base64-encoded as ``v1,<signature>`` in ``webhook-signature`` (several, space-separated,
while a secret is being rotated).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from typing import Mapping

SECRET_PREFIX = "whsec_"


def verify_webhook(secret: str, headers: Mapping[str, str], body: bytes, *, tolerance_seconds: int = 300,
                   now: float | None = None) -> bool:
    """True when ``body`` (the raw bytes, before any JSON parsing) was signed with
    ``secret`` and its timestamp is within ``tolerance_seconds`` of ``now``."""
    lowered = {name.lower(): value for name, value in headers.items()}
    message_id = lowered.get("webhook-id", "")
    timestamp = lowered.get("webhook-timestamp", "")
    signatures = lowered.get("webhook-signature", "")
    if not message_id or not timestamp.isdigit() or not signatures:
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > tolerance_seconds:
        return False  # an old delivery replayed, or a clock far off
    try:
        key = base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
    except (binascii.Error, ValueError):
        return False
    signed = message_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for candidate in signatures.split():
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(expected, value):
            return True
    return False
