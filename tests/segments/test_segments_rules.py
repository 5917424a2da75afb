"""Pure segment and analytics rules: named RFM segments, breakage, liability, CSV rows."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from loyalty_api.segments import rules

# Named segments by score (first match wins): every cell of the 5 x 5 (R x F) grid
# for M = 4 and for M = 1. "." = no named segment. Rows: R = 5 (top) down to 1.
#          F=1    F=2    F=3      F=4          F=5
GRID_M4 = [["new", "new", "loyal", "champions", "champions"],      # R=5
           ["new", "new", "loyal", "champions", "champions"],      # R=4
           [".", ".", "loyal", "loyal", "loyal"],                  # R=3
           ["hibernating", "hibernating", "at_risk", "at_risk", "at_risk"],  # R=2
           ["hibernating", "hibernating", "at_risk", "at_risk", "at_risk"]]  # R=1
GRID_M1 = [["new", "new", "loyal", "loyal", "loyal"],
           ["new", "new", "loyal", "loyal", "loyal"],
           [".", ".", "loyal", "loyal", "loyal"],
           ["hibernating", "hibernating", "at_risk", "at_risk", "at_risk"],
           ["hibernating", "hibernating", "at_risk", "at_risk", "at_risk"]]


@pytest.mark.parametrize("m, grid", [(4, GRID_M4), (1, GRID_M1)])
def test_named_segments_by_cell(m, grid):
    for row, r in zip(grid, (5, 4, 3, 2, 1)):
        for name, f in zip(row, (1, 2, 3, 4, 5)):
            assert rules.named_segment(r, f, m) == (None if name == "." else name), (r, f, m)


def test_segments_never_overlap_and_count_their_cells():
    sizes = {name: len(rules.cells_of(name)) for name in rules.SEGMENT_NAMES}
    # champions: R 4-5 x F 4-5 x M 4-5; loyal: R 3-5 x F 3-5 x M any, minus champions;
    # new: R 4-5 x F 1-2; at_risk: R 1-2 x F 3-5; hibernating: R 1-2 x F 1-2; M any.
    assert sizes == {"champions": 8, "loyal": 45 - 8, "new": 20, "at_risk": 30, "hibernating": 20}
    unnamed = [c for c in (rules.cell(r, f, m) for r in range(1, 6) for f in range(1, 6) for m in range(1, 6))
               if rules.named_segment(int(c[0]), int(c[1]), int(c[2])) is None]
    assert len(unnamed) == 125 - sum(sizes.values()) == 10  # R = 3 with F 1-2


@pytest.mark.parametrize("value, ok", [("555", True), ("111", True), ("105", False), ("5555", False),
                                       ("55", False), ("abc", False), ("champions", False)])
def test_is_cell(value, ok):
    assert rules.is_cell(value) is ok


def test_cell_refuses_scores_outside_1_to_5():
    assert rules.cell(5, 4, 3) == "543"
    with pytest.raises(ValueError):
        rules.cell(0, 4, 3)


@pytest.mark.parametrize("expired, redeemed, rate", [
    (0, 0, None), (0, 100, Decimal("0.0000")), (100, 0, Decimal("1.0000")), (25, 75, Decimal("0.2500")),
    (1, 2, Decimal("0.3333")), (2, 1, Decimal("0.6667")), (2000, 50, Decimal("0.9756")),
    (1, 7999, Decimal("0.0001")), (1, 20001, Decimal("0.0000")),
])
def test_breakage_rate_is_expired_over_expired_plus_redeemed(expired, redeemed, rate):
    assert rules.breakage_rate(expired, redeemed) == rate


def test_breakage_rate_refuses_negative_amounts():
    with pytest.raises(ValueError):
        rules.breakage_rate(-1, 10)


@pytest.mark.parametrize("points, value, money", [
    (1745, "0.10", "174.50"), (0, "1.00", "0.00"), (3, "0.3333", "1.00"), (-20, "1.00", "-20.00"),
    (1, "0.005", "0.01"),
])
def test_liability_in_cents_half_up(points, value, money):
    assert rules.liability(points, Decimal(value)) == Decimal(money)


def test_csv_values():
    at = datetime(2026, 3, 1, 12, 0, tzinfo=timezone(timedelta(hours=3)))
    assert rules.csv_value(at) == "2026-03-01T09:00:00.000000Z"
    assert rules.csv_value(None) == ""
    assert rules.csv_value(True) == "true" and rules.csv_value(False) == "false"
    assert rules.csv_value(1250) == "1250" and rules.csv_value(-5) == "-5"
    assert rules.csv_value("alice") == "alice"
    with pytest.raises(ValueError):
        rules.csv_value(datetime(2026, 3, 1))


@pytest.mark.parametrize("text, shown", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("@SUM(A1)", "'@SUM(A1)"),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("+7 (999) 123-45-67", "+7 (999) 123-45-67"),
    ("\tx", "'\tx"), ("a=b", "a=b"),
])
def test_csv_text_that_a_spreadsheet_would_run_is_defused(text, shown):
    assert rules.csv_value(text) == shown


def test_csv_lines_header_then_one_quoted_line_per_item():
    item = {"member_id": "a", "email": 'x,"y"@example.com', "phone": None, "tier": "gold", "vip": True,
            "available": 900, "pending": 0, "lifetime_earned": 900,
            "last_activity_at": datetime(2026, 1, 2, tzinfo=timezone.utc), "rfm": "434",
            "enrolled_at": datetime(2025, 12, 1, tzinfo=timezone.utc)}
    lines = list(rules.csv_lines([item, {**item, "member_id": "b", "rfm": None}]))
    assert lines[0] == ",".join(rules.CSV_COLUMNS) + "\r\n"
    assert lines[1] == 'a,"x,""y""@example.com",,gold,true,900,0,900,2026-01-02T00:00:00.000000Z,434,2025-12-01T00:00:00.000000Z\r\n'
    parsed = list(csv.reader(io.StringIO("".join(lines))))
    assert parsed[2][0] == "b" and parsed[2][9] == "" and parsed[1][1] == 'x,"y"@example.com'
