"""Pure transfer rules: the monthly room and the receiver's lots."""

from __future__ import annotations

from datetime import datetime, timezone

from loyalty_api.ledger.rules import Draw
from loyalty_api.transfers.rules import MonthlyRoom, expiry_slices, receiver_credits

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
APR = datetime(2026, 4, 30, 21, 0, tzinfo=timezone.utc)
DEC = datetime(2026, 12, 31, 21, 0, tzinfo=timezone.utc)


def test_monthly_room():
    # limit, used, asked -> allowed, remaining
    table = [(None, 10**6, 10**6, True, None), (300, 0, 300, True, 300), (300, 200, 100, True, 100),
             (300, 200, 101, False, 100), (300, 300, 1, False, 0), (300, 350, 1, False, 0)]
    for limit, used, asked, allowed, remaining in table:
        room = MonthlyRoom(limit=limit, used=used)
        assert (room.allows(asked), room.remaining) == (allowed, remaining), (limit, used, asked)


def test_each_source_lot_becomes_a_receiver_lot_with_its_expiry_in_spending_order():
    draws = [Draw(7, 50, None), Draw(3, 150, DEC), Draw(9, 100, APR), Draw(4, 0, APR)]
    credits = receiver_credits(draws, now=NOW, reason="gift", actor="cl_1")
    assert [(c["lot_id"], c["points"], c["expires_at"]) for c in credits] == [(9, 100, APR), (3, 150, DEC),
                                                                             (7, 50, None)]
    assert {(c["type"], c["available_at"], c["reason"], c["actor"]) for c in credits} == {
        ("transfer_in", NOW, "gift", "cl_1")}


def test_expiry_slices_add_up_per_instant():
    credits = [{"points": 100, "expires_at": APR}, {"points": 20, "expires_at": None},
               {"points": 30, "expires_at": APR}, {"points": 5, "expires_at": DEC}]
    assert expiry_slices(credits) == [{"expires_at": APR, "points": 130}, {"expires_at": DEC, "points": 5},
                                      {"expires_at": None, "points": 20}]
