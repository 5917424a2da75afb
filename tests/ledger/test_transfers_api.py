"""Transfers between members over HTTP (POST /v1/members/{id}/transfers, POST /v1/me/transfers).

The worked example (seeded by adjustments, "now" = the test's day):

| sender lot | points | expires      | taken by a transfer of 250 | left |
|------------|--------|--------------|----------------------------|------|
| A          | 100    | now + 10 d   | 100                        | 0    |
| B          | 200    | now + 40 d   | 150                        | 50   |
| C          | 50     | never        | 0                          | 50   |

The receiver gets two lots: 100 expiring at A's instant and 150 at B's; the sender keeps
100 (50 at B's instant, 50 without expiry).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from loyalty_api.timestamps import rfc3339
from tests.support import ApiCaller, assert_problem, make_program, outbox_events, token_for

SETTINGS = {"pending_days": 0, "transfers": {"enabled": True, "max_points_per_month": None}}
SOON = (datetime.now(timezone.utc) + timedelta(days=10)).replace(microsecond=0)
LATER = (datetime.now(timezone.utc) + timedelta(days=40)).replace(microsecond=0)


def shop(app, settings=None, members=("ann", "bob")):
    handle = make_program(app, settings={**SETTINGS, **(settings or {})})
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in members:
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
    return handle, api


def send(api, to, points, sender="ann", reason="gift", **headers):
    return api.post(f"/v1/members/{sender}/transfers", json={"to_member_id": to, "points": points, "reason": reason},
                    headers=headers or None)


def verify(app, handle):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []


def lots_of(app, handle, member_id):
    from sqlalchemy import text

    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        return [(row.remaining, row.expires_at) for row in uow.session.execute(text(
            "SELECT remaining, expires_at FROM lots WHERE program_id = :p AND member_id = :m AND remaining > 0"
            " ORDER BY expires_at NULLS LAST, lot_id"), {"p": handle.program_id, "m": member_id})]


def test_a_transfer_moves_available_points_soonest_expiring_first_and_keeps_their_expiry(app, make_adjustment):
    handle, api = shop(app)
    make_adjustment(api, "ann", 100, reason="seed", expires_at=SOON)
    make_adjustment(api, "ann", 200, reason="seed", expires_at=LATER)
    make_adjustment(api, "ann", 50, reason="seed")
    answer = send(api, "bob", 250)
    assert answer.status_code == 201, answer.json
    body = answer.json
    assert (body["from_member_id"], body["to_member_id"], body["points"], body["reason"]) == ("ann", "bob", 250, "gift")
    assert body["initiated_by"] == "client" and isinstance(body["id"], int) and body["created_at"]
    assert [(lot["points"], lot["expires_at"]) for lot in body["lots"]] == [
        (100, rfc3339(SOON)), (150, rfc3339(LATER))]
    assert body["balance"]["available"] == 100
    assert lots_of(app, handle, "bob") == [(100, SOON), (150, LATER)]
    assert lots_of(app, handle, "ann") == [(50, LATER), (50, None)]
    assert api.get("/v1/members/bob/balance").json["available"] == 250
    assert api.get("/v1/members/bob/balance").json["next_expiry"]["points"] == 100
    out = api.get("/v1/members/ann/ledger").json["items"][0]
    assert (out["type"], out["points"], out["reason"]) == ("transfer_out", -250, "gift")
    received = [(e["type"], e["points"], e["expires_at"]) for e in api.get("/v1/members/bob/ledger").json["items"]]
    assert sorted(received, key=lambda e: e[1]) == [("transfer_in", 100, body["lots"][0]["expires_at"]),
                                                    ("transfer_in", 150, body["lots"][1]["expires_at"])]
    listed = api.get("/v1/members/bob/transfers").json
    assert [item["id"] for item in listed["items"]] == [body["id"]] and listed["next_cursor"] is None
    assert api.get("/v1/members/ann/transfers").json["items"][0]["to_member_id"] == "bob"
    events = [(data["member_id"], data["direction"], data["points"])
              for _, data in outbox_events(app, handle.program_id, "points.transferred")]
    assert events == [("ann", "out", 250), ("bob", "in", 250)]
    # Transfers are neither earning nor spending.
    assert outbox_events(app, handle.program_id, "points.redeemed") == []
    assert api.get("/v1/members/bob/balance").json["lifetime_earned"] == 0
    verify(app, handle)


def test_pending_and_held_points_do_not_move(app, make_adjustment):
    handle, api = shop(app, {"pending_days": 14})
    make_adjustment(api, "ann", 100, reason="seed")
    assert api.post("/v1/orders", json={"order_id": "o1", "member_id": "ann", "amount": "500.00",
                                        "currency": "RUB"}).status_code == 201
    hold = api.post("/v1/holds", json={"member_id": "ann", "points": 60, "order_id": "o2"})
    assert hold.status_code == 201, hold.json
    problem = assert_problem(send(api, "bob", 41), 409, "insufficient_points")
    assert problem["available"] == 40
    assert send(api, "bob", 40).status_code == 201
    verify(app, handle)


def test_every_refusal_has_its_status_and_code_and_changes_nothing(app, make_adjustment):
    handle, api = shop(app, members=("ann", "bob", "cat", "dan", "eve"))
    make_adjustment(api, "ann", 100, reason="seed")
    assert_problem(send(api, "bob", 101), 409, "insufficient_points")
    assert_problem(send(api, "ann", 10), 422, "validation_error")
    for points in (0, -5, "10", 1.5):
        assert_problem(send(api, "bob", points), 422, "validation_error")
    assert_problem(api.post("/v1/members/ann/transfers", json={"to_member_id": "bob", "points": 5}),
                   422, "validation_error")  # the reason is required
    assert_problem(send(api, "nobody", 10), 404, "not_found")
    assert_problem(send(api, "bob", 10, sender="nobody"), 404, "not_found")
    assert api.delete("/v1/members/cat").status_code == 204
    assert_problem(send(api, "cat", 10), 404, "not_found")
    assert api.patch("/v1/members/dan", json={"status": "blocked"}).status_code == 200
    assert_problem(send(api, "dan", 10), 422, "validation_error")
    assert api.post("/v1/members/bob/merge", json={"from_member_id": "eve"}).status_code == 201
    merged = assert_problem(send(api, "eve", 10), 409, "member_merged")
    assert merged["merged_into"] == "bob"
    assert api.get("/v1/members/ann/balance").json["available"] == 100
    assert api.get("/v1/members/ann/transfers").json["items"] == []
    reader = ApiCaller(app.test_client(), token_for(app, scopes=["members:read"], program_id=handle.program_id))
    assert_problem(reader.post("/v1/members/ann/transfers", json={"to_member_id": "bob", "points": 1,
                                                                  "reason": "x"}), 403, "forbidden")
    assert reader.get("/v1/members/ann/transfers").status_code == 200
    verify(app, handle)


def test_transfers_are_off_until_the_program_enables_them(app, make_adjustment):
    _, api = shop(app, {"transfers": {"enabled": False}})
    assert api.get("/v1/program").json["transfers"] == {"enabled": False, "max_points_per_month": None}
    make_adjustment(api, "ann", 100, reason="seed")
    assert_problem(send(api, "bob", 10), 403, "forbidden")
    patched = api.patch("/v1/program", json={"transfers": {"enabled": True, "max_points_per_month": 500}})
    assert patched.status_code == 200 and patched.json["transfers"]["max_points_per_month"] == 500
    assert send(api, "bob", 10).status_code == 201
    assert_problem(api.patch("/v1/program", json={"transfers": {"max_points_per_month": 0}}), 422,
                   "validation_error")
    assert api.get("/v1/members/ann/balance").json["available"] == 90


def test_the_monthly_limit_counts_the_senders_transfers_of_the_calendar_month(app, make_adjustment):
    """Limit 300: 200 passes, 150 more would make 350 (refused), 100 makes exactly 300, 1 more is refused;
    what the sender received does not count, and another sender has a limit of its own."""
    handle, api = shop(app, {"transfers": {"enabled": True, "max_points_per_month": 300}},
                       members=("ann", "bob", "cat"))
    make_adjustment(api, "ann", 1000, reason="seed")
    make_adjustment(api, "bob", 1000, reason="seed")
    assert send(api, "bob", 200).status_code == 201
    problem = assert_problem(send(api, "bob", 150), 422, "limit_exceeded")
    assert (problem["limit"], problem["used"], problem["remaining"]) == (300, 200, 100)
    assert send(api, "cat", 100).status_code == 201
    assert_problem(send(api, "bob", 1), 422, "limit_exceeded")
    assert send(api, "ann", 300, sender="bob").status_code == 201
    assert_problem(send(api, "cat", 1), 422, "limit_exceeded")
    assert api.get("/v1/members/ann/balance").json["available"] == 1000
    verify(app, handle)


def test_a_limit_month_is_the_programs_calendar_month(app, make_adjustment):
    """Transfers dated in the previous month of the program's zone do not count."""
    from sqlalchemy import text

    handle, api = shop(app, {"timezone": "Asia/Tokyo", "transfers": {"enabled": True, "max_points_per_month": 100}})
    make_adjustment(api, "ann", 500, reason="seed")
    assert send(api, "bob", 100).status_code == 201
    assert_problem(send(api, "bob", 1), 422, "limit_exceeded")
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        uow.session.execute(text("UPDATE member_transfers SET created_at = date_trunc('month', now() AT TIME ZONE"
                                 " 'Asia/Tokyo') AT TIME ZONE 'Asia/Tokyo' - interval '1 second'"
                                 " WHERE program_id = :p"), {"p": handle.program_id})
        uow.commit()
    assert send(api, "bob", 100).status_code == 201


