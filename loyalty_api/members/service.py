"""Member use cases. Every query is scoped by ``program_id``; callers commit."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from loyalty_api.events.service import emit
from loyalty_api.audit import service as audit
from loyalty_api.audit.rules import REDACTED, Actor
from loyalty_api.errors import MemberExists, UnknownReferralCode
from loyalty_api.idempotency import service as idempotency
from loyalty_api.members.models import Member
from loyalty_api.referrals.rules import new_referral_code, normalize_referral_code

# Re-exported: the look-ups moved to ``members/lookup.py`` (a leaf module).
from loyalty_api.members.lookup import (  # noqa: F401
    get_member, merged_error, missing_member_error, read_profile, writable_member,
)


def find_referrer(session: Session, program_id: uuid.UUID, code: str) -> Member:
    referrer = session.scalar(select(Member).where(
        Member.program_id == program_id, Member.referral_code == normalize_referral_code(code)))
    if referrer is None or referrer.status != "active":
        raise UnknownReferralCode("No active member has this referral code",
                                  errors={"referral_code": ["Unknown referral code."]})
    return referrer


def _unused_referral_code(session: Session, program_id: uuid.UUID) -> str:
    while True:
        code = new_referral_code()
        taken = session.scalar(select(func.count()).select_from(Member).where(
            Member.program_id == program_id, Member.referral_code == code))
        if not taken:
            return code


def enroll(session: Session, program_id: uuid.UUID, data: dict[str, Any]) -> Member:
    if session.get(Member, (program_id, data["member_id"])) is not None:
        raise MemberExists(f"Member {data['member_id']!r} is already enrolled")
    referrer = find_referrer(session, program_id, data["referral_code"]) if data.get("referral_code") else None
    # ON CONFLICT: a concurrent enrolment of the same id waits for the other one and
    # then answers member_exists instead of failing on the primary key.
    member = session.scalar(
        insert(Member).values(
            program_id=program_id, member_id=data["member_id"], email=data.get("email"),
            phone=data.get("phone"), birthday=data.get("birthday"),
            attributes=data.get("attributes") or {},
            referral_code=_unused_referral_code(session, program_id),
            referred_by=referrer.member_id if referrer else None, status="active",
        ).on_conflict_do_nothing(index_elements=[Member.program_id, Member.member_id])
        .returning(Member),
        execution_options={"populate_existing": True},
    )
    if member is None:
        raise MemberExists(f"Member {data['member_id']!r} is already enrolled")
    if referrer is not None:
        from loyalty_api.referrals.service import link_referral

        link_referral(session, program_id, member, referrer)
    emit(session, program_id, "member.enrolled", {
        "member_id": member.member_id, "referral_code": member.referral_code,
        "referred_by": member.referred_by})
    return member


def update_member(session: Session, program_id: uuid.UUID, member_id: str, changes: dict[str, Any], *,
                  actor: Actor) -> Member:
    member = writable_member(session, program_id, member_id)
    before = _profile(member)
    for name in ("email", "phone", "birthday", "status"):
        if name in changes:
            setattr(member, name, changes[name])
    if "attributes" in changes:
        merged = {**member.attributes, **changes["attributes"]}
        member.attributes = {key: value for key, value in merged.items() if value is not None}
    member.updated_at = func.now()
    session.flush()
    session.refresh(member)
    audit.record(session, program_id, actor, "member.updated", ("member", member_id), before=before,
                 after=_profile(member), redact=PERSONAL)
    return member


# Personal data: the audit log names these fields when they change, never their values.
PERSONAL = ("email", "phone", "birthday", "attributes")


def _profile(member: Member) -> dict[str, Any]:
    return {"status": member.status, **{name: getattr(member, name) for name in PERSONAL}}


def erase_member(session: Session, program_id: uuid.UUID, member_id: str, *, actor: Actor) -> None:
    """Remove personal data; the member id and the ledger stay for the accounts.

    Identities, event attributes and free-text reasons go too (``subject_access``)."""
    member = get_member(session, program_id, member_id, for_update=True)
    # The log says which personal fields went, never what they held.
    before = {"status": member.status, **{name: REDACTED for name in PERSONAL if getattr(member, name)}}
    member.email = member.phone = member.birthday = None
    member.attributes = {}
    member.status = "erased"
    member.erased_at = member.updated_at = func.now()
    session.flush()
    idempotency.forget_member(session, program_id, member_id)
    from loyalty_api.subject_access.service import scrub_member

    scrub_member(session, program_id, member_id)
    audit.record(session, program_id, actor, "member.erased", ("member", member_id), before=before,
                 after={"status": "erased"})
