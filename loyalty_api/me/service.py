"""Member tokens and the ``/v1/me`` reads.

A member token names one member of one program (``sub``, ``prg``) and carries only
the ``member`` scope, so every other route refuses it (``Principal.allows``). Each
``/v1/me`` read checks the member again: a token outlives neither erasure (401) nor
blocking (403).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from loyalty_api.errors import Forbidden, NotFound, Unauthorized, ValidationFailed
from loyalty_api.principal import MEMBER_SCOPE, issue_token
from loyalty_api.identities import service as identities
from loyalty_api.ledger import service as ledger
from loyalty_api.members import lookup as members
from loyalty_api.members.models import Member
from loyalty_api.referrals import service as referrals
from loyalty_api.tiers import service as tiers


def issue_member_token(session: Session, program_id: uuid.UUID, member_id: str, ttl_seconds: int | None, *,
                       default_ttl: int, max_ttl: int, issued_by: Any) -> dict[str, Any]:
    """``issued_by``: the principal of the client asking; the token is that client's too
    (its version: revoked with it)."""
    member = members.writable_member(session, program_id, member_id, for_update=False)
    if member.status != "active":
        raise Forbidden("A blocked member cannot be given a token")
    ttl = default_ttl if ttl_seconds is None else ttl_seconds
    if ttl > max_ttl:
        raise ValidationFailed("The token lifetime is too long",
                               errors={"ttl_seconds": [f"Must be at most {max_ttl}."]})
    token = issue_token(subject=member.member_id, token_type="member", scopes=[MEMBER_SCOPE],
                        program_id=program_id, ttl_seconds=ttl,
                        issued_by=issued_by.client_id, token_version=issued_by.token_version,
                        test=issued_by.test)
    return {"access_token": token, "token_type": "Bearer", "expires_in": ttl, "scope": MEMBER_SCOPE}


def token_member(session: Session, program_id: uuid.UUID, member_id: str) -> Member:
    """The member a token names, while the token may still be used for them."""
    try:
        member = members.get_member(session, program_id, member_id)
    except NotFound as exc:
        raise Unauthorized("The member of this token no longer exists") from exc
    if member.status == "merged":
        # The app's backend asks for a token of the member it went to.
        raise Unauthorized(f"The member of this token was merged into {member.merged_into!r}",
                           merged_into=member.merged_into)
    if member.status != "active":
        raise Forbidden("This member is blocked")
    return member


def profile(session: Session, program_id: uuid.UUID, member_id: str) -> dict[str, Any]:
    """The member's profile with their identities (the app's wallet screen shows the cards)."""
    member = token_member(session, program_id, member_id)
    fields = {column.key: getattr(member, column.key) for column in Member.__table__.columns}
    return {**fields, "identities": identities.list_identities(session, program_id, member_id)}


def tier(session: Session, program_id: uuid.UUID, member_id: str, now: datetime) -> dict[str, Any]:
    token_member(session, program_id, member_id)
    return tiers.member_tier(session, program_id, member_id, now)


def my_referrals(session: Session, program_id: uuid.UUID, member_id: str, limit: int,
                 cursor: str | None) -> dict[str, Any]:
    token_member(session, program_id, member_id)
    return referrals.referrals_of(session, program_id, member_id, limit, cursor)


def my_balance(session: Session, program_id: uuid.UUID, member_id: str, now: datetime) -> dict[str, Any]:
    token_member(session, program_id, member_id)
    balance = ledger.get_balance(session, program_id, member_id, now)
    return {"member_id": member_id, **balance.__dict__}


def my_ledger(session: Session, program_id: uuid.UUID, member_id: str, args: dict[str, Any]) -> dict[str, Any]:
    token_member(session, program_id, member_id)
    return ledger.ledger_page(session, program_id, member_id, limit=args["limit"], cursor=args["cursor"],
                              entry_type=args.get("type"), order_id=args.get("order_id"))