def test_a_retried_transfer_applies_once(app, make_adjustment):
    handle, api = shop(app)
    make_adjustment(api, "ann", 100, reason="seed")
    first = send(api, "bob", 30, **{"Idempotency-Key": "t-1"})
    again = send(api, "bob", 30, **{"Idempotency-Key": "t-1"})
    assert first.status_code == again.status_code == 201
    assert again.headers.get("Idempotent-Replayed") == "true" and again.json == first.json
    assert_problem(send(api, "bob", 31, **{"Idempotency-Key": "t-1"}), 422, "idempotency_conflict")
    # A refusal is not stored: the corrected retry under the same key runs.
    assert_problem(send(api, "bob", 500, **{"Idempotency-Key": "t-2"}), 409, "insufficient_points")
    assert send(api, "bob", 50, **{"Idempotency-Key": "t-2"}).status_code == 201
    assert api.get("/v1/members/bob/balance").json["available"] == 80
    verify(app, handle)


def test_a_member_sends_with_a_member_token_by_id_or_by_identity(app, make_adjustment):
    handle, api = shop(app, members=("ann", "bob", "cat"))
    make_adjustment(api, "ann", 100, reason="seed", expires_at=SOON)
    assert api.post("/v1/members/cat/identities", json={"type": "phone", "value": "+79161234567"}).status_code == 201
    token = api.post("/v1/members/ann/tokens", json={}).json["access_token"]
    app_api = api.with_token(token)
    by_id = app_api.post("/v1/me/transfers", json={"to_member_id": "bob", "points": 30})
    assert by_id.status_code == 201, by_id.json
    assert (by_id.json["to_member_id"], by_id.json["initiated_by"], by_id.json["balance"]["available"]) == (
        "bob", "member", 70)
    by_phone = app_api.post("/v1/me/transfers", json={"to_identity": {"type": "phone", "value": "+7 916 123-45-67"},
                                                      "points": 20, "reason": "Happy birthday"},
                            headers={"Idempotency-Key": "app-1"})
    assert by_phone.status_code == 201, by_phone.json
    assert by_phone.json["to_member_id"] is None  # the app does not learn cat's member id
    replay = app_api.post("/v1/me/transfers", json={"to_identity": {"type": "phone", "value": "+7 916 123-45-67"},
                                                    "points": 20, "reason": "Happy birthday"},
                          headers={"Idempotency-Key": "app-1"})
    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert api.get("/v1/members/cat/balance").json["available"] == 20
    assert lots_of(app, handle, "cat") == [(20, SOON)]
    assert_problem(app_api.post("/v1/me/transfers", json={"to_identity": {"type": "phone", "value": "+79160000000"},
                                                          "points": 1}), 404, "not_found")
    assert_problem(app_api.post("/v1/me/transfers", json={"to_member_id": "bob", "to_identity": {
        "type": "phone", "value": "+79161234567"}, "points": 1}), 422, "validation_error")
    assert_problem(app_api.post("/v1/me/transfers", json={"points": 1}), 422, "validation_error")
    assert_problem(app_api.post("/v1/me/transfers", json={"to_member_id": "bob", "points": 51}), 409,
                   "insufficient_points")
    # A member token works only on /v1/me: not on the client route, even for its own member.
    assert app_api.post("/v1/members/ann/transfers", json={"to_member_id": "bob", "points": 1,
                                                           "reason": "x"}).status_code == 403
    assert api.patch("/v1/program", json={"transfers": {"enabled": False}}).status_code == 200
    assert_problem(app_api.post("/v1/me/transfers", json={"to_member_id": "bob", "points": 1}), 403, "forbidden")
    assert api.get("/v1/members/ann/balance").json["available"] == 50
    verify(app, handle)


