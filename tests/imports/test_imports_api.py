"""``/v1/imports``: chunks of member lines, per-line errors, exactly-once retries, dry
runs, the ledger's invariants after an import (SPEC §14)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import orjson
import pytest
from sqlalchemy import text

from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from tests.support import ApiCaller, assert_problem, make_program, outbox_events

NOW = datetime.now(timezone.utc)
TIERS = {"tiers": [{"code": "silver", "name": "Silver", "threshold": 1000, "earn_multiplier": 1, "perks": []},
                   {"code": "gold", "name": "Gold", "threshold": 5000, "earn_multiplier": 1.5, "perks": []}],
         "tier_policy": {"metric": "points_earned", "window_months": None, "retention_months": 12,
                         "downgrade": "one_level"}}


def iso(moment: datetime) -> str:
    return moment.isoformat()


def ndjson(*lines) -> bytes:
    return b"".join(line if isinstance(line, bytes) else orjson.dumps(line) + b"\n" for line in lines)


@pytest.fixture
def shop(app):
    handle = make_program(app, settings={"pending_days": 0, "expiry": {"mode": "none"}})
    caller = ApiCaller(app.test_client(), handle.token)
    assert caller.put("/v1/program/tiers", json=TIERS).status_code == 200
    return handle, caller


def open_import(api, dry_run=False) -> str:
    response = api.post("/v1/imports", json={"kind": "members", "dry_run": dry_run})
    assert response.status_code == 201, response.json
    assert response.json["status"] == "open"
    return response.json["import_id"]


def send(api, import_id, body: bytes, content_type="application/x-ndjson", **headers):
    return api.post(f"/v1/imports/{import_id}/rows", data=body,
                    headers={"Content-Type": content_type, **headers})


def lot(ref, points, *, available=NOW - timedelta(days=30), expires=NOW + timedelta(days=200), **extra):
    return {"lot_ref": ref, "points": points, "available_at": iso(available),
            "expires_at": iso(expires) if expires else None, **extra}


def member(member_id, **fields):
    return {"member_id": member_id, **fields}


def figures(app, program_id):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        return uow.session.execute(text("""
            SELECT (SELECT count(*) FROM members WHERE program_id = :p) AS members,
                   (SELECT count(*) FROM ledger_entries WHERE program_id = :p) AS entries,
                   (SELECT coalesce(sum(points), 0) FROM ledger_entries WHERE program_id = :p) AS points,
                   (SELECT count(*) FROM lots WHERE program_id = :p) AS lots"""), {"p": program_id}).one()._asdict()


def verify(app, program_id):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        return verify_ledger(uow.session, program_id)


def test_an_import_brings_members_with_their_dates_lots_tiers_and_metric(app, shop):
    handle, api = shop
    import_id = open_import(api)
    joined = NOW - timedelta(days=900)
    soon = NOW + timedelta(days=10)
    body = ndjson(
        member("ann", email="ann@example.com", joined_at=iso(joined), tier={"code": "gold", "since": iso(NOW - timedelta(days=60))},
               metric=5400, attributes={"store": "north"},
               lots=[lot("A-1", 700, expires=soon), lot("A-2", 500, expires=None),
                     lot("A-3", 300, available=NOW + timedelta(days=5))]),
        member("bob", referred_by="ann", vip={"tier": "gold", "until": iso(NOW + timedelta(days=90)), "reason": "staff"}),
    )
    answer = send(api, import_id, body)
    assert answer.status_code == 200, answer.json
    assert answer.json == {"chunk": 1, "accepted": 2, "rejected": 0, "errors": []}

    balance = api.get("/v1/members/ann/balance").json
    # 700 + 500 available, 300 pending until its own available_at; 700 burn at their own date
    assert (balance["available"], balance["pending"], balance["held"]) == (1200, 300, 0)
    assert balance["next_expiry"]["points"] == 700
    assert datetime.fromisoformat(balance["next_expiry"]["expires_at"]) == soon
    entries = api.get("/v1/members/ann/ledger").json["items"]
    assert sorted(e["type"] for e in entries) == ["import"] * 3
    assert datetime.fromisoformat(api.get("/v1/members/ann").json["created_at"]) == joined
    tier = api.get("/v1/members/ann/tier").json
    assert tier["tier"]["code"] == "gold" and tier["progress"] == 5400
    assert api.get("/v1/members/bob/tier").json["vip"]["tier"] == "gold"
    referrals = api.get("/v1/members/ann/referrals").json["items"]
    assert [(r["member_id"], r["status"]) for r in referrals] == [("bob", "qualified")]

    done = api.post(f"/v1/imports/{import_id}/complete")
    assert done.status_code == 200
    assert done.json["status"] == "completed"
    assert done.json["counts"] == {"members": 2, "lots": 3, "points": 1500, "rejected": 0, "accepted": 2}
    # no per-member events; one import.completed
    types = [event_type for event_type, _ in outbox_events(app, handle.program_id)]
    assert types == ["import.completed"]
    assert verify(app, handle.program_id) == []


def test_bad_lines_get_a_per_line_error_and_never_half_apply(app, shop):
    handle, api = shop
    import_id = open_import(api)
    send(api, import_id, ndjson(member("old", lots=[lot("X-1", 100)])))
    body = ndjson(
        member("t1", tier={"code": "platinum"}, lots=[lot("T-1", 10)]),                   # 1 unknown tier
        member("t2", lots=[lot("T-2", 10), lot("T-3", -5)]),                              # 2 negative points
        member("t3", lots=[lot("T-4", 10), lot("T-5", 10, expires=NOW - timedelta(days=1))]),  # 3 past expiry
        member("old", lots=[lot("X-1", 999)]),                                            # 4 lot_ref, other figures
        b'{"member_id": "t5", "lots": [\n',                                               # 5 malformed JSON
        member("fine", lots=[lot("F-1", 40)]),                                            # 6 good
        member("t7", referred_by="nobody"),                                               # 7 unknown referrer
        member("fine"),                                                                   # 8 duplicate member
    )
    answer = send(api, import_id, body)
    assert answer.status_code == 200
    codes = {(e["line"], e["member_id"], e["code"]) for e in answer.json["errors"]}
    assert codes == {(1, "t1", "unknown_tier"), (2, "t2", "validation_error"), (3, "t3", "lot_expired"),
                     (4, "old", "lot_conflict"), (5, None, "malformed_json"), (7, "t7", "unknown_referrer"),
                     (8, "fine", "duplicate_member")}
    assert (answer.json["accepted"], answer.json["rejected"]) == (1, 7)
    # nothing of a refused line exists: no member, no entry
    assert figures(app, handle.program_id) == {"members": 2, "entries": 2, "points": 140, "lots": 2}
    assert api.get("/v1/members/t2").status_code == 404
    page = api.get(f"/v1/imports/{import_id}/errors?limit=5").json
    assert [e["line"] for e in page["items"]] == [1, 2, 3, 4, 5]
    rest = api.get(f"/v1/imports/{import_id}/errors?cursor={page['next_cursor']}").json
    assert [e["line"] for e in rest["items"]] == [7, 8] and rest["next_cursor"] is None
    assert verify(app, handle.program_id) == []


def test_a_chunk_over_4_mib_or_5000_lines_is_413(shop):
    _, api = shop
    import_id = open_import(api)
    big = ndjson(member("x", attributes={"pad": "x" * 1000})) * 6 * 1024  # about 6 MiB
    assert_problem(send(api, import_id, big), 413, "payload_too_large")
    many = ndjson(*(member(f"m{n}") for n in range(5001)))
    assert_problem(send(api, import_id, many), 413, "payload_too_large")
    assert_problem(send(api, import_id, b"member_id\n", content_type="text/plain"), 415, "unsupported_media_type")


def test_a_retried_chunk_changes_nothing_and_counts_once(app, shop):
    handle, api = shop
    import_id = open_import(api)
    body = ndjson(member("r1", lots=[lot("R-1", 100), lot("R-2", 50)]), member("r2", tier={"code": "silver"}))
    first = send(api, import_id, body)
    before = figures(app, handle.program_id)
    again = send(api, import_id, body)
    assert again.json == first.json
    # the same lines in another chunk (a resend after a lost answer, split differently)
    other = send(api, import_id, ndjson(member("r1", lots=[lot("R-2", 50), lot("R-3", 5)])))
    assert other.json["accepted"] == 1
    assert figures(app, handle.program_id) == {**before, "entries": 3, "points": 155, "lots": 3}
    keyed = send(api, import_id, ndjson(member("r3")), **{"Idempotency-Key": "k-1"})
    replay = send(api, import_id, ndjson(member("r3")), **{"Idempotency-Key": "k-1"})
    assert replay.headers.get("Idempotent-Replayed") == "true" and replay.json == keyed.json
    counts = api.post(f"/v1/imports/{import_id}/complete").json["counts"]
    assert counts == {"members": 3, "lots": 3, "points": 155, "rejected": 0, "accepted": 4}
    assert_problem(send(api, import_id, ndjson(member("late"))), 409, "import_closed")
    assert api.post(f"/v1/imports/{import_id}/complete").json["counts"] == counts
    assert len(outbox_events(app, handle.program_id, "import.completed")) == 1
    assert verify(app, handle.program_id) == []


def test_a_dry_run_reports_and_writes_nothing(app, shop):
    handle, api = shop
    import_id = open_import(api, dry_run=True)
    body = ndjson(member("d1", lots=[lot("D-1", 100)]), member("d2", tier={"code": "nope"}))
    answer = send(api, import_id, body)
    assert (answer.json["accepted"], answer.json["rejected"]) == (1, 1)
    assert answer.json["errors"][0]["code"] == "unknown_tier"
    assert figures(app, handle.program_id) == {"members": 0, "entries": 0, "points": 0, "lots": 0}
    done = api.post(f"/v1/imports/{import_id}/complete").json
    assert done["dry_run"] is True
    assert done["counts"] == {"members": 1, "lots": 1, "points": 100, "rejected": 1, "accepted": 1}
    assert outbox_events(app, handle.program_id) == []


def test_regression_dry_run_is_a_json_boolean(shop):
    """Found by schemathesis over HTTP: `dry_run: 0` opened a real import where the document
    says boolean (marshmallow's Boolean took 0/1 and "yes" too)."""
    _, api = shop
    for value in (0, 1, "yes", "true"):
        assert_problem(api.post("/v1/imports", json={"kind": "members", "dry_run": value}), 422, "validation_error")


def test_regression_an_empty_chunk_applies_nothing(shop):
    """The rows body is documented as optional: an empty chunk answers 200 with no line."""
    _, api = shop
    import_id = open_import(api)
    answer = send(api, import_id, b"", content_type="text/csv")
    assert answer.status_code == 200, answer.json
    assert (answer.json["accepted"], answer.json["rejected"], answer.json["errors"]) == (0, 0, [])
    no_body = api.client.post(f"/v1/imports/{import_id}/rows", headers={"Authorization": f"Bearer {api.token}"})
    assert no_body.status_code == 200 and no_body.json["accepted"] == 0, no_body.json


def test_regression_a_csv_without_a_member_id_column_is_refused_whole(shop):
    """Found by schemathesis over HTTP: the body `null` as CSV (a header, no record) answered 200."""
    _, api = shop
    import_id = open_import(api)
    assert_problem(send(api, import_id, b"null", content_type="text/csv"), 422, "validation_error")
    assert_problem(send(api, import_id, b"email\r\na@example.com\r\n", content_type="text/csv"), 422,
                   "validation_error")


def test_csv_rows_without_lots(app, shop):
    handle, api = shop
    import_id = open_import(api)
    body = (b"member_id,email,joined_at,tier.code,attributes.city,metric\r\n"
            b"c1,c1@example.com,2024-01-02T03:04:05+00:00,silver,Kazan,1200\r\n"
            b"c2,,,bronze,,\r\n")
    answer = send(api, import_id, body, content_type="text/csv")
    assert answer.json["accepted"] == 1
    assert [(e["line"], e["code"]) for e in answer.json["errors"]] == [(3, "unknown_tier")]
    profile = api.get("/v1/members/c1").json
    assert profile["attributes"] == {"city": "Kazan"} and profile["email"] == "c1@example.com"
    assert api.get("/v1/members/c1/tier").json["progress"] == 1200


def test_after_an_import_spending_and_returns_keep_the_invariants(app, shop):
    handle, api = shop
    import_id = open_import(api)
    send(api, import_id, ndjson(member("s1", lots=[lot("S-1", 300, expires=NOW + timedelta(days=3)),
                                                  lot("S-2", 300, expires=None)])))
    # soonest-expiring first: the 300 expiring in 3 days go before the lot without expiry
    response = api.post("/v1/members/s1/adjustments", json={"points": -400, "reason": "test"})
    assert response.status_code == 201
    balance = api.get("/v1/members/s1/balance").json
    assert balance["available"] == 200 and balance["next_expiry"] is None
    assert verify(app, handle.program_id) == []


def test_identities_come_with_the_line_and_stay_unique(app, shop):
    handle, api = shop
    api.post("/v1/members", json={"member_id": "native"})
    assert api.post("/v1/members/native/identities", json={"type": "card", "value": "4000-0000-0001"}).status_code \
        in (200, 201)
    import_id = open_import(api)
    body = ndjson(
        member("i1", identities=[{"type": "phone", "value": "+7 912 345-67-89"}, {"type": "email", "value": "I1@Example.com"}],
               lots=[lot("I-1", 10)]),
        member("i2", identities=[{"type": "phone", "value": "+79123456789"}], lots=[lot("I-2", 10)]),  # i1 has it
        member("i3", identities=[{"type": "card", "value": "400000000001"}], lots=[lot("I-3", 10)]),   # native's
        member("i4", identities=[{"type": "phone", "value": "12"}]),                                   # not E.164
    )
    answer = send(api, import_id, body)
    assert [(e["line"], e["code"]) for e in answer.json["errors"]] == [
        (2, "identity_taken"), (3, "identity_taken"), (4, "validation_error")]
    assert api.get("/v1/identities/phone/%2B79123456789").json["member_id"] == "i1"
    assert api.get("/v1/identities/email/i1@example.com").json["member_id"] == "i1"
    # the refused lines left nothing: no member, no lot
    assert figures(app, handle.program_id) == {"members": 2, "entries": 1, "points": 10, "lots": 1}
    assert send(api, import_id, ndjson(member("i1", identities=[{"type": "phone", "value": "+79123456789"}]))
                ).json["accepted"] == 1


def test_concurrent_chunks_with_the_same_lines_apply_them_once(app, shop):
    from tests.support import run_together

    handle, api = shop
    import_id = open_import(api)
    lines = [member(f"p{n}", identities=[{"type": "external", "value": f"crm-{n}"}], lots=[lot(f"P-{n}", 10 + n)])
             for n in range(40)]
    first, second = ndjson(*lines), ndjson(*reversed(lines))  # other bodies, the same lines

    def sender(body):
        return lambda: send(ApiCaller(app.test_client(), handle.token), import_id, body)

    answers = run_together(sender(first), sender(second))
    assert {answer.status_code for answer in answers} <= {200, 409}
    for answer in answers:  # a chunk that lost a race on a key rolls back whole; its retry applies
        if answer.status_code == 409:
            assert send(api, import_id, first if answer is answers[0] else second).status_code == 200
    assert figures(app, handle.program_id) == {"members": 40, "entries": 40, "points": sum(10 + n for n in range(40)),
                                               "lots": 40}
    assert verify(app, handle.program_id) == []
