"""Tier rules. Pure functions: ladders, metrics and dates in, tiers and dates out.

The ladder is ordered lowest first; a tier's rank is its position. A tier with
``threshold`` None is invitation-only: the metric never reaches it, only a VIP
assignment does. A member holds two things: the *earned* tier (from the metric,
kept for a retention period) and an optional *VIP* tier (a floor while it lasts).
The *effective* tier, the one that earns and that the API shows, is the higher
of the two.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

METRICS = ("points_earned", "spend", "orders")
DOWNGRADE_MODES = ("one_level", "to_qualified")
REASONS = ("upgrade", "downgrade", "vip", "ladder_change")


@dataclass(frozen=True)
class Tier:
    code: str
    name: str
    threshold: Decimal | None
    earn_multiplier: Decimal
    perks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Policy:
    metric: str = "points_earned"
    window_months: int | None = None
    retention_months: int = 12
    downgrade: str = "one_level"


@dataclass(frozen=True)
class MemberTierState:
    earned_code: str | None = None
    earned_at: datetime | None = None
    earned_expires_at: datetime | None = None
    vip_code: str | None = None
    vip_until: datetime | None = None
    vip_reason: str | None = None


@dataclass(frozen=True)
class Change:
    from_code: str | None
    to_code: str | None
    reason: str


@dataclass(frozen=True)
class Evaluation:
    state: MemberTierState
    changes: tuple[Change, ...]
    vip_ended: str | None  # "expired" | "tier_removed" | None


def ladder_from(tiers: Iterable[Mapping[str, Any]]) -> tuple[Tier, ...]:
    return tuple(Tier(code=t["code"], name=t["name"],
                      threshold=None if t.get("threshold") is None else Decimal(t["threshold"]),
                      earn_multiplier=Decimal(t.get("earn_multiplier", 1)), perks=tuple(t.get("perks") or ()))
                 for t in tiers)


def policy_from(policy: Mapping[str, Any]) -> Policy:
    return Policy(metric=policy.get("metric", "points_earned"), window_months=policy.get("window_months"),
                  retention_months=int(policy.get("retention_months", 12)),
                  downgrade=policy.get("downgrade", "one_level"))


def ladder_errors(tiers: list[Mapping[str, Any]], metric: str) -> dict[int, dict[str, list[str]]]:
    """Field errors by ladder position: duplicate codes, thresholds not strictly rising
    (invitation-only tiers are skipped), fractional thresholds for counted metrics."""
    errors: dict[int, dict[str, list[str]]] = {}
    seen: set[str] = set()
    previous: Decimal | None = None
    for index, tier in enumerate(tiers):
        if tier["code"] in seen:
            errors.setdefault(index, {}).setdefault("code", []).append("Duplicate tier code.")
        seen.add(tier["code"])
        threshold = tier.get("threshold")
        if threshold is None:
            continue
        threshold = Decimal(threshold)
        if previous is not None and threshold <= previous:
            errors.setdefault(index, {}).setdefault("threshold", []).append(
                f"Must be higher than the threshold below it ({previous}).")
        if metric != "spend" and threshold != threshold.to_integral_value():
            errors.setdefault(index, {}).setdefault("threshold", []).append(
                f"Must be a whole number for the {metric} metric.")
        previous = threshold if previous is None else max(previous, threshold)
    return errors


def rank(ladder: tuple[Tier, ...], code: str | None) -> int:
    """Position in the ladder; -1 for no tier or a code the ladder no longer has."""
    for index, tier in enumerate(ladder):
        if tier.code == code:
            return index
    return -1


def tier_of(ladder: tuple[Tier, ...], code: str | None) -> Tier | None:
    index = rank(ladder, code)
    return ladder[index] if index >= 0 else None


def qualifying_tier(ladder: tuple[Tier, ...], metric: Decimal | int) -> Tier | None:
    """The highest tier whose threshold the metric reaches (invitation-only ones never)."""
    best = None
    for tier in ladder:
        if tier.threshold is not None and metric >= tier.threshold:
            best = tier
    return best


def next_tier(ladder: tuple[Tier, ...], code: str | None) -> Tier | None:
    """The lowest tier above ``code`` that the metric can reach; None at the top."""
    for tier in ladder[rank(ladder, code) + 1:]:
        if tier.threshold is not None:
            return tier
    return None


def downgrade_target(ladder: tuple[Tier, ...], code: str, metric: Decimal | int, mode: str) -> str | None:
    """Where an earned tier goes when its retention ends; ``code`` itself if it is kept.

    ``one_level`` drops to the nearest reachable tier below; ``to_qualified`` to the
    highest tier the metric still reaches (possibly none).
    """
    current = tier_of(ladder, code)
    if current is not None and current.threshold is not None and metric >= current.threshold:
        return code
    qualified = qualifying_tier(ladder, metric)
    if mode == "to_qualified":
        return qualified.code if qualified else None
    below = [tier for tier in ladder[:max(rank(ladder, code), 0)] if tier.threshold is not None]
    return below[-1].code if below else None


def higher(ladder: tuple[Tier, ...], first: str | None, second: str | None) -> str | None:
    return first if rank(ladder, first) >= rank(ladder, second) else second


def vip_active(state: MemberTierState, now: datetime) -> bool:
    return state.vip_code is not None and (state.vip_until is None or state.vip_until > now)


def effective_code(ladder: tuple[Tier, ...], state: MemberTierState, now: datetime) -> str | None:
    vip = state.vip_code if vip_active(state, now) and rank(ladder, state.vip_code) >= 0 else None
    earned = state.earned_code if rank(ladder, state.earned_code) >= 0 else None
    return higher(ladder, earned, vip)


def _shown(ladder: tuple[Tier, ...], state: MemberTierState) -> str | None:
    """The effective tier as last stored: any VIP counts, a removed code stays itself."""
    codes = [code for code in (state.earned_code, state.vip_code) if code is not None]
    known = [code for code in codes if rank(ladder, code) >= 0]
    if known:
        return max(known, key=lambda code: rank(ladder, code))
    return codes[0] if codes else None


def held_by_vip(ladder: tuple[Tier, ...], state: MemberTierState, now: datetime) -> bool:
    code = effective_code(ladder, state, now)
    return code is not None and vip_active(state, now) and code == state.vip_code \
        and rank(ladder, state.vip_code) > rank(ladder, state.earned_code)


def add_months(moment: datetime, months: int) -> datetime:
    """Calendar months later (or earlier); the day is clamped to the month's length."""
    total = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def window_start(now: datetime, window_months: int | None) -> datetime | None:
    """Start of the rolling window ending at ``now``; None for a lifetime metric."""
    return None if window_months is None else add_months(now, -window_months)


