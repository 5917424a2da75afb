"""Reads stay right when the job is late: balance, quote, hold and redeem over HTTP
ignore lots past ``expires_at`` and lots taken by inactivity; settings changes keep old dates."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from loyalty_api.audit.rules import OPERATOR
from loyalty_api.db import unit_of_work
from loyalty_api.ledger import service as ledger
from loyalty_api.programs import service as programs
from tests.support import ApiCaller, expiry_credit as credit, make_program

REDEEM_ANYTHING = {"point_value": "1.00", "min_points": 1, "max_order_share": "1"}


def caller(app, expiry):
    handle = make_program(app, settings={"expiry": expiry, "redeem": REDEEM_ANYTHING, "pending_days": 0})
    return handle.program_id, ApiCaller(app.test_client(), handle.token)


def when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def lot_remaining(factory, program_id, lot_id):
    with unit_of_work(factory) as uow:
        return uow.session.execute(text("SELECT remaining FROM lots WHERE program_id = :p AND lot_id = :l"),
                                   {"p": program_id, "l": lot_id}).scalar()


def verify(factory, program_id):
    with unit_of_work(factory) as uow:
        return ledger.verify_ledger(uow.session, program_id)


def quote(api, member_id, redeem_points):
    response = api.post("/v1/checkout/quote", json={
        "member_id": member_id, "order": {"amount": "1000.00", "currency": "RUB"}, "redeem_points": redeem_points})
    assert response.status_code == 200, response.json
    return response.json


def order(api, member_id, order_id, redeem_points):
    return api.post("/v1/orders", json={"order_id": order_id, "member_id": member_id, "amount": "1000.00",
                                        "currency": "RUB", "redeem_points": redeem_points})


def test_expired_lot_is_ignored_by_balance_quote_hold_and_redeem(app, session_factory):
    program_id, api = caller(app, {"mode": "days", "days": 30})
    assert api.post("/v1/members", json={"member_id": "lea"}).status_code == 201
    now = datetime.now(timezone.utc)
    stale = credit(session_factory, program_id, "lea", 100, now - timedelta(days=40))  # burned ~9 days ago
    fresh = credit(session_factory, program_id, "lea", 30, now - timedelta(days=1))

    balance = api.get("/v1/members/lea/balance").json
    assert balance["available"] == 30
    assert balance["next_expiry"]["points"] == 30 and len(balance["expiring"]) == 1
    assert when(balance["next_expiry"]["expires_at"]) > now

    q = quote(api, "lea", 100)
    assert (q["available"], q["redeem"]["applied_points"]) == (30, 30)

    refused = api.post("/v1/holds", json={"member_id": "lea", "points": 31})
    assert (refused.status_code, refused.json["code"]) == (409, "insufficient_points")
    hold = api.post("/v1/holds", json={"member_id": "lea", "points": 30})
    assert hold.status_code == 201, hold.json
    assert api.post(f"/v1/holds/{hold.json['hold_id']}/release", json={}).status_code == 200

    refused = order(api, "lea", "ord-too-much", 31)
    assert (refused.status_code, refused.json["code"]) == (409, "insufficient_points")
    placed = order(api, "lea", "ord-ok", 30)
    assert placed.status_code == 201 and placed.json["redeemed_points"] == 30
    assert lot_remaining(session_factory, program_id, stale) == 100  # never spent, waits for the job
    assert lot_remaining(session_factory, program_id, fresh) == 0
    assert verify(session_factory, program_id) == []


def test_inactivity_is_honoured_by_reads_before_the_job_and_the_ledger_names_the_lot(app, session_factory):
    program_id, api = caller(app, {"mode": "none", "inactivity_days": 30})
    assert api.post("/v1/members", json={"member_id": "max"}).status_code == 201
    now = datetime.now(timezone.utc)
    lapsed = credit(session_factory, program_id, "max", 100, now - timedelta(days=40))
    credit(session_factory, program_id, "max", 20, now - timedelta(days=2), entry_type="adjust",
           reason="win-back", actor="ops")  # not activity: 30 days of its own

    balance = api.get("/v1/members/max/balance").json
    assert balance["available"] == 20
    assert balance["next_expiry"]["points"] == 20  # burns at its own inactivity deadline
    assert when(balance["next_expiry"]["expires_at"]) > now + timedelta(days=27)
    q = quote(api, "max", 100)
    assert (q["available"], q["redeem"]["applied_points"]) == (20, 20)
    refused = api.post("/v1/holds", json={"member_id": "max", "points": 21})
    assert (refused.status_code, refused.json["code"]) == (409, "insufficient_points")
    placed = order(api, "max", "ord-max", 20)
    assert placed.status_code == 201 and placed.json["redeemed_points"] == 20

    items = api.get("/v1/members/max/ledger").json["items"]
    burned = [(i["type"], i["points"], i["lot_id"], i["reason"]) for i in items if i["type"] == "expire"]
    assert burned == [("expire", -100, lapsed, "inactivity")]
    assert lot_remaining(session_factory, program_id, lapsed) == 0
    assert verify(session_factory, program_id) == []


def test_changed_settings_apply_to_new_lots_only(app, session_factory):
    # 30 days, UTC: a lot available 10 Jan 2026 burns 10 Feb 00:00. After the change to
    # end_of_year/0 in Moscow, a lot available 11 Jan burns 31 Dec 2026 21:00 UTC; the first keeps its date.
    program_id, _ = caller(app, {"mode": "days", "days": 30})
    with unit_of_work(session_factory) as uow:
        from loyalty_api.members import service as members

        members.enroll(uow.session, program_id, {"member_id": "ned"})
        uow.commit()
    t0 = datetime(2026, 1, 10, 9, tzinfo=timezone.utc)
    first = credit(session_factory, program_id, "ned", 10, t0)
    with unit_of_work(session_factory) as uow:
        programs.patch_program(uow.session, program_id, {"expiry": {"mode": "end_of_year", "days": 0},
                                                         "timezone": "Europe/Moscow"}, actor=OPERATOR)
        uow.commit()
    second = credit(session_factory, program_id, "ned", 20, t0 + timedelta(days=1))
    with unit_of_work(session_factory) as uow:
        dates = dict(uow.session.execute(text("SELECT lot_id, expires_at FROM lots WHERE program_id = :p"),
                                         {"p": program_id}).all())
        schedule = ledger.get_balance(uow.session, program_id, "ned", t0 + timedelta(days=2)).expiring
    assert dates == {first: datetime(2026, 2, 10, tzinfo=timezone.utc),
                     second: datetime(2026, 12, 31, 21, tzinfo=timezone.utc)}
    assert schedule == [{"expires_at": dates[first], "points": 10}, {"expires_at": dates[second], "points": 20}]


def test_balance_and_spendable_figures_agree_across_expiry_and_inactivity_boundaries(app, session_factory):
    """The balance decides which lots count in Python (``expiry.rules.lot_state``); the
    quote and the spend path decide in SQL (the inactivity cutoff). Hour by hour across
    a lot's expiry, the members' inactivity deadlines (local midnight in Moscow) and a
    pending lot's arrival, both must give the same available points."""
    from loyalty_api.members import service as members

    handle = make_program(app, settings={"expiry": {"mode": "days", "days": 10, "inactivity_days": 3},
                                         "timezone": "Europe/Moscow", "pending_days": 0})
    t0 = datetime(2026, 3, 1, 20, 30, tzinfo=timezone.utc)  # 23:30 in Moscow
    with unit_of_work(session_factory) as uow:
        for member_id in ("active", "quiet", "empty"):
            members.enroll(uow.session, handle.program_id, {"member_id": member_id})
        uow.commit()
    credit(session_factory, handle.program_id, "active", 50, t0)
    credit(session_factory, handle.program_id, "active", 7, t0 + timedelta(days=2, hours=5))  # activity again
    credit(session_factory, handle.program_id, "quiet", 40, t0 - timedelta(days=1))
    credit(session_factory, handle.program_id, "quiet", 9, t0 + timedelta(hours=1), entry_type="adjust",
           reason="win-back", actor="ops")  # no activity: its own 3 days
    seen = set()
    for hour in range(0, 24 * 12, 1):
        now = t0 + timedelta(hours=hour)
        with unit_of_work(session_factory) as uow:
            for member_id in ("active", "quiet", "empty"):
                balance = ledger.get_balance(uow.session, handle.program_id, member_id, now)
                spendable = ledger.available_points(uow.session, handle.program_id, member_id, now)
                assert balance.available == spendable, (member_id, now)
                seen.add((member_id, balance.available))
    # the walk did cross the boundaries: "active" earns again, then inactivity takes
    # both lots at once; "quiet" loses its old lot first, then the win-back lot
    assert {value for member, value in seen if member == "active"} == {50, 57, 0}
    assert {value for member, value in seen if member == "quiet"} == {40, 49, 9, 0}
