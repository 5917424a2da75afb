"""Referral codes, referral links and their rewards (SPEC §7)."""
