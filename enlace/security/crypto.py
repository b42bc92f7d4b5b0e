"""Encryption of personal data at rest: victims' identifying details and every attachment.

Fernet (AES-128-CBC with HMAC-SHA256, from ``cryptography``) gives authenticated encryption with
a timestamp. The key is derived from ``ENLACE_FIELD_KEY`` when set (so it can live outside the
data directory, e.g. in a secrets manager), otherwise a random key file is created on first use
in ``<data dir>/keys``. Losing the key loses the encrypted data: back it up apart from the database.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from enlace.config import Settings
from enlace.errors import ConfigError

KEY_DIR_NAME = "keys"
KEY_FILE_NAME = "field.key"
_HKDF_SALT = b"enlace-field-encryption-v1"


class DecryptionError(ConfigError):
    """Stored data cannot be decrypted with this node's key (wrong or rotated key)."""


class FieldCipher:
    """Encrypts and decrypts bytes and JSON objects with one key."""

    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)

    def encrypt(self, data: bytes) -> bytes:
        return self._fernet.encrypt(data)

    def decrypt(self, token: bytes) -> bytes:
        try:
            return self._fernet.decrypt(token)
        except InvalidToken as exc:
            raise DecryptionError(
                "Encrypted data cannot be read with this key; check ENLACE_FIELD_KEY "
                "or the key file in the data directory"
            ) from exc

    def encrypt_json(self, value: Mapping[str, Any]) -> str:
        raw = json.dumps(dict(value), ensure_ascii=False, sort_keys=True).encode()
        return self.encrypt(raw).decode("ascii")

    def decrypt_json(self, token: str) -> dict[str, Any]:
        value = json.loads(self.decrypt(token.encode("ascii")))
        return value if isinstance(value, dict) else {}


def derive_key(material: str) -> bytes:
    """A Fernet key from any passphrase of enough entropy (HKDF-SHA256)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=_HKDF_SALT, info=b"fields")
    return base64.urlsafe_b64encode(hkdf.derive(material.encode()))


def key_file(settings: Settings) -> Path:
    return settings.data_dir / KEY_DIR_NAME / KEY_FILE_NAME


def _file_key(path: Path) -> bytes:
    if path.exists():
        return path.read_bytes().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.parent.chmod(0o700)
    key = Fernet.generate_key()
    # O_EXCL: two processes starting at once must not each write a different key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def cipher_for(settings: Settings) -> FieldCipher:
    """The node's field cipher: from ENLACE_FIELD_KEY, else from the key file (made if missing)."""
    if settings.field_key:
        return FieldCipher(derive_key(settings.field_key))
    return FieldCipher(_file_key(key_file(settings)))
