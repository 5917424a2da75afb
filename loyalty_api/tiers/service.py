"""Tier use cases. Callers commit; every query is scoped by ``program_id``.

Evaluation is lazy and shared: reads, orders, bonus credits and the jobs all call
``evaluate_member``, which applies whatever ``rules.evaluate`` says is due at
``now`` (VIP end, ladder change, upgrade, retention end) and writes history and
outbox events for each change of the effective tier. Nothing is written when
nothing changed, so a read of a settled member stays a read.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy import event, exists, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from loyalty_api.errors import ValidationFailed
from loyalty_api.events.service import emit
from loyalty_api.pagination import decode_cursor, page
from loyalty_api.members import lookup as members
from loyalty_api.programs import service as programs
from loyalty_api.programs.values import ProgramColumns
from loyalty_api.tiers import metrics, rules
from loyalty_api.tiers.ladder import ladder_of
from loyalty_api.tiers.rules import Standing
from loyalty_api.tiers.models import MemberTier, TierChange
from loyalty_api.timestamps import rfc3339_or_none

_CACHE = "tiers.standing"


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    # What the cache knows holds for one transaction only (a job's session commits many).
    session.info.pop(_CACHE, None)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


# --- evaluation ----------------------------------------------------------------------------

def _state_of(row: MemberTier | None) -> rules.MemberTierState:
    if row is None:
        return rules.MemberTierState()
    return rules.MemberTierState(earned_code=row.earned_code, earned_at=row.earned_at,
                                 earned_expires_at=row.earned_expires_at, vip_code=row.vip_code,
                                 vip_until=row.vip_until, vip_reason=row.vip_reason)


def _metric(session: Session, program_id: uuid.UUID, member_id: str, policy: rules.Policy,
            now: datetime) -> Decimal | int:
    return metrics.metric_value(session, program_id, member_id, policy.metric,
                                rules.window_start(now, policy.window_months))


def locked_row(session: Session, program_id: uuid.UUID, member_id: str) -> MemberTier:
    session.info.pop(_CACHE, None)  # the row exists from here on: "known absent" is void
    session.execute(insert(MemberTier).values(program_id=program_id, member_id=member_id)
                    .on_conflict_do_nothing(index_elements=["program_id", "member_id"]))
    return session.scalars(select(MemberTier).where(
        MemberTier.program_id == program_id, MemberTier.member_id == member_id)
        .with_for_update().execution_options(populate_existing=True)).one()


def write_state(session: Session, program_id: uuid.UUID, member_id: str, row: MemberTier, standing: Standing,
                changes: tuple[rules.Change, ...], vip_ended: str | None, old_vip: str | None) -> None:
    session.info.pop(_CACHE, None)
    state, now = standing.state, standing.now
    row.earned_code, row.earned_at, row.earned_expires_at = state.earned_code, state.earned_at, \
        state.earned_expires_at
    if (row.vip_code, row.vip_until) != (state.vip_code, state.vip_until):
        row.vip_granted_at = now if state.vip_code else None
    row.vip_code, row.vip_until, row.vip_reason = state.vip_code, state.vip_until, state.vip_reason
    row.tier_code = standing.code
    row.updated_at = now
    if vip_ended:
        emit(session, program_id, "vip.revoked", {"member_id": member_id, "tier": old_vip, "reason": vip_ended,
                                                   "at": iso(now)})
    for change in changes:
        record_change(session, program_id, member_id, standing, change)
    session.flush()


def record_change(session: Session, program_id: uuid.UUID, member_id: str, standing: Standing,
                  change: rules.Change) -> None:
    figure = _figure(standing.policy.metric, standing.metric)
    session.add(TierChange(program_id=program_id, member_id=member_id, from_tier=change.from_code,
                           to_tier=change.to_code, reason=change.reason, metric=str(figure), at=standing.now))
    # A removed tier has no rank left to compare with: leaving it counts as a downgrade.
    removed = change.from_code is not None and rules.rank(standing.ladder, change.from_code) < 0
    up = not removed and rules.rank(standing.ladder, change.to_code) > rules.rank(standing.ladder, change.from_code)
    emit(session, program_id, "tier.upgraded" if up else "tier.downgraded", {
        "member_id": member_id, "from_tier": change.from_code, "to_tier": change.to_code,
        "reason": change.reason, "metric": standing.policy.metric, "value": figure, "at": iso(standing.now)})


def _figure(metric: str, value: Decimal | int) -> str | int:
    return format(Decimal(value).quantize(metrics.CENT), "f") if metric == "spend" else int(value)


def iso(moment: datetime | None) -> str | None:
    return rfc3339_or_none(moment)


def standing_of(session: Session, program: ProgramColumns, member_id: str, now: datetime) -> Standing:
    """Where the member stands at ``now`` with everything due applied in memory; no writes.

    Remembered for the rest of the transaction (a quote asks twice, for the earn
    context and for ``tier_after``) until this module writes.
    """
    key = (program.program_id, member_id, now)
    cache = session.info.setdefault(_CACHE, {})
    if key in cache:
        return cache[key]
    ladder, policy = ladder_of(program)
    row = None if _known_absent(session, program.program_id, member_id) else \
        session.get(MemberTier, (program.program_id, member_id))
    if row is None:
        cache[_absent_key(program.program_id, member_id)] = True
    if not ladder and row is None:  # the program has no tiers: nothing to count
        standing = Standing(ladder, policy, rules.MemberTierState(), _zero(policy), now)
    else:
        metric = _metric(session, program.program_id, member_id, policy, now)
        standing = Standing(ladder, policy, rules.evaluate(ladder, policy, _state_of(row), metric, now).state,
                            metric, now)
    cache[key] = standing
    return standing


def _absent_key(program_id: uuid.UUID, member_id: str) -> tuple[str, uuid.UUID, str]:
    return ("absent", program_id, member_id)


def _known_absent(session: Session, program_id: uuid.UUID, member_id: str) -> bool:
    """The member has no ``member_tiers`` row, as read earlier in this transaction.

    Only this module creates the row (``locked_row``), and it clears the cache first.
    """
    return bool(session.info.get(_CACHE, {}).get(_absent_key(program_id, member_id)))


def note_absent(session: Session, program_id: uuid.UUID, member_id: str) -> None:
    """A caller that already learnt (in a statement of its own) that the member has no
    tier row says so; the order path then reads ``member_tiers`` not at all."""
    session.info.setdefault(_CACHE, {})[_absent_key(program_id, member_id)] = True


def row_exists_clause(program_id: Any, member_id: Any) -> Any:
    """EXISTS of the member's tier row, for a caller to fold into a statement it runs anyway."""
    return exists().where(MemberTier.program_id == program_id, MemberTier.member_id == member_id)


