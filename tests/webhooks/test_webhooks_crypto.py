"""Webhook secrets at rest: sealed with a key from configuration, rotatable."""

import pytest

from loyalty_api.config import load_settings
from loyalty_api.webhooks.crypto import SecretBox, new_secret

KEY_A = "a" * 32
KEY_B = "b" * 40


def settings(**overrides):
    return load_settings({"DATABASE_URL": "postgresql://unused/x", "JWT_KEYS": "k1:" + "j" * 40, **overrides})


def test_sealed_secret_opens_and_does_not_show_the_secret():
    box = SecretBox(settings(WEBHOOK_SECRET_KEY=KEY_A))
    secret = new_secret()
    sealed = box.seal(secret)
    assert secret not in sealed and secret[6:] not in sealed
    assert box.open(sealed) == secret
    assert box.seal(secret) != sealed  # a fresh IV each time


def test_key_rotation_new_key_first_old_key_still_opens():
    old_sealed = SecretBox(settings(WEBHOOK_SECRET_KEY=KEY_A)).seal("whsec_one")
    rotated = SecretBox(settings(WEBHOOK_SECRET_KEY=f"{KEY_B},{KEY_A}"))
    assert rotated.open(old_sealed) == "whsec_one"
    new_sealed = rotated.seal("whsec_two")
    assert SecretBox(settings(WEBHOOK_SECRET_KEY=KEY_B)).open(new_sealed) == "whsec_two"
    with pytest.raises(RuntimeError, match="cannot be decrypted"):
        SecretBox(settings(WEBHOOK_SECRET_KEY=KEY_B)).open(old_sealed)


def test_without_a_configured_key_the_jwt_keys_are_used():
    dev = SecretBox(settings())
    sealed = dev.seal("whsec_dev")
    assert SecretBox(settings()).open(sealed) == "whsec_dev"
    with pytest.raises(RuntimeError):
        SecretBox(settings(WEBHOOK_SECRET_KEY=KEY_A)).open(sealed)


def test_short_keys_are_refused():
    with pytest.raises(RuntimeError, match="32\\+ characters"):
        SecretBox(settings(WEBHOOK_SECRET_KEY="short"))


def test_the_key_is_not_in_the_settings_repr():
    assert KEY_A not in repr(settings(WEBHOOK_SECRET_KEY=KEY_A))
