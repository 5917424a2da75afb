"""GET /v1/members segments, RFM scores and GET /v1/analytics/* on one hand-built shop.

The shop (UTC, points pending 0 days, 1 point per 1.00, no expiry by date, all points
burn after 60 days without an earn or redeem, a point is worth 0.10, Silver from 300
and Gold from 1000 points earned, both x1). Orders are recorded through the checkout
service with ``now`` moved back ("-33d" = 33 days before the test started); enrolment
instants are moved back in the database (enrolment takes no ``now``).

| member | enrolled | orders (placed, amount)                          | afterwards                                 |
|--------|----------|--------------------------------------------------|--------------------------------------------|
| a      | -25d     | -20d 200, -10d 300, -5d 500                      | -4d return 100.00 of the 500 order          |
| b      | -45d     | -40d 100, -2d 100                                | -1d adjustment +50 expiring in 10 days      |
| c      | -40d     | -36d 100, -35d 100, -34d 100, -33d 100 (50 pts)  | the last order redeems 50 points (5.00)    |
| d      | -120d    | -100d 2000                                       | inactive since: its 2000 points burned      |
| e      | -70d     | -55d 50 (cancelled at once), -54d..-50d 5 x 50   |                                            |
| f      | -3d      | none                                             | VIP gold                                   |

Figures now (each checked by hand):

| member | available | lifetime | last activity | tier   | vip | kept orders | last order | spend  | R F M | cell | segment     |
|--------|-----------|----------|---------------|--------|-----|-------------|------------|--------|-------|------|-------------|
| a      | 900       | 900      | -5d           | gold   | no  | 3           | -5d        | 900.00 | 4 3 4 | 434  | loyal       |
| b      | 250       | 200      | -2d           | null   | no  | 2           | -2d        | 200.00 | 5 2 1 | 521  | new         |
| c      | 345       | 395      | -33d          | silver | no  | 4           | -33d       | 395.00 | 3 4 3 | 343  | loyal       |
| d      | 0         | 2000     | -100d         | gold   | no  | 1           | -100d      | 2000.00| 1 1 5 | 115  | hibernating |
| e      | 250       | 250      | -50d          | null   | no  | 5           | -50d       | 250.00 | 2 5 2 | 252  | at_risk     |
| f      | 0         | 0        | null          | gold   | yes | 0           |            |        |       | null |             |

c: 300 earned, 50 redeemed, the last order paid 95.00 and earned 95. a's return takes
back round(100/500 x 500) = 100 points. With five scored members each quintile holds one.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import text

from loyalty_api.audit.rules import Actor
from loyalty_api.checkout import returns as checkout_returns
from loyalty_api.checkout import service as checkout
from loyalty_api.db import unit_of_work
from loyalty_api.expiry.service import burn_overdue_inactivity
from loyalty_api.ledger import service as ledger
from loyalty_api.members import service as members
from loyalty_api.segments import service as segments
from tests.support import ApiCaller, assert_problem, make_program, token_for

SETTINGS = {
    "earn": {"points_per_unit": 1}, "pending_days": 0, "redeem": {"point_value": "0.10"},
    "expiry": {"mode": "none", "inactivity_days": 60},
}
LADDER = {"tiers": [{"code": "silver", "name": "Silver", "threshold": 300, "earn_multiplier": 1},
                    {"code": "gold", "name": "Gold", "threshold": 1000, "earn_multiplier": 1}],
          "tier_policy": {"metric": "points_earned"}}
ENROLLED = {"a": 25, "b": 45, "c": 40, "d": 120, "e": 70, "f": 3}
# (member, order id, days ago, amount, redeem points)
ORDERS = [
    ("d", "d1", 100, "2000", None),
    ("e", "e0", 55, "50", None),
    ("e", "e1", 54, "50", None), ("e", "e2", 53, "50", None), ("e", "e3", 52, "50", None),
    ("e", "e4", 51, "50", None), ("e", "e5", 50, "50", None),
    ("b", "b1", 40, "100", None),
    ("c", "c1", 36, "100", None), ("c", "c2", 35, "100", None), ("c", "c3", 34, "100", None),
    ("c", "c4", 33, "100", 50),
    ("a", "a1", 20, "200", None), ("a", "a2", 10, "300", None), ("a", "a3", 5, "500", None),
    ("b", "b2", 2, "100", None),
]

EXPECTED = {  # member: (available, pending, lifetime_earned, tier, vip, rfm)
    "a": (900, 0, 900, "gold", False, "434"),
    "b": (250, 0, 200, None, False, "521"),
    "c": (345, 0, 395, "silver", False, "343"),
    "d": (0, 0, 2000, "gold", False, "115"),
    "e": (250, 0, 250, None, False, "252"),
    "f": (0, 0, 0, "gold", True, None),
}
LAST_ACTIVITY_DAYS = {"a": 5, "b": 2, "c": 33, "d": 100, "e": 50, "f": None}


def utc_text(moment) -> str:
    """The API's one timestamp format: UTC, six fractional digits, ``Z``."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Shop:
    def __init__(self, app, handle, start):
        self.app, self.handle, self.start = app, handle, start
        self.api = ApiCaller(app.test_client(), handle.token)
        self.factory = app.extensions["loyalty"].session_factory

    def ago(self, days: float) -> datetime:
        return self.start - timedelta(days=days)