def _period(code: str | None, policy: Policy, now: datetime) -> tuple[datetime | None, datetime | None]:
    """A tier reached at ``now`` is kept at least until the retention period ends."""
    if code is None:
        return None, None
    return now, add_months(now, policy.retention_months)


def evaluate(ladder: tuple[Tier, ...], policy: Policy, state: MemberTierState, metric: Decimal | int,
             now: datetime) -> Evaluation:
    """Everything due for a member at ``now``, in order: VIP end, ladder change, upgrade,
    retention end. Each step that moves the effective tier is one ``Change``."""
    changes: list[Change] = []

    def step(current: MemberTierState, new: MemberTierState, reason: str) -> MemberTierState:
        before, after = _shown(ladder, current), _shown(ladder, new)
        if before != after:
            changes.append(Change(before, after, reason))
        return new

    vip_ended = None
    if state.vip_code is not None and rank(ladder, state.vip_code) < 0:
        vip_ended = "tier_removed"
    elif state.vip_code is not None and not vip_active(state, now):
        vip_ended = "expired"
    if vip_ended:
        state = step(state, replace(state, vip_code=None, vip_until=None, vip_reason=None), "vip")

    qualified = qualifying_tier(ladder, metric)
    qualified_code = qualified.code if qualified else None
    earned = tier_of(ladder, state.earned_code)
    if state.earned_code is not None and (earned is None or earned.threshold is None):
        # The tier was removed or made invitation-only: the metric decides at once.
        start, end = _period(qualified_code, policy, now)
        state = step(state, replace(state, earned_code=qualified_code, earned_at=start,
                                    earned_expires_at=end), "ladder_change")

    if qualified is not None and rank(ladder, qualified_code) > rank(ladder, state.earned_code):
        start, end = _period(qualified_code, policy, now)
        state = step(state, replace(state, earned_code=qualified_code, earned_at=start,
                                    earned_expires_at=end), "upgrade")

    if state.earned_code is not None and state.earned_expires_at is not None \
            and state.earned_expires_at <= now:
        target = downgrade_target(ladder, state.earned_code, metric, policy.downgrade)
        if target == state.earned_code:  # re-qualified: a new retention period
            state = replace(state, earned_expires_at=add_months(now, policy.retention_months))
        else:
            start, end = _period(target, policy, now)
            state = step(state, replace(state, earned_code=target, earned_at=start,
                                        earned_expires_at=end), "downgrade")
    return Evaluation(state, tuple(changes), vip_ended)


def progress(ladder: tuple[Tier, ...], code: str | None, metric: Decimal | int,
             metric_for_keep: Decimal | int | None) -> dict[str, Any]:
    """``remaining_to_next`` (None at the top) and ``required_to_keep`` (None when the
    tier does not depend on the metric): what is still missing, never below zero."""
    upcoming = next_tier(ladder, code)
    current = tier_of(ladder, code)
    remaining = None if upcoming is None else max(upcoming.threshold - metric, 0)
    keep = None
    if current is not None and current.threshold is not None and metric_for_keep is not None:
        keep = max(current.threshold - metric_for_keep, 0)
    return {"next_tier": upcoming, "remaining_to_next": remaining, "required_to_keep": keep}


@dataclass(frozen=True)
class Standing:
    """A member's tier situation at one instant, after everything due was applied
    (what ``service.evaluate_member`` answers)."""

    ladder: tuple[Tier, ...]
    policy: Policy
    state: MemberTierState
    metric: Decimal | int
    now: datetime

    @property
    def code(self) -> str | None:
        return effective_code(self.ladder, self.state, self.now)

    @property
    def tier(self) -> Tier | None:
        return tier_of(self.ladder, self.code)
