"""Merging a duplicate member into another one (SPEC §14)."""
