"""Finding a member: the look-ups every feature that touches a member shares.

A leaf below ``members/service.py`` (which enrols, changes and erases members and so
reaches referrals and subject access): features that only need to find or lock a
member import this, which keeps the import graph acyclic. Every query is scoped by
``program_id``.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from loyalty_api.driver import Constant, Runner, one_or_none
from loyalty_api.errors import LoyaltyError, MemberMerged, NotFound
from loyalty_api.members.models import Member


def get_member(session: Session, program_id: uuid.UUID, member_id: str, *, for_update: bool = False) -> Member:
    """An enrolled, not erased member of the program, or ``NotFound``."""
    member = session.get(Member, (program_id, member_id), with_for_update=for_update)
    if member is None or member.status == "erased":
        raise NotFound(f"Member {member_id!r} not found")
    return member


def writable_member(session: Session, program_id: uuid.UUID, member_id: str, *, for_update: bool = True) -> Member:
    """``get_member`` for a change: a merged member refuses it (``MemberMerged``)."""
    member = get_member(session, program_id, member_id, for_update=for_update)
    if member.status == "merged":
        raise merged_error(member)
    return member


def merged_error(member: Any) -> MemberMerged:
    return MemberMerged(f"Member {member.member_id!r} was merged into {member.merged_into!r}",
                        merged_into=member.merged_into)


def missing_member_error(session: Session, program_id: uuid.UUID, member_id: str) -> LoyaltyError:
    """Why a write found no member to lock: merged away (``MemberMerged``), or not there."""
    member = session.get(Member, (program_id, member_id), populate_existing=True)
    if member is not None and member.status == "merged":
        return merged_error(member)
    return NotFound(f"Member {member_id!r} not found")


_PROFILE = Constant.of(select(*Member.__table__.columns).where(
    Member.program_id == bindparam("program_id"), Member.member_id == bindparam("member_id")))


def read_profile(db: Runner, program_id: uuid.UUID, member_id: str) -> Any:
    """``get_member`` for a read that changes nothing: a row (attributes as on
    ``Member``), one statement, no ORM object; runs on a ``reads_only`` reader too."""
    member = one_or_none(db, _PROFILE, {"program_id": program_id, "member_id": member_id})
    if member is None or member.status == "erased":
        raise NotFound(f"Member {member_id!r} not found")
    return member
