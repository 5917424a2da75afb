"""Workers die mid-request (kill -9) during a mixed load; nothing acknowledged is
lost and nothing is half-applied.

Load: client threads loop over orders (some spending points directly, some capturing
a hold), holds and releases, returns of acknowledged orders, and balance reads,
while a killer SIGKILLs a random serving gunicorn worker every 1-2.5 s (the master
forks a new one). A request whose worker died sees its connection drop; PostgreSQL rolls
its transaction back. Afterwards:

- every order answered 2xx is stored with the figures it answered, its earn entry
  and lot, and its redeem entries; every acknowledged return is stored;
- no order-bound entry (earn, redeem, reverse, refund) lacks its order, no lot lacks
  its entry, no captured hold lacks its order;
- ``loyalty-api ledger verify`` passes for the program.
"""

from __future__ import annotations

import os
import random
import signal
import threading
import time
import uuid

import pytest
import requests

from tests.reliability_support import (
    Gunicorn,
    budget,
    http_session,
    ledger_verify,
    rows,
    wait_for,
)
from tests.support import make_program

pytestmark = pytest.mark.slow

DURATION = budget(25, 180)
THREADS = 8
MEMBERS = 12
BOOT_GRACE = 3.0


class Load:
    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.session = http_session(THREADS * 2)
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.lock = threading.Lock()
        self.orders: dict[str, dict] = {}     # acknowledged: order_id -> answer
        self.returns: dict[tuple, dict] = {}  # acknowledged: (order_id, return_id) -> answer
        self.statuses: dict[int, int] = {}
        self.dropped = 0
        self.unexpected: list[str] = []
        self.stop = threading.Event()

    def call(self, method: str, path: str, **kwargs):
        try:
            answer = self.session.request(method, self.url + path, timeout=15, **kwargs)
        except requests.RequestException:
            with self.lock:
                self.dropped += 1
            return None
        with self.lock:
            self.statuses[answer.status_code] = self.statuses.get(answer.status_code, 0) + 1
            if answer.status_code >= 500 and answer.status_code != 503:
                self.unexpected.append(f"{method} {path} {answer.status_code} {answer.text[:300]}")
        return answer

    def order(self, rng: random.Random, member: str) -> None:
        body = {"order_id": "o-" + uuid.uuid4().hex[:12], "member_id": member, "currency": "RUB",
                "amount": f"{rng.randint(100, 600)}.00"}
        if rng.random() < 0.4:
            body["redeem_points"] = rng.randint(1, 40)
        elif rng.random() < 0.5:
            hold = self.call("POST", "/v1/holds", json={"member_id": member, "points": rng.randint(1, 40)})
            if hold is None or hold.status_code != 201:
                return
            body["hold_id"] = hold.json()["hold_id"]
        answer = self.call("POST", "/v1/orders", json=body)
        if answer is not None and answer.status_code in (200, 201):
            with self.lock:
                self.orders[body["order_id"]] = answer.json()

    def hold_and_release(self, rng: random.Random, member: str) -> None:
        hold = self.call("POST", "/v1/holds", json={"member_id": member, "points": rng.randint(1, 30)})
        if hold is not None and hold.status_code == 201:
            self.call("POST", f"/v1/holds/{hold.json()['hold_id']}/release")

    def give_back(self, rng: random.Random) -> None:
        with self.lock:
            if not self.orders:
                return
            order_id = rng.choice(list(self.orders))
        return_id = "r-" + uuid.uuid4().hex[:10]
        answer = self.call("POST", f"/v1/orders/{order_id}/returns",
                           json={"return_id": return_id, "amount": f"{rng.randint(1, 30)}.00"})
        if answer is not None and answer.status_code in (200, 201):
            with self.lock:
                self.returns[(order_id, return_id)] = answer.json()

    def run(self, seed: int) -> None:
        rng = random.Random(seed)
        while not self.stop.is_set():
            member = f"m{rng.randrange(MEMBERS)}"
            roll = rng.random()
            if roll < 0.45:
                self.order(rng, member)
            elif roll < 0.6:
                self.hold_and_release(rng, member)
            elif roll < 0.75:
                self.give_back(rng)
            else:
                self.call("GET", f"/v1/members/{member}/balance")