@pytest.fixture(scope="module")
def shop(app) -> Shop:
    start = datetime.now(timezone.utc).replace(microsecond=0)
    handle = make_program(app, settings=SETTINGS)
    shop = Shop(app, handle, start)
    assert shop.api.put("/v1/program/tiers", json=LADDER).status_code == 200
    pid = handle.program_id
    with unit_of_work(shop.factory) as uow:
        for member_id, days in ENROLLED.items():
            members.enroll(uow.session, pid, {"member_id": member_id, "email": f"{member_id}@example.com"})
            uow.session.execute(text("UPDATE members SET created_at = :at WHERE program_id = :p AND member_id = :m"),
                                {"at": shop.ago(days), "p": pid, "m": member_id})
        uow.commit()
    for member_id, order_id, days, amount, redeem in ORDERS:
        with unit_of_work(shop.factory) as uow:
            checkout.record_order(uow.session, pid, {
                "order_id": order_id, "member_id": member_id, "amount": Decimal(amount), "currency": "RUB",
                "lines": [], "redeem_points": redeem, "placed_at": shop.ago(days)}, shop.ago(days))
            if order_id == "e0":
                checkout_returns.cancel_order(uow.session, pid, "e0", shop.ago(days) + timedelta(minutes=1))
            uow.commit()
    with unit_of_work(shop.factory) as uow:
        checkout_returns.record_return(uow.session, pid, "a3", {"return_id": "r1", "amount": Decimal("100")},
                                       shop.ago(4))
        ledger.adjust(uow.session, pid, "b", points=50, reason="goodwill", actor=Actor("test"), now=shop.ago(1),
                      expires_at=shop.start + timedelta(days=10))
        # What a late expiry job would write for d (reads leave the points out already).
        burn_overdue_inactivity(uow.session, pid, "d", shop.start)
        uow.commit()
    assert shop.api.put("/v1/members/f/vip", json={"tier": "gold", "reason": "press"}).status_code == 200
    with unit_of_work(shop.factory) as uow:
        first = segments.refresh_rfm(uow.session, pid, shop.start)
        uow.commit()
    assert first == {"scored": 5, "changed": 5, "removed": 0}
    return shop


def ids(answer) -> list[str]:
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return [item["member_id"] for item in answer.json["items"]]


def test_every_item_has_the_hand_computed_figures_and_matches_the_balance(shop):
    answer = shop.api.get("/v1/members")
    assert ids(answer) == ["a", "b", "c", "d", "e", "f"]
    assert answer.json["next_cursor"] is None
    for item in answer.json["items"]:
        member_id = item["member_id"]
        available, pending, lifetime, tier, vip, rfm = EXPECTED[member_id]
        assert (item["available"], item["pending"], item["lifetime_earned"], item["tier"], item["vip"],
                item["rfm"]) == (available, pending, lifetime, tier, vip, rfm), member_id
        assert item["email"] == f"{member_id}@example.com" and item["phone"] is None
        days = LAST_ACTIVITY_DAYS[member_id]
        expected_activity = None if days is None else utc_text(shop.ago(days))
        assert item["last_activity_at"] == expected_activity, member_id
        assert item["enrolled_at"] == utc_text(shop.ago(ENROLLED[member_id]))
        balance = shop.api.get(f"/v1/members/{member_id}/balance").json
        assert (item["available"], item["pending"], item["lifetime_earned"]) == (
            balance["available"], balance["pending"], balance["lifetime_earned"]), member_id


