"""The points ledger: entries, lots, balances, adjustments, verification (SPEC §3, §5)."""
