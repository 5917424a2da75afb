"""The clock's arithmetic (loyalty_api/clock/rules.py), as a table a reader can check by hand."""

from datetime import datetime, timedelta, timezone

import pytest

from loyalty_api.clock import rules

REAL = datetime(2026, 12, 7, 12, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)


@pytest.mark.parametrize("offset, move, expected_offset", [
    # offset before | the move                                   | offset after
    (timedelta(0),    {"advance_seconds": 60},                      timedelta(seconds=60)),
    (timedelta(0),    {"advance_seconds": 31 * 86400},              31 * DAY),
    (10 * DAY,        {"advance_seconds": 86400},                   11 * DAY),
    (timedelta(0),    {"target": REAL + 45 * DAY},                  45 * DAY),
    (10 * DAY,        {"target": REAL + 10 * DAY + timedelta(seconds=1)}, 10 * DAY + timedelta(seconds=1)),
    (timedelta(0),    {"advance_seconds": 3660 * 86400},            3660 * DAY),  # the largest move
])
def test_moves_forward(offset, move, expected_offset):
    assert rules.moved_offset(REAL, offset, **move) == expected_offset
    assert rules.program_now(REAL, expected_offset) > rules.program_now(REAL, offset)


@pytest.mark.parametrize("offset, move", [
    (timedelta(0), {"target": REAL}),                         # not after now: a zero move
    (timedelta(0), {"target": REAL - timedelta(seconds=1)}),  # backwards
    (10 * DAY,     {"target": REAL + 5 * DAY}),               # after the real now, before the clock's
    (timedelta(0), {"advance_seconds": 0}),
    (timedelta(0), {"advance_seconds": -1}),
])
def test_never_backwards(offset, move):
    with pytest.raises(rules.NotForward):
        rules.moved_offset(REAL, offset, **move)


def test_at_most_ten_years_and_exactly_one_kind_of_move():
    with pytest.raises(rules.TooFar):
        rules.moved_offset(REAL, timedelta(0), advance_seconds=3660 * 86400 + 1)
    with pytest.raises(ValueError):
        rules.moved_offset(REAL, timedelta(0))
    with pytest.raises(ValueError):
        rules.moved_offset(REAL, timedelta(0), advance_seconds=1, target=REAL + DAY)


def test_offset_seconds_are_whole():
    assert rules.offset_seconds(timedelta(days=1, microseconds=999_999)) == 86400
