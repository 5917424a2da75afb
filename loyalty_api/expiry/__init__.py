"""Burning rules: expiry modes, inactivity burn, and the scheduled burning job (SPEC §2 expiry, §9)."""
