"""Hostile integrator, events: caps, windows and birthdays cannot be gamed with ``occurred_at``.

Caps and validity windows are judged at the moment the service records the event;
``occurred_at`` is the caller's say-so and only has to be plausible (not before the
member enrolled, not more than 30 days ago, not in the future).
"""

from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from loyalty_api.db import unit_of_work
from loyalty_api.earning_rules.service import record_event
from tests.support import ApiCaller, make_program


def _shop(app, **settings):
    handle = make_program(app, settings=settings or None)
    return handle, ApiCaller(app.test_client(), handle.token)


def _rule(api, **body):
    answer = api.post("/v1/program/rules", json={"kind": "event", **body})
    assert answer.status_code == 201, answer.json
    return answer.json


def _available(api, member_id):
    return api.get(f"/v1/members/{member_id}/balance").json["available"]


def _enrolled_days_ago(session_factory, program_id, member_id, days):
    """Backdate an enrolment, so that occurred_at values of the last weeks are plausible."""
    with unit_of_work(session_factory) as uow:
        uow.session.execute(text("UPDATE members SET created_at = :at WHERE program_id = :p AND member_id = :m"),
                            {"at": datetime.now(timezone.utc) - timedelta(days=days), "p": program_id,
                             "m": member_id})
        uow.commit()


def test_backdated_events_do_not_escape_a_cap(app, session_factory):
    """The issue's repro with plausible dates: reviews dated in five past weeks; one a week gives one."""
    handle, api = _shop(app)
    assert api.post("/v1/members", json={"member_id": "bob"}).status_code == 201
    _enrolled_days_ago(session_factory, handle.program_id, "bob", 40)
    _rule(api, rule_id="review", event_type="review", points=500, cap={"count": 1, "period": "week"})
    now = datetime.now(timezone.utc)
    answers = [api.post("/v1/members/bob/events", json={
        "type": "review", "event_id": f"r-0{weeks}", "occurred_at": (now - timedelta(weeks=weeks)).isoformat()})
        for weeks in (4, 3, 2, 1, 0)]
    assert [answer.status_code for answer in answers] == [201] * 5
    assert sum(1 for answer in answers if answer.json["awarded"]) == 1
    assert _available(api, "bob") == 500


def test_occurred_at_long_ago_or_before_enrolment_is_refused(app):
    _, api = _shop(app)
    assert api.post("/v1/members", json={"member_id": "bob"}).status_code == 201
    _rule(api, rule_id="review", event_type="review", points=500, cap={"count": 1, "period": "month"})
    for number, occurred in enumerate(["2001-01-15T12:00:00Z", "2001-02-15T12:00:00Z",
                                       "2001-03-15T12:00:00Z", "2001-04-15T12:00:00Z"]):
        answer = api.post("/v1/members/bob/events", json={"type": "review", "event_id": f"r-0{number + 1}",
                                                          "occurred_at": occurred})
        assert answer.status_code == 422, answer.json
        assert answer.json["code"] == "validation_error" and "occurred_at" in answer.json["errors"]
    # An hour before the member enrolled: also refused, though within 30 days.
    before = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()
    answer = api.post("/v1/members/bob/events", json={"type": "review", "event_id": "r-05", "occurred_at": before})
    assert answer.status_code == 422 and "occurred_at" in answer.json["errors"]
    assert _available(api, "bob") == 0
    assert api.get("/v1/members/bob/ledger").json["items"] == []
    # The refused event_ids were not recorded: a corrected report runs.
    ok = api.post("/v1/members/bob/events", json={"type": "review", "event_id": "r-01"})
    assert ok.status_code == 201 and ok.json["awarded"] == [{"rule_id": "review", "points": 500}]


def test_an_expired_promotion_is_not_revived_by_an_old_occurred_at(app, session_factory):
    handle, api = _shop(app)
    assert api.post("/v1/members", json={"member_id": "bob"}).status_code == 201
    now = datetime.now(timezone.utc)
    _rule(api, rule_id="spring", event_type="review", points=300,
          valid_from=(now - timedelta(days=20)).isoformat(), valid_until=(now - timedelta(seconds=1)).isoformat())
    _enrolled_days_ago(session_factory, handle.program_id, "bob", 25)
    inside = (now - timedelta(days=10)).isoformat()
    answer = api.post("/v1/members/bob/events", json={"type": "review", "event_id": "late", "occurred_at": inside})
    assert answer.status_code == 201, answer.json
    assert answer.json["awarded"] == [] and answer.json["skipped"] == [{"rule_id": "spring",
                                                                         "reason": "outside_window"}]


def test_birthday_gifts_once_a_year_however_they_are_sent(app, session_factory):
    """Birthday events under new event_ids, backdated or not, and the job: one gift a birthday year."""
    handle, api = _shop(app)
    assert api.post("/v1/members", json={"member_id": "bob", "birthday": "1990-03-10"}).status_code == 201
    _rule(api, rule_id="bday", event_type="birthday", points=200)
    answers = [api.post("/v1/members/bob/events", json={"type": "birthday", "event_id": f"b-{number}"})
               for number in range(3)]
    assert [bool(answer.json["awarded"]) for answer in answers] == [True, False, False]
    assert answers[1].json["skipped"] == [{"rule_id": "bday", "reason": "cap_reached"}]
    assert _available(api, "bob") == 200
    # A year on (at the next birthday), one more; sent twice, still one.
    with unit_of_work(session_factory) as uow:
        today = datetime.now(timezone.utc).date()
        next_birthday = datetime(today.year + 1, 3, 10, 12, tzinfo=timezone.utc)
        for event_id in ("next-1", "next-2"):
            record_event(uow.session, handle.program_id, "bob", {"type": "birthday", "event_id": event_id,
                                                                 "attributes": {}}, next_birthday)
        uow.commit()
    # The second gift is credited in the future of the real clock: pending until then.
    balance = api.get("/v1/members/bob/balance").json
    assert (balance["available"], balance["pending"]) == (200, 200)
