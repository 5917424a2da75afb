"""``loyalty_api.driver``: constant statements sent straight to psycopg keep what
``Session.execute`` gave the callers (the transaction, error types, cursor events)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import bindparam, event, literal, select
from sqlalchemy.exc import IntegrityError

from loyalty_api.driver import Constant, one_or_none, run
from loyalty_api.programs.models import Program
from loyalty_api.programs.service import program_config
from loyalty_api.programs.values import ProgramSettings


def test_parameters_and_literal_percent_signs(session_factory):
    statement = Constant("SELECT '100%' AS share, CAST(:points AS int) + 1 AS points, :name AS name")
    with session_factory() as session:
        row = one_or_none(session, statement, {"points": 41, "name": "x%(y)s"})
    assert (row.share, row.points, row.name) == ("100%", 42, "x%(y)s")


def test_a_core_statement_keeps_its_literals(session_factory):
    statement = Constant.of(select(literal("purchase").label("kind"), bindparam("n").label("n")))
    assert statement.defaults == {"param_1": "purchase"}
    with session_factory() as session:
        row = one_or_none(session, statement, {"n": 7})
    assert (row.kind, row.n) == ("purchase", 7)


def test_statements_run_in_the_session_transaction(session_factory, program):
    insert = Constant("INSERT INTO members (program_id, member_id, referral_code, status, attributes, created_at,"
                      " updated_at) VALUES (:p, :m, :code, 'active', '{}', now(), now())")
    member_id = "drv-" + uuid.uuid4().hex[:8]
    with session_factory() as session:
        run(session, insert, {"p": program.program_id, "m": member_id, "code": member_id.upper()})
        session.rollback()
        run(session, insert, {"p": program.program_id, "m": member_id + "b", "code": member_id.upper() + "B"})
        session.commit()
    count = Constant("SELECT count(*) AS n FROM members WHERE program_id = :p AND member_id LIKE :like")
    with session_factory() as session:
        assert one_or_none(session, count, {"p": program.program_id, "like": member_id + "%"}).n == 1


def test_driver_errors_are_sqlalchemy_errors_and_the_session_recovers(session_factory, program):
    duplicate = Constant("INSERT INTO programs (program_id, name, currency, settings) "
                         "SELECT program_id, name, currency, settings FROM programs WHERE program_id = :p")
    with session_factory() as session:
        with pytest.raises(IntegrityError) as raised:
            run(session, duplicate, {"p": program.program_id})
        assert raised.value.orig.sqlstate == "23505"
        session.rollback()
        assert one_or_none(session, Constant("SELECT 1 AS one"), {}).one == 1


def test_cursor_listeners_see_each_statement(app, session_factory):
    seen = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    engine = app.extensions["loyalty"].engine
    event.listen(engine, "after_cursor_execute", listener)
    try:
        with session_factory() as session:
            one_or_none(session, Constant("SELECT :x AS x"), {"x": 3})
    finally:
        event.remove(engine, "after_cursor_execute", listener)
    assert seen == [("SELECT %(x)s AS x", {"x": 3})]


def test_an_autocommit_connection_runs_outside_a_transaction(app):
    from psycopg.pq import TransactionStatus

    with app.extensions["loyalty"].read_engine.connect() as connection:
        cursor = run(connection, Constant("SELECT :x AS x"), {"x": 5})
        assert cursor.fetchone().x == 5
        assert cursor.connection.info.transaction_status == TransactionStatus.IDLE


def test_a_program_read_by_a_constant_statement_is_a_plain_value(app, session_factory, program):
    read = Constant.of(select(*Program.__table__.columns).where(Program.program_id == bindparam("p")))
    with session_factory() as session:
        value = ProgramSettings.of(one_or_none(session, read, {"p": program.program_id}))
        # nothing is planted in the session: a later get reads the row itself
        assert not any(isinstance(held, Program) for held in session.identity_map.values())
        loaded = session.get(Program, program.program_id)
        assert {column.key: getattr(value, column.key) for column in Program.__table__.columns} == {
            column.key: getattr(loaded, column.key) for column in Program.__table__.columns}
        assert program_config(value) is program_config(loaded)  # parsed once per program version
