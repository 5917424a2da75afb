"""Merges racing orders and each other over real HTTP: no point lost or doubled, no deadlock.

Each order of 20.00 spends 5 points and earns 15 (on the 15.00 paid): +10 net. An
order that names the source after the merge is refused (409 ``member_merged``) and
changes nothing; every other one lands on the member it named and, if that was the
source before the merge, moves with it. So the two members' points together are the
seeds plus 10 per order recorded, whatever the interleaving.
"""

from __future__ import annotations

import threading
import time

import requests

from loyalty_api.audit.rules import OPERATOR
from loyalty_api.db import unit_of_work
from loyalty_api.ledger.service import verify_ledger
from tests.support import ApiCaller, LiveServer, make_program, run_together

SETTINGS = {"pending_days": 0, "earn": {"points_per_unit": 1},
            "redeem": {"point_value": "1.00", "min_points": 1, "max_order_share": "1"}}
ORDERS_PER_WORKER = 6


def _shop(app, *member_ids):
    handle = make_program(app, settings=SETTINGS)
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in member_ids:
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
        assert api.post(f"/v1/members/{member_id}/adjustments",
                        json={"points": 1000, "reason": "seed"}).status_code == 201
    return handle, api


def _total(api, member_id):
    body = api.get(f"/v1/members/{member_id}/balance").json
    return body["available"] + body["pending"] + body["held"]


def test_orders_on_both_members_during_a_merge_never_lose_or_double_a_point(app):
    handle, api = _shop(app, "main", "dup")
    headers = {"Authorization": f"Bearer {handle.token}"}
    merged_at = threading.Event()
    with LiveServer(app) as server:
        def orders(worker, member_id):
            def run():
                answers = []
                for n in range(ORDERS_PER_WORKER):
                    answers.append(requests.post(f"{server.url}/v1/orders", headers=headers, timeout=60, json={
                        "order_id": f"w{worker}-{n}", "member_id": member_id, "amount": "20.00",
                        "currency": "RUB", "redeem_points": 5}))
                return answers
            return run

        def merge():
            time.sleep(0.05)  # let the orders get going
            answer = requests.post(f"{server.url}/v1/members/main/merge", headers=headers, timeout=60,
                                   json={"from_member_id": "dup"})
            merged_at.set()
            return [answer]

        results = run_together(merge, *(orders(w, "main" if w % 2 else "dup") for w in range(6)))
    merge_answer = results[0][0]
    assert merge_answer.status_code == 201, merge_answer.text
    placed = [a for answers in results[1:] for a in answers]
    recorded = [a for a in placed if a.status_code == 201]
    refused = [a for a in placed if a.status_code != 201]
    assert {(a.status_code, a.json()["code"]) for a in refused} <= {(409, "member_merged")}, [a.text for a in refused]
    assert all(a.json()["earned_points"] == 15 and a.json()["redeemed_points"] == 5 for a in recorded)
    assert _total(api, "main") + _total(api, "dup") == 2000 + 10 * len(recorded)
    assert _total(api, "dup") == 0
    print(f"\nmerge race: {len(recorded)} orders recorded, {len(refused)} refused as member_merged")
    # Every order recorded, whoever it named, now belongs to the target.
    owners = {api.get(f"/v1/orders/{a.json()['order_id']}").json["member_id"] for a in recorded}
    assert owners == {"main"}
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []


def test_two_merges_of_one_pair_in_opposite_directions_end_with_one_merge(app):
    handle, api = _shop(app, "ann", "bob")
    headers = {"Authorization": f"Bearer {handle.token}"}
    with LiveServer(app) as server:
        def merge(target, source):
            return lambda: requests.post(f"{server.url}/v1/members/{target}/merge", headers=headers, timeout=60,
                                         json={"from_member_id": source})

        answers = run_together(merge("ann", "bob"), merge("bob", "ann"), merge("ann", "bob"))
    outcomes = sorted((a.status_code, a.json().get("code")) for a in answers)
    # Whichever direction won, the other one finds its member merged; the repeat of the
    # winning pair answers the first merge.
    assert outcomes in ([(200, None), (201, None), (409, "member_merged")],
                        [(201, None), (409, "member_merged"), (409, "member_merged")]), outcomes
    statuses = {member: api.get(f"/v1/members/{member}").json["status"] for member in ("ann", "bob")}
    assert sorted(statuses.values()) == ["active", "merged"]
    survivor = next(member for member, status in statuses.items() if status == "active")
    assert _total(api, survivor) == 2000
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []


def test_an_import_chunk_that_waited_out_a_merge_does_not_credit_the_merged_member(app, database_url):
    """A chunk plans against the source while a merge holds its lock; once the merge
    commits, the chunk must not write lots to the merged member (it answers 409 and a
    retry reports the line as member_merged)."""
    from datetime import datetime, timedelta, timezone

    import orjson
    import psycopg

    from loyalty_api.merges import service as merges

    handle, api = _shop(app, "main", "dup")
    created = api.post("/v1/imports", json={"kind": "members", "dry_run": False})
    assert created.status_code == 201, created.json
    now = datetime.now(timezone.utc)
    line = orjson.dumps({"member_id": "dup", "lots": [{
        "lot_ref": "old-1", "points": 70, "available_at": (now - timedelta(days=1)).isoformat(),
        "expires_at": (now + timedelta(days=90)).isoformat()}]}) + b"\n"
    factory = app.extensions["loyalty"].session_factory
    with unit_of_work(factory) as merging:
        merges.merge(merging.session, handle.program_id, "main", "dup", now, actor=OPERATOR)  # holds both ledger locks
        sent = {}
        chunk = threading.Thread(target=lambda: sent.setdefault("answer", ApiCaller(app.test_client(), handle.token)
                                 .post(f"/v1/imports/{created.json['import_id']}/rows", data=line,
                                       headers={"Content-Type": "application/x-ndjson"})))
        chunk.start()
        with psycopg.connect(database_url, autocommit=True) as conn:
            for _ in range(200):  # until the chunk waits for the source's lock
                if conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                " AND wait_event_type = 'Lock'").fetchone()[0]:
                    break
                time.sleep(0.05)
        merging.commit()
    chunk.join(timeout=60)
    answer = sent["answer"]
    assert answer.status_code == 409, answer.get_data(as_text=True)
    assert _total(api, "dup") == 0 and _total(api, "main") == 2000
    retry = api.post(f"/v1/imports/{created.json['import_id']}/rows", data=line,
                     headers={"Content-Type": "application/x-ndjson"})
    assert retry.status_code == 200 and retry.json["rejected"] == 1, retry.json
    assert retry.json["errors"][0]["code"] == "member_merged"
    with unit_of_work(factory) as uow:
        assert verify_ledger(uow.session, handle.program_id) == []