def _zero(policy: rules.Policy) -> Decimal | int:
    return Decimal("0.00") if policy.metric == "spend" else 0


def evaluate_member(session: Session, program: ProgramColumns, member_id: str, now: datetime, *,
                    skip_untiered: bool = False) -> Standing:
    """Apply what is due at ``now`` and record it; the member's row is locked only to write.

    ``skip_untiered`` spares the metric query on hot paths when the program has no
    ladder and the member no tier (nothing can change then).
    """
    ladder, policy = ladder_of(program)
    program_id = program.program_id
    if skip_untiered and not ladder and _known_absent(session, program_id, member_id):
        # Read already in this transaction (the earn context): one read per order.
        return Standing(ladder, policy, rules.MemberTierState(), _zero(policy), now)
    row = session.get(MemberTier, (program_id, member_id))
    if skip_untiered and not ladder and row is None:
        return Standing(ladder, policy, rules.MemberTierState(), _zero(policy), now)
    metric = _metric(session, program_id, member_id, policy, now)
    evaluation = rules.evaluate(ladder, policy, _state_of(row), metric, now)
    standing = Standing(ladder, policy, evaluation.state, metric, now)
    if evaluation.state == _state_of(row) and (row.tier_code if row else None) == standing.code:
        return standing
    row = locked_row(session, program_id, member_id)
    before = _state_of(row)
    metric = _metric(session, program_id, member_id, policy, now)  # fresh, now that we hold the lock
    evaluation = rules.evaluate(ladder, policy, before, metric, now)
    standing = Standing(ladder, policy, evaluation.state, metric, now)
    changes = evaluation.changes
    if not changes and row.tier_code != standing.code:
        # Only the ladder's order moved (e.g. a reordered VIP tier): the stored code follows.
        changes = (rules.Change(row.tier_code, standing.code, "ladder_change"),)
    if evaluation.state != before or changes:
        write_state(session, program_id, member_id, row, standing, changes, evaluation.vip_ended,
                    before.vip_code)
    session.info.setdefault(_CACHE, {})[(program_id, member_id, now)] = standing
    return standing


