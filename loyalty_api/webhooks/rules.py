"""Pure webhook rules: URL checks, address classes, signatures, retry schedule, envelope.

Nothing here touches the network, the database or Flask, so every rule is unit-tested
with plain values.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Iterable

import httpx
import orjson
from loyalty_api.timestamps import rfc3339

MAX_URL_LENGTH = 2048
SIGNATURE_HEADER = "Loyalty-Signature"
# Retry schedule: the n-th failed attempt waits FIRST_RETRY * 2**(n-1), at most
# MAX_RETRY_DELAY, each delay stretched or shrunk by up to JITTER so that a fleet of
# deliveries that failed together does not come back together. A delivery whose next
# attempt would fall later than GIVE_UP_AFTER from its first failed attempt is marked
# failed; so is one that has had MAX_ATTEMPTS attempts (also those whose result was
# never recorded: a worker that died, or a delivery that keeps killing it).
FIRST_RETRY = timedelta(seconds=30)
MAX_RETRY_DELAY = timedelta(hours=8)
JITTER = 0.2
GIVE_UP_AFTER = timedelta(days=1)
MAX_ATTEMPTS = 15
# A subscription whose every attempt failed for this long is disabled.
DISABLE_AFTER = timedelta(days=5)
# RFC 6052 NAT64 prefix: the low 32 bits are an IPv4 address that must pass the same check.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Prefixes whose traffic leaves through a relay or translator we do not control, and
# which can carry any IPv4 address (private ones too): refused whatever they embed.
_TUNNELLED = (ipaddress.ip_network("2002::/16"),        # 6to4
              ipaddress.ip_network("2001::/32"),        # Teredo
              ipaddress.ip_network("64:ff9b:1::/48"),   # local-use NAT64 (RFC 8215)
              ipaddress.ip_network("::/96"))            # IPv4-compatible (deprecated)


class UnacceptableUrl(ValueError):
    """The URL cannot be a webhook target; the message says why."""


@dataclass(frozen=True)
class Target:
    """A checked webhook URL as the sender uses it."""

    url: httpx.URL
    scheme: str
    host: str  # ASCII (IDNA-encoded), what is resolved and sent as the TLS server name
    port: int
    host_header: str


def check_url_shape(url: str) -> Target:
    """http(s), a host, no credentials, no fragment.

    The URL is parsed by the HTTP client's own parser, the one the sender uses: a URL
    it cannot parse (an invalid IDNA host such as ``☃.net``) is refused here, never
    found out while sending.
    """
    if not url or len(url) > MAX_URL_LENGTH:
        raise UnacceptableUrl(f"Give a URL of 1 to {MAX_URL_LENGTH} characters.")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise UnacceptableUrl("The URL contains whitespace or control characters.")
    try:
        parsed = httpx.URL(url)
        port = parsed.port
        host = parsed.raw_host.decode("ascii")
    except (httpx.InvalidURL, ValueError, TypeError, UnicodeError) as exc:
        raise UnacceptableUrl("The URL cannot be parsed.") from exc
    if port is not None and not 0 < port < 65536:
        raise UnacceptableUrl("The URL cannot be parsed (port out of range).")
    scheme = parsed.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnacceptableUrl("Only http and https URLs are accepted.")
    if parsed.userinfo or "@" in url.split("//", 1)[-1].split("/", 1)[0]:
        raise UnacceptableUrl("Credentials in the URL are not accepted; verify the signature instead.")
    if not host:
        raise UnacceptableUrl("The URL has no host.")
    if parsed.fragment or "#" in url:
        raise UnacceptableUrl("The URL must not have a fragment.")
    netloc = parsed.netloc.decode("ascii")
    return Target(parsed, scheme, host, port or (443 if scheme == "https" else 80), netloc)


def is_public_address(address: str) -> bool:
    """True for globally routable unicast addresses only.

    Loopback, private, link-local (cloud metadata at 169.254.169.254), shared
    (100.64/10), multicast, reserved and unspecified addresses are not public, nor
    IPv6 forms that embed such an IPv4 address (``::ffff:10.0.0.1``, NAT64
    ``64:ff9b::a00:1``). Tunnel and translator prefixes (6to4, Teredo, local-use
    NAT64, IPv4-compatible) are refused whatever they embed.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if any(ip in network for network in _TUNNELLED):
            return False
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


STANDARD_ID_HEADER = "webhook-id"
STANDARD_TIMESTAMP_HEADER = "webhook-timestamp"
STANDARD_SIGNATURE_HEADER = "webhook-signature"
STANDARD_PREFIX = "whsec_"


