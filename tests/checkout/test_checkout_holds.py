"""Holds expire at expires_at without any job (services with a moved clock)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from loyalty_api.checkout import holds, service
from loyalty_api.errors import HoldNotActive, InsufficientPoints
from loyalty_api.ledger import service as ledger
from loyalty_api.members import service as members
from tests.support import make_program, service_caller

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def run(app):
    handle = make_program(app, settings={"pending_days": 0, "hold_ttl_seconds": 600})
    call = service_caller(app, handle.program_id)
    call(lambda s, p: members.enroll(s, p.program_id, {"member_id": "m1"}))
    call(lambda s, p: ledger.credit(s, p, "m1", entry_type="bonus", points=100, now=T0))
    return call


def test_an_expired_hold_gives_its_points_back_without_a_job(run):
    hold, _ = run(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m1", "points": 70}, T0))
    assert hold["expires_at"] == T0 + timedelta(seconds=600)
    balance = run(lambda s, p: ledger.get_balance(s, p.program_id, "m1", T0 + timedelta(seconds=599)))
    assert (balance.available, balance.held) == (30, 70)
    with pytest.raises(InsufficientPoints):
        run(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m1", "points": 31},
                                           T0 + timedelta(seconds=599)))
    later = T0 + timedelta(seconds=600)
    balance = run(lambda s, p: ledger.get_balance(s, p.program_id, "m1", later))
    assert (balance.available, balance.held) == (100, 0)
    order = {"order_id": "o1", "member_id": "m1", "amount": Decimal("500.00"), "currency": "RUB", "lines": [],
             "hold_id": hold["hold_id"]}
    with pytest.raises(HoldNotActive):
        run(lambda s, p: service.record_order(s, p.program_id, order, later))
    released = run(lambda s, p: holds.release_hold(s, p.program_id, hold["hold_id"], later))
    assert released["status"] == "expired"


def test_custom_ttl_and_capture_before_expiry(run):
    hold, _ = run(lambda s, p: holds.create_hold(s, p.program_id, {"member_id": "m1", "points": 40,
                                                                "ttl_seconds": 30}, T0))
    assert hold["expires_at"] == T0 + timedelta(seconds=30)
    order = {"order_id": "o1", "member_id": "m1", "amount": Decimal("500.00"), "currency": "RUB", "lines": [],
             "hold_id": hold["hold_id"]}
    answer, created = run(lambda s, p: service.record_order(s, p.program_id, order, T0 + timedelta(seconds=29)))
    assert created and answer["redeemed_points"] == 40 and answer["earned_points"] == 460
    balance = run(lambda s, p: ledger.get_balance(s, p.program_id, "m1", T0 + timedelta(seconds=31)))
    assert (balance.available, balance.held) == (100 - 40 + 460, 0)