# --- checkout and rules seams ----------------------------------------------------------------

def earn_context(session: Session, program: ProgramColumns, member_id: str,
                 now: datetime | None = None) -> tuple[str | None, Decimal]:
    """The tier an order earns at (the member's tier before it) and its multiplier."""
    tier = standing_of(session, program, member_id, now or utcnow()).tier
    return (tier.code, tier.earn_multiplier) if tier else (None, Decimal(1))


def tier_after(session: Session, program: ProgramColumns, member_id: str, now: datetime | None = None, *,
               paid_amount: Decimal = Decimal(0), earned_points: int = 0, orders: int = 1) -> str | None:
    """The effective tier the member would have once this order is recorded (for quotes)."""
    standing = standing_of(session, program, member_id, now or utcnow())
    added = {"spend": paid_amount, "orders": orders, "points_earned": earned_points}[standing.policy.metric]
    qualified = rules.qualifying_tier(standing.ladder, standing.metric + added)
    return rules.higher(standing.ladder, standing.code, qualified.code if qualified else None)


def after_order(session: Session, program: ProgramColumns, member_id: str, now: datetime | None = None) -> str | None:
    """Upgrade at once when this order took the metric over a threshold."""
    return evaluate_member(session, program, member_id, now or utcnow(), skip_untiered=True).code


def after_return(session: Session, program: ProgramColumns, member_id: str, now: datetime | None = None) -> None:
    """A return lowers the metric; the tier only falls when its retention ends (jobs)."""
    evaluate_member(session, program, member_id, now or utcnow(), skip_untiered=True)


def reevaluate_after_credit(session: Session, program: ProgramColumns, member_id: str,
                            now: datetime | None = None) -> str | None:
    """After a bonus or referral credit: upgrade at once if the metric is ``points_earned``."""
    return evaluate_member(session, program, member_id, now or utcnow(), skip_untiered=True).code


# --- member reads --------------------------------------------------------------------

def member_tier(session: Session, program_id: uuid.UUID, member_id: str,
                now: datetime | None = None) -> dict[str, Any]:
    members.get_member(session, program_id, member_id)
    program = programs.get_program(session, program_id)
    return tier_view(session, evaluate_member(session, program, member_id, now or utcnow()),
                     program_id, member_id)


def tier_view(session: Session, standing: Standing, program_id: uuid.UUID, member_id: str) -> dict[str, Any]:
    ladder, policy, state, now = standing.ladder, standing.policy, standing.state, standing.now
    code = standing.code
    by_vip = rules.held_by_vip(ladder, state, now)
    keep_metric = None
    if code is not None and not by_vip:
        since = rules.window_start(state.earned_expires_at, policy.window_months)
        keep_metric = standing.metric if policy.window_months is None else metrics.metric_value(
            session, program_id, member_id, policy.metric, since)
    figures = rules.progress(ladder, code, standing.metric, keep_metric)
    vip = {"tier": state.vip_code, "until": state.vip_until, "reason": state.vip_reason} \
        if rules.vip_active(state, now) else None
    return {
        "member_id": member_id, "tier": standing.tier, "next_tier": figures["next_tier"],
        "metric": policy.metric, "window_months": policy.window_months,
        "progress": _figure(policy.metric, standing.metric),
        "remaining_to_next": _maybe_figure(policy.metric, figures["remaining_to_next"]),
        "required_to_keep": _maybe_figure(policy.metric, figures["required_to_keep"]),
        "tier_expires_at": state.vip_until if by_vip else (state.earned_expires_at if code else None),
        "vip": vip,
    }


def _maybe_figure(metric: str, value: Decimal | int | None) -> str | int | None:
    return None if value is None else _figure(metric, value)


def tier_history(session: Session, program_id: uuid.UUID, member_id: str, limit: int,
                 cursor: str | None) -> dict[str, Any]:
    members.get_member(session, program_id, member_id)
    after = decode_cursor(cursor, 1)
    query = select(TierChange).where(TierChange.program_id == program_id, TierChange.member_id == member_id)
    if after is not None:
        if not isinstance(after[0], int):
            raise ValidationFailed("The cursor is not valid", errors={"cursor": ["Invalid cursor."]})
        query = query.where(TierChange.change_id < after[0])
    rows = session.scalars(query.order_by(TierChange.change_id.desc()).limit(limit + 1)).all()
    return page(rows, limit, lambda row: [row.change_id])