def test_the_transfer_list_pages_newest_first(app, make_adjustment):
    _, api = shop(app)
    make_adjustment(api, "ann", 100, reason="seed")
    make_adjustment(api, "bob", 100, reason="seed")
    ids = [send(api, "bob", 1).json["id"], send(api, "ann", 2, sender="bob").json["id"], send(api, "bob", 3).json["id"]]
    first = api.get("/v1/members/ann/transfers?limit=2").json
    assert [item["id"] for item in first["items"]] == ids[::-1][:2] and first["next_cursor"]
    rest = api.get(f"/v1/members/ann/transfers?limit=2&cursor={first['next_cursor']}").json
    assert [item["id"] for item in rest["items"]] == ids[:1] and rest["next_cursor"] is None
    assert_problem(api.get("/v1/members/nobody/transfers"), 404, "not_found")


def test_a_transfer_pays_the_receivers_debt_first(app, make_adjustment):
    """bob owes 30 (as after a return under allow_negative): 50 in pays the 30, 20 become available."""
    from loyalty_api.ledger import lots

    handle, api = shop(app)
    make_adjustment(api, "ann", 100, reason="seed")
    now = datetime.now(timezone.utc)
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        lots.lock_member(uow.session, handle.program_id, "bob", now)
        # A debit with no lot behind it, recorded as debt.
        lots.insert_debit(uow.session, handle.program_id, "bob", entry_type="adjust", points=30, now=now,
                          reason="owed")
        lots.change_debt(uow.session, handle.program_id, "bob", 30, now)
        uow.commit()
    verify(app, handle)
    assert api.get("/v1/members/bob/balance").json["available"] == -30
    assert send(api, "bob", 50).status_code == 201
    assert api.get("/v1/members/bob/balance").json["available"] == 20
    verify(app, handle)


def test_erasing_a_member_blanks_the_reasons_of_their_transfers_on_both_sides(app, make_adjustment):
    handle, api = shop(app)
    make_adjustment(api, "ann", 100, reason="seed")
    assert send(api, "bob", 30, reason="for Bob Smith's birthday").status_code == 201
    assert api.delete("/v1/members/bob").status_code == 204
    out = api.get("/v1/members/ann/ledger?type=transfer_out").json["items"][0]
    assert (out["points"], out["reason"]) == (-30, "[erased]")
    assert api.get("/v1/members/ann/transfers").json["items"][0]["reason"] == "[erased]"
    assert {data["reason"] for _, data in outbox_events(app, handle.program_id, "points.transferred")} == {"[erased]"}
    assert api.get("/v1/members/ann/balance").json["available"] == 70
    verify(app, handle)
