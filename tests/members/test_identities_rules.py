"""identities.rules: canonical values and card check digits, without a database."""

from __future__ import annotations

import pytest

from loyalty_api.errors import ValidationFailed
from loyalty_api.identities import rules


@pytest.mark.parametrize("body, digit", [("7992739871", "3"), ("453957876362148", "6"), ("0", "0"),
                                         ("1", "8"), ("37828224631000", "5")])
def test_the_luhn_check_digit_of_known_numbers(body, digit):
    assert rules.luhn_check_digit(body) == digit
    assert rules.luhn_valid(body + digit)


def test_a_mistyped_digit_or_a_swap_of_neighbours_fails_the_check():
    assert not rules.luhn_valid("79927398710")
    assert not rules.luhn_valid("79927398731")  # the last two swapped


def test_issued_cards_are_16_digits_that_pass_the_check():
    numbers = {rules.new_card_number() for _ in range(200)}
    assert len(numbers) == 200
    assert all(len(n) == 16 and n[0] != "0" and rules.luhn_valid(n) for n in numbers)


@pytest.mark.parametrize("type_, given, stored", [
    ("phone", "+7 (916) 123-45-67", "+79161234567"),
    ("phone", "0044 20 7946 0958", "+442079460958"),
    ("email", "  Ann.Lee@Shop.COM ", "ann.lee@shop.com"),
    ("card", "loyalty-card:1234-5678 90ab", "1234567890AB"),
    ("external", " CRM/Ab-1 ", "CRM/Ab-1"),
])
def test_canonical_forms(type_, given, stored):
    assert rules.canonical(type_, given) == stored


@pytest.mark.parametrize("type_, given", [("phone", "89161234567"), ("phone", "+1 23"), ("phone", "+abc"),
                                          ("email", "ann@"), ("email", "a b@shop.com"), ("card", "12"),
                                          ("card", "12#45"), ("external", ""), ("external", "x" * 129),
                                          ("fax", "123")])
def test_values_that_are_refused(type_, given):
    with pytest.raises(ValidationFailed):
        rules.canonical(type_, given)
