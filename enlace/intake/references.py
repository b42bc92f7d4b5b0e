"""Reference codes a reporter can read over the phone: no 0/O or 1/I/L to confuse."""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
# Random bytes mapped onto the alphabet; bytes at or above 248 (= 8 * 31) would favour some letters,
# so they are dropped.
_UNBIASED = 256 - 256 % len(ALPHABET)
_TABLE = bytes(ord(ALPHABET[b % len(ALPHABET)]) for b in range(256))
_DROP = bytes(range(_UNBIASED, 256))


def _bodies(n: int) -> list[str]:
    """``n`` random 8-letter bodies from as few reads of the system's random source as needed."""
    out: list[str] = []
    while len(out) < n:
        # 1/32 of the bytes are dropped: asking for 9 per code nearly always suffices at once.
        letters = secrets.token_bytes(9 * (n - len(out)) + 16).translate(_TABLE, _DROP).decode()
        out.extend(letters[i : i + 8] for i in range(0, len(letters) - 7, 8))
    return out[:n]


def new_references(n: int, prefix: str = "ENL") -> list[str]:
    """``n`` fresh codes at once (bulk import): one read of the random source for all of them."""
    return [f"{prefix}-{body[:4]}-{body[4:]}" for body in _bodies(n)]


def new_reference(prefix: str = "ENL") -> str:
    return new_references(1, prefix)[0]


def normalize_reference(raw: str) -> str:
    cleaned = "".join(ch for ch in raw.upper() if ch.isalnum())
    if len(cleaned) == 11:
        return f"{cleaned[:3]}-{cleaned[3:7]}-{cleaned[7:]}"
    return raw.strip().upper()