def test_sigkilled_workers_lose_no_acknowledged_write(app, database_url, tmp_path):
    handle = make_program(app, settings={"pending_days": 0, "earn": {"points_per_unit": 1},
                                         "redeem": {"point_value": "1.00", "min_points": 1,
                                                    "max_order_share": "0.5"}})
    server = Gunicorn(database_url, tmp_path, workers=4)
    try:
        load = Load(server.url, handle.token)
        for i in range(MEMBERS):
            assert load.call("POST", "/v1/members", json={"member_id": f"m{i}"}).status_code == 201
            assert load.call("POST", f"/v1/members/m{i}/adjustments",
                             json={"points": 500, "reason": "seed"}).status_code == 201
        threads = [threading.Thread(target=load.run, args=(seed,)) for seed in range(THREADS)]
        for thread in threads:
            thread.start()
        kills = 0
        rng = random.Random(42)
        first_seen: dict[int, float] = {}
        deadline = time.monotonic() + DURATION
        while time.monotonic() < deadline:
            time.sleep(rng.uniform(1.0, 2.5))
            now = time.monotonic()
            workers = server.worker_pids()
            for pid in workers:
                first_seen.setdefault(pid, now)
            # Only workers up for a while (booted, serving): a worker still importing
            # the app is no request's worker, and killing it only slows the load down.
            serving = [pid for pid in workers if now - first_seen[pid] > BOOT_GRACE]
            if len(serving) >= 2:
                try:
                    os.kill(rng.choice(serving), signal.SIGKILL)
                    kills += 1
                except ProcessLookupError:
                    pass
        load.stop.set()
        for thread in threads:
            thread.join(60)
        cut_off = load.dropped  # requests whose worker died under them (the polls below do not count)
        wait_for(lambda: len(server.worker_pids()) == 4, 60, "the master to replace the killed workers")
        # The service answers again once the replacements have booted (on a busy machine
        # a fresh worker takes seconds to import the app: poll, do not assume).
        wait_for(lambda: (answer := load.call("GET", "/v1/members/m0/balance")) is not None
                 and answer.status_code == 200, 90, "the service to answer after the kills", every=0.5)
    finally:
        server.stop()

    print(f"\ncrash figures: {DURATION}s, {kills} kills, {len(load.orders)} orders and "
          f"{len(load.returns)} returns acknowledged, statuses {sorted(load.statuses.items())}, "
          f"{cut_off} connections dropped")
    assert not load.unexpected, load.unexpected[:5]
    # Floors that show the chaos really happened (a run that killed nothing proves nothing).
    assert kills >= 5 and len(load.orders) >= 10 and cut_off >= 1

    pid = handle.program_id
    stored = {row[0]: row[1:] for row in rows(
        database_url, "SELECT order_id, earned_points, redeemed_points, member_id FROM orders WHERE program_id = %s",
        pid)}
    for order_id, answer in load.orders.items():
        assert stored.get(order_id) == (answer["earned_points"], answer["redeemed_points"], answer["member_id"]), \
            order_id
    entries = rows(database_url, "SELECT order_id, type, sum(points), count(*) FROM ledger_entries"
                                 " WHERE program_id = %s AND order_id IS NOT NULL GROUP BY 1, 2", pid)
    by_order: dict[str, dict[str, int]] = {}
    for order_id, kind, points, _count in entries:
        by_order.setdefault(order_id, {})[kind] = int(points)
    # Every stored order has its entries; every order-bound entry has its order.
    assert set(by_order) <= set(stored), set(by_order) - set(stored)
    for order_id, (earned, redeemed, _member) in stored.items():
        kinds = by_order.get(order_id, {})
        assert kinds.get("earn", 0) == earned, (order_id, kinds)
        assert -kinds.get("redeem", 0) == redeemed, (order_id, kinds)
    lots_without_entry = rows(database_url, "SELECT l.lot_id FROM lots l LEFT JOIN ledger_entries e"
                                            " ON e.program_id = l.program_id AND e.entry_id = l.entry_id"
                                            " WHERE l.program_id = %s AND e.entry_id IS NULL", pid)
    assert lots_without_entry == []
    earns_without_lot = rows(database_url, "SELECT e.entry_id FROM ledger_entries e LEFT JOIN lots l"
                                           " ON l.program_id = e.program_id AND l.entry_id = e.entry_id"
                                           " WHERE e.program_id = %s AND e.points > 0 AND l.lot_id IS NULL", pid)
    assert earns_without_lot == []
    captured_without_order = rows(database_url, "SELECT h.hold_id FROM holds h LEFT JOIN orders o"
                                                " ON o.program_id = h.program_id AND o.order_id = h.captured_by"
                                                " WHERE h.program_id = %s AND h.status = 'captured'"
                                                " AND o.order_id IS NULL", pid)
    assert captured_without_order == []
    stored_returns = {(r[0], r[1]) for r in rows(
        database_url, "SELECT order_id, return_id FROM order_returns WHERE program_id = %s", pid)}
    assert set(load.returns) <= stored_returns
    verified = ledger_verify(database_url, pid)
    assert verified.returncode == 0, verified.stdout + verified.stderr
