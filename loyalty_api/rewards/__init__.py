"""Rewards catalogue and coupons (SPEC §13)."""