@pytest.mark.parametrize("query, expected", [
    ("tier=gold", ["a", "d", "f"]),
    ("tier=silver", ["c"]),
    ("tier=platinum", []),
    ("vip=true", ["f"]),
    ("vip=false", ["a", "b", "c", "d", "e"]),
    ("min_points=250", ["a", "b", "c", "e"]),
    ("max_points=250", ["b", "d", "e", "f"]),
    ("min_points=1&max_points=299", ["b", "e"]),
    ("min_points=901", []),
    # b: the adjustment burns in 10 days; e: inactivity deadline end of day -50d + 60;
    # c: end of day -33d + 60 (27-28 days ahead); d has burned already.
    ("expiring_within_days=20", ["b", "e"]),
    ("expiring_within_days=30", ["b", "c", "e"]),
    ("inactive_days=30", ["c", "d", "e"]),
    ("inactive_days=40", ["d", "e"]),
    ("inactive_days=1", ["a", "b", "c", "d", "e", "f"]),
    ("rfm=434", ["a"]),
    ("rfm=115", ["d"]),
    ("rfm=555", []),
    ("rfm=loyal", ["a", "c"]),
    ("rfm=new", ["b"]),
    ("rfm=at_risk", ["e"]),
    ("rfm=hibernating", ["d"]),
    ("rfm=champions", []),
    ("tier=gold&min_points=1", ["a"]),
    ("rfm=loyal&inactive_days=30", ["c"]),
])
def test_filters_pick_the_hand_computed_members(shop, query, expected):
    assert ids(shop.api.get(f"/v1/members?{query}")) == expected


def test_enrolment_window(shop):
    def stamp(days):
        return utc_text(shop.ago(days))

    answer = shop.api.get("/v1/members", query_string={"enrolled_from": stamp(50), "enrolled_to": stamp(20)})
    assert ids(answer) == ["a", "b", "c"]
    # to is exclusive: enrolled exactly at -25d is out.
    answer = shop.api.get("/v1/members", query_string={"enrolled_from": stamp(50), "enrolled_to": stamp(25)})
    assert ids(answer) == ["b", "c"]


def test_pages_follow_the_cursor_to_the_end(shop):
    seen, cursor = [], None
    for _ in range(4):
        answer = shop.api.get("/v1/members", query_string={"limit": 2, **({"cursor": cursor} if cursor else {})})
        seen.append(ids(answer))
        cursor = answer.json["next_cursor"]
        if cursor is None:
            break
    assert seen == [["a", "b"], ["c", "d"], ["e", "f"]]
    filtered = shop.api.get("/v1/members", query_string={"limit": 1, "tier": "gold"})
    assert ids(filtered) == ["a"]
    rest = shop.api.get("/v1/members", query_string={"limit": 5, "tier": "gold",
                                                      "cursor": filtered.json["next_cursor"]})
    assert ids(rest) == ["d", "f"] and rest.json["next_cursor"] is None


def test_csv_streams_the_whole_segment_with_the_json_columns(shop):
    answer = shop.api.get("/v1/members?tier=gold&limit=1", headers={"Accept": "text/csv"})
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert answer.is_streamed
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    json_items = shop.api.get("/v1/members?tier=gold").json["items"]
    assert [row["member_id"] for row in rows] == ["a", "d", "f"]
    assert list(rows[0]) == list(json_items[0])
    for row, item in zip(rows, json_items):
        expected = {key: ("" if value is None else str(value).lower() if isinstance(value, bool) else str(value))
                    for key, value in item.items()}
        assert row == expected


