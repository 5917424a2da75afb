"""Member events and event rules: awards, replays, windows, tiers, caps (also under concurrency)."""

import threading
from datetime import datetime, timedelta, timezone

from loyalty_api.db import unit_of_work
from loyalty_api.earning_rules.service import record_event
from loyalty_api.ledger import service as ledger
from tests.support import make_program


def enrol(api, member_id="ann", **extra):
    answer = api.post("/v1/members", json={"member_id": member_id, **extra})
    assert answer.status_code == 201, answer.json
    return answer.json


def rule(api, **body):
    answer = api.post("/v1/program/rules", json={"kind": "event", **body})
    assert answer.status_code == 201, answer.json
    return answer.json


def event(api, member_id="ann", **body):
    return api.post(f"/v1/members/{member_id}/events", json=body)


def recorded_at(app, program_id, at: str, event_id: str, member_id="ann"):
    """Record a review as the service would at ``at`` (caps and windows are judged then)."""
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        answer, _ = record_event(uow.session, program_id, member_id, {"type": "review", "event_id": event_id,
                                                                      "attributes": {}},
                                 datetime.fromisoformat(at.replace("Z", "+00:00")))
        uow.commit()
    return answer


def balance(app, program_id, member_id="ann"):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        return ledger.get_balance(uow.session, program_id, member_id, datetime.now(timezone.utc))


def test_event_awards_every_matching_rule_once(app, api, program):
    enrol(api)
    rule(api, rule_id="review", event_type="review", points=50)
    rule(api, rule_id="review-extra", event_type="review", points=20)
    rule(api, rule_id="newsletter", event_type="newsletter_subscription", points=100)
    first = event(api, type="review", event_id="rv-1", attributes={"product": "A1"})
    assert first.status_code == 201, first.json
    assert first.json == {"event_id": "rv-1", "skipped": [],
                          "awarded": [{"rule_id": "review", "points": 50}, {"rule_id": "review-extra", "points": 20}]}
    again = event(api, type="review", event_id="rv-1", attributes={"product": "A1"})
    assert again.status_code == 200 and again.json == first.json
    clash = event(api, type="review", event_id="rv-1", attributes={"product": "B2"})
    assert clash.status_code == 409 and clash.json["code"] == "duplicate_event"
    assert balance(app, program.program_id).available == 70
    entries = api.get("/v1/members/ann/ledger").json["items"]
    assert sorted((e["type"], e["rule_id"], e["points"]) for e in entries) == [
        ("bonus", "review", 50), ("bonus", "review-extra", 20)]


def test_custom_event_without_rules_is_recorded_with_nothing_awarded(api):
    enrol(api)
    answer = event(api, type="app_installed", event_id="inst-1")
    assert answer.status_code == 201 and answer.json == {"event_id": "inst-1", "awarded": [], "skipped": []}


def test_deleted_rule_no_longer_awards(api):
    enrol(api)
    rule(api, rule_id="review", event_type="review", points=50)
    api.delete("/v1/program/rules/review")
    assert event(api, type="review", event_id="rv-1").json["awarded"] == []


def test_unknown_member_and_bad_input(api, app):
    assert event(api, member_id="ghost", type="review", event_id="e1").status_code == 404
    enrol(api)
    future = (datetime.now(timezone.utc) + timedelta(minutes=10)).isoformat()
    answer = event(api, type="review", event_id="e1", occurred_at=future)
    assert answer.status_code == 422 and "occurred_at" in answer.json["errors"]
    assert event(api, type="review").status_code == 422
    other = api.with_token(make_program(app).token)
    assert other.post("/v1/members/ann/events", json={"type": "review", "event_id": "e1"}).status_code == 404


# valid_from 2026-10-01 00:00 MSK = 2026-09-30 21:00 UTC; valid_until 2026-11-01 00:00 MSK = 2026-10-31 21:00 UTC
WINDOW = [
    ("2026-09-30T20:59:59Z", "outside_window"),
    ("2026-09-30T21:00:00Z", None),
    ("2026-10-31T20:59:59Z", None),
    ("2026-10-31T21:00:00Z", "outside_window"),
]


def test_window_edges(app, api, program):
    enrol(api)
    rule(api, rule_id="october", event_type="review", points=10,
         valid_from="2026-10-01T00:00:00+03:00", valid_until="2026-11-01T00:00:00+03:00")
    for number, (at, skipped) in enumerate(WINDOW):
        answer = recorded_at(app, program.program_id, at, f"e{number}")
        if skipped:
            assert answer["skipped"] == [{"rule_id": "october", "reason": skipped}], at
        else:
            assert answer["awarded"] == [{"rule_id": "october", "points": 10}], at


# Cap 2 per week in Moscow time: Monday 16 Nov 2026 00:00 MSK = 15 Nov 21:00 UTC starts a new week.
WEEK_CAP = [
    ("2026-11-09T09:00:00Z", "awarded"),       # Mon 9 Nov
    ("2026-11-15T20:00:00Z", "awarded"),       # Sun 15 Nov 23:00 MSK, same week
    ("2026-11-15T20:59:59Z", "cap_reached"),   # still Sunday in Moscow
    ("2026-11-15T21:00:00Z", "awarded"),       # Monday 00:00 MSK (still Sunday in UTC)
    ("2026-11-22T20:00:00Z", "awarded"),       # Sun 22 Nov 23:00 MSK
    ("2026-11-22T20:30:00Z", "cap_reached"),
]


