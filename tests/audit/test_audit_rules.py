"""``audit.rules.changes``: what an entry says about a change, worked by hand."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from decimal import Decimal

import pytest

from loyalty_api.audit.rules import REDACTED, changes

AT = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
ID = uuid.UUID("0b6f8f4e-7a4e-4c1e-9a55-3f1f1c7e2d10")


@pytest.mark.parametrize("before, after, redact, expected", [
    # a creation: every field, before null
    (None, {"points": 500, "active": True}, (), {"active": {"before": None, "after": True},
                                                  "points": {"before": None, "after": 500}}),
    # a deletion: every field, after null
    ({"url": "u"}, None, (), {"url": {"before": "u", "after": None}}),
    # only the leaves that moved, nested ones by their path
    ({"earn": {"points_per_unit": 1, "excluded_skus": []}, "pending_days": 14},
     {"earn": {"points_per_unit": 2, "excluded_skus": []}, "pending_days": 14}, (),
     {"earn.points_per_unit": {"before": 1, "after": 2}}),
    # a nested member removed by a merge patch
    ({"referral": {"referrer_points": 100}}, {}, (), {"referral.referrer_points": {"before": 100, "after": None}}),
    # lists are one value
    ({"skus": ["A"]}, {"skus": ["A", "B"]}, (), {"skus": {"before": ["A"], "after": ["A", "B"]}}),
    # decimals as exact strings, times in ISO 8601, ids as strings
    ({"value": Decimal("1.50"), "at": None}, {"value": Decimal("2.00"), "at": AT, "id": ID}, (),
     {"at": {"before": None, "after": "2026-03-01T09:30:00+00:00"}, "id": {"before": None, "after": str(ID)},
      "value": {"before": "1.50", "after": "2.00"}}),
    # bookkeeping alone is no change
    ({"updated_at": AT, "name": "x"}, {"updated_at": None, "name": "x"}, (), {}),
    # secrets by name, whatever the caller says; asked-for fields too, at any depth
    (None, {"secret": "s3cr3t", "client_secret": "c", "access_token": "t"}, (),
     {"access_token": {"before": None, "after": REDACTED}, "client_secret": {"before": None, "after": REDACTED},
      "secret": {"before": None, "after": REDACTED}}),
    ({"vip": {"tier": None, "reason": None}}, {"vip": {"tier": "gold", "reason": "press"}}, ("reason",),
     {"vip.reason": {"before": None, "after": REDACTED}, "vip.tier": {"before": None, "after": "gold"}}),
    # a rotated secret: both sides hidden, still shown as changed
    ({"secret": "old"}, {"secret": "new"}, (), {"secret": {"before": REDACTED, "after": REDACTED}}),
])
def test_changes(before, after, redact, expected):
    assert changes(before, after, redact) == expected
