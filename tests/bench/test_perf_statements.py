"""Statement counts of the two benchmarked hot paths (docs/performance.md, "Round trips
per request"). A count, not a timing: a change that adds a round trip fails here.

BEGIN and COMMIT are not cursor executions and are not counted.
"""

from __future__ import annotations

import pytest

from tests.support import ApiCaller, make_program

# was 12: tier, rules and referral reads folded into statements that run anyway (8);
# the idempotency try-lock and lookup are one function call (7); the order row, its
# outbox event, the member lock and its credits are one statement (4)
ORDER_STATEMENTS = 4
BALANCE_STATEMENTS = 1  # was 5, then 2; now the program, figures and lots in one statement


@pytest.fixture
def plain(app):
    """A program without tier ladder or earning rules; one member with some points already."""
    handle = make_program(app, settings={"earn": {"points_per_unit": 1}, "pending_days": 0})
    api = ApiCaller(app.test_client(), handle.token)
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    assert order(api, "warm-up", "key-0").status_code == 201
    return api


def order(api, order_id, key):
    body = {"order_id": order_id, "member_id": "m1", "amount": "250.00", "currency": "RUB", "lines": []}
    return api.post("/v1/orders", json=body, headers={"Idempotency-Key": key})


def test_earning_order_with_idempotency_key(count_statements, plain):
    with count_statements() as statements:
        response = order(plain, "o1", "key-1")
    assert response.status_code == 201 and response.json["earned_points"] == 250
    assert len(statements) == ORDER_STATEMENTS, statements
    with count_statements() as statements:  # a replay answers from the stored record
        again = order(plain, "o1", "key-1")
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json == response.json
    assert len(statements) == 1, statements


def test_balance_read(count_statements, plain):
    with count_statements() as statements:
        response = plain.get("/v1/members/m1/balance")
    assert response.status_code == 200 and response.json["available"] == 250
    assert len(statements) == BALANCE_STATEMENTS, statements


def test_member_read_is_one_statement_without_begin_or_commit(count_statements, plain):
    from psycopg.pq import TransactionStatus

    with count_statements() as ran:
        response = plain.get("/v1/members/m1")
    assert response.status_code == 200 and response.json["member_id"] == "m1"
    assert [statement.transaction_status for statement in ran] == [TransactionStatus.IDLE]


def test_balance_read_needs_no_begin_or_commit_and_writes_still_do(count_statements, plain):
    from psycopg.pq import TransactionStatus

    with count_statements() as ran:
        assert plain.get("/v1/members/m1/balance").status_code == 200
    assert [statement.transaction_status for statement in ran] == [TransactionStatus.IDLE] * BALANCE_STATEMENTS
    with count_statements() as ran:  # the pooled connection is back in a transaction for writes
        assert order(plain, "o2", "key-2").status_code == 201
    assert [statement.transaction_status for statement in ran] == [TransactionStatus.INTRANS] * ORDER_STATEMENTS


def test_earning_order_with_a_budgeted_rule(app, count_statements):
    """The budgeted case pays for its rules: read them (1) and one take for all its
    budgeted rules (1). A program without budgeted rules keeps ORDER_STATEMENTS (the
    test above)."""
    handle = make_program(app, settings={"earn": {"points_per_unit": 1}, "pending_days": 0})
    api = ApiCaller(app.test_client(), handle.token)
    assert api.post("/v1/members", json={"member_id": "m1"}).status_code == 201
    assert api.post("/v1/program/rules", json={"kind": "purchase", "rule_id": "promo", "points_per_unit": 1,
                                               "budget": {"points": 10000, "period": "month"}}).status_code == 201
    assert order(api, "warm-up", "key-0").status_code == 201
    with count_statements() as statements:
        response = order(api, "o1", "key-1")
    assert response.status_code == 201 and response.json["earned_points"] == 500
    assert len(statements) == ORDER_STATEMENTS + 2, statements


def test_a_qualifying_referral_order_reads_the_program_once(app, count_statements):
    # The order path reads the program in its first statement and hands the value down
    # (programs/values.py): the referral reward's credits to both members, their
    # before-lock burns and the tier reaction read no programs row again.
    from tests.referrals.test_referrals_api import REFERRAL, enrol

    handle = make_program(app, settings={"referral": REFERRAL, "pending_days": 14,
                                         "expiry": {"inactivity_days": 365}})
    api = ApiCaller(app.test_client(), handle.token)
    ann = enrol(api, "ann")
    enrol(api, "bob", ann["referral_code"])
    with count_statements() as statements:
        answer = api.post("/v1/orders", json={"order_id": "r-1", "member_id": "bob", "amount": "1500.00",
                                              "currency": "RUB"}, headers={"Idempotency-Key": "r-1"})
    assert answer.status_code == 201, answer.json
    programs = [s for s in statements if s.sql.startswith("SELECT programs.")]
    assert len(programs) == 1, [s.sql for s in statements]
    referrals = api.get("/v1/members/ann/referrals").json["items"]
    assert referrals[0]["status"] == "rewarded", referrals