def test_erased_members_leave_the_segments(app):
    handle = make_program(app)
    api = ApiCaller(app.test_client(), handle.token)
    for member_id in ("x1", "x2"):
        assert api.post("/v1/members", json={"member_id": member_id}).status_code == 201
    assert api.delete("/v1/members/x1").status_code == 204
    assert ids(api.get("/v1/members")) == ["x2"]


def test_another_programs_members_are_never_listed(app, shop):
    other = make_program(app)
    api = ApiCaller(app.test_client(), other.token)
    assert ids(api.get("/v1/members")) == []
    assert ids(api.get("/v1/members?rfm=loyal")) == []


@pytest.mark.parametrize("query, field", [
    ("rfm=655", "rfm"), ("rfm=vip", "rfm"), ("vip=maybe", "vip"), ("limit=201", "limit"),
    ("min_points=10&max_points=5", "max_points"), ("inactive_days=-1", "inactive_days"),
    ("expiring_within_days=x", "expiring_within_days"), ("enrolled_from=2026-01-01", "enrolled_from"),
    ("cursor=!!", "cursor"),
])
def test_bad_filters_are_validation_errors(shop, query, field):
    body = assert_problem(shop.api.get(f"/v1/members?{query}"), 422, "validation_error")
    assert field in body["errors"], body


def test_segments_need_members_read(app, shop):
    writer = shop.api.with_token(token_for(app, scopes=["members:write"], program_id=shop.handle.program_id))
    assert_problem(writer.get("/v1/members"), 403, "forbidden")
    assert_problem(shop.api.with_token(None).get("/v1/members"), 401, "unauthorized")


def test_rfm_refresh_is_idempotent(shop):
    pid = shop.handle.program_id
    with unit_of_work(shop.factory) as uow:
        assert segments.refresh_rfm(uow.session, pid, shop.start) == {"scored": 5, "changed": 0, "removed": 0}


def _rfm_rows(factory, pid):
    with unit_of_work(factory) as uow:
        return {row.member_id: (row.cell, row.spend) for row in uow.session.execute(text(
            "SELECT member_id, cell, spend FROM member_rfm WHERE program_id = :p"), {"p": pid})}


def test_rfm_follows_returns(app):
    """A program of its own (the shop is shared by this module's tests), two members with
    one order each; x returns 200.00 of its 400.00 order. Ties on the order count break by
    spend (F), so both F and M swap:

    | member | placed | amount | spend before | R F M before | spend after | R F M after |
    |--------|--------|--------|--------------|--------------|-------------|-------------|
    | x      | -2d    | 400.00 | 400.00       | 1 2 2        | 200.00      | 1 1 1       |
    | y      | -1d    | 300.00 | 300.00       | 2 1 1        | 300.00      | 2 2 2       |

    Then x cancels what is left: the order is no longer kept, x is no longer scored.
    """
    now = datetime.now(timezone.utc).replace(microsecond=0)
    pid = make_program(app, settings=SETTINGS).program_id
    factory = app.extensions["loyalty"].session_factory
    with unit_of_work(factory) as uow:
        for member_id, days, amount in (("x", 2, "400"), ("y", 1, "300")):
            members.enroll(uow.session, pid, {"member_id": member_id})
            placed = now - timedelta(days=days)
            checkout.record_order(uow.session, pid, {
                "order_id": f"{member_id}1", "member_id": member_id, "amount": Decimal(amount), "currency": "RUB",
                "lines": [], "redeem_points": None, "placed_at": placed}, placed)
        uow.commit()

    def refresh():
        with unit_of_work(factory) as uow:
            counts = segments.refresh_rfm(uow.session, pid, now)
            uow.commit()
        return counts

    assert refresh() == {"scored": 2, "changed": 2, "removed": 0}
    assert _rfm_rows(factory, pid) == {"x": ("122", Decimal("400.00")), "y": ("211", Decimal("300.00"))}
    with unit_of_work(factory) as uow:
        checkout_returns.record_return(uow.session, pid, "x1", {"return_id": "rx", "amount": Decimal("200")},
                                       now - timedelta(hours=1))
        uow.commit()
    assert refresh() == {"scored": 2, "changed": 2, "removed": 0}
    assert _rfm_rows(factory, pid) == {"x": ("111", Decimal("200.00")), "y": ("222", Decimal("300.00"))}
    assert refresh() == {"scored": 2, "changed": 0, "removed": 0}
    with unit_of_work(factory) as uow:
        checkout_returns.cancel_order(uow.session, pid, "x1", now - timedelta(minutes=30))
        uow.commit()
    assert refresh() == {"scored": 1, "changed": 1, "removed": 1}
    assert _rfm_rows(factory, pid) == {"y": ("111", Decimal("300.00"))}


