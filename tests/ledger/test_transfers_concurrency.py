"""Transfers racing each other over real HTTP: no point lost or doubled, none negative, no deadlock.

Both members are locked in member-id order, so A→B and B→A never wait on each other
in a circle (PostgreSQL's deadlock counter stays where it was), and the sender's
figures and monthly sum are read under its lock, so racing transfers can never both
spend the same last points or both pass the limit.
"""

from __future__ import annotations

import time

import requests
from sqlalchemy import text

from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from tests.support import ApiCaller, LiveServer, make_program, run_together

_DEADLOCKS = text("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")


def _shop(app, members, seeds, **transfers):
    handle = make_program(app, settings={"pending_days": 0,
                                         "transfers": {"enabled": True, "max_points_per_month": None, **transfers}})
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in members:
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
        if seeds.get(member_id):
            assert api.post(f"/v1/members/{member_id}/adjustments",
                            json={"points": seeds[member_id], "reason": "seed"}).status_code == 201
    return handle, api


def _available(api, member_id):
    return api.get(f"/v1/members/{member_id}/balance").json["available"]


def _deadlocks(app) -> int:
    time.sleep(0.7)  # the statistics reach the shared counters within a second
    with app.extensions["loyalty"].engine.connect() as conn:
        conn.execute(text("SELECT pg_stat_clear_snapshot()"))
        return int(conn.execute(_DEADLOCKS).scalar())


def _verify(app, handle):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []
        negative = uow.session.execute(text("SELECT count(*) FROM lots WHERE program_id = :p AND remaining < 0"),
                                       {"p": handle.program_id}).scalar()
        assert negative == 0


def _poster(server, handle, sender, to, points, count, key=None):
    headers = {"Authorization": f"Bearer {handle.token}"}
    if key:
        headers["Idempotency-Key"] = key

    def run():
        return [requests.post(f"{server.url}/v1/members/{sender}/transfers", headers=headers, timeout=60,
                              json={"to_member_id": to, "points": points, "reason": "race"}) for _ in range(count)]
    return run


def test_transfers_both_ways_at_once_conserve_every_point_and_never_deadlock(app):
    """4 workers send ann→bob, 4 send bob→ann, 8 transfers of 7 points each: every one is
    affordable, so all 64 land and each side ends at 1000 - 7·32 + 7·32 = 1000."""
    handle, api = _shop(app, ("ann", "bob"), {"ann": 1000, "bob": 1000})
    before = _deadlocks(app)
    with LiveServer(app) as server:
        results = run_together(*(_poster(server, handle, *(("ann", "bob") if w % 2 else ("bob", "ann")), 7, 8)
                                 for w in range(8)))
    answers = [answer for worker in results for answer in worker]
    assert [a.status_code for a in answers] == [201] * 64, {a.status_code: a.text for a in answers}
    assert _available(api, "ann") == _available(api, "bob") == 1000
    assert _deadlocks(app) == before
    ids = {a.json()["id"] for a in answers}
    assert len(ids) == 64
    _verify(app, handle)


def test_many_transfers_racing_for_the_last_points_never_overspend(app):
    """ann has 100; 12 transfers of 30 race: exactly 3 land (90), 9 answer insufficient_points."""
    receivers = [f"r{n}" for n in range(12)]
    handle, api = _shop(app, ("ann", *receivers), {"ann": 100})
    with LiveServer(app) as server:
        results = run_together(*(_poster(server, handle, "ann", to, 30, 1) for to in receivers))
    answers = [worker[0] for worker in results]
    landed = [a for a in answers if a.status_code == 201]
    refused = [a for a in answers if a.status_code != 201]
    assert len(landed) == 3, [a.text for a in answers]
    assert {(a.status_code, a.json()["code"]) for a in refused} == {(409, "insufficient_points")}
    assert _available(api, "ann") == 10
    assert sum(_available(api, to) for to in receivers) == 90
    assert sorted(a.json()["balance"]["available"] for a in landed) == [10, 40, 70]
    _verify(app, handle)


def test_racing_transfers_cannot_pass_the_monthly_limit_together(app):
    """Limit 100 per month, 10 transfers of 30 at once: exactly 3 land (90), 7 answer limit_exceeded."""
    handle, api = _shop(app, ("ann", "bob"), {"ann": 1000}, max_points_per_month=100)
    with LiveServer(app) as server:
        results = run_together(*(_poster(server, handle, "ann", "bob", 30, 1) for _ in range(10)))
    answers = [worker[0] for worker in results]
    assert sorted(a.status_code for a in answers) == [201] * 3 + [422] * 7, [a.text for a in answers]
    assert {a.json()["code"] for a in answers if a.status_code == 422} == {"limit_exceeded"}
    assert (_available(api, "ann"), _available(api, "bob")) == (910, 90)
    _verify(app, handle)


def test_one_idempotency_key_sent_many_times_at_once_moves_the_points_once(app):
    handle, api = _shop(app, ("ann", "bob"), {"ann": 100})
    with LiveServer(app) as server:
        results = run_together(*(_poster(server, handle, "ann", "bob", 40, 1, key="same") for _ in range(6)))
    answers = [worker[0] for worker in results]
    assert {a.status_code for a in answers} <= {201, 409}, [a.text for a in answers]
    assert {a.json()["code"] for a in answers if a.status_code == 409} <= {"request_in_progress"}
    assert len({a.json()["id"] for a in answers if a.status_code == 201}) == 1
    assert (_available(api, "ann"), _available(api, "bob")) == (60, 40)
    _verify(app, handle)
