"""Bulk import of members from another loyalty system (SPEC §14)."""
