"""Pure webhook rules: URL shapes, address classes, signatures, retry schedule, envelope."""

from datetime import datetime, timedelta, timezone

import orjson
import pytest

from loyalty_api.webhooks import rules, sender
from loyalty_api.webhooks.rules import UnacceptableUrl


@pytest.mark.parametrize("url, expected", [
    ("https://shop.example.com/hooks", ("https", "shop.example.com", 443)),
    ("http://shop.example.com:8080/h?x=1", ("http", "shop.example.com", 8080)),
    ("HTTPS://Shop.Example.com/h", ("https", "shop.example.com", 443)),
    ("http://[2001:db8::1]:9000/h", ("http", "2001:db8::1", 9000)),
])
def test_acceptable_url_shapes(url, expected):
    target = rules.check_url_shape(url)
    assert (target.scheme, target.host, target.port) == expected


@pytest.mark.parametrize("url, why", [
    ("ftp://shop.example.com/h", "Only http and https"),
    ("file:///etc/passwd", "Only http and https"),
    ("javascript:alert(1)", "Only http and https"),
    ("https://user:pw@shop.example.com/h", "Credentials"),
    ("https://user@shop.example.com/h", "Credentials"),
    ("https:///h", "no host"),
    ("https://shop.example.com/h#frag", "fragment"),
    ("https://shop.example.com:99999/h", "cannot be parsed"),
    ("https://shop.example.com/a b", "whitespace"),
    ("", "1 to 2048"),
    ("https://e.com/" + "a" * 2048, "1 to 2048"),
])
def test_unacceptable_url_shapes(url, why):
    with pytest.raises(UnacceptableUrl, match=why):
        rules.check_url_shape(url)


@pytest.mark.parametrize("address, public", [
    ("93.184.216.34", True),
    ("2606:2800:220:1:248:1893:25c8:1946", True),
    ("127.0.0.1", False),          # loopback
    ("127.8.9.10", False),
    ("::1", False),
    ("10.1.2.3", False),           # private
    ("172.16.0.1", False),
    ("192.168.1.1", False),
    ("169.254.169.254", False),    # link-local: cloud metadata
    ("fe80::1%eth0", False),
    ("fd00::1", False),            # unique local
    ("100.64.0.1", False),         # carrier-grade NAT
    ("0.0.0.0", False),
    ("::", False),
    ("224.0.0.1", False),          # multicast
    ("240.0.0.1", False),          # reserved
    ("255.255.255.255", False),
    ("::ffff:127.0.0.1", False),   # IPv4-mapped loopback
    ("::ffff:93.184.216.34", True),
    ("64:ff9b::a00:1", False),     # NAT64 of 10.0.0.1
    ("64:ff9b::808:808", True),    # NAT64 of 8.8.8.8
    ("64:ff9b:1::a00:1", False),   # local-use NAT64
    ("::ffff:10.0.0.1", False),    # IPv4-mapped private
    ("::10.0.0.1", False),         # IPv4-compatible (deprecated)
    ("2002:a00:1::1", False),      # 6to4 of 10.0.0.1
    ("2002:808:808::1", False),    # 6to4 at all: a relay we do not control
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo
    ("not-an-ip", False),
])
def test_public_addresses(address, public):
    assert rules.is_public_address(address) is public


def test_signature_worked_example():
    # Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
    expected = "38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789"
    assert rules.signature("whsec_test", 1700000000, b'{"a":1}') == expected
    assert rules.signature_header(["whsec_test"], 1700000000, b'{"a":1}') == f"t=1700000000,v1={expected}"


def test_signature_header_with_two_secrets_verifies_with_either():
    body = b'{"id":"e1"}'
    header = rules.signature_header(["whsec_new", "whsec_old"], 1700000000, body)
    assert header.count("v1=") == 2 and header.startswith("t=1700000000,v1=")
    for secret in ("whsec_new", "whsec_old"):
        assert rules.verify_signature_header(header, secret, body, now=1700000010)
    assert not rules.verify_signature_header(header, "whsec_other", body, now=1700000010)
    assert not rules.verify_signature_header(header, "whsec_new", body + b" ", now=1700000010)
    # A replayed delivery older than the tolerance is refused.
    assert not rules.verify_signature_header(header, "whsec_new", body, now=1700000000 + 301)


