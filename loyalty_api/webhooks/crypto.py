"""Webhook secrets at rest: Fernet (AES-128-CBC + HMAC-SHA256) under a key from configuration.

The worker needs the plain secret to sign, so it cannot be hashed. Keys come from
``WEBHOOK_SECRET_KEY`` (``key[,older_key…]``, each 32+ characters; the first encrypts,
all decrypt, so a key rotates by prepending a new one and re-saving or waiting until
every secret has been rotated). Without it, keys are derived from ``JWT_KEYS`` (fine
for development; in production set WEBHOOK_SECRET_KEY so that rotating the JWT keys
does not make stored webhook secrets unreadable).
"""

from __future__ import annotations

import base64
import secrets as random_secrets

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from loyalty_api.config import Settings

SECRET_PREFIX = "whsec_"
_INFO = b"loyalty-api/webhook-secrets/v1"


def _fernet(material: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(material.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def key_materials(settings: Settings) -> list[str]:
    configured = [part.strip() for part in settings.WEBHOOK_SECRET_KEY.split(",") if part.strip()]
    if any(len(part) < 32 for part in configured):
        raise RuntimeError("WEBHOOK_SECRET_KEY entries must be 32+ characters")
    return configured or list(settings.JWT_KEYS.values())


class SecretBox:
    """Seals and opens webhook secrets; the plain text never leaves the process."""

    def __init__(self, settings: Settings) -> None:
        self._fernet = MultiFernet([_fernet(material) for material in key_materials(settings)])

    def seal(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode()).decode()

    def open(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken as exc:
            raise RuntimeError("a webhook secret cannot be decrypted: WEBHOOK_SECRET_KEY changed?") from exc


def new_secret() -> str:
    """The Standard Webhooks form: ``whsec_`` + standard base64 of 32 random key bytes.

    Secrets issued earlier (``whsec_`` + 43 URL-safe characters) keep working for
    ``Loyalty-Signature``; rotating one issues a secret of this form.
    """
    return SECRET_PREFIX + base64.b64encode(random_secrets.token_bytes(32)).decode()
