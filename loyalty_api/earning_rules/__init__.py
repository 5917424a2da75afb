"""Earning rules (purchase and event bonuses), member events and birthday gifts (SPEC §5, §8)."""
