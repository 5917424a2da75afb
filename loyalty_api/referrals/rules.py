"""Referral rules. Pure functions."""

from __future__ import annotations

import secrets
from decimal import Decimal

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
REFERRAL_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERRAL_CODE_LENGTH = 8


# A random byte below the largest multiple of the alphabet's size maps to a letter
# without bias (byte % size); the bytes above it are dropped and drawn again.
_UNBIASED = 256 - 256 % len(REFERRAL_ALPHABET)
_BYTE_TO_LETTER = bytes(ord(REFERRAL_ALPHABET[b % len(REFERRAL_ALPHABET)]) for b in range(256))
_DROPPED = bytes(range(_UNBIASED, 256))


def new_referral_codes(count: int) -> list[str]:
    """``count`` codes from one draw of random bytes (an import names thousands of
    members a chunk: no Python work per letter)."""
    need = count * REFERRAL_CODE_LENGTH
    letters = b""
    while len(letters) < need:
        letters += secrets.token_bytes(need - len(letters) + 16).translate(_BYTE_TO_LETTER, _DROPPED)
    text = letters[:need].decode("ascii")
    return [text[i:i + REFERRAL_CODE_LENGTH] for i in range(0, need, REFERRAL_CODE_LENGTH)]


def new_referral_code() -> str:
    """One code, drawn the same way as a chunk's (one way of drawing codes, not two)."""
    return new_referral_codes(1)[0]


def normalize_referral_code(code: str) -> str:
    """Codes are case-insensitive and may be typed with spaces or dashes."""
    return code.replace("-", "").replace(" ", "").upper()


SELF_REFERRAL = "self_referral"
SAME_CONTACT = "same_contact"
CAP_REACHED = "cap_reached"
ORDER_RETURNED = "order_returned"
REFERRER_INACTIVE = "referrer_inactive"


def normalize_email(email: str | None) -> str | None:
    """Mailbox names compare case-insensitively in practice; blanks mean no email."""
    email = (email or "").strip().lower()
    return email or None


def normalize_phone(phone: str | None) -> str | None:
    """Only the digits count: "+7 (900) 123-45-67" and "+79001234567" are the same phone."""
    digits = "".join(ch for ch in (phone or "") if ch.isdigit())
    return digits or None


def link_verdict(*, referrer_id: str, referrer_email: str | None, referrer_phone: str | None,
                 referee_id: str, referee_email: str | None, referee_phone: str | None) -> str | None:
    """Why a new referral link is rejected at enrolment, or ``None`` when it stands."""
    if referrer_id == referee_id:
        return SELF_REFERRAL
    same_email = normalize_email(referee_email) is not None and \
        normalize_email(referee_email) == normalize_email(referrer_email)
    same_phone = normalize_phone(referee_phone) is not None and \
        normalize_phone(referee_phone) == normalize_phone(referrer_phone)
    return SAME_CONTACT if same_email or same_phone else None


def order_qualifies(paid_amount: Decimal, min_order_amount: Decimal) -> bool:
    return paid_amount >= min_order_amount


def reward_verdict(*, rewards_this_month: int, max_rewards_per_month: int | None) -> str | None:
    """``cap_reached`` when the referrer already got the month's allowance, else ``None``."""
    if max_rewards_per_month is not None and rewards_this_month >= max_rewards_per_month:
        return CAP_REACHED
    return None


def competition_ranks(counts: list[int]) -> list[int]:
    """Ranks for counts sorted high to low; ties share a rank and the next rank skips (1, 1, 3)."""
    ranks: list[int] = []
    for position, count in enumerate(counts, start=1):
        ranks.append(ranks[-1] if ranks and counts[position - 2] == count else position)
    return ranks
