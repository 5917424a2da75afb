"""Program settings: defaults and JSON merge patch (RFC 7396). Pure functions."""

from __future__ import annotations

import copy
from typing import Any

DEFAULT_SETTINGS: dict[str, Any] = {
    "earn": {"points_per_unit": 1, "excluded_categories": [], "excluded_skus": [], "on": "paid_amount"},
    "redeem": {"point_value": "1.00", "min_points": 1, "max_order_share": "1"},
    "pending_days": 14,
    "expiry": {"mode": "none", "days": 365, "inactivity_days": None, "warn_days": 14},
    "clawback": "allow_negative",
    "hold_ttl_seconds": 900,
    "referral": {"referrer_points": 0, "referee_points": 0, "min_order_amount": "0.00",
                 "max_rewards_per_month": None},
    "rewards": {"refund_expired": False},
    "timezone": "UTC",
    "tier_policy": {"metric": "points_earned", "window_months": None, "retention_months": 12,
                    "downgrade": "one_level"},
    "tiers": [],
    "transfers": {"enabled": False, "max_points_per_month": None},
    "limits": {"adjustment_max_points": None, "adjustment_daily_points": None},
    "currencies": {},
}


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: objects merge key by key, ``null`` removes, anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def with_defaults(settings: dict[str, Any]) -> dict[str, Any]:
    """Fill what a patch cleared (``null``) or an older program never set."""
    merged = copy.deepcopy(DEFAULT_SETTINGS)
    for key, value in settings.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged
