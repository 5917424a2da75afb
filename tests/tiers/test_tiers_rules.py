"""Pure tier rules: ladders, qualifying and next tiers, downgrades, evaluation."""

from datetime import datetime, timezone
from decimal import Decimal

import pytest

from loyalty_api.tiers import rules

T0 = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)

# A ladder as a program would store it; "ambassador" is invitation-only (VIP).
LADDER = rules.ladder_from([
    {"code": "bronze", "name": "Bronze", "threshold": 0, "earn_multiplier": 1},
    {"code": "silver", "name": "Silver", "threshold": 1000, "earn_multiplier": 1.25},
    {"code": "ambassador", "name": "Ambassador", "threshold": None, "earn_multiplier": 3},
    {"code": "gold", "name": "Gold", "threshold": 5000, "earn_multiplier": 1.5},
])
NO_ZERO = rules.ladder_from([
    {"code": "silver", "name": "Silver", "threshold": 1000},
    {"code": "gold", "name": "Gold", "threshold": 5000},
    {"code": "platinum", "name": "Platinum", "threshold": 20000},
])


def code(tier):
    return tier.code if tier else None


@pytest.mark.parametrize("metric, expected", [
    # metric | qualifying tier (invitation-only tiers are never reached by the metric)
    (0, "bronze"), (999, "bronze"), (1000, "silver"), (4999, "silver"), (5000, "gold"), (10**9, "gold"),
])
def test_qualifying_tier(metric, expected):
    assert code(rules.qualifying_tier(LADDER, metric)) == expected


def test_no_qualifying_tier_below_the_lowest_threshold():
    assert rules.qualifying_tier(NO_ZERO, 999) is None
    assert code(rules.qualifying_tier(NO_ZERO, Decimal("1000.00"))) == "silver"


@pytest.mark.parametrize("current, expected", [
    (None, "bronze"), ("bronze", "silver"), ("silver", "gold"), ("ambassador", "gold"), ("gold", None),
    ("removed-tier", "bronze"),
])
def test_next_tier_skips_invitation_only(current, expected):
    assert code(rules.next_tier(LADDER, current)) == expected


@pytest.mark.parametrize("current, metric, mode, expected", [
    # current   | metric | mode          | after retention ends
    ("platinum", 25000, "one_level", "platinum"),   # still qualifies: kept
    ("platinum", 6000, "one_level", "gold"),
    ("platinum", 0, "one_level", "gold"),           # one rung per period, whatever the metric
    ("platinum", 0, "to_qualified", None),
    ("platinum", 1500, "to_qualified", "silver"),
    ("gold", 500, "one_level", "silver"),
    ("silver", 500, "one_level", None),
])
def test_downgrade_target(current, metric, mode, expected):
    assert rules.downgrade_target(NO_ZERO, current, metric, mode) == expected


def test_one_level_skips_invitation_only_rungs():
    assert rules.downgrade_target(LADDER, "gold", 10, "one_level") == "silver"


@pytest.mark.parametrize("code_, metric, keep_metric, remaining, required", [
    # in the middle: 2500 of silver (1000) on the way to gold (5000)
    ("silver", 2500, 2500, 2500, 0),
    # the keep window has only 400 of the 1000 silver needs
    ("silver", 2500, 400, 2500, 600),
    # at the top: nothing above
    ("platinum", 25000, 25000, None, 0),
    # no tier yet
    (None, 0, None, 1000, None),
])
def test_progress(code_, metric, keep_metric, remaining, required):
    figures = rules.progress(NO_ZERO, code_, metric, keep_metric)
    assert figures["remaining_to_next"] == remaining
    assert figures["required_to_keep"] == required


def test_ladder_errors_for_duplicates_falling_thresholds_and_fractions():
    tiers = [{"code": "a", "threshold": Decimal(100)}, {"code": "vip", "threshold": None},
             {"code": "a", "threshold": Decimal(100)}, {"code": "c", "threshold": Decimal("150.5")}]
    assert rules.ladder_errors(tiers, "orders") == {
        2: {"code": ["Duplicate tier code."], "threshold": ["Must be higher than the threshold below it (100)."]},
        3: {"threshold": ["Must be a whole number for the orders metric."]},
    }
    assert rules.ladder_errors(tiers[:2] + [{"code": "c", "threshold": Decimal("150.5")}], "spend") == {}


@pytest.mark.parametrize("start, months, expected", [
    (datetime(2026, 3, 31, tzinfo=timezone.utc), -1, datetime(2026, 2, 28, tzinfo=timezone.utc)),
    (datetime(2026, 1, 31, tzinfo=timezone.utc), 1, datetime(2026, 2, 28, tzinfo=timezone.utc)),
    (datetime(2024, 2, 29, tzinfo=timezone.utc), 12, datetime(2025, 2, 28, tzinfo=timezone.utc)),
    (datetime(2026, 11, 5, tzinfo=timezone.utc), 3, datetime(2027, 2, 5, tzinfo=timezone.utc)),
])
def test_add_months_clamps_the_day(start, months, expected):
    assert rules.add_months(start, months) == expected


def test_window_start():
    assert rules.window_start(T0, None) is None
    assert rules.window_start(T0, 12) == datetime(2025, 1, 15, 12, 0, tzinfo=timezone.utc)


POLICY = rules.Policy(metric="points_earned", window_months=None, retention_months=12, downgrade="one_level")


def test_evaluate_upgrades_at_once_and_starts_retention():
    result = rules.evaluate(NO_ZERO, POLICY, rules.MemberTierState(), 5200, T0)
    assert result.state.earned_code == "gold"
    assert result.state.earned_expires_at == datetime(2027, 1, 15, 12, 0, tzinfo=timezone.utc)
    assert result.changes == (rules.Change(None, "gold", "upgrade"),)


def test_evaluate_keeps_tier_until_retention_ends():
    gold = rules.MemberTierState(earned_code="gold", earned_at=T0,
                                 earned_expires_at=rules.add_months(T0, 12))
    before_end = rules.add_months(T0, 11)
    assert rules.evaluate(NO_ZERO, POLICY, gold, 0, before_end).changes == ()
    after_end = rules.add_months(T0, 12)
    result = rules.evaluate(NO_ZERO, POLICY, gold, 0, after_end)
    assert result.changes == (rules.Change("gold", "silver", "downgrade"),)
    assert result.state.earned_expires_at == rules.add_months(T0, 24)


def test_evaluate_requalifying_starts_a_new_period_without_a_change():
    gold = rules.MemberTierState(earned_code="gold", earned_at=T0, earned_expires_at=rules.add_months(T0, 12))
    result = rules.evaluate(NO_ZERO, POLICY, gold, 5000, rules.add_months(T0, 12))
    assert result.changes == ()
    assert result.state.earned_code == "gold"
    assert result.state.earned_expires_at == rules.add_months(T0, 24)


def test_vip_is_a_floor_while_it_lasts():
    vip = rules.MemberTierState(earned_code="silver", earned_at=T0, earned_expires_at=rules.add_months(T0, 12),
                                vip_code="platinum", vip_until=rules.add_months(T0, 6), vip_reason="press")
    assert rules.effective_code(NO_ZERO, vip, rules.add_months(T0, 1)) == "platinum"
    assert rules.held_by_vip(NO_ZERO, vip, rules.add_months(T0, 1))
    result = rules.evaluate(NO_ZERO, POLICY, vip, 1200, rules.add_months(T0, 6))
    assert result.vip_ended == "expired"
    assert result.changes == (rules.Change("platinum", "silver", "vip"),)
    assert result.state.vip_code is None


def test_vip_below_the_earned_tier_changes_nothing():
    state = rules.MemberTierState(earned_code="gold", earned_at=T0, earned_expires_at=rules.add_months(T0, 12),
                                  vip_code="silver")
    assert rules.effective_code(NO_ZERO, state, T0) == "gold"
    assert not rules.held_by_vip(NO_ZERO, state, T0)


def test_removed_tier_maps_to_the_qualifying_tier_at_once():
    ladder = rules.ladder_from([{"code": "silver", "name": "S", "threshold": 1000},
                                {"code": "gold2", "name": "G", "threshold": 6000}])
    state = rules.MemberTierState(earned_code="gold", earned_at=T0, earned_expires_at=rules.add_months(T0, 12))
    result = rules.evaluate(ladder, POLICY, state, 5500, T0)
    assert result.changes == (rules.Change("gold", "silver", "ladder_change"),)
    assert result.state.earned_code == "silver"


def test_raised_threshold_does_not_downgrade_before_retention_ends():
    ladder = rules.ladder_from([{"code": "silver", "name": "S", "threshold": 1000},
                                {"code": "gold", "name": "G", "threshold": 9000}])
    state = rules.MemberTierState(earned_code="gold", earned_at=T0, earned_expires_at=rules.add_months(T0, 12))
    assert rules.evaluate(ladder, POLICY, state, 5500, rules.add_months(T0, 3)).changes == ()
    result = rules.evaluate(ladder, POLICY, state, 5500, rules.add_months(T0, 12))
    assert result.changes == (rules.Change("gold", "silver", "downgrade"),)
