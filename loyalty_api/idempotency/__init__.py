"""Stored first responses for ``Idempotency-Key`` replays (SPEC §12)."""
