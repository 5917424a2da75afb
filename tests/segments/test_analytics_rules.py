"""The rollup's calendar: closed days, and how a period splits into rolled-up days and live edges."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from loyalty_api.analytics import rules

UTC = timezone.utc


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def test_days_are_utc_days_whatever_the_offset():
    assert rules.day_floor(at("2026-03-10T02:30:00+03:00")) == at("2026-03-09T00:00:00+00:00")
    assert rules.day_ceil(at("2026-03-09T23:00:00+00:00")) == at("2026-03-10T00:00:00+00:00")
    assert rules.day_ceil(at("2026-03-10T00:00:00+00:00")) == at("2026-03-10T00:00:00+00:00")


def test_a_day_closes_one_grace_period_after_it_ends():
    assert rules.GRACE == timedelta(hours=1)
    assert rules.closed_through(at("2026-03-10T00:59:59+00:00")) == at("2026-03-09T00:00:00+00:00")
    assert rules.closed_through(at("2026-03-10T01:00:00+00:00")) == at("2026-03-10T00:00:00+00:00")


def test_the_rollup_starts_at_the_programs_first_full_day():
    assert rules.rollup_start(at("2026-03-10T08:00:00+00:00")) == at("2026-03-11T00:00:00+00:00")
    assert rules.rollup_start(at("2026-03-10T00:00:00+00:00")) == at("2026-03-10T00:00:00+00:00")


def test_a_period_is_rolled_up_days_between_two_live_edges():
    split = rules.split_period(at("2026-03-01T10:00:00+00:00"), at("2026-03-20T06:00:00+00:00"),
                               at("2026-01-01T00:00:00+00:00"), at("2026-03-15T00:00:00+00:00"))
    assert (split.days_from, split.days_to) == (date(2026, 3, 2), date(2026, 3, 15))
    assert split.live == ((at("2026-03-01T10:00:00+00:00"), at("2026-03-02T00:00:00+00:00")),
                          (at("2026-03-15T00:00:00+00:00"), at("2026-03-20T06:00:00+00:00")))


def test_a_period_on_day_boundaries_inside_the_rollup_has_no_live_part():
    split = rules.split_period(at("2026-03-02T00:00:00+00:00"), at("2026-03-05T00:00:00+00:00"),
                               at("2026-01-01T00:00:00+00:00"), at("2026-03-15T00:00:00+00:00"))
    assert split.live == ()
    assert (split.days_from, split.days_to) == (date(2026, 3, 2), date(2026, 3, 5))


def test_before_the_rollup_starts_or_without_whole_days_everything_is_live():
    start, end = at("2026-03-01T10:00:00+00:00"), at("2026-03-02T06:00:00+00:00")
    inside = rules.split_period(start, end, at("2026-01-01T00:00:00+00:00"), at("2026-03-15T00:00:00+00:00"))
    assert inside.live == ((start, end),) and inside.days_from == inside.days_to
    never = rules.split_period(start, end, rules.NEVER, rules.NEVER)
    assert never.live == ((start, end),) and never.days_from == never.days_to
    early = rules.split_period(at("2025-12-01T00:00:00+00:00"), at("2026-01-10T00:00:00+00:00"),
                               at("2026-01-01T00:00:00+00:00"), at("2026-03-15T00:00:00+00:00"))
    assert early.live == ((at("2025-12-01T00:00:00+00:00"), at("2026-01-01T00:00:00+00:00")),)
    assert (early.days_from, early.days_to) == (date(2026, 1, 1), date(2026, 1, 10))


def test_the_inactivity_watermark_counts_only_from_a_run_not_ahead_of_the_read():
    cutoff, now = at("2026-03-01T00:00:00+00:00"), at("2026-08-28T12:00:00+00:00")
    assert rules.inactivity_floor(None, None, cutoff, now) is None
    yesterday = cutoff - timedelta(days=1)
    assert rules.inactivity_floor(yesterday, now - timedelta(days=1), cutoff, now) == yesterday
    # A run with a later cutoff (shorter inactivity_days then) burned more: nothing is left before this cutoff.
    assert rules.inactivity_floor(cutoff + timedelta(days=30), now - timedelta(hours=1), cutoff, now) == cutoff
    assert rules.inactivity_floor(cutoff, now + timedelta(seconds=1), cutoff, now) is None
