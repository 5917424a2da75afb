"""Identity use cases. Every statement is scoped by ``program_id``; callers commit.

``attach_identities`` is the set-based attach for bulk work (imports): one INSERT for
a whole batch, and one SELECT for the rows it did not write, to tell which of them
lost to another member. The other
functions serve one member's requests.
"""

from __future__ import annotations

import uuid
from typing import Any, NamedTuple, Sequence

from sqlalchemy import delete, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from loyalty_api.driver import Runner
from loyalty_api.audit import service as audit
from loyalty_api.audit.rules import Actor
from loyalty_api.errors import IdentityTaken, NotFound, ValidationFailed
from loyalty_api.identities import rules
from loyalty_api.identities.models import MemberIdentity
from loyalty_api.members import lookup as members

# How often an issued card number may collide before we give up (10^15 numbers: never).
_ISSUE_ATTEMPTS = 5


class IdentityRow(NamedTuple):
    """One identifier for one member; ``value`` already canonical (``rules.canonical``)."""

    member_id: str
    type: str
    value: str


_ATTACH_MANY = text("""
    INSERT INTO member_identities (program_id, type, value, member_id)
    SELECT DISTINCT ON (type, value) :program_id, type, value, member_id
    FROM unnest(CAST(:member_ids AS text[]), CAST(:types AS text[]), CAST(:identity_values AS text[]))
         WITH ORDINALITY AS given(member_id, type, value, line)
    ORDER BY type, value, line
    ON CONFLICT DO NOTHING
    RETURNING type, value, member_id
""")

_HOLDERS = text("""
    SELECT type, value, member_id FROM member_identities
    WHERE program_id = :program_id
      AND (type, value) IN (SELECT * FROM unnest(CAST(:types AS text[]), CAST(:identity_values AS text[])))
""")


def attach_identities(session: Session, program_id: uuid.UUID, rows: Sequence[IdentityRow]) -> list[IdentityRow]:
    """Attach many identifiers of one program in two statements; answer the rows that lost.

    ``rows`` are (member_id, type, canonical value) for members that exist in
    ``program_id`` (the foreign key refuses others). Run each value through
    ``rules.canonical`` first, so that a bad value is that line's error.

    Answers the rows that were **not** attached because the identifier belongs to
    another member: one already holding it in the database (also one a concurrent
    transaction committed meanwhile: the INSERT waits for it), or an earlier row of
    the same batch for another member (the earliest row wins). A row whose member
    already holds the identifier is attached, not refused, so a retried batch changes
    nothing and answers nothing. Nothing is deleted; the caller commits, or rolls back
    (or to a savepoint) when a refused row must undo its line.
    """
    if not rows:
        return []
    holders = {(found.type, found.value): found.member_id for found in session.execute(_ATTACH_MANY, _arrays(
        program_id, rows))}
    # Rows the INSERT did not write (held already, or a second claim in the batch) are
    # looked up in a statement of its own: its snapshot sees what a concurrent
    # transaction committed while the INSERT waited for it. A clean batch skips it.
    unsettled = [row for row in rows if (row.type, row.value) not in holders]
    if unsettled:
        holders.update({(found.type, found.value): found.member_id
                        for found in session.execute(_HOLDERS, _arrays(program_id, unsettled))})
    return [row for row in rows if holders.get((row.type, row.value)) != row.member_id]


def _arrays(program_id: uuid.UUID, rows: Sequence[IdentityRow]) -> dict[str, Any]:
    return {"program_id": program_id, "member_ids": [row.member_id for row in rows],
            "types": [row.type for row in rows], "identity_values": [row.value for row in rows]}


def holder_of(db: Runner, program_id: uuid.UUID, type_: str, value: str) -> str | None:
    """The member id holding a canonical identifier, or None."""
    return db.execute(select(MemberIdentity.member_id).where(
        MemberIdentity.program_id == program_id, MemberIdentity.type == type_,
        MemberIdentity.value == value)).scalar_one_or_none()


def attach(session: Session, program_id: uuid.UUID, member_id: str, type_: str,
           value: str | None) -> tuple[dict[str, Any], bool]:
    """Attach one identifier (a card without ``value`` is issued); (identity, created).

    Attaching what the member already holds answers it again (``created`` False);
    an identifier of another member raises ``IdentityTaken``. The caller has checked
    that the member can be written to.
    """
    if type_ == "card" and value is None:
        return _issue_card(session, program_id, member_id), True
    if value is None:
        raise ValidationFailed("A value is required for this type", errors={"value": ["Required."]})
    value = rules.canonical(type_, value)
    inserted = session.execute(
        insert(MemberIdentity).values(program_id=program_id, type=type_, value=value, member_id=member_id)
        .on_conflict_do_nothing().returning(MemberIdentity.created_at)).scalar_one_or_none()
    if inserted is None:
        holder = holder_of(session, program_id, type_, value)
        if holder != member_id:
            raise IdentityTaken(f"This {type_} belongs to another member", identity_type=type_)
        return identity_view(type_, value, _created_at(session, program_id, type_, value)), False
    return identity_view(type_, value, inserted), True


