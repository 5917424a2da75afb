"""identities.service.attach_identities: the set-based attach that imports use."""

from __future__ import annotations

import pytest

from loyalty_api.db import unit_of_work
from loyalty_api.identities import service
from loyalty_api.identities.service import IdentityRow
from loyalty_api.members.service import enroll


@pytest.fixture
def members(app, program):
    factory = app.extensions["loyalty"].session_factory
    with unit_of_work(factory) as uow:
        for member_id in ("ann", "bob"):
            enroll(uow.session, program.program_id, {"member_id": member_id})
        uow.commit()
    return factory


def _attach(factory, program_id, rows):
    with unit_of_work(factory) as uow:
        refused = service.attach_identities(uow.session, program_id, rows)
        uow.commit()
    return refused


def _holders(factory, program_id):
    with unit_of_work(factory) as uow:
        return {member: [(i["type"], i["value"]) for i in service.list_identities(uow.session, program_id, member)]
                for member in ("ann", "bob")}


def test_a_batch_attaches_and_answers_only_the_rows_that_lost(members, program):
    rows = [IdentityRow("ann", "card", "1111"), IdentityRow("ann", "phone", "+79161234567"),
            IdentityRow("bob", "card", "1111"),  # the same card for another member: the earlier row wins
            IdentityRow("bob", "email", "bob@shop.com")]
    assert _attach(members, program.program_id, rows) == [IdentityRow("bob", "card", "1111")]
    # A retry of the whole batch changes nothing and refuses the same row only.
    assert _attach(members, program.program_id, rows) == [IdentityRow("bob", "card", "1111")]
    # A later batch naming ann's phone for bob loses to the stored row.
    assert _attach(members, program.program_id, [IdentityRow("bob", "phone", "+79161234567")]) == [
        IdentityRow("bob", "phone", "+79161234567")]
    assert _holders(members, program.program_id) == {
        "ann": [("card", "1111"), ("phone", "+79161234567")], "bob": [("email", "bob@shop.com")]}


def test_an_empty_batch_runs_nothing(members, program):
    assert _attach(members, program.program_id, []) == []
