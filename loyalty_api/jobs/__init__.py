"""Scheduled work: ``loyalty-api jobs run`` (SPEC §9)."""
