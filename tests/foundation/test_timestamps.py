"""One timestamp format in every API answer and event payload: RFC 3339, UTC, ``Z``,
six fractional digits; written by ``loyalty_api.timestamps`` (in Python and in SQL)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import psycopg
import pytest

from loyalty_api.jobs.runner import run_all
from loyalty_api.timestamps import rfc3339, rfc3339_sql
from tests.support import ApiCaller, make_program, outbox_events

ONE_FORMAT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
LOOKS_LIKE_AN_INSTANT = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d")


@pytest.mark.parametrize("moment, text", [
    (datetime(2026, 11, 23, 19, 0, tzinfo=timezone.utc), "2026-11-23T19:00:00.000000Z"),
    (datetime(2026, 11, 23, 22, 0, 0, 120000, tzinfo=ZoneInfo("Europe/Moscow")), "2026-11-23T19:00:00.120000Z"),
    (datetime(2026, 3, 29, 1, 30, 5, 7, tzinfo=timezone(timedelta(hours=-5))), "2026-03-29T06:30:05.000007Z"),
    (datetime(1900, 1, 1, tzinfo=timezone.utc), "1900-01-01T00:00:00.000000Z"),
])
def test_rfc3339_writes_utc_with_six_digits(moment, text):
    assert rfc3339(moment) == text


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        rfc3339(datetime(2026, 1, 1))


def test_the_sql_form_writes_the_same_text(database_url):
    moments = [datetime(2026, 11, 23, 19, 0, tzinfo=timezone.utc),
               datetime(2026, 11, 23, 19, 0, 0, 123450, tzinfo=timezone.utc),
               datetime(2026, 7, 1, 2, 3, 4, 5, tzinfo=ZoneInfo("America/Sao_Paulo"))]
    with psycopg.connect(database_url) as conn:
        conn.execute("SET TIME ZONE 'Asia/Tokyo'")  # the session's zone must not matter
        for moment in moments:
            [text] = conn.execute(f"SELECT jsonb_build_object('at', {rfc3339_sql('%s::timestamptz')})->>'at'",
                                  [moment]).fetchone()
            assert text == rfc3339(moment)


def instants(document, path="") -> list[tuple[str, str]]:
    """(path, text) of every string in ``document`` that looks like an instant."""
    if isinstance(document, dict):
        return [found for key, value in document.items() for found in instants(value, f"{path}.{key}")]
    if isinstance(document, list):
        return [found for index, value in enumerate(document) for found in instants(value, f"{path}[{index}]")]
    return [(path, document)] if isinstance(document, str) and LOOKS_LIKE_AN_INSTANT.match(document) else []


def test_answers_and_event_payloads_use_one_format(app, session_factory):
    handle = make_program(app, settings={"pending_days": 1, "expiry": {"mode": "days", "days": 30,
                                                                      "warn_days": 40}})
    api = ApiCaller(app.test_client(), handle.token)
    answers = []
    placed = (datetime.now(timezone.utc) - timedelta(minutes=1)).astimezone(timezone(timedelta(hours=3)))

    def call(method, path, body=None, status=None, **kwargs):
        answer = getattr(api, method)(path, json=body, **kwargs) if body is not None else \
            getattr(api, method)(path, **kwargs)
        assert status is None or answer.status_code == status, (path, answer.json)
        answers.append((path, answer.json))
        return answer.json

    call("put", "/v1/program/tiers", {"tiers": [{"code": "silver", "name": "Silver", "threshold": 100}],
                                      "tier_policy": {"metric": "points_earned"}}, 200)
    call("post", "/v1/program/rewards", {"reward_id": "mug", "name": "Mug", "kind": "gift", "sku": "M",
                                         "cost_points": 10, "coupon_valid_days": 30}, 201)
    call("post", "/v1/members", {"member_id": "ts"}, 201)
    call("post", "/v1/members/ts/adjustments", {"points": 500, "reason": "welcome"}, 201,
         headers={"Idempotency-Key": "ts-adjust"})
    call("post", "/v1/holds", {"member_id": "ts", "points": 50, "order_id": "H1", "ttl_seconds": 60}, 201,
         headers={"Idempotency-Key": "ts-hold"})
    call("post", "/v1/orders", {"order_id": "O1", "member_id": "ts", "amount": "1000.00", "currency": "RUB",
                                "placed_at": placed.isoformat(timespec="milliseconds")}, 201)
    call("post", "/v1/members/ts/rewards/mug/claim", None, 201, headers={"Idempotency-Key": "ts-claim"})
    call("put", "/v1/members/ts/vip", {"tier": "silver", "reason": "press",
                                       "until": "2030-01-01T00:00:00+01:00"})
    for path in ("/v1/members/ts", "/v1/members/ts/balance", "/v1/members/ts/ledger", "/v1/members/ts/tier",
                 "/v1/members/ts/tier/history", "/v1/members/ts/coupons", "/v1/orders/O1", "/v1/program"):
        call("get", path, None, 200)
    now = datetime.now(timezone.utc)
    run_all(session_factory, now=now + timedelta(days=2))
    run_all(session_factory, now=now + timedelta(days=45))

    events = outbox_events(app, handle.program_id)
    types = {event_type for event_type, _ in events}
    # SQL-built payloads (jobs) and Python-built ones (requests) are both here.
    assert {"points.earned", "points.activated", "points.expiring", "points.expired", "hold.expired",
            "reward.claimed", "vip.granted"} <= types, types
    found = [(f"{path}{where}", text) for path, body in answers for where, text in instants(body)]
    found += [(f"{event_type}{where}", text) for event_type, data in events for where, text in instants(data)]
    assert len(found) > 30
    wrong = [(where, text) for where, text in found if not ONE_FORMAT.match(text)]
    assert wrong == []
