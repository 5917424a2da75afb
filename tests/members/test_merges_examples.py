"""Worked example of a merge (SPEC §14), every figure computable by hand.

The program: 1 point per 1.00, points pending 14 days, a lot burns at the end of
the day 20 days after it became available (UTC), returns may leave a debt
(``allow_negative``), tiers by lifetime spend (silver from 1000.00). Days are
counted from an instant B (noon UTC, yesterday); the clock is passed explicitly
to every use case, so pending, available, soon-expiring and owed points can all be
there at the instant of the merge, Tm = B-8.

Source ``guest`` (the duplicate a guest checkout created):

| when | what                                      | lot | points | available | burns at end of |
|------|-------------------------------------------|-----|--------|-----------|-----------------|
| B-40 | order g1 100.00                           | L1  | 100    | B-26      | B-6             |
| B-31 | order a1 300.00                           | L2  | 300    | B-17      | B+3             |
| B-25 | order a2 200.00                           | L3  | 200    | B-11      | B+9             |
| B-24 | order g2 100.00 paid with 100 points      |     | -100 from L1 (the only available lot)     |
| B-19 | order p 50.00                             | L4  | 50     | B-5       | B+15            |
| B-18 | return of g1, whole: reverse 100          |     | L1 is empty, L2-L4 pending: debt 100      |

At Tm the source has available 300 + 200 - 100 (debt) = 400, pending 50 (L4),
lifetime 100 + 300 + 200 + 50 - 100 = 550 and spend 0 + 300 + 200 + 0 + 50 = 550.00;
L2's 300 burn in 11-12 days, within the 14 warning days: soon-expiring.

Target ``main``: order m1 800.00 at B-35 (lot L5, 800 points, available B-21,
burns at the end of B-1): available 800, lifetime 800, spend 800.00, no tier.

After the merge at Tm the target has every figure of both:

| figure          | main | guest | main after | guest after |
|-----------------|------|-------|------------|-------------|
| available       | 800  | 400   | 1200       | 0           |
| pending         | 0    | 50    | 50         | 0           |
| debt            | 0    | 100   | 100        | 0           |
| lifetime_earned | 800  | 550   | 1350       | 0           |
| spend           | 800  | 550   | 1350.00 -> silver | -    |

The source's ledger gains transfer_out -300 (L2), -200 (L3), -50 (L4) and a
transfer_in +100 that pays its debt; the target's gains transfer_in +300, +200,
+50 (new lots with L2-L4's dates and orders) and a transfer_out -100 that is now
its debt. Then at B-7 the whole of a1 (placed by the source before the merge) is
returned: 300 points are taken back on the target, from the lot that came from L2:
available 1200 - 300 = 900, lifetime 1050, spend 1050.00 (silver stays).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from loyalty_api.audit.rules import Actor
from loyalty_api.checkout import returns
from loyalty_api.checkout import service as checkout
from loyalty_api.db import unit_of_work
from loyalty_api.ledger.balances import get_balance
from loyalty_api.ledger.service import ledger_page, verify_ledger
from loyalty_api.members import service as members
from loyalty_api.merges import service as merges
from loyalty_api.programs.service import get_program
from loyalty_api.tiers import service as tiers
from tests.support import ApiCaller, make_program

SETTINGS = {"earn": {"points_per_unit": 1}, "pending_days": 14, "clawback": "allow_negative",
            "timezone": "UTC", "expiry": {"mode": "days", "days": 20, "warn_days": 14},
            "redeem": {"point_value": "1.00", "min_points": 1, "max_order_share": "1"}}
LADDER = {"tiers": [{"code": "silver", "name": "Silver", "threshold": 1000, "earn_multiplier": 1, "perks": []},
                    {"code": "gold", "name": "Gold", "threshold": 5000, "earn_multiplier": 1, "perks": []}],
          "tier_policy": {"metric": "spend", "window_months": None, "retention_months": 12,
                          "downgrade": "one_level"}}
B = (datetime.now(timezone.utc) - timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)


def day(offset: int) -> datetime:
    return B + timedelta(days=offset)


def end_of(offset: int) -> datetime:
    return (B + timedelta(days=offset + 1)).replace(hour=0)


@pytest.fixture
def shop(app):
    handle = make_program(app, settings=SETTINGS)
    api = ApiCaller(app.test_client(), handle.token)
    assert api.put("/v1/program/tiers", json=LADDER).status_code == 200
    factory = app.extensions["loyalty"].session_factory

    def run(use_case, *args, **kwargs):
        with unit_of_work(factory) as uow:
            answer = use_case(uow.session, handle.program_id, *args, **kwargs)
            uow.commit()
        return answer

    run(members.enroll, {"member_id": "guest"})
    run(members.enroll, {"member_id": "main"})
    run.program_id = handle.program_id
    return run


def order(run, order_id, member_id, amount, at, **extra):
    data = {"order_id": order_id, "member_id": member_id, "amount": Decimal(amount), "currency": "RUB",
            "lines": [], **extra}
    answer, created = run(checkout.record_order, data, at)
    assert created
    return answer


def figures(run, member_id, at):
    balance = run(get_balance, member_id, at)
    return balance.available, balance.pending, balance.lifetime_earned


def lots_of(run, member_id):
    from sqlalchemy import text

    def read(session, program_id):
        return session.execute(text(
            "SELECT points, remaining, available_at, expires_at, order_id FROM lots"
            " WHERE program_id = :p AND member_id = :m AND remaining > 0 ORDER BY available_at"),
            {"p": program_id, "m": member_id}).all()
    return [tuple(row) for row in run(read)]


def tier_of(run, member_id, at):
    return run(lambda session, program_id: tiers.standing_of(session, get_program(session, program_id), member_id,
                                                             at).code)


def debt_of(run, member_id):
    from sqlalchemy import text

    return run(lambda session, program_id: session.execute(text(
        "SELECT debt FROM balances WHERE program_id = :p AND member_id = :m"),
        {"p": program_id, "m": member_id}).scalar_one())


def test_the_worked_merge_example(shop):
    run = shop
    order(run, "g1", "guest", "100.00", day(-40))
    order(run, "a1", "guest", "300.00", day(-31))
    order(run, "a2", "guest", "200.00", day(-25))
    order(run, "g2", "guest", "100.00", day(-24), redeem_points=100)
    order(run, "p", "guest", "50.00", day(-19))
    order(run, "m1", "main", "800.00", day(-35))
    taken_back = run(returns.record_return, "g1", {"return_id": "r-g1", "amount": Decimal("100.00")}, day(-18))[0]
    assert (taken_back["points_reversed"], taken_back["points_refunded"]) == (100, 0)
    tm = day(-8)
    assert figures(run, "guest", tm) == (400, 50, 550) and debt_of(run, "guest") == 100
    assert figures(run, "main", tm) == (800, 0, 800)
    guest_balance = run(get_balance, "guest", tm)
    assert guest_balance.next_expiry == {"expires_at": end_of(3), "points": 300}  # soon: within 14 days
    source_lots = lots_of(run, "guest")
    assert [(points, remaining, available_at, expires_at, order_id)
            for points, remaining, available_at, expires_at, order_id in source_lots] == [
        (300, 300, day(-17), end_of(3), "a1"), (200, 200, day(-11), end_of(9), "a2"),
        (50, 50, day(-5), end_of(15), "p")]
    assert tier_of(run, "main", tm) is None

    answer, created = run(merges.merge, "main", "guest", tm, actor=Actor("test"))
    assert created
    assert {key: answer["moved"][key] for key in ("lots", "points", "pending_points", "debt", "orders", "tier")} == {
        "lots": 3, "points": 550, "pending_points": 50, "debt": 100, "orders": 5, "tier": "silver"}
    assert figures(run, "main", tm) == (1200, 50, 1350) and debt_of(run, "main") == 100
    assert figures(run, "guest", tm) == (0, 0, 0) and debt_of(run, "guest") == 0
    # The lots kept their dates and orders on the target, beside main's own L5.
    assert [lot[1:] for lot in lots_of(run, "main")] == [
        (800, day(-21), end_of(-1), "m1"), (300, day(-17), end_of(3), "a1"), (200, day(-11), end_of(9), "a2"),
        (50, day(-5), end_of(15), "p")]
    entries = [(e["type"], e["points"]) for e in reversed(run(ledger_page, "guest", limit=20, cursor=None)["items"])]
    assert entries[-4:] == [("transfer_out", -300), ("transfer_out", -200), ("transfer_out", -50),
                            ("transfer_in", 100)]
    assert tier_of(run, "main", tm) == "silver"
    assert run(verify_ledger) == []

    # A later return of an order the source placed before the merge reverses on the target.
    back = run(returns.record_return, "a1", {"return_id": "r-a1", "amount": Decimal("300.00")}, day(-7))[0]
    assert back["points_reversed"] == 300
    assert figures(run, "main", day(-7)) == (900, 50, 1050)
    assert [lot[1:] for lot in lots_of(run, "main")][1:] == [(200, day(-11), end_of(9), "a2"),
                                                             (50, day(-5), end_of(15), "p")]
    assert figures(run, "guest", day(-7)) == (0, 0, 0)
    assert tier_of(run, "main", day(-7)) == "silver"
    assert run(verify_ledger) == []
