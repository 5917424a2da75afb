"""Pure referral functions: codes, contact matching, verdicts, leaderboard ranks."""

from decimal import Decimal

import pytest

from loyalty_api.referrals import rules


def test_codes_avoid_confusable_characters():
    codes = {rules.new_referral_code() for _ in range(200)}
    assert all(len(code) == 8 and not set(code) & set("0O1IL") for code in codes)
    assert rules.normalize_referral_code("abcd-efgh ") == "ABCDEFGH"


def test_codes_drawn_in_one_go_are_as_many_and_use_every_letter_evenly():
    codes = rules.new_referral_codes(40_000)
    assert len(codes) == 40_000 and all(len(code) == rules.REFERRAL_CODE_LENGTH for code in codes)
    letters = "".join(codes)
    assert set(letters) == set(rules.REFERRAL_ALPHABET)
    # 320,000 letters over 31: about 10,300 each (give or take 100). Mapping every byte
    # with byte % 31 would give the first eight letters 9 bytes of 256 against 8, about
    # 1,250 more each.
    counts = [letters.count(letter) for letter in rules.REFERRAL_ALPHABET]
    first, rest = counts[:8], counts[8:]
    assert abs(sum(first) / len(first) - sum(rest) / len(rest)) < 500
    assert len(set(codes)) > 39_990
    assert rules.new_referral_codes(0) == []


@pytest.mark.parametrize("raw, normal", [
    ("  Ann@Example.COM ", "ann@example.com"), ("", None), (None, None)])
def test_normalize_email(raw, normal):
    assert rules.normalize_email(raw) == normal


@pytest.mark.parametrize("raw, normal", [
    ("+7 (900) 123-45-67", "79001234567"), ("+79001234567", "79001234567"), ("", None), (None, None)])
def test_normalize_phone(raw, normal):
    assert rules.normalize_phone(raw) == normal


BASE = dict(referrer_id="ann", referrer_email="ann@example.com", referrer_phone="+7 900 123 45 67",
            referee_id="bob", referee_email="bob@example.com", referee_phone="+7 900 765 43 21")


@pytest.mark.parametrize("changes, verdict", [
    ({}, None),
    ({"referee_id": "ann"}, "self_referral"),
    ({"referee_email": "ANN@example.com"}, "same_contact"),
    ({"referee_phone": "+7 (900) 123-45-67"}, "same_contact"),
    ({"referee_email": None, "referrer_email": None}, None),       # two missing emails are not a match
    ({"referee_phone": "", "referrer_phone": ""}, None),
])
def test_link_verdict(changes, verdict):
    assert rules.link_verdict(**{**BASE, **changes}) == verdict


@pytest.mark.parametrize("paid, minimum, qualifies", [
    ("999.99", "1000.00", False), ("1000.00", "1000.00", True), ("0.00", "0.00", True)])
def test_order_qualifies(paid, minimum, qualifies):
    assert rules.order_qualifies(Decimal(paid), Decimal(minimum)) is qualifies


@pytest.mark.parametrize("given, allowed, verdict", [
    (0, None, None), (100, None, None), (2, 3, None), (3, 3, "cap_reached"), (4, 3, "cap_reached")])
def test_reward_verdict(given, allowed, verdict):
    assert rules.reward_verdict(rewards_this_month=given, max_rewards_per_month=allowed) == verdict


@pytest.mark.parametrize("counts, ranks", [
    ([], []),
    ([7], [1]),
    ([5, 5, 3], [1, 1, 3]),
    ([5, 4, 4, 4, 1], [1, 2, 2, 2, 5]),
    ([2, 2, 2], [1, 1, 1]),
])
def test_competition_ranks(counts, ranks):
    assert rules.competition_ranks(counts) == ranks
