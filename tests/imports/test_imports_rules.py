"""Pure checks of import lines and chunk plans (no database)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from loyalty_api.imports import formats, rules
from loyalty_api.imports.plan import Known, plan_chunk

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=timezone.utc)
CTX = rules.Context(now=NOW, tier_codes=frozenset({"silver", "gold"}), metric="points_earned",
                    expiry={"mode": "days", "days": 365}, timezone="Europe/Moscow")


def check(obj, ctx=CTX):
    return rules.check_line(1, obj, ctx)


def lot(**fields):
    return {"lot_ref": "L1", "points": 100, "available_at": "2026-06-01T00:00:00+03:00", **fields}


@pytest.mark.parametrize("obj, code", [
    ({"member_id": "a", "colour": "red"}, "validation_error"),
    ({"member_id": "a b"}, "validation_error"),
    ({"member_id": "a", "joined_at": "2030-01-01T00:00:00Z"}, "validation_error"),
    ({"member_id": "a", "joined_at": "2020-01-01"}, "validation_error"),  # no offset
    ({"member_id": "a", "tier": {"code": "platinum"}}, "unknown_tier"),
    ({"member_id": "a", "vip": {"tier": "gold", "until": "2026-01-01T00:00:00Z"}}, "validation_error"),
    ({"member_id": "a", "lots": [lot(points=0)]}, "validation_error"),
    ({"member_id": "a", "lots": [lot(points=True)]}, "validation_error"),
    ({"member_id": "a", "lots": [lot(expires_at="2026-12-01T00:00:00Z")]}, "lot_expired"),
    # no expires_at: the program's rule (365 days from 2025-06-01) has passed
    ({"member_id": "a", "lots": [lot(available_at="2025-06-01T00:00:00+03:00")]}, "lot_expired"),
    ({"member_id": "a", "lots": [lot(), lot(points=5)]}, "lot_conflict"),
    ({"member_id": "a", "metric": -1}, "validation_error"),
    ({"member_id": "a", "metric": "1.5"}, "validation_error"),  # points_earned is whole
    ({"member_id": "a", "referred_by": "a"}, "validation_error"),
    ({"member_id": "a", "identities": [{"type": "phone", "value": "8912"}]}, "validation_error"),
])
def test_a_bad_line_is_refused_with_a_code(obj, code):
    refused = check(obj)
    assert isinstance(refused, rules.LineError) and refused.code == code, refused


def test_a_good_line_resolves_its_figures():
    line = check({"member_id": "a", "joined_at": "2021-03-01T10:00:00+03:00", "metric": 5400,
                  "tier": {"code": "gold"}, "identities": [{"type": "email", "value": "A@B.example"}],
                  "lots": [lot(), lot(lot_ref="L2", expires_at=None), lot()]})
    assert isinstance(line, rules.MemberLine)
    assert line.tier_since == line.joined_at  # since defaults to the join date
    assert line.identities == (("email", "a@b.example"),)
    first, second = line.lots  # the repeated identical lot counts once
    # the program's rule: the end of the Moscow day 365 days after it became available (21:00 UTC)
    assert first.expires_at == datetime(2027, 6, 1, 21, 0, tzinfo=timezone.utc)
    assert second.expires_at is None


def test_csv_records_become_line_objects_and_ndjson_lines_keep_their_numbers():
    body = b"member_id,tier.code,attributes.city,identity.card\r\nc1,gold,Kazan,1234 5678\r\n"
    assert list(formats.csv_objects(body)) == [
        (2, {"member_id": "c1", "tier": {"code": "gold"}, "attributes": {"city": "Kazan"},
             "identities": [{"type": "card", "value": "1234 5678"}]})]
    numbered = list(formats.ndjson_objects(b'{"member_id": "a"}\n\n{oops\n'))
    assert numbered[0] == (1, {"member_id": "a"}) and numbered[1][0] == 3
    assert numbered[1][1].code == "malformed_json"
    assert formats.line_count(b"a\nb\n") == 2 and formats.line_count(b"a\nb") == 2


def test_the_plan_decides_lines_in_order_against_what_exists():
    lines = [check({"member_id": m, **extra}) for m, extra in [
        ("new", {"lots": [lot()]}),
        ("kid", {"referred_by": "new"}),                       # referrer on an earlier line
        ("old", {"lots": [lot(), lot(lot_ref="L9")]}),         # L1 already there: only L9
        ("gone", {}),
        ("owing", {"lots": [lot()]}),
        ("orphan", {"referred_by": "nobody"}),
        ("twin", {"identities": [{"type": "external", "value": "x"}]}),
        ("twin2", {"identities": [{"type": "external", "value": "x"}]}),
    ]]
    old_lot = next(iter(lines[2].lots))
    plan = plan_chunk(lines, {"old": Known("active", 0), "gone": Known("erased", 0), "owing": Known("active", 5)},
                      {("old", "L1"): old_lot.figures})
    assert [line.member_id for line in plan.new_members] == ["new", "kid", "twin"]
    assert [(member_id, lot.lot_ref) for member_id, lot in plan.new_lots] == [("new", "L1"), ("old", "L9")]
    assert [(e.member_id, e.code) for e in plan.errors] == [
        ("gone", "member_erased"), ("owing", "member_in_debt"), ("orphan", "unknown_referrer"),
        ("twin2", "identity_taken")]
    assert plan.accepted == 4 and plan.points == 200
