"""Tiers, tier progress and VIP status (SPEC §6)."""
