"""The birthday job: the program's calendar, 29 February, once a year, catch-up, replicas."""

import threading
from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from loyalty_api.db import unit_of_work
from loyalty_api.earning_rules.rules import local_date
from loyalty_api.jobs.runner import run_all
from tests.support import ApiCaller, make_program

MEMBERS = {"feb29": "1992-02-29", "feb28": "1990-02-28", "mar1": "1991-03-01", "blocked": "1990-02-28"}


def shop(app, members=MEMBERS):
    handle = make_program(app, settings={"timezone": "Europe/Moscow"})
    api = ApiCaller(app.test_client(), handle.token)
    answer = api.post("/v1/program/rules", json={"rule_id": "bday", "kind": "event", "event_type": "birthday",
                                                 "points": 200, "expires_in_days": 30})
    assert answer.status_code == 201, answer.json
    for member_id, birthday in members.items():
        assert api.post("/v1/members", json={"member_id": member_id, "birthday": birthday}).status_code == 201
    api.post("/v1/members", json={"member_id": "no-birthday"})
    if "blocked" in members:
        api.patch("/v1/members/blocked", json={"status": "blocked"})
    return handle, api


def run(app, now: str):
    return run_all(app.extensions["loyalty"].session_factory, now=datetime.fromisoformat(now),
                   only=["birthday_bonuses"])


def gifts(app, program_id):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        return sorted(tuple(row) for row in uow.session.execute(text(
            "SELECT e.member_id, e.event_id, a.points FROM member_events e LEFT JOIN rule_awards a"
            " ON a.program_id = e.program_id AND a.member_id = e.member_id AND a.event_id = e.event_id"
            " WHERE e.program_id = :p"), {"p": program_id}))


# | job run (UTC)          | Moscow date        | new gifts                        |
# | 2027-02-27 21:30       | Sun 28 Feb 2027    | feb28, feb29 (common year)       |
# | 2027-02-28 20:59       | still 28 Feb       | none (once a year)               |
# | 2027-03-01 09:00       | 1 Mar              | mar1                             |
# | 2028-02-28 09:00       | 28 Feb 2028 (leap) | feb28 only                       |
# | 2028-02-29 09:00       | 29 Feb 2028        | feb29                            |
def test_birthdays_in_program_time_and_29_february(app):
    handle, api = shop(app)
    run(app, "2027-02-27T20:59:00+00:00")   # 27 Feb 23:59 in Moscow: nobody yet
    assert gifts(app, handle.program_id) == []
    run(app, "2027-02-27T21:30:00+00:00")
    assert gifts(app, handle.program_id) == [("feb28", "birthday-2027", 200), ("feb29", "birthday-2027", 200)]
    run(app, "2027-02-28T20:59:00+00:00")
    run(app, "2027-03-01T09:00:00+00:00")
    assert gifts(app, handle.program_id) == [("feb28", "birthday-2027", 200), ("feb29", "birthday-2027", 200),
                                             ("mar1", "birthday-2027", 200)]
    run(app, "2028-02-28T09:00:00+00:00")
    assert ("feb28", "birthday-2028", 200) in gifts(app, handle.program_id)
    assert ("feb29", "birthday-2028", 200) not in gifts(app, handle.program_id)
    run(app, "2028-02-29T09:00:00+00:00")
    assert ("feb29", "birthday-2028", 200) in gifts(app, handle.program_id)
    assert len(gifts(app, handle.program_id)) == 5
    entry = api.get("/v1/members/feb29/ledger").json["items"][0]
    assert (entry["type"], entry["rule_id"], entry["points"]) == ("bonus", "bday", 200)


def test_a_missed_week_is_caught_up_but_not_eight_days(app):
    handle, _api = shop(app)
    run(app, "2027-03-08T09:00:00+00:00")   # 8 March: 1 March is seven days back, 28 February eight
    assert gifts(app, handle.program_id) == [("mar1", "birthday-2027", 200)]


def test_no_catch_up_for_a_birthday_before_enrolment(app):
    today = local_date(datetime.now(timezone.utc), "Europe/Moscow")
    handle, _api = shop(app, members={"today": f"1990-{today:%m-%d}",
                                     "two-days-ago": f"1990-{today - timedelta(days=2):%m-%d}"})
    run(app, datetime.now(timezone.utc).isoformat())
    assert [member for member, _, _ in gifts(app, handle.program_id)] == ["today"]


def test_replicas_running_at_once_give_each_gift_once(app):
    members = {f"m{n:02d}": "1990-07-14" for n in range(40)}
    handle, _api = shop(app, members=members)
    start = threading.Barrier(4)
    errors = []

    def replica() -> None:
        start.wait()
        try:
            run(app, "2027-07-14T09:00:00+00:00")
        except Exception as exc:  # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=replica) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert gifts(app, handle.program_id) == [(member, "birthday-2027", 200) for member in sorted(members)]
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        credited = uow.session.execute(text(
            "SELECT count(*), sum(points) FROM ledger_entries WHERE program_id = :p AND type = 'bonus'"),
            {"p": handle.program_id}).one()
    assert tuple(credited) == (40, 40 * 200)
