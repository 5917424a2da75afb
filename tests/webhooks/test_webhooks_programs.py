"""The worker program by program: programs take turns, the per-program cap is exact when
claims race, and a claim in one program does not wait for a claim in another."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import text

from loyalty_api.db import unit_of_work
from loyalty_api.webhooks import dispatch
from loyalty_api.webhooks.rules import MAX_ATTEMPTS, claim_backoffs
from tests.webhooks.test_webhooks_delivery import (emit_events, hooks, make_worker, private_app,  # noqa: F401
                                          program_caller, receiver, subscribe)


@pytest.fixture
def other(private_app):
    """A second program on the same app."""
    yield from program_caller(private_app)


def _claim(session, program_id, *, per_program: int, limit: int = 5) -> list[dispatch.Claimed]:
    return dispatch.claim(session, program_id, None, limit, timedelta(minutes=5), uuid.uuid4(),
                          per_program=per_program, max_attempts=MAX_ATTEMPTS, backoffs=claim_backoffs())


def test_a_backlog_in_one_program_does_not_hold_up_another(private_app, hooks, other, receiver):
    """One sender, one delivery per claim: the programs take turns. (Before, one claim over
    all programs took the oldest due deliveries first, so the other program's event waited
    for the whole backlog.)"""
    subscribe(hooks, receiver)
    subscribe(other, receiver)
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": f"m{n}", "n": n}) for n in range(6)])
    emit_events(private_app, other.program_id, [("points.earned", {"member_id": "o", "n": 0})])
    counts = make_worker(private_app, concurrency=1, claim_size=1, per_program=1).run_once()
    assert counts["succeeded"] == 7
    programs = [request["json"]["program_id"] for request in receiver.requests]
    assert programs.index(str(other.program_id)) <= 1
    # and the busy program's deliveries still went out in the order they were written
    assert [e["data"]["n"] for e in receiver.events(hooks.program_id)] == list(range(6))


def test_claims_racing_in_one_program_never_pass_its_cap(private_app, hooks, receiver):
    subscribe(hooks, receiver)
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": f"m{n}", "n": n}) for n in range(12)])
    make_worker(private_app).fan_out()
    factory = private_app.extensions["loyalty"].session_factory
    start = threading.Barrier(6)
    claimed: list[int] = []

    def claim() -> None:
        with unit_of_work(factory) as uow:
            start.wait(10)
            claimed.append(len(_claim(uow.session, hooks.program_id, per_program=3)))
            uow.commit()

    threads = [threading.Thread(target=claim) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(claimed) == [0, 0, 0, 0, 0, 3]
    with unit_of_work(factory) as uow:
        leased = uow.session.scalar(text("SELECT count(*) FROM webhook_deliveries WHERE program_id = :p "
                                         "AND lease_token IS NOT NULL"), {"p": hooks.program_id})
    assert leased == 3


def test_a_claim_does_not_wait_for_a_claim_in_another_program(private_app, hooks, other, receiver):
    """Before, one advisory lock serialised every claim of the fleet."""
    subscribe(hooks, receiver)
    subscribe(other, receiver)
    emit_events(private_app, hooks.program_id, [("points.earned", {"member_id": "m", "n": 1})])
    emit_events(private_app, other.program_id, [("points.earned", {"member_id": "o", "n": 1})])
    make_worker(private_app).fan_out()
    factory = private_app.extensions["loyalty"].session_factory
    with unit_of_work(factory) as holding:  # a claim in the first program, not yet committed
        assert len(_claim(holding.session, hooks.program_id, per_program=2)) == 1
        with unit_of_work(factory) as uow:
            # waiting for the first claim's lock would end in a lock timeout, not a claim
            uow.session.execute(text("SET LOCAL lock_timeout = '5s'"))
            assert len(_claim(uow.session, other.program_id, per_program=2)) == 1
            uow.commit()
        holding.commit()
