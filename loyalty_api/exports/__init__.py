"""Streamed exports of balances and the ledger (SPEC §14)."""
