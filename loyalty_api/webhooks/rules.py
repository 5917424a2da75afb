"""Pure webhook rules: URL checks, address classes, signatures, retry schedule, envelope.

Nothing here touches the network, the database or Flask, so every rule is unit-tested
with plain values.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from datetime import datetime, timedelta
from typing import Any, Iterable
from urllib.parse import urlsplit

import orjson
from loyalty_api.timestamps import rfc3339

MAX_URL_LENGTH = 2048
SIGNATURE_HEADER = "Loyalty-Signature"
# Retry schedule: the n-th failed attempt waits FIRST_RETRY * 2**(n-1), at most
# MAX_RETRY_DELAY, each delay stretched or shrunk by up to JITTER so that a fleet of
# deliveries that failed together does not come back together. A delivery whose next
# attempt would fall later than GIVE_UP_AFTER from its creation is marked failed.
FIRST_RETRY = timedelta(seconds=30)
MAX_RETRY_DELAY = timedelta(hours=8)
JITTER = 0.2
GIVE_UP_AFTER = timedelta(days=1)
# RFC 6052 NAT64 prefix: the low 32 bits are an IPv4 address that must pass the same check.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnacceptableUrl(ValueError):
    """The URL cannot be a webhook target; the message says why."""


def check_url_shape(url: str) -> tuple[str, str, int]:
    """http(s), a host, no credentials, no fragment. Answers (scheme, host, port)."""
    if not url or len(url) > MAX_URL_LENGTH:
        raise UnacceptableUrl(f"Give a URL of 1 to {MAX_URL_LENGTH} characters.")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise UnacceptableUrl("The URL contains whitespace or control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnacceptableUrl("The URL cannot be parsed.") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnacceptableUrl("Only http and https URLs are accepted.")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise UnacceptableUrl("Credentials in the URL are not accepted; verify the signature instead.")
    if not parts.hostname:
        raise UnacceptableUrl("The URL has no host.")
    if parts.fragment:
        raise UnacceptableUrl("The URL must not have a fragment.")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def is_public_address(address: str) -> bool:
    """True for globally routable unicast addresses only.

    Loopback, private, link-local (cloud metadata at 169.254.169.254), shared
    (100.64/10), multicast, reserved and unspecified addresses are not public, nor
    IPv6 forms that embed such an IPv4 address (``::ffff:127.0.0.1``, NAT64).
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip in _NAT64:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified
                                 or ip.is_loopback or ip.is_link_local or ip.is_private)


def refused_addresses(addresses: Iterable[str]) -> list[str]:
    return [address for address in addresses if not is_public_address(address)]


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """Hex HMAC-SHA256 of ``"<timestamp>." + body`` keyed with the secret's UTF-8 bytes."""
    return hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def signature_header(secrets: list[str], timestamp: int, body: bytes) -> str:
    """``t=<unix>,v1=<sig>[,v1=<sig>…]``: one ``v1`` per valid secret, newest first."""
    return ",".join([f"t={timestamp}"] + [f"v1={signature(secret, timestamp, body)}" for secret in secrets])


def verify_signature_header(header: str, secret: str, body: bytes, now: int, tolerance: int = 300) -> bool:
    """What a receiver does (also the reference for the docs): any ``v1`` may match."""
    timestamp, candidates = None, []
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)


def retry_delay(failed_attempts: int, jitter_draw: float) -> timedelta:
    """Wait before the next attempt after ``failed_attempts`` (>= 1) failures.

    ``jitter_draw`` is uniform in [0, 1): 0.5 keeps the nominal delay.
    """
    nominal = min(FIRST_RETRY * 2 ** min(failed_attempts - 1, 20), MAX_RETRY_DELAY)
    return nominal * (1 + JITTER * (2 * jitter_draw - 1))


def next_attempt_at(created_at: datetime, failed_attempts: int, now: datetime,
                    jitter_draw: float) -> datetime | None:
    """When to try again, or None when the delivery has run out of time (failed)."""
    at = now + retry_delay(failed_attempts, jitter_draw)
    return None if at > created_at + GIVE_UP_AFTER else at


def event_matches(event_type: str, subscribed: Iterable[str]) -> bool:
    subscribed = set(subscribed)
    return "*" in subscribed or event_type in subscribed


def _utc(value: datetime) -> str:
    return rfc3339(value)


def envelope_body(event_id: str, event_type: str, created_at: datetime, program_id: str,
                  data: dict[str, Any]) -> bytes:
    """The delivered JSON; the same event always gives the same bytes."""
    return orjson.dumps({"id": event_id, "type": event_type, "created_at": _utc(created_at),
                         "program_id": program_id, "data": data}, option=orjson.OPT_SORT_KEYS)
