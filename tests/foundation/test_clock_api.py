"""Test programs and their clocks, observed only over HTTP (docs/testing-your-integration.md).

Every program here is created as an integrator would: a platform token creates it
(``mode: test``) and its client, the client asks for a token, and from then on only
the program's own requests are sent; time passes by ``POST /v1/program/clock``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from tests.support import ApiCaller, assert_problem, token_for
from tests.webhooks.test_webhooks_delivery import Receiver, make_worker, private_app  # noqa: F401 (fixture)

MOSCOW = ZoneInfo("Europe/Moscow")
MONTH = 31 * 86400


def when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def create_program(app, *, mode: str = "test", **settings) -> ApiCaller:
    platform = ApiCaller(app.test_client(), token_for(app, scopes=["platform:admin"], program_id=None))
    created = platform.post("/v1/programs", json={"name": "Sandbox", "currency": "RUB", "mode": mode,
                                                   "timezone": "Europe/Moscow", **settings})
    assert created.status_code == 201, created.json
    assert created.json["mode"] == mode
    program_id = created.json["program_id"]
    client = platform.post(f"/v1/programs/{program_id}/clients", json={"name": "shop", "scopes": ["program:admin"]})
    assert client.status_code == 201, client.json
    token = app.test_client().post("/v1/auth/token", json={
        "grant_type": "client_credentials", "client_id": client.json["client_id"],
        "client_secret": client.json["client_secret"]})
    assert token.status_code == 200, token.json
    api = ApiCaller(app.test_client(), token.json["access_token"])
    api.program_id = program_id
    return api


def advance(api, seconds: int, key: str | None = None):
    headers = {"Idempotency-Key": key} if key else None
    answer = api.post("/v1/program/clock", json={"advance_seconds": seconds}, headers=headers)
    assert answer.status_code == 200, answer.json
    return answer.json


def clock_now(api) -> datetime:
    answer = api.get("/v1/program/clock")
    assert answer.status_code == 200, answer.json
    return when(answer.json["now"])


def balance(api, member_id: str = "m1") -> dict:
    answer = api.get(f"/v1/members/{member_id}/balance")
    assert answer.status_code == 200, answer.json
    return answer.json


def entries(api, member_id: str = "m1") -> list[dict]:
    answer = api.get(f"/v1/members/{member_id}/ledger?limit=200")
    assert answer.status_code == 200, answer.json
    return answer.json["items"]


def order(api, order_id: str, amount: str, member_id: str = "m1"):
    answer = api.post("/v1/orders", json={"order_id": order_id, "member_id": member_id, "amount": amount,
                                          "currency": "RUB"})
    assert answer.status_code == 201, answer.json
    return answer.json


def test_points_activate_then_burn_at_the_end_of_the_month_in_the_program_time_zone(app):
    api = create_program(app, pending_days=14, expiry={"mode": "end_of_month", "days": 30})
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    start = clock_now(api)
    placed = order(api, "o1", "1000.00")
    assert placed["earned_points"] == 1000
    available_at = when(placed["points_available_at"])
    assert available_at - start == pytest.approx(timedelta(days=14), abs=timedelta(seconds=5))
    [earn] = [entry for entry in entries(api) if entry["type"] == "earn"]
    expires_at = when(earn["expires_at"])
    # The day 30 days after the points became available, in Moscow; the lot burns when
    # that day's month ends there (the first instant of the next month, Moscow time).
    burn_day = (available_at + timedelta(days=30)).astimezone(MOSCOW).date()
    next_month = date(burn_day.year + burn_day.month // 12, burn_day.month % 12 + 1, 1)
    assert expires_at == datetime(next_month.year, next_month.month, 1, tzinfo=MOSCOW)

    figures = [balance(api)]
    for _ in range(12):  # a year, month by month
        moved = advance(api, MONTH)
        figures.append({**balance(api), "now": when(moved["now"])})
    # Month 0: pending; from the first month on (14 days passed): available, until the lot's month ended.
    assert (figures[0]["pending"], figures[0]["available"]) == (1000, 0)
    for month in figures[1:]:
        burned = month["now"] >= expires_at
        assert (month["pending"], month["available"]) == ((0, 0) if burned else (0, 1000)), month
    assert any(month["now"] >= expires_at for month in figures[1:])
    [expire] = [entry for entry in entries(api) if entry["type"] == "expire"]
    assert expire["points"] == -1000


def test_burning_happens_exactly_at_the_month_end_not_before(app):
    api = create_program(app, pending_days=0, expiry={"mode": "end_of_month", "days": 1})
    api.post("/v1/members", json={"member_id": "m1"})
    order(api, "o1", "100.00")
    [earn] = [entry for entry in entries(api) if entry["type"] == "earn"]
    expires_at = when(earn["expires_at"])
    assert expires_at.astimezone(MOSCOW).timetuple()[2:6] == (1, 0, 0, 0)  # 1st of a month, 00:00 Moscow
    before = api.post("/v1/program/clock", json={"now": (expires_at - timedelta(seconds=1)).isoformat()})
    assert before.status_code == 200, before.json
    assert balance(api)["available"] == 100 and not [e for e in entries(api) if e["type"] == "expire"]
    assert api.post("/v1/program/clock", json={"now": expires_at.isoformat()}).status_code == 200
    assert balance(api)["available"] == 0
    assert [e["points"] for e in entries(api) if e["type"] == "expire"] == [-100]


def test_an_inactive_balance_burns(app):
    api = create_program(app, pending_days=0, expiry={"mode": "none", "inactivity_days": 60})
    api.post("/v1/members", json={"member_id": "m1"})
    order(api, "o1", "300.00")
    advance(api, 30 * 86400)
    assert balance(api)["available"] == 300
    advance(api, 32 * 86400)
    assert balance(api)["available"] == 0
    assert [e["points"] for e in entries(api) if e["type"] == "expire"] == [-300]


def test_a_hold_runs_out(app):
    api = create_program(app, pending_days=0, hold_ttl_seconds=900)
    api.post("/v1/members", json={"member_id": "m1"})
    order(api, "o1", "500.00")
    hold = api.post("/v1/holds", json={"member_id": "m1", "points": 200})
    assert hold.status_code == 201, hold.json
    assert when(hold.json["expires_at"]) - clock_now(api) <= timedelta(seconds=900)
    assert (balance(api)["held"], balance(api)["available"]) == (200, 300)
    advance(api, 600)
    assert balance(api)["held"] == 200
    advance(api, 301)
    assert (balance(api)["held"], balance(api)["available"]) == (0, 500)
    capture = api.post("/v1/orders", json={"order_id": "o2", "member_id": "m1", "amount": "400.00",
                                           "currency": "RUB", "hold_id": hold.json["hold_id"]})
    assert_problem(capture, 409, "hold_not_active")


def test_a_tier_downgrades_after_retention_and_a_birthday_bonus_arrives_once(app):
    api = create_program(app, pending_days=0)
    ladder = api.put("/v1/program/tiers", json={"tiers": [{"code": "silver", "name": "Silver", "threshold": 500}],
                                                "tier_policy": {"metric": "points_earned", "window_months": 1,
                                                                "retention_months": 3, "downgrade": "to_qualified"}})
    assert ladder.status_code == 200, ladder.json
    rule = api.post("/v1/program/rules", json={"rule_id": "bday", "kind": "event", "event_type": "birthday",
                                               "points": 50})
    assert rule.status_code == 201, rule.json
    start = clock_now(api)
    birthday = (start + timedelta(days=45)).astimezone(MOSCOW).date()
    if (birthday.month, birthday.day) == (2, 29):
        birthday -= timedelta(days=1)
    assert api.post("/v1/members", json={"member_id": "m1", "birthday": birthday.replace(year=1990).isoformat()}
                    ).status_code == 201
    order(api, "o1", "1000.00")
    tier = api.get("/v1/members/m1/tier").json
    assert tier["tier"]["code"] == "silver"
    retention_ends = when(tier["tier_expires_at"])

    months = []
    for _ in range(12):
        now = when(advance(api, MONTH)["now"])
        tier = api.get("/v1/members/m1/tier").json
        bonuses = [e for e in entries(api) if e["type"] == "bonus"]
        months.append((now, tier["tier"]["code"] if tier["tier"] else None, len(bonuses)))
        if now.astimezone(MOSCOW).date() >= birthday:
            # Right after the birthday, a day later again (inside the job's catch-up days): still one.
            advance(api, 86400)
            assert len([e for e in entries(api) if e["type"] == "bonus"]) == len(bonuses)
    for now, code, bonuses in months:
        assert code == (None if now >= retention_ends else "silver"), (now, code)
        assert bonuses == (1 if now.astimezone(MOSCOW).date() >= birthday else 0), (now, bonuses)
    assert months[-1][2] == 1 and months[-1][1] is None
    [bonus] = [e for e in entries(api) if e["type"] == "bonus"]
    assert bonus["points"] == 50


def test_the_clock_moves_forward_only_and_answers_stable_codes(app):
    api = create_program(app)
    clock = api.get("/v1/program/clock").json
    assert (clock["mode"], clock["offset_seconds"]) == ("test", 0)
    now = when(clock["now"])
    assert abs(now - datetime.now(timezone.utc)) < timedelta(seconds=5)
    assert_problem(api.post("/v1/program/clock", json={"now": (now - timedelta(hours=1)).isoformat()}),
                   422, "clock_not_forward")
    assert_problem(api.post("/v1/program/clock", json={"advance_seconds": 0}), 422, "validation_error")
    assert_problem(api.post("/v1/program/clock", json={"advance_seconds": -60}), 422, "validation_error")
    assert_problem(api.post("/v1/program/clock", json={}), 422, "validation_error")
    both = {"advance_seconds": 60, "now": (now + timedelta(days=1)).isoformat()}
    assert_problem(api.post("/v1/program/clock", json=both), 422, "validation_error")
    first = advance(api, 86400, key="day-1")
    again = api.post("/v1/program/clock", json={"advance_seconds": 86400}, headers={"Idempotency-Key": "day-1"})
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json == first
    assert 86400 <= api.get("/v1/program/clock").json["offset_seconds"] < 86400 + 60  # moved once
    target = now + timedelta(days=10)
    moved = api.post("/v1/program/clock", json={"now": target.isoformat()}).json
    assert when(moved["now"]) == target
    assert_problem(api.post("/v1/program/clock", json={"now": target.isoformat()}), 422, "clock_not_forward")


def test_a_live_program_refuses_clock_and_reset(app):
    api = create_program(app, mode="live")
    assert_problem(api.get("/v1/program/clock"), 403, "forbidden")
    assert_problem(api.post("/v1/program/clock", json={"advance_seconds": 60}), 403, "forbidden")
    assert_problem(api.post("/v1/program/reset"), 403, "forbidden")
    assert api.get("/v1/program").json["mode"] == "live"


def test_another_programs_time_is_unaffected(app):
    moved, other, live = (create_program(app, pending_days=14), create_program(app, pending_days=14),
                          create_program(app, mode="live", pending_days=14))
    for api in (moved, other, live):
        api.post("/v1/members", json={"member_id": "m1"})
        order(api, "o1", "100.00")
    advance(moved, 20 * 86400)
    assert (balance(moved)["pending"], balance(moved)["available"]) == (0, 100)
    for api in (other, live):
        assert (balance(api)["pending"], balance(api)["available"]) == (100, 0)
    assert other.get("/v1/program/clock").json["offset_seconds"] == 0


@pytest.fixture
def receiver():
    server = Receiver()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def test_events_of_a_test_program_carry_livemode_false(private_app, receiver):  # noqa: F811
    api = create_program(private_app, pending_days=0, hold_ttl_seconds=60)
    hook = api.post("/v1/webhooks", json={"url": receiver.url, "event_types": ["*"]})
    assert hook.status_code == 201, hook.json
    receiver.secrets.append(hook.json["secret"])
    api.post("/v1/members", json={"member_id": "m1"})
    order(api, "o1", "100.00")
    assert api.post("/v1/holds", json={"member_id": "m1", "points": 50}).status_code == 201
    advance(api, 61)
    make_worker(private_app).run_once()
    events = receiver.events(api.program_id)
    assert {"member.enrolled", "points.earned", "hold.expired"} <= {event["type"] for event in events}
    assert all(event["livemode"] is False for event in events)
    for item in api.get("/v1/webhooks?limit=200").json["items"]:
        api.delete(f"/v1/webhooks/{item['webhook_id']}")


def test_reset_erases_the_members_and_keeps_the_configuration(app):
    api = create_program(app, pending_days=0)
    assert api.post("/v1/program/rules", json={"rule_id": "bday", "kind": "event", "event_type": "birthday",
                                               "points": 50}).status_code == 201
    for member_id in ("m1", "m2"):
        api.post("/v1/members", json={"member_id": member_id})
        order(api, f"o-{member_id}", "100.00", member_id)
    assert api.post("/v1/holds", json={"member_id": "m1", "points": 10}).status_code == 201
    advance(api, 86400)
    offset = api.get("/v1/program/clock").json["offset_seconds"]
    reset = api.post("/v1/program/reset", headers={"Idempotency-Key": "reset-1"})
    assert reset.status_code == 200, reset.json
    assert reset.json["members_erased"] == 2
    replay = api.post("/v1/program/reset", headers={"Idempotency-Key": "reset-1"})
    assert replay.headers["Idempotent-Replayed"] == "true" and replay.json == reset.json
    assert api.post("/v1/program/reset").json["members_erased"] == 0
    for path in ("/v1/members/m1", "/v1/members/m2", "/v1/orders/o-m1", "/v1/members/m1/balance"):
        assert_problem(api.get(path), 404, "not_found")
    assert [rule["rule_id"] for rule in api.get("/v1/program/rules").json["items"]] == ["bday"]
    assert api.get("/v1/program/clock").json["offset_seconds"] >= offset  # the clock is not rewound
    # The same ids start afresh: nothing of the old member comes back.
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    assert balance(api) | {"member_id": "m1"} == balance(api) and balance(api)["available"] == 0
    assert entries(api) == []
    assert order(api, "o-m1", "100.00")["earned_points"] == 100


def test_requests_of_a_test_program_run_on_its_clock(app):
    api = create_program(app, pending_days=14)
    api.post("/v1/members", json={"member_id": "m1"})
    advance(api, 100 * 86400)
    now = clock_now(api)
    placed = order(api, "o1", "100.00")
    # The order was placed, and its points become available, on the program's clock.
    assert abs(when(placed["points_available_at"]) - (now + timedelta(days=14))) < timedelta(seconds=5)
    [earn] = [entry for entry in entries(api) if entry["type"] == "earn"]
    assert abs(when(earn["created_at"]) - now) < timedelta(seconds=5)
    # A placed_at in the real "now" is in the program's past: a backdated order, active at once.
    real = datetime.now(timezone.utc)
    late = api.post("/v1/orders", json={"order_id": "o2", "member_id": "m1", "amount": "50.00", "currency": "RUB",
                                        "placed_at": real.isoformat()})
    assert late.status_code == 201, late.json
    assert balance(api)["available"] == 50 and balance(api)["pending"] == 100
    # A member token asked for by the test program's client is on the same clock.
    member = api.post("/v1/members/m1/tokens", json={})
    assert member.status_code in (200, 201), member.json
    mine = ApiCaller(app.test_client(), member.json["access_token"]).get("/v1/me/balance")
    assert mine.status_code == 200 and (mine.json["available"], mine.json["pending"]) == (50, 100)


def test_reset_names_every_table_with_member_data(app):
    """A new table with a member_id must be listed by the reset (erased) or kept on purpose."""
    from sqlalchemy import text

    from loyalty_api.clock import reset

    with app.extensions["loyalty"].engine.connect() as connection:
        tables = set(connection.execute(text(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND column_name = 'program_id'")).scalars())
    listed = set(reset.ERASED_TABLES) | set(reset.KEPT_TABLES) | set(reset.PARTLY_ERASED)
    assert tables == listed


def test_concurrent_moves_of_one_clock_both_count(app):
    """Two moves sent at once queue on the program's row: the clock ends two days ahead,
    not one (neither move is lost), and the points pending for a day are available."""
    from tests.support import run_together

    api = create_program(app, pending_days=1)
    api.post("/v1/members", json={"member_id": "m1"})
    order(api, "o1", "100.00")
    callers = [ApiCaller(app.test_client(), api.token) for _ in range(2)]  # one test client per thread
    answers = run_together(*(lambda c=c, i=i: c.post("/v1/program/clock", json={"advance_seconds": 86400},
                                                         headers={"Idempotency-Key": f"move-{i}"})
                             for i, c in enumerate(callers)))
    assert sorted(answer.status_code for answer in answers) == [200, 200]
    offsets = sorted(answer.json["offset_seconds"] for answer in answers)
    assert 86400 <= offsets[0] < 86400 + 60 and 2 * 86400 <= offsets[1] < 2 * 86400 + 60
    assert 2 * 86400 <= api.get("/v1/program/clock").json["offset_seconds"] < 2 * 86400 + 60
    assert (balance(api)["pending"], balance(api)["available"]) == (0, 100)


def test_clock_moves_and_resets_are_in_the_audit_log(app):
    api = create_program(app, pending_days=1)
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    before = api.get("/v1/program/clock").json["now"]
    moved = api.post("/v1/program/clock", json={"advance_seconds": 86400})
    assert moved.status_code == 200
    assert api.post("/v1/program/reset").status_code == 200
    assert api.post("/v1/program/reset").status_code == 200  # nothing left: no second entry
    entries = api.get("/v1/audit").json["items"]
    actions = [entry["action"] for entry in entries if entry["action"].startswith("program.")]
    assert actions == ["program.reset", "program.clock_moved"]
    clock = next(entry for entry in entries if entry["action"] == "program.clock_moved")
    assert clock["request_id"] == moved.headers["X-Request-Id"]
    assert datetime.fromisoformat(clock["changes"]["now"]["after"]) - datetime.fromisoformat(before) >= \
        timedelta(seconds=86400)
    reset = next(entry for entry in entries if entry["action"] == "program.reset")
    assert reset["changes"]["members_erased"] == {"before": None, "after": 1}