# Nominal delays (jitter draw 0.5): 30 s doubling, capped at 8 h.
@pytest.mark.parametrize("failures, seconds", [
    (1, 30), (2, 60), (3, 120), (4, 240), (5, 480), (6, 960), (7, 1920), (8, 3840),
    (9, 7680), (10, 15360), (11, 28800), (12, 28800), (40, 28800),
])
def test_retry_delay_schedule(failures, seconds):
    assert rules.retry_delay(failures, 0.5) == timedelta(seconds=seconds)


@pytest.mark.parametrize("draw, seconds", [(0.0, 24), (0.25, 27), (0.5, 30), (0.75, 33), (0.999999, 35.99999)])
def test_retry_jitter_stays_within_twenty_percent(draw, seconds):
    assert rules.retry_delay(1, draw).total_seconds() == pytest.approx(seconds, abs=1e-3)


def test_gives_up_after_a_day():
    created = datetime(2026, 1, 1, tzinfo=timezone.utc)
    # Nominal schedule: attempt 1 at 0 s, then waits of 30+60+120+240+480+960+1920+3840
    # +7680+15360+28800 s = 59490 s, so attempt 12 fails 16 h 31 m 30 s after creation;
    # waiting 8 h more would pass 24 h, so the delivery is marked failed.
    elapsed = timedelta(0)
    for failures in range(1, 12):
        elapsed += rules.retry_delay(failures, 0.5)
    assert elapsed == timedelta(hours=16, minutes=31, seconds=30)
    assert rules.next_attempt_at(created, 11, created + elapsed - rules.retry_delay(11, 0.5), 0.5) == created + elapsed
    assert rules.next_attempt_at(created, 12, created + elapsed, 0.5) is None
    assert rules.next_attempt_at(created, 1, created, 0.5) == created + timedelta(seconds=30)


def test_envelope_is_the_spec_shape_and_stable():
    at = datetime(2026, 11, 23, 19, 0, tzinfo=timezone(timedelta(hours=3)))
    body = rules.envelope_body("e-1", "points.earned", at, "p-1", {"member_id": "m1", "points": 120})
    assert orjson.loads(body) == {"id": "e-1", "type": "points.earned", "created_at": "2026-11-23T16:00:00.000000Z",
                                  "program_id": "p-1", "livemode": True, "data": {"member_id": "m1", "points": 120}}
    assert body == rules.envelope_body("e-1", "points.earned", at, "p-1", {"points": 120, "member_id": "m1"})
    test_body = rules.envelope_body("e-1", "points.earned", at, "p-1", {"member_id": "m1"}, livemode=False)
    assert orjson.loads(test_body)["livemode"] is False


def test_event_matching():
    assert rules.event_matches("points.earned", ["points.earned"])
    assert rules.event_matches("tier.upgraded", ["*"])
    assert not rules.event_matches("tier.upgraded", ["points.earned"])


def _resolver(*answers):
    def resolve(host, port, type=None):
        return [(2, 1, 6, "", (address, port)) for address in answers]
    return resolve


def test_resolution_refuses_any_non_public_address():
    assert sender.resolve_addresses("h.test", 443, allow_private=False,
                                    resolve=_resolver("93.184.216.34")) == ["93.184.216.34"]
    with pytest.raises(UnacceptableUrl, match="non-public address \\(10.0.0.7\\)"):
        sender.resolve_addresses("h.test", 443, allow_private=False, resolve=_resolver("93.184.216.34", "10.0.0.7"))
    assert sender.resolve_addresses("h.test", 443, allow_private=True,
                                    resolve=_resolver("10.0.0.7")) == ["10.0.0.7"]


def test_delivery_after_dns_rebinding_is_refused_without_connecting():
    # The name was public when the webhook was created; now it points inside the network.
    outcome = sender.post("https://hooks.shop.test/in", b"{}", {}, timeout=1, allow_private=False,
                          resolve=_resolver("169.254.169.254"))
    assert outcome.ok is False and outcome.status_code is None
    assert outcome.error == "refused: The host resolves to a non-public address (169.254.169.254)."


def test_a_lookup_that_hangs_is_given_up(monkeypatch):
    import threading

    monkeypatch.setattr(sender, "DNS_TIMEOUT_SECONDS", 0.1)
    unblock = threading.Event()

    def hanging(host, port, type=None):
        unblock.wait(5)
        return [(2, 1, 6, "", ("93.184.216.34", port))]

    try:
        with pytest.raises(UnacceptableUrl, match="could not be resolved in time"):
            sender.resolve_addresses("slow.test", 443, allow_private=False, resolve=hanging)
    finally:
        unblock.set()
