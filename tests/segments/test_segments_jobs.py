"""Read-time balances for inactive members, the ``segments.rfm`` job step, referral
conversions in the summary. Each test has a program of its own."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from loyalty_api.jobs.registry import JobContext
from loyalty_api.jobs.runner import run_all
from loyalty_api.segments.jobs import refresh_rfm
from tests.support import ApiCaller, expiry_credit, expiry_enrol, make_program

STEP = ["segments.rfm"]


def ids(answer) -> list[str]:
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return [item["member_id"] for item in answer.json["items"]]


def test_points_taken_by_inactivity_are_gone_before_any_job_burns_them(app):
    """Inactivity 30 days, UTC, no job run:

    | member | earned 100 at | inactivity deadline     | available now | burns within 25 days |
    |--------|---------------|-------------------------|---------------|----------------------|
    | old    | -40d          | end of day -40d + 30    | 0 (burned)    | no (already gone)    |
    | recent | -10d          | end of day -10d + 30    | 100           | yes (~20 days ahead) |
    """
    handle = make_program(app, settings={"pending_days": 0, "expiry": {"mode": "none", "inactivity_days": 30}})
    api = ApiCaller(app.test_client(), handle.token)
    factory = app.extensions["loyalty"].session_factory
    now = datetime.now(timezone.utc)
    for member_id, days in (("old", 40), ("recent", 10)):
        expiry_enrol(factory, handle.program_id, member_id)
        expiry_credit(factory, handle.program_id, member_id, 100, now - timedelta(days=days))
    items = {item["member_id"]: item for item in api.get("/v1/members").json["items"]}
    assert {member_id: item["available"] for member_id, item in items.items()} == {"old": 0, "recent": 100}
    for member_id in items:
        assert api.get(f"/v1/members/{member_id}/balance").json["available"] == items[member_id]["available"]
    assert ids(api.get("/v1/members?min_points=1")) == ["recent"]
    assert ids(api.get("/v1/members?max_points=0")) == ["old"]
    assert ids(api.get("/v1/members?expiring_within_days=25")) == ["recent"]
    assert ids(api.get("/v1/members?expiring_within_days=15")) == []
    assert ids(api.get("/v1/members?inactive_days=30")) == ["old"]
    summary = api.get("/v1/analytics/summary").json
    assert summary["outstanding"]["points"] == 100 and summary["outstanding"]["liability"] == "100.00"


def test_the_jobs_step_scores_members_and_drops_them_when_no_order_is_kept(app):
    """One scored member: every quintile is 1, so the cell is 111 (hibernating)."""
    handle = make_program(app, settings={"pending_days": 0})
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in ("buyer", "browser"):
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
    assert api.post("/v1/orders", json={"order_id": "o1", "member_id": "buyer", "amount": "10.00",
                                        "currency": "RUB"}).status_code == 201
    factory = app.extensions["loyalty"].session_factory
    # This program's share, from a pass for it alone (a whole run counts every program of
    # the shared database): one program, both members scored... only the buyer has a cell.
    report = refresh_rfm(JobContext(factory, datetime.now(timezone.utc), only=handle.program_id))
    assert report == {"programs": 1, "scored": 1, "changed": 1, "removed": 0, "skipped_busy": 0}
    assert run_all(factory, only=STEP)["segments.rfm"]["programs"] >= 1  # the runner runs the step too
    items = {item["member_id"]: item["rfm"] for item in api.get("/v1/members").json["items"]}
    assert items == {"browser": None, "buyer": "111"}
    assert ids(api.get("/v1/members?rfm=hibernating")) == ["buyer"]
    rfm = api.get("/v1/analytics/rfm").json
    assert [(cell["cell"], cell["members"]) for cell in rfm["cells"]] == [("111", 1)]
    assert (rfm["scored_members"], rfm["unscored_members"]) == (1, 1)
    assert api.post("/v1/orders/o1/cancel", json={}).status_code in (200, 201)
    run_all(factory, only=STEP)
    assert ids(api.get("/v1/members?rfm=111")) == []
    assert api.get("/v1/analytics/rfm").json["cells"] == []


def test_summary_counts_rewarded_referrals_of_the_period(app):
    """r2 enrols with r1's code and orders 100.00: r1 gets 10, r2 gets 5 + 100 earned.

    | figure               | value            |
    |----------------------|------------------|
    | issued               | 100 + 10 + 5=115 |
    | referral_conversions | 1                |
    | active members       | 2 (r1: referral credit, r2: earn) |
    """
    handle = make_program(app, settings={"pending_days": 0, "referral": {
        "referrer_points": 10, "referee_points": 5, "min_order_amount": "50.00"}})
    api = ApiCaller(app.test_client(), handle.token)
    code = api.post("/v1/members", json={"member_id": "r1"}).json["referral_code"]
    assert api.post("/v1/members", json={"member_id": "r2", "referral_code": code}).status_code == 201
    assert api.post("/v1/members", json={"member_id": "r3"}).status_code == 201
    assert api.post("/v1/orders", json={"order_id": "o1", "member_id": "r2", "amount": "100.00",
                                        "currency": "RUB"}).status_code == 201
    body = api.get("/v1/analytics/summary").json
    assert body["referral_conversions"] == 1
    assert body["points"]["issued"] == 115
    assert body["members"] == {"total": 3, "active": 2, "new": 3}
    assert body["outstanding"]["points"] == 115
    earlier = api.get("/v1/analytics/summary", query_string={
        "to": (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()}).json
    assert earlier["referral_conversions"] == 0 and earlier["points"]["issued"] == 0


def test_ties_in_frequency_break_by_money_then_recency(app):
    """Five one-order members, ordered t1 first … t5 last. Equal frequency, so F follows
    the money (then recency), like M; R follows the order of the orders.

    | member | amount | R | F | M | cell |
    |--------|--------|---|---|---|------|
    | t1     | 50.00  | 1 | 5 | 5 | 155  |
    | t2     | 10.00  | 2 | 1 | 1 | 211  |
    | t3     | 40.00  | 3 | 4 | 4 | 344  |
    | t4     | 20.00  | 4 | 2 | 2 | 422  |
    | t5     | 30.00  | 5 | 3 | 3 | 533  |
    """
    from loyalty_api.db import unit_of_work
    from loyalty_api.segments import service as segments

    handle = make_program(app, settings={"pending_days": 0})
    api = ApiCaller(app.test_client(), handle.token)
    start = datetime.now(timezone.utc) - timedelta(hours=1)
    for n, amount in enumerate(("50.00", "10.00", "40.00", "20.00", "30.00"), start=1):
        assert api.post("/v1/members", json={"member_id": f"t{n}"}).status_code == 201
        assert api.post("/v1/orders", json={"order_id": f"o{n}", "member_id": f"t{n}", "amount": amount,
                                            "currency": "RUB", "placed_at": (start + timedelta(minutes=n)).isoformat()
                                            }).status_code == 201
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        segments.refresh_rfm(uow.session, handle.program_id, datetime.now(timezone.utc))
        uow.commit()
    cells = {item["member_id"]: item["rfm"] for item in api.get("/v1/members").json["items"]}
    assert cells == {"t1": "155", "t2": "211", "t3": "344", "t4": "422", "t5": "533"}


def test_an_erased_member_leaves_the_rfm_counts_before_the_next_refresh(app):
    """Three buyers scored (one order each, different amounts and times); erasing one
    removes it from its cell, the segments and the scored count at once, although its
    score row stays until the next refresh; the refresh time does not move."""
    handle = make_program(app, settings={"pending_days": 0})
    api = ApiCaller(app.test_client(), handle.token)
    for member_id, amount in (("b1", "10.00"), ("b2", "20.00"), ("b3", "30.00")):
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
        assert api.post("/v1/orders", json={"order_id": f"o-{member_id}", "member_id": member_id,
                                            "amount": amount, "currency": "RUB"}).status_code == 201
    assert api.post("/v1/members", json={"member_id": "idle"}).status_code == 201
    run_all(app.extensions["loyalty"].session_factory, only=STEP)
    before = api.get("/v1/analytics/rfm").json
    cell_of = {item["member_id"]: item["rfm"] for item in api.get("/v1/members").json["items"]}
    assert (before["scored_members"], before["unscored_members"]) == (3, 1)
    assert sum(cell["members"] for cell in before["cells"]) == 3
    assert api.delete("/v1/members/b3").status_code == 204
    after = api.get("/v1/analytics/rfm").json
    assert (after["scored_members"], after["unscored_members"]) == (2, 1)
    counts = {cell["cell"]: cell["members"] for cell in after["cells"]}
    expected = {cell["cell"]: cell["members"] for cell in before["cells"]}
    expected[cell_of["b3"]] -= 1
    assert counts == {cell: members for cell, members in expected.items() if members}
    assert sum(row["members"] for row in after["segments"]) == 2
    assert after["computed_at"] == before["computed_at"] is not None
    for cell in after["cells"]:
        assert cell["cell"] == f"{cell['recency']}{cell['frequency']}{cell['monetary']}"
