"""VIP status: a tier assigned by hand, a floor for automatic evaluation while it lasts.

Ending a VIP status (``until`` passing) is part of ``service.evaluate_member``, so the
jobs and every read apply it; this module only grants and revokes.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from loyalty_api.audit import service as audit
from loyalty_api.audit.rules import Actor
from loyalty_api.errors import ValidationFailed
from loyalty_api.events.service import emit
from loyalty_api.members import lookup as members
from loyalty_api.programs import service as programs
from loyalty_api.tiers import rules, service


def grant_vip(session: Session, program_id: uuid.UUID, member_id: str, data: dict[str, Any], *, actor: Actor,
              now: datetime | None = None) -> dict[str, Any]:
    """Assign (or replace) the member's VIP tier; answers the member's tier view."""
    now = now or service.utcnow()
    members.writable_member(session, program_id, member_id, for_update=False)
    program = programs.get_program(session, program_id)
    ladder, _ = service.ladder_of(program)
    if rules.rank(ladder, data["tier"]) < 0:
        raise ValidationFailed("No such tier in the ladder", errors={"tier": ["Unknown tier code."]})
    if data.get("until") is not None and data["until"] <= now:
        raise ValidationFailed("A VIP status must end in the future", errors={"until": ["Must be in the future."]})
    row = service.locked_row(session, program_id, member_id)  # first: concurrent grants queue here
    standing = service.evaluate_member(session, program, member_id, now)
    new_state = replace(standing.state, vip_code=data["tier"], vip_until=data.get("until"),
                        vip_reason=data["reason"])
    after = service.Standing(standing.ladder, standing.policy, new_state, standing.metric, now)
    changes = () if after.code == standing.code else (rules.Change(standing.code, after.code, "vip"),)
    service.write_state(session, program_id, member_id, row, after, changes, None, None)
    row.vip_granted_at = now
    audit.record(session, program_id, actor, "member.vip_set", ("member", member_id), before=_vip(standing.state),
                 after=_vip(new_state), redact=("reason",))  # free text, scrubbed by an erasure
    emit(session, program_id, "vip.granted", {"member_id": member_id, "tier": data["tier"],
                                               "until": service.iso(data.get("until")), "reason": data["reason"]})
    return service.tier_view(session, after, program_id, member_id)


def revoke_vip(session: Session, program_id: uuid.UUID, member_id: str, *, actor: Actor,
               now: datetime | None = None) -> None:
    """End a VIP status now; revoking a member who has none changes nothing."""
    now = now or service.utcnow()
    members.writable_member(session, program_id, member_id, for_update=False)
    program = programs.get_program(session, program_id)
    row = service.locked_row(session, program_id, member_id)
    standing = service.evaluate_member(session, program, member_id, now)
    if standing.state.vip_code is None:
        return
    new_state = replace(standing.state, vip_code=None, vip_until=None, vip_reason=None)
    after = service.Standing(standing.ladder, standing.policy, new_state, standing.metric, now)
    changes = () if after.code == standing.code else (rules.Change(standing.code, after.code, "vip"),)
    service.write_state(session, program_id, member_id, row, after, changes, "revoked", standing.state.vip_code)
    audit.record(session, program_id, actor, "member.vip_revoked", ("member", member_id),
                 before=_vip(standing.state), after=_vip(new_state), redact=("reason",))


def _vip(state: rules.MemberTierState) -> dict[str, Any]:
    return {"vip": {"tier": state.vip_code, "until": state.vip_until, "reason": state.vip_reason}}