def test_analytics_rfm_counts_cells_and_segments(shop):
    answer = shop.api.get("/v1/analytics/rfm")
    assert answer.status_code == 200, answer.json
    body = answer.json
    assert [(cell["cell"], cell["members"]) for cell in body["cells"]] == [
        ("521", 1), ("434", 1), ("343", 1), ("252", 1), ("115", 1)]
    assert {(row["segment"], row["members"]) for row in body["segments"]} == {
        ("champions", 0), ("loyal", 2), ("new", 1), ("at_risk", 1), ("hibernating", 1), (None, 0)}
    assert (body["scored_members"], body["unscored_members"]) == (5, 1)


def test_analytics_summary_of_the_last_60_days(shop):
    """Entries from -60d to +1d (d's order at -100d is outside):

    | figure     | from                                                     | total |
    |------------|----------------------------------------------------------|-------|
    | issued     | a 200+300+500, b 100+100 + adjust 50, c 300+95, e 6 x 50 | 1945  |
    | redeemed   | c 50                                                     | 50    |
    | reversed   | a 100 (return), e 50 (cancel)                            | 150   |
    | expired    | d 2000 (burned by inactivity at the start of the test)   | 2000  |
    | breakage   | 2000 / (2000 + 50)                                       | 0.9756|
    | outstanding| 900 + 250 + 345 + 0 + 250 + 0 = 1745 points x 0.10        | 174.50|
    | active     | a, b, c, e (earn or redeem in the period)                | 4     |
    | new        | a, b, c, f (enrolled -25d, -45d, -40d, -3d)               | 4     |
    """
    query = {"from": shop.ago(60).isoformat(), "to": (shop.start + timedelta(days=1)).isoformat()}
    answer = shop.api.get("/v1/analytics/summary", query_string=query)
    assert answer.status_code == 200, answer.json
    body = answer.json
    assert body["points"] == {"issued": 1945, "redeemed": 50, "refunded": 0, "reversed": 150, "expired": 2000,
                              "adjusted_out": 0}
    assert body["breakage_rate"] == "0.9756"
    assert body["outstanding"] == {"points": 1745, "available": 1745, "pending": 0, "point_value": "0.10",
                                   "liability": "174.50", "currency": "RUB"}
    assert body["members"] == {"total": 6, "active": 4, "new": 4}
    assert body["tier_distribution"] == [{"tier": "silver", "members": 1}, {"tier": "gold", "members": 3},
                                         {"tier": None, "members": 2}]
    assert body["referral_conversions"] == 0


def test_analytics_summary_of_an_earlier_period(shop):
    """-120d to -45d: only d's order (2000, the one active member) and the enrolments of d and e."""
    query = {"from": shop.ago(120).isoformat(), "to": shop.ago(56).isoformat()}
    body = shop.api.get("/v1/analytics/summary", query_string=query).json
    assert body["points"] == {"issued": 2000, "redeemed": 0, "refunded": 0, "reversed": 0, "expired": 0,
                              "adjusted_out": 0}
    assert body["breakage_rate"] is None
    assert body["members"] == {"total": 6, "active": 1, "new": 2}


def test_analytics_needs_analytics_read_and_a_sane_period(app, shop):
    reader = shop.api.with_token(token_for(app, scopes=["members:read"], program_id=shop.handle.program_id))
    assert_problem(reader.get("/v1/analytics/summary"), 403, "forbidden")
    assert_problem(reader.get("/v1/analytics/rfm"), 403, "forbidden")
    body = assert_problem(shop.api.get("/v1/analytics/summary", query_string={
        "from": "2026-02-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"}), 422, "validation_error")
    assert "to" in body["errors"]
