"""Referral rules. Pure functions."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
REFERRAL_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERRAL_CODE_LENGTH = 8


def new_referral_code() -> str:
    return "".join(secrets.choice(REFERRAL_ALPHABET) for _ in range(REFERRAL_CODE_LENGTH))


def normalize_referral_code(code: str) -> str:
    """Codes are case-insensitive and may be typed with spaces or dashes."""
    return code.replace("-", "").replace(" ", "").upper()