def test_week_cap_follows_the_program_timezone(app):
    from tests.support import ApiCaller

    handle = make_program(app, settings={"timezone": "Europe/Moscow"})
    api = ApiCaller(app.test_client(), handle.token)
    enrol(api)
    rule(api, rule_id="reviews", event_type="review", points=5, cap={"count": 2, "period": "week"})
    outcomes = []
    for number, (at, _) in enumerate(WEEK_CAP):
        answer = recorded_at(app, handle.program_id, at, f"e{number}")
        outcomes.append("awarded" if answer["awarded"] else answer["skipped"][0]["reason"])
    assert outcomes == [expected for _, expected in WEEK_CAP]
    assert balance(app, handle.program_id).available == 5 * 4


# Cap 1 per month, program in UTC+3: 1 November starts at 31 October 21:00 UTC.
# The times are when the service records each event.
MONTH_CAP = [
    ("2026-10-31T20:59:00Z", "awarded"),
    ("2026-10-31T20:59:59Z", "cap_reached"),   # October still, in Moscow
    ("2026-10-31T21:00:00Z", "awarded"),       # November in Moscow
    ("2026-11-20T20:59:59Z", "cap_reached"),
]


def test_month_cap_and_lifetime_cap(app):
    from tests.support import ApiCaller

    handle = make_program(app, settings={"timezone": "Europe/Moscow"})
    api = ApiCaller(app.test_client(), handle.token)
    enrol(api)
    rule(api, rule_id="monthly", event_type="review", points=5, cap={"count": 1, "period": "month"})
    rule(api, rule_id="once", event_type="review", points=1, cap={"count": 1, "period": "lifetime"})
    monthly = []
    for number, (at, _) in enumerate(MONTH_CAP):
        answer = recorded_at(app, handle.program_id, at, f"e{number}")
        monthly.append("awarded" if {"rule_id": "monthly", "points": 5} in answer["awarded"] else
                       next(s["reason"] for s in answer["skipped"] if s["rule_id"] == "monthly"))
        once = [a for a in answer["awarded"] if a["rule_id"] == "once"]
        assert once == ([{"rule_id": "once", "points": 1}] if number == 0 else [])
    assert monthly == [expected for _, expected in MONTH_CAP]


def test_tier_limited_rule(app, api, program):
    put = api.put("/v1/program/tiers", json={"tiers": [
        {"code": "silver", "name": "Silver", "threshold": 1000, "earn_multiplier": 1},
        {"code": "gold", "name": "Gold", "threshold": None, "earn_multiplier": 2}],
        "tier_policy": {"metric": "points_earned", "window_months": None, "retention_months": 12,
                        "downgrade": "one_level"}})
    assert put.status_code == 200, put.json
    enrol(api, "ann")
    enrol(api, "bob")
    vip = api.put("/v1/members/bob/vip", json={"tier": "gold", "reason": "founder"})
    assert vip.status_code == 200, vip.json
    rule(api, rule_id="gold-review", event_type="review", points=30, tiers=["gold"])
    assert event(api, "ann", type="review", event_id="e1").json["skipped"] == [
        {"rule_id": "gold-review", "reason": "tier_not_eligible"}]
    assert event(api, "bob", type="review", event_id="e1").json["awarded"] == [
        {"rule_id": "gold-review", "points": 30}]


def test_rule_points_expire_on_their_own_schedule(app, api, program):
    enrol(api)
    rule(api, rule_id="gift", event_type="registration", points=100, expires_in_days=30)
    event(api, type="registration", event_id="reg")
    entry = api.get("/v1/members/ann/ledger").json["items"][0]
    expires = datetime.fromisoformat(entry["expires_at"].replace("Z", "+00:00"))
    available = datetime.fromisoformat(entry["available_at"].replace("Z", "+00:00"))
    assert timedelta(days=30) <= expires - available <= timedelta(days=31)


def test_parallel_events_never_pass_the_cap(app, api, program):
    """Twelve threads report reviews at once; a cap of 3 per day lets exactly 3 through."""
    enrol(api)
    rule(api, rule_id="daily", event_type="review", points=10, cap={"count": 3, "period": "day"})
    factory = app.extensions["loyalty"].session_factory
    occurred = datetime.now(timezone.utc)  # just after the enrolment: plausible
    start = threading.Barrier(12)
    results, errors = [], []

    def report(number: int) -> None:
        start.wait()
        try:
            with unit_of_work(factory) as uow:
                answer, _ = record_event(uow.session, program.program_id, "ann", {
                    "type": "review", "event_id": f"t{number}", "occurred_at": occurred, "attributes": {}},
                    datetime.now(timezone.utc))
                uow.commit()
            results.append(answer)
        except Exception as exc:  # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=report, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(1 for answer in results if answer["awarded"]) == 3
    assert sum(1 for answer in results if answer["skipped"] == [{"rule_id": "daily", "reason": "cap_reached"}]) == 9
    assert balance(app, program.program_id).available == 30
