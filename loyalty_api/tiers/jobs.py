"""``loyalty-api jobs run`` step: retention ends (downgrades) and VIP ends.

Rows are claimed in batches with ``FOR UPDATE SKIP LOCKED`` in key order, so
replicas running side by side share the work and one run always finishes; each
batch commits on its own. Evaluating a member moves its retention end into the
future (or clears it), so a second run finds nothing to do.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from loyalty_api.db import unit_of_work
from loyalty_api.jobs.registry import JobContext, job_step, programs_with
from loyalty_api.programs.models import Program
from loyalty_api.tiers import service
from loyalty_api.tiers.models import MemberTier


@job_step("tiers.retention_and_vip", order=60)
def retention_and_vip(context: JobContext) -> dict:
    counts = {"members_evaluated": 0, "tier_changes": 0}
    with unit_of_work(context.session_factory) as uow:
        programs = context.keep(programs_with(uow.session, "member_tiers",
                                              "earned_expires_at <= :now OR vip_until <= :now", {"now": context.now}))
    for program_id in programs:
        _retention_and_vip_in(context, program_id, counts)
    return counts


def _retention_and_vip_in(context: JobContext, program_id, counts: dict) -> None:
    last = None
    while True:
        with unit_of_work(context.session_factory) as uow:
            session = uow.session
            due = or_(MemberTier.earned_expires_at <= context.now, MemberTier.vip_until <= context.now)
            query = select(MemberTier.member_id).where(MemberTier.program_id == program_id, due)
            if last is not None:
                query = query.where(MemberTier.member_id > last)
            members = session.execute(query.order_by(MemberTier.member_id)
                                      .limit(context.batch_size).with_for_update(skip_locked=True)).scalars().all()
            if not members:
                return
            program = session.get(Program, program_id)
            for member_id in members:
                before = session.get(MemberTier, (program_id, member_id)).tier_code
                standing = service.evaluate_member(session, program, member_id, context.now)
                counts["members_evaluated"] += 1
                counts["tier_changes"] += int(before != standing.code)
            uow.commit()
            last = members[-1]
