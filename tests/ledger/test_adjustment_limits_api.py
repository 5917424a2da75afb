"""Adjustment limits: one adjustment, and one client's day, beyond them → 422 limit_exceeded, nothing applied."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from loyalty_api.audit.rules import Actor
from loyalty_api.db import unit_of_work
from loyalty_api.ledger import service as ledger
from loyalty_api.errors import LimitExceeded
from tests.support import ApiCaller, assert_problem, make_program, token_for

SCOPES = ["members:read", "members:write", "program:admin"]


def shop(app, **limits):
    handle = make_program(app, settings={"pending_days": 0, "limits": limits, "timezone": "Europe/Moscow"})
    api = ApiCaller(app.test_client(), handle.token)
    assert api.post("/v1/members", json={"member_id": "ann"}).status_code == 201
    return handle, api


def available(api):
    return api.get("/v1/members/ann/balance").json["available"]


def test_one_adjustment_either_sign(app, make_adjustment):
    _handle, api = shop(app, adjustment_max_points=500)
    assert make_adjustment(api, "ann", 500, expect=None).status_code == 201
    assert "points" in assert_problem(make_adjustment(api, "ann", 501, expect=None), 422, "limit_exceeded")["errors"]
    assert_problem(make_adjustment(api, "ann", -501, expect=None), 422, "limit_exceeded")
    assert make_adjustment(api, "ann", -500, expect=None).status_code == 201
    assert available(api) == 0
    assert [e["points"] for e in api.get("/v1/members/ann/ledger").json["items"]] == [-500, 500]


# Daily limit 1000 for one client; a debit counts its absolute value.
# | adjustment | moved today before | after  | answer |
# | +400       | 0                  | 400    | 201    |
# | -300       | 400                | 700    | 201    |
# | +400       | 700                | (1100) | 422    |
# | +300       | 700                | 1000   | 201    |
# | +1         | 1000               | (1001) | 422    |
def test_the_daily_limit_sums_absolute_values(app, make_adjustment):
    _handle, api = shop(app, adjustment_daily_points=1000)
    assert make_adjustment(api, "ann", 400, expect=None).status_code == 201
    assert make_adjustment(api, "ann", -300, expect=None).status_code == 201
    assert_problem(make_adjustment(api, "ann", 400, expect=None), 422, "limit_exceeded")
    assert available(api) == 100  # the refused one applied nothing
    assert make_adjustment(api, "ann", 300, expect=None).status_code == 201
    assert_problem(make_adjustment(api, "ann", 1, expect=None), 422, "limit_exceeded")
    assert available(api) == 400
    assert len(api.get("/v1/members/ann/ledger").json["items"]) == 3


def test_each_client_has_its_own_day(app, make_adjustment):
    handle, api = shop(app, adjustment_daily_points=500)
    other = api.with_token(token_for(app, scopes=SCOPES, program_id=handle.program_id, subject="cl_other"))
    assert make_adjustment(api, "ann", 500, expect=None).status_code == 201
    assert_problem(make_adjustment(api, "ann", 1, expect=None), 422, "limit_exceeded")
    assert make_adjustment(other, "ann", 500, expect=None).status_code == 201
    assert available(api) == 1000


def test_a_refused_key_runs_again_once_the_limit_allows(app, make_adjustment):
    _handle, api = shop(app, adjustment_max_points=100)
    assert_problem(make_adjustment(api, "ann", 200, key="k1", expect=None), 422, "limit_exceeded")  # not stored (SPEC: 422 answers)
    assert api.patch("/v1/program", json={"limits": {"adjustment_max_points": None}}).status_code == 200
    assert make_adjustment(api, "ann", 200, key="k1", expect=None).status_code == 201
    replay = make_adjustment(api, "ann", 200, key="k1", expect=None)
    assert replay.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"
    assert available(api) == 200


def test_the_day_turns_at_midnight_in_the_program_zone(app):
    """Limit 300 a day in Moscow: 21:00 UTC is midnight there."""
    handle, _api = shop(app, adjustment_daily_points=300)
    factory = app.extensions["loyalty"].session_factory

    def at(points, when):
        with unit_of_work(factory) as uow:
            ledger.adjust(uow.session, handle.program_id, "ann", points=points, reason="r", actor=Actor("cl_x"),
                          now=when)
            uow.commit()

    utc = timezone.utc
    at(300, datetime(2026, 12, 7, 20, 59, tzinfo=utc))  # 23:59 on 7 Dec in Moscow
    with pytest.raises(LimitExceeded):
        at(1, datetime(2026, 12, 7, 20, 59, 30, tzinfo=utc))
    at(300, datetime(2026, 12, 7, 21, 0, tzinfo=utc))  # 00:00 on 8 Dec: a new day


def test_limits_settings_are_validated_and_shown(app, make_adjustment):
    _handle, api = shop(app)
    assert api.get("/v1/program").json["limits"] == {"adjustment_max_points": None, "adjustment_daily_points": None}
    for bad in ({"adjustment_max_points": 0}, {"adjustment_daily_points": -5}, {"adjustment_max_points": "10"},
                {"unknown": 1}):
        assert_problem(api.patch("/v1/program", json={"limits": bad}), 422, "validation_error")
    patched = api.patch("/v1/program", json={"limits": {"adjustment_max_points": 5000,
                                                        "adjustment_daily_points": 20000}})
    assert patched.status_code == 200
    assert patched.json["limits"] == {"adjustment_max_points": 5000, "adjustment_daily_points": 20000}
    assert make_adjustment(api, "ann", 5000, expect=None).status_code == 201
    assert_problem(make_adjustment(api, "ann", 5001, expect=None), 422, "limit_exceeded")
