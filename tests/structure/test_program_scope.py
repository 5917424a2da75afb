"""The one-program rule that the statement audit (tests/program_scope.py) holds every statement to."""

import pytest

from loyalty_api.checkout.seams import _program_statement
from tests.program_scope import program_tables, unscoped_tables

TABLES = program_tables()


@pytest.mark.parametrize("sql", [
    "SELECT debt FROM balances WHERE program_id = %(p)s AND member_id = %(m)s FOR UPDATE",
    "SELECT b.debt FROM members m JOIN balances b ON b.program_id = m.program_id AND b.member_id = m.member_id"
    " WHERE m.program_id = :p",
    "SELECT 1 FROM members m JOIN balances b USING (program_id, member_id) WHERE m.program_id = :p",
    "INSERT INTO lots (program_id, lot_id) VALUES (%(p)s, 1) ON CONFLICT DO NOTHING",
    "UPDATE holds SET status = 'void' WHERE holds.program_id = CAST(%(p)s AS uuid) AND hold_id = %(h)s",
    "SELECT p.name FROM programs p WHERE p.program_id = :p",  # a reference table needs no pin
])
def test_statements_inside_one_program_pass(sql):
    assert unscoped_tables(sql, TABLES) == []


@pytest.mark.parametrize("sql, tables", [
    # a job claim across programs: Citus takes no row lock in a multi-shard query
    ("SELECT program_id, seq FROM outbox_events WHERE dispatched_at IS NULL LIMIT 10 FOR UPDATE SKIP LOCKED",
     ["outbox_events"]),
    # a join not on the distribution column
    ("SELECT 1 FROM members m JOIN referrals r ON r.referrer_id = m.member_id WHERE m.program_id = :p",
     ["referrals"]),
    ("DELETE FROM idempotency_keys WHERE created_at < :t", ["idempotency_keys"]),
    ("INSERT INTO lots (lot_id) VALUES (1)", ["lots"]),
    ("SELECT (SELECT count(*) FROM coupons) AS n", ["coupons"]),
])
def test_statements_that_leave_the_program_are_named(sql, tables):
    assert unscoped_tables(sql, TABLES) == tables


def test_a_program_table_correlated_with_programs_is_not_pinned():
    # The checkout's program statement once read earning_rules and member_tiers correlated with
    # programs.program_id: Citus refused it ("complex joins are only supported when all distributed
    # tables are co-located and joined on their distribution columns") and every order answered 500.
    sql = ("SELECT programs.name, EXISTS (SELECT 1 FROM earning_rules WHERE earning_rules.program_id ="
           " programs.program_id) AS rules FROM programs WHERE programs.program_id = :p")
    assert unscoped_tables(sql, TABLES) == ["earning_rules"]
    assert unscoped_tables(_program_statement().sql, TABLES) == []