def standard_key(secret: str) -> bytes | None:
    """The HMAC key of a Standard Webhooks secret (``whsec_`` + base64 of the key bytes).

    Secrets issued before the service spoke Standard Webhooks are ``whsec_`` + 43
    URL-safe characters, which are not standard base64 of anything: None for them
    (they still sign ``Loyalty-Signature``; a rotation issues a standard one).
    """
    if not secret.startswith(STANDARD_PREFIX):
        return None
    encoded = secret[len(STANDARD_PREFIX):]
    if len(encoded) % 4:
        return None
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None


def standard_signature_header(secrets: list[str], event_id: str, timestamp: int, body: bytes) -> str | None:
    """``v1,<base64 HMAC-SHA256 of "id.timestamp.body">`` per standard secret, space-separated."""
    keys = [key for key in map(standard_key, secrets) if key is not None]
    if not keys:
        return None
    signed = f"{event_id}.{timestamp}.".encode() + body
    return " ".join("v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
                    for key in keys)


def delivery_headers(event_id: str, event_type: str, delivery_id: str, attempt: int, secrets: list[str],
                     timestamp: int, body: bytes) -> dict[str, str]:
    """The headers of one attempt: both signatures (every valid secret), the ids, the attempt number."""
    headers = {
        SIGNATURE_HEADER: signature_header(secrets, timestamp, body),
        "Loyalty-Event-Id": event_id,
        "Loyalty-Event-Type": event_type,
        "Loyalty-Delivery-Id": delivery_id,
        "Loyalty-Delivery-Attempt": str(attempt),
        STANDARD_ID_HEADER: event_id,
        STANDARD_TIMESTAMP_HEADER: str(timestamp),
    }
    standard = standard_signature_header(secrets, event_id, timestamp, body)
    if standard is not None:  # None: only secrets issued before Standard Webhooks (rotate to get one)
        headers[STANDARD_SIGNATURE_HEADER] = standard
    return headers


def retry_delay(failed_attempts: int, jitter_draw: float) -> timedelta:
    """Wait before the next attempt after ``failed_attempts`` (>= 1) failures.

    ``jitter_draw`` is uniform in [0, 1): 0.5 keeps the nominal delay.
    """
    nominal = min(FIRST_RETRY * 2 ** min(failed_attempts - 1, 20), MAX_RETRY_DELAY)
    return nominal * (1 + JITTER * (2 * jitter_draw - 1))


def claim_backoffs() -> list[timedelta]:
    """Per attempt number n (1-based, index n - 1): the nominal wait after it fails.

    Written at claim time as the delivery's next attempt, so an attempt whose result
    is never recorded (a worker that died mid-attempt) is retried with backoff too.
    """
    return [retry_delay(n, 0.5) for n in range(1, MAX_ATTEMPTS + 1)]


def next_attempt_at(first_failed_at: datetime | None, failed_attempts: int, now: datetime,
                    jitter_draw: float, retry_after: timedelta | None = None) -> datetime | None:
    """When to try again, or None when the delivery has run out of time or attempts (failed).

    The give-up clock starts at the first failed attempt (``now`` when this is it).
    The receiver's ``Retry-After`` is honoured when it asks for longer than the
    backoff, up to ``MAX_RETRY_DELAY``.
    """
    if failed_attempts >= MAX_ATTEMPTS:
        return None
    delay = retry_delay(failed_attempts, jitter_draw)
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_RETRY_DELAY))
    at = now + delay
    return None if at > (first_failed_at or now) + GIVE_UP_AFTER else at


def parse_retry_after(value: str | None, now: datetime) -> timedelta | None:
    """``Retry-After`` as seconds or an HTTP date (RFC 9110 §10.2.3); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return timedelta(seconds=int(value))
    try:
        at = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    return max(at - now, timedelta(0))


def should_disable(failing_since: datetime | None, now: datetime) -> bool:
    """Every attempt to the subscription has failed for ``DISABLE_AFTER``."""
    return failing_since is not None and now - failing_since >= DISABLE_AFTER


def event_matches(event_type: str, subscribed: Iterable[str]) -> bool:
    subscribed = set(subscribed)
    return "*" in subscribed or event_type in subscribed


def _utc(value: datetime) -> str:
    return rfc3339(value)


def envelope_body(event_id: str, event_type: str, created_at: datetime, program_id: str,
                  data: dict[str, Any], livemode: bool = True) -> bytes:
    """The delivered JSON; the same event always gives the same bytes. ``livemode`` is
    false for a test program's events (a receiver keeps them apart from real ones)."""
    return orjson.dumps({"id": event_id, "type": event_type, "created_at": _utc(created_at),
                         "program_id": program_id, "livemode": livemode, "data": data}, option=orjson.OPT_SORT_KEYS)
