"""An import chunk's rows reach the database as one JSON document a statement: every
value keeps its exact form (text with quotes, escapes and non-ASCII, offsets and
microseconds of times, attributes as they were sent), and a chunk mixing known members,
new members and refused lines applies each line whole or not at all."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from loyalty_api.db import unit_of_work
from tests.imports.test_imports_api import NOW, figures, lot, member, ndjson, open_import, send, shop, verify

__all__ = ["shop"]  # the fixture, used by name

ODD = 'quote " backslash \\ tab \t newline \n Zoë 日本 \u2028'


def read(app, sql: str, **params):
    with unit_of_work(app.extensions["loyalty"].session_factory) as uow:
        return uow.session.execute(text(sql), params).one()


def test_values_keep_their_exact_form(app, shop):
    handle, api = shop
    import_id = open_import(api)
    joined = datetime(2021, 3, 1, 10, 0, 0, 123456, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    available = (NOW - timedelta(days=3)).astimezone(timezone(timedelta(hours=-3))).replace(microsecond=654321)
    attributes = {"note": ODD, "n": 1.5, "big": 2**53 + 1, "nested": {"list": [1, None, True, "x"]}, "empty": {}}
    body = ndjson(member("v-1", email=f"{ODD}@example.com", phone="+7 900 000-00-00", birthday="1990-02-28",
                         joined_at=joined.isoformat(), attributes=attributes, metric=1234,
                         tier={"code": "silver", "since": joined.isoformat()},
                         vip={"tier": "gold", "until": (NOW + timedelta(days=9)).isoformat(), "reason": ODD},
                         lots=[lot("ref " + ODD, 70, available=available, reason=ODD)]))
    answer = send(api, import_id, body)
    assert answer.status_code == 200 and answer.json["accepted"] == 1, answer.json
    found = read(app, "SELECT email, phone, birthday, created_at, attributes FROM members"
                      " WHERE program_id = :p AND member_id = 'v-1'", p=handle.program_id)
    assert (found.email, found.phone, found.birthday.isoformat()) == (f"{ODD}@example.com", "+7 900 000-00-00",
                                                                      "1990-02-28")
    assert found.created_at == joined and found.attributes == attributes
    entry = read(app, "SELECT e.reason, e.available_at, l.lot_ref, l.points FROM import_lots l"
                      " JOIN ledger_entries e ON e.program_id = l.program_id AND e.entry_id = l.entry_id"
                      " WHERE l.program_id = :p AND l.member_id = 'v-1'", p=handle.program_id)
    assert (entry.reason, entry.available_at, entry.lot_ref, entry.points) == (ODD, available, "ref " + ODD, 70)
    tier = read(app, "SELECT earned_code, earned_at, vip_code, vip_reason FROM member_tiers"
                     " WHERE program_id = :p AND member_id = 'v-1'", p=handle.program_id)
    assert tuple(tier) == ("silver", joined, "gold", ODD)
    metric = read(app, "SELECT value FROM imported_metrics WHERE program_id = :p AND member_id = 'v-1'",
                  p=handle.program_id)
    assert metric.value == 1234
    # The same line again in a later chunk: the lot is known by its exact figures.
    again = send(api, import_id, body + ndjson(member("v-2")))
    assert (again.json["accepted"], again.json["rejected"]) == (2, 0)
    assert figures(app, handle.program_id) == {"members": 2, "entries": 1, "points": 70, "lots": 1}


def test_a_chunk_mixing_known_and_new_members_and_refused_lines(app, shop):
    handle, api = shop
    import_id = open_import(api)
    assert send(api, import_id, ndjson(member("k-1", lots=[lot("K-1", 100)]))).json["accepted"] == 1
    body = ndjson(
        member("k-1", lots=[lot("K-1", 100), lot("K-2", 20)]),              # 1 known: K-1 skipped, K-2 credited
        member("n-1", referred_by="k-1", lots=[lot("N-1", 5), lot("N-2", 6)]),  # 2 new, with lots
        member("n-2", lots=[lot("N-3", 7), lot("N-4", 8, expires=NOW - timedelta(days=1))]),  # 3 refused whole
        member("k-1", lots=[lot("K-3", 1)]),                                # 4 duplicate in the chunk
        member("n-3", tier={"code": "gold"}, metric=6000),                  # 5 new, no lots
    )
    answer = send(api, import_id, body)
    assert [(e["line"], e["code"]) for e in answer.json["errors"]] == [(3, "lot_expired"), (4, "duplicate_member")]
    assert (answer.json["accepted"], answer.json["rejected"]) == (3, 2)
    assert figures(app, handle.program_id) == {"members": 3, "entries": 4, "points": 131, "lots": 4}
    assert api.get("/v1/members/n-2").status_code == 404
    assert api.get("/v1/members/k-1/balance").json["available"] == 120
    assert api.get("/v1/members/n-3/tier").json["tier"]["code"] == "gold"
    counts = api.post(f"/v1/imports/{import_id}/complete").json["counts"]
    assert counts == {"members": 3, "lots": 4, "points": 131, "rejected": 2, "accepted": 4}
    assert verify(app, handle.program_id) == []


def test_a_nul_character_refuses_the_chunk_whole_never_a_500(app, shop):
    handle, api = shop
    import_id = open_import(api)
    body = ndjson(member("z-1", lots=[lot("Z-1", 5)]), member("z-2", email="a\u0000b@example.com"))
    answer = send(api, import_id, body)
    assert answer.status_code == 422 and answer.json["code"] == "validation_error", answer.json
    assert figures(app, handle.program_id) == {"members": 0, "entries": 0, "points": 0, "lots": 0}
    assert send(api, import_id, ndjson(member("z-1", lots=[lot("Z-1", 5)]))).json["accepted"] == 1
