"""``loyalty-api jobs run`` step: write down coupons past ``expires_at``.

Members are claimed by locking their ``balances`` rows with ``FOR UPDATE SKIP
LOCKED`` (the ledger's lock, taken first as every writer of points does; a member
busy in a request or claimed by another replica is left for that one or the next
run), in batches, one transaction each. An expired coupon is no longer ``active``,
so a second run finds nothing: points come back (``rewards.refund_expired``) once.
Reads and checkout already treat a coupon past ``expires_at`` as expired.
"""

from __future__ import annotations

from sqlalchemy import text

from loyalty_api.db import unit_of_work
from loyalty_api.jobs.registry import JobContext, job_step, programs_with
from loyalty_api.programs.models import Program
from loyalty_api.rewards.coupons import expire_member_coupons

_CLAIM = text("""
SELECT b.member_id FROM balances b
 WHERE b.program_id = :program_id AND b.member_id IN (
   SELECT member_id FROM coupons WHERE program_id = :program_id AND status = 'active' AND expires_at <= :now
    ORDER BY expires_at LIMIT :batch)
 ORDER BY b.member_id
 FOR UPDATE OF b SKIP LOCKED
""")


@job_step("rewards.expire_coupons", order=45)
def expire_coupons(context: JobContext) -> dict:
    coupons = 0
    batch = max(1, min(context.batch_size, 500))
    with unit_of_work(context.session_factory) as uow:
        programs = context.keep(programs_with(uow.session, "coupons", "status = 'active' AND expires_at <= :now",
                                              {"now": context.now}))
    for program_id in programs:
        with context.program(program_id):
            while True:
                with unit_of_work(context.session_factory) as uow:
                    members = list(uow.session.execute(_CLAIM, {"program_id": program_id, "now": context.now,
                                                                "batch": batch}).scalars())
                    if not members:
                        break
                    program = uow.session.get(Program, program_id)
                    coupons += expire_member_coupons(uow.session, program, members, context.now)
                    uow.commit()
    return {"coupons_expired": coupons}
