"""Identity rules: canonical values, card numbers and their check digit. Pure functions.

Two spellings of one identifier must meet in one row, so every value is stored and
looked up in a canonical form:

* ``phone``: E.164 (``+79161234567``). Written with a leading ``+`` or ``00`` and the
  country code; spaces, dots, dashes and brackets are ignored. A number without a
  country code is refused rather than guessed.
* ``email``: trimmed and lower-cased (mailboxes compare case-insensitively in practice).
* ``card``: upper-cased, spaces and dashes removed (cards are typed from plastic).
  A card the service issues is 16 digits whose last is a Luhn check digit, so a
  mistyped digit is caught at the till; a card brought from another system is taken
  as it is (letters and digits), without a check digit rule.
* ``external``: another system's id, trimmed, otherwise exact (case matters).
"""

from __future__ import annotations

import re
import secrets

import phonenumbers

from loyalty_api.errors import ValidationFailed

TYPES = ("card", "phone", "email", "external")
ISSUED_CARD_DIGITS = 16
# The payload a wallet app draws as a QR code; a till's scanner reads it back as text.
QR_SCHEME = "loyalty-card:"

_CARD = re.compile(r"^[A-Z0-9]{4,64}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _refuse(type_: str, message: str) -> ValidationFailed:
    return ValidationFailed(f"Not a valid {type_} identity: {message}", errors={"value": [message]})


def canonical(type_: str, value: str) -> str:
    """The stored and compared form of ``value``, or ``ValidationFailed``."""
    if type_ not in TYPES:
        raise ValidationFailed(f"Unknown identity type {type_!r}", errors={"type": [f"One of {', '.join(TYPES)}."]})
    value = value.strip()
    if type_ == "phone":
        return canonical_phone(value)
    if type_ == "email":
        email = value.lower()
        if len(email) > 320 or not _EMAIL.match(email):
            raise _refuse(type_, "An email address (name@domain).")
        return email
    if type_ == "card":
        card = card_from_scan(value)
        if not _CARD.match(card):
            raise _refuse(type_, "4 to 64 letters or digits (spaces and dashes are ignored).")
        return card
    if not 1 <= len(value) <= 128 or not value.isprintable():
        raise _refuse(type_, "1 to 128 printable characters.")
    return value


def canonical_phone(value: str) -> str:
    written = value[2:] if value.startswith("00") else value.lstrip("+")
    if not value.startswith(("+", "00")):
        raise _refuse("phone", "An international number: + and the country code (E.164).")
    try:
        number = phonenumbers.parse("+" + written, None)
    except phonenumbers.NumberParseException:
        raise _refuse("phone", "An international number: + and the country code (E.164).") from None
    if not phonenumbers.is_possible_number(number):
        raise _refuse("phone", "Not a possible number for its country code.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def card_from_scan(value: str) -> str:
    """A card as typed or scanned: the QR payload's prefix, spaces and dashes go."""
    value = value.strip()
    if value.lower().startswith(QR_SCHEME):
        value = value[len(QR_SCHEME):]
    return value.replace(" ", "").replace("-", "").upper()


def luhn_check_digit(digits: str) -> str:
    """The digit that makes ``digits`` + it pass the Luhn (mod 10) check."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 0:  # doubled: the check digit will sit to its right
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return number.isdigit() and len(number) > 1 and luhn_check_digit(number[:-1]) == number[-1]


def new_card_number() -> str:
    """16 random digits, the last a Luhn check digit; never starts with 0 (kept by spreadsheets)."""
    body = str(secrets.randbelow(9) + 1) + "".join(str(secrets.randbelow(10))
                                                   for _ in range(ISSUED_CARD_DIGITS - 2))
    return body + luhn_check_digit(body)


def qr_payload(card: str) -> str:
    return QR_SCHEME + card
