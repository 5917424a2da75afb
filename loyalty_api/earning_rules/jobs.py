"""Birthday gifts: the ``birthday`` event for members whose birthday it is (SPEC §9).

The day is read in the program's time zone; 29 February birthdays are kept on the
28th in common years. A run also catches up the last ``CATCH_UP_DAYS`` days, so a
missed day is not a missed gift, but only for members enrolled before their
birthday ended. The event id ``birthday-<year>`` makes the gift once a year however
many runs and replicas see it: ``record_event`` answers a replay for a second try.
Members are claimed with ``FOR UPDATE SKIP LOCKED`` and handled in committed
batches, so replicas running side by side share the work.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, exists, extract, or_, select
from sqlalchemy.orm import Session

from loyalty_api.db import unit_of_work
from loyalty_api.earning_rules import rules
from loyalty_api.earning_rules.models import EarningRule, MemberEvent
from loyalty_api.earning_rules.service import record_event
from loyalty_api.jobs.registry import JobContext, job_step
from loyalty_api.members.models import Member

# A week: a job host down over a long weekend (or a week's outage) misses no gift.
CATCH_UP_DAYS = 7


def _programs_with_birthday_rules(session: Session) -> list:
    return list(session.scalars(select(EarningRule.program_id).distinct().where(
        EarningRule.kind == "event", EarningRule.event_type == "birthday", EarningRule.active.is_(True))))


def _claim(session: Session, program_id, day, tz_name: str, limit: int) -> list[tuple[str, datetime]]:
    """(member_id, enrolled at) of members celebrating on ``day`` with no gift for its
    year yet; rows others hold are skipped."""
    event_id = rules.birthday_event_id(day)
    celebrated = [and_(extract("month", Member.birthday) == month, extract("day", Member.birthday) == dom)
                  for month, dom in rules.birthdays_celebrated_on(day)]
    given = exists().where(MemberEvent.program_id == Member.program_id, MemberEvent.member_id == Member.member_id,
                           MemberEvent.event_id == event_id)
    return list(session.execute(
        select(Member.member_id, Member.created_at)
        .where(Member.program_id == program_id, Member.birthday.isnot(None), or_(*celebrated),
               Member.status == "active", Member.created_at < rules.day_start(day + timedelta(days=1), tz_name),
               ~given)
        # NO KEY UPDATE: a first ledger write for a member checks the foreign key to its
        # row with KEY SHARE, which a plain FOR UPDATE would block (and could deadlock).
        .order_by(Member.member_id).limit(limit).with_for_update(skip_locked=True, key_share=True)))


def _program_timezone(session: Session, program_id) -> str:
    from loyalty_api.programs.service import get_program, program_config

    return program_config(get_program(session, program_id))["timezone"]


@job_step("birthday_bonuses", order=70)
def grant_birthday_bonuses(ctx: JobContext) -> dict:
    granted = 0
    with unit_of_work(ctx.session_factory) as uow:
        programs = ctx.keep(_programs_with_birthday_rules(uow.session))
    batch = max(1, min(ctx.batch_size, 200))
    for program_id in programs:
        with ctx.program(program_id):
            granted += _grant_in_program(ctx, program_id, batch)
    return {"birthday_events": granted}


def _grant_in_program(ctx: JobContext, program_id, batch: int) -> int:
    granted = 0
    with unit_of_work(ctx.session_factory) as uow:
        tz_name = _program_timezone(uow.session, program_id)
    today = rules.local_date(ctx.now, tz_name)
    # After a test clock's jump, every day the jump passed over (the gift stays once a year).
    jumped = (today - rules.local_date(ctx.since, tz_name)).days if ctx.since is not None else 0
    for back in range(max(CATCH_UP_DAYS, jumped), -1, -1):
        day = today - timedelta(days=back)
        while True:
            with unit_of_work(ctx.session_factory) as uow:
                members = _claim(uow.session, program_id, day, tz_name, batch)
                for member_id, enrolled_at in members:
                    # The birthday happened at the start of its day, or at enrolment for a
                    # member who joined on the day: never before enrolment (events refuse that).
                    occurred_at = max(rules.day_start(day, tz_name), enrolled_at)
                    _, new = record_event(uow.session, program_id, member_id, {
                        "type": "birthday", "event_id": rules.birthday_event_id(day),
                        "occurred_at": occurred_at, "attributes": {}}, ctx.now)
                    granted += new
                uow.commit()
            if len(members) < batch:
                break
    return granted
