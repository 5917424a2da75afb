"""The referral leaderboard (ties, periods, who counts) and the monthly cap under concurrency."""

import threading
from datetime import datetime, timezone
from decimal import Decimal

from loyalty_api.checkout.service import record_order
from loyalty_api.db import unit_of_work
from loyalty_api.referrals.service import leaderboard
from tests.support import ApiCaller, make_program

SETTINGS = {"referral": {"referrer_points": 100, "referee_points": 50, "min_order_amount": "10.00"},
            "timezone": "Europe/Moscow"}


def shop(app, **referral):
    handle = make_program(app, settings={**SETTINGS, "referral": {**SETTINGS["referral"], **referral}})
    return handle, ApiCaller(app.test_client(), handle.token)


def enrol(api, member_id, code=None):
    body = {"member_id": member_id, **({"referral_code": code} if code else {})}
    answer = api.post("/v1/members", json=body)
    assert answer.status_code == 201, answer.json
    return answer.json["referral_code"]


def refer(api, referrer, count, *, order=True, prefix=""):
    known = api.get(f"/v1/members/{referrer}")
    code = known.json["referral_code"] if known.status_code == 200 else enrol(api, referrer)
    for n in range(count):
        referee = f"{referrer}-{prefix}{n}"
        enrol(api, referee, code)
        if order:
            answer = api.post("/v1/orders", json={"order_id": f"o-{referee}", "member_id": referee,
                                                  "amount": "20.00", "currency": "RUB"})
            assert answer.status_code == 201, answer.json


# | referrer | rewarded | other referrals                 | listed        |
# | ann      | 3        |                                 | rank 1        |
# | bob      | 3        | 1 pending (no order yet)        | rank 1 (tie)  |
# | cid      | 1        |                                 | rank 3        |
# | dan      | 2 - 1    | one taken back (order cancelled) | rank 3 (tie) |
# | eve      | 0        | 2 pending                       | not listed    |
# | fay      | 4        | blocked afterwards              | not listed    |
def test_ranks_share_ties_and_order_by_member_id(app):
    _handle, api = shop(app)
    refer(api, "bob", 3)
    refer(api, "bob", 1, order=False, prefix="p")
    refer(api, "ann", 3)
    refer(api, "dan", 2)
    assert api.post("/v1/orders/o-dan-0/cancel").status_code in (200, 201)
    refer(api, "cid", 1)
    refer(api, "eve", 2, order=False)
    refer(api, "fay", 4)
    api.patch("/v1/members/fay", json={"status": "blocked"})
    expected = [{"rank": 1, "member_id": "ann", "rewarded_referrals": 3},
                {"rank": 1, "member_id": "bob", "rewarded_referrals": 3},
                {"rank": 3, "member_id": "cid", "rewarded_referrals": 1},
                {"rank": 3, "member_id": "dan", "rewarded_referrals": 1}]
    for period in ("month", "year", "all"):
        answer = api.get(f"/v1/referrals/leaderboard?period={period}")
        assert answer.status_code == 200, answer.json
        assert answer.json["items"] == expected, period
    assert api.get("/v1/referrals/leaderboard").json["items"] == expected   # month by default
    assert api.get("/v1/referrals/leaderboard?limit=3").json["items"] == expected[:3]
    assert api.get("/v1/referrals/leaderboard?period=week").status_code == 422
    other = ApiCaller(app.test_client(), make_program(app).token)
    assert other.get("/v1/referrals/leaderboard?period=all").json["items"] == []


def test_periods_are_calendar_periods_in_program_time(app):
    handle, api = shop(app)
    refer(api, "ann", 2)
    factory = app.extensions["loyalty"].session_factory
    now = datetime.now(timezone.utc)
    next_year = now.replace(year=now.year + 1)
    with unit_of_work(factory) as uow:
        assert [i["member_id"] for i in leaderboard(uow.session, handle.program_id, "month", 10, now)["items"]] \
            == ["ann"]
        assert leaderboard(uow.session, handle.program_id, "month", 10, next_year)["items"] == []
        assert leaderboard(uow.session, handle.program_id, "year", 10, next_year)["items"] == []
        assert leaderboard(uow.session, handle.program_id, "all", 10, next_year)["items"] == [
            {"rank": 1, "member_id": "ann", "rewarded_referrals": 2}]


def test_monthly_cap_holds_when_referees_order_at_once(app, api):
    """Six referees of one referrer order at the same moment; a cap of 2 a month rewards two."""
    handle, api = shop(app, max_rewards_per_month=2)
    code = enrol(api, "ann")
    for n in range(6):
        enrol(api, f"r{n}", code)
    factory = app.extensions["loyalty"].session_factory
    now = datetime.now(timezone.utc)
    start = threading.Barrier(6)
    errors = []

    def place(n: int) -> None:
        start.wait()
        try:
            with unit_of_work(factory) as uow:
                record_order(uow.session, handle.program_id, {
                    "order_id": f"o{n}", "member_id": f"r{n}", "amount": Decimal("20.00"), "currency": "RUB",
                    "lines": []}, now)
                uow.commit()
        except Exception as exc:  # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=place, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    items = api.get("/v1/members/ann/referrals").json["items"]
    assert sorted((i["status"], i["reason"]) for i in items) == [("rejected", "cap_reached")] * 4 + [
        ("rewarded", None)] * 2
    balance = api.get("/v1/members/ann/balance").json
    assert balance["pending"] + balance["available"] == 200
