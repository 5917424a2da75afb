"""Ledger services on PostgreSQL: lots, FIFO by expiry, pending, expiry at read time, adjustments."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from loyalty_api.db import unit_of_work
from loyalty_api.errors import InsufficientPoints, NotFound
from loyalty_api.ledger import service as ledger
from loyalty_api.ledger.models import Lot
from loyalty_api.members import service as members
from loyalty_api.programs.models import Program
from tests.support import ApiCaller, make_program

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def ctx(app):
    handle = make_program(app, settings={"expiry": {"mode": "none"}, "pending_days": 0})
    factory = app.extensions["loyalty"].session_factory
    with unit_of_work(factory) as uow:
        members.enroll(uow.session, handle.program_id, {"member_id": "m1"})
        uow.commit()

    class Ctx:
        program_id = handle.program_id
        api = ApiCaller(app.test_client(), handle.token)

        def run(self, fn):
            with unit_of_work(factory) as uow:
                program = uow.session.get(Program, handle.program_id)
                result = fn(uow.session, program)
                uow.commit()
                return result

        def balance(self, now):
            return self.run(lambda s, p: ledger.get_balance(s, p.program_id, "m1", now))

        def remaining(self):
            return self.run(lambda s, p: {lot.lot_id: lot.remaining for lot in s.scalars(
                select(Lot).where(Lot.program_id == p.program_id).order_by(Lot.lot_id))})

    return Ctx()


def credit(ctx, points, now, **kw):
    return ctx.run(lambda s, p: ledger.credit(s, p, "m1", entry_type="bonus", points=points, now=now, **kw))


def debit(ctx, points, now):
    return ctx.run(lambda s, p: ledger.debit(s, p, "m1", entry_type="redeem", points=points, now=now))


def test_spending_draws_soonest_expiry_first(ctx):
    # lot  points  expires                    created
    # a    100     never                      T0
    # b    100     2026-02-01 (30 days)       T0
    # c    100     2026-01-07 (5 days)        T0 + 1h
    # d    100     2026-02-01 (30 days)       T0 + 2h   (same instant as b, younger)
    a = credit(ctx, 100, T0)
    b = credit(ctx, 100, T0, expires_in_days=30)
    c = credit(ctx, 100, T0 + timedelta(hours=1), expires_in_days=5)
    d = credit(ctx, 100, T0 + timedelta(hours=2), expires_in_days=30)
    debit(ctx, 150, T0 + timedelta(hours=3))  # c 100, then b 50
    assert ctx.remaining() == {a: 100, b: 50, c: 0, d: 100}
    debit(ctx, 200, T0 + timedelta(hours=3))  # b 50, d 100, then a 50
    assert ctx.remaining() == {a: 50, b: 0, c: 0, d: 0}
    assert ctx.balance(T0 + timedelta(hours=3)).available == 50


def test_pending_points_are_not_spent_and_expired_lots_never(ctx):
    credit(ctx, 100, T0, available_at=T0 + timedelta(days=10))
    credit(ctx, 50, T0, expires_in_days=1)  # burns at 2026-01-03 00:00 UTC
    now = T0 + timedelta(hours=1)
    figures = ctx.balance(now)
    assert (figures.available, figures.pending) == (50, 100)
    with pytest.raises(InsufficientPoints):
        debit(ctx, 51, now)
    later = T0 + timedelta(days=2)  # 2026-01-03 12:00: the 50 burnt, no job has run
    figures = ctx.balance(later)
    assert (figures.available, figures.pending) == (0, 100)
    with pytest.raises(InsufficientPoints):
        debit(ctx, 1, later)
    assert ctx.balance(T0 + timedelta(days=11)).available == 100


def test_expiring_lists_every_future_instant(ctx):
    credit(ctx, 10, T0, expires_in_days=1)
    credit(ctx, 20, T0, expires_in_days=1)
    credit(ctx, 30, T0, expires_in_days=30)
    credit(ctx, 40, T0)
    figures = ctx.balance(T0)
    assert figures.expiring == [
        {"expires_at": datetime(2026, 1, 3, tzinfo=timezone.utc), "points": 30},
        {"expires_at": datetime(2026, 2, 1, tzinfo=timezone.utc), "points": 30},
    ]
    assert figures.next_expiry == figures.expiring[0]


def test_unknown_member_is_not_found(ctx):
    with pytest.raises(NotFound):
        ctx.run(lambda s, p: ledger.credit(s, p, "ghost", entry_type="bonus", points=1, now=T0))


def test_adjustments_over_http(ctx):
    api = ctx.api
    up = api.post("/v1/members/m1/adjustments", json={"points": 500, "reason": "goodwill"})
    assert up.status_code == 201, up.json
    assert up.json["type"] == "adjust" and up.json["points"] == 500 and up.json["reason"] == "goodwill"
    too_much = api.post("/v1/members/m1/adjustments", json={"points": -501, "reason": "fix"})
    assert too_much.status_code == 409 and too_much.json["code"] == "insufficient_points"
    down = api.post("/v1/members/m1/adjustments", json={"points": -200, "reason": "fix"})
    assert down.status_code == 201 and down.json["points"] == -200
    assert api.post("/v1/members/m1/adjustments", json={"points": 0, "reason": "x"}).status_code == 422
    assert api.post("/v1/members/m1/adjustments", json={"points": 5}).status_code == 422
    assert api.get("/v1/members/m1/balance").json["available"] == 300
    assert api.get("/v1/members/nobody/balance").status_code == 404
    page = api.get("/v1/members/m1/ledger?limit=1").json
    assert [item["points"] for item in page["items"]] == [-200]
    rest = api.get(f"/v1/members/m1/ledger?limit=5&cursor={page['next_cursor']}").json
    assert [item["points"] for item in rest["items"]] == [500] and rest["next_cursor"] is None
    assert [i["points"] for i in api.get("/v1/members/m1/ledger?type=adjust").json["items"]] == [-200, 500]
    assert ctx.run(lambda s, p: ledger.verify_ledger(s, p.program_id)) == []