def _created_at(session: Session, program_id: uuid.UUID, type_: str, value: str):
    return session.scalar(select(MemberIdentity.created_at).where(
        MemberIdentity.program_id == program_id, MemberIdentity.type == type_, MemberIdentity.value == value))


def _issue_card(session: Session, program_id: uuid.UUID, member_id: str) -> dict[str, Any]:
    for _ in range(_ISSUE_ATTEMPTS):
        number = rules.new_card_number()
        created = session.execute(
            insert(MemberIdentity).values(program_id=program_id, type="card", value=number, member_id=member_id)
            .on_conflict_do_nothing().returning(MemberIdentity.created_at)).scalar_one_or_none()
        if created is not None:
            return identity_view("card", number, created)
    raise IdentityTaken("Could not issue an unused card number; retry")  # pragma: no cover


def identity_view(type_: str, value: str, created_at) -> dict[str, Any]:
    view = {"type": type_, "value": value, "created_at": created_at}
    if type_ == "card":
        view["qr"] = rules.qr_payload(value)
    return view


def list_identities(db: Runner, program_id: uuid.UUID, member_id: str) -> list[dict[str, Any]]:
    found = db.execute(select(MemberIdentity.type, MemberIdentity.value, MemberIdentity.created_at).where(
        MemberIdentity.program_id == program_id, MemberIdentity.member_id == member_id,
    ).order_by(MemberIdentity.type, MemberIdentity.created_at, MemberIdentity.value))
    return [identity_view(row.type, row.value, row.created_at) for row in found]


def detach(session: Session, program_id: uuid.UUID, member_id: str, type_: str, value: str) -> None:
    value = rules.canonical(type_, value)
    removed = session.execute(delete(MemberIdentity).where(
        MemberIdentity.program_id == program_id, MemberIdentity.member_id == member_id,
        MemberIdentity.type == type_, MemberIdentity.value == value).returning(MemberIdentity.value)).first()
    if removed is None:
        raise NotFound(f"The member has no such {type_}")


def remove_all(session: Session, program_id: uuid.UUID, member_id: str) -> None:
    """Erasure: the member's identifiers go, so nobody finds the erased member by them."""
    session.execute(delete(MemberIdentity).where(
        MemberIdentity.program_id == program_id, MemberIdentity.member_id == member_id))


def move_all(session: Session, program_id: uuid.UUID, source_id: str, target_id: str) -> None:
    """Merge: the source's identifiers become the target's (they are unique, nothing clashes)."""
    session.execute(MemberIdentity.__table__.update().where(
        MemberIdentity.program_id == program_id, MemberIdentity.member_id == source_id,
    ).values(member_id=target_id))


# --- one member's requests ------------------------------------------------------------

def identities_of(session: Session, program_id: uuid.UUID, member_id: str) -> list[dict[str, Any]]:
    members.get_member(session, program_id, member_id)
    return list_identities(session, program_id, member_id)


def attach_to_member(session: Session, program_id: uuid.UUID, member_id: str, type_: str,
                     value: str | None, *, actor: Actor) -> tuple[dict[str, Any], bool]:
    # The member row lock orders this after a merge or an erasure of the same member.
    members.writable_member(session, program_id, member_id)
    identity, created = attach(session, program_id, member_id, type_, value)
    if created:  # the member's own identity again changes nothing
        audit.record(session, program_id, actor, "identity.attached", ("member", member_id),
                     after={"identity": {"type": type_, "value": identity["value"]}}, redact=IDENTITY_VALUE)
    return identity, created


def detach_from_member(session: Session, program_id: uuid.UUID, member_id: str, type_: str, value: str, *,
                       actor: Actor) -> None:
    members.writable_member(session, program_id, member_id)
    detach(session, program_id, member_id, type_, value)
    audit.record(session, program_id, actor, "identity.detached", ("member", member_id),
                 before={"identity": {"type": type_, "value": value}}, redact=IDENTITY_VALUE)


# An identifier (an email, a phone) is personal data: the log says which type, never the value.
IDENTITY_VALUE = ("value",)


def find_member(session: Session, program_id: uuid.UUID, type_: str, value: str) -> Any:
    """The profile of the member holding the identifier (a card also by its QR payload)."""
    try:
        value = rules.canonical(type_, value)
    except ValidationFailed as exc:
        # Nobody can hold a value that is not valid: unknown, as for any other miss.
        raise NotFound(f"No member has this {type_}") from exc
    holder = holder_of(session, program_id, type_, value)
    if holder is None:
        raise NotFound(f"No member has this {type_}")
    return members.get_member(session, program_id, holder)
