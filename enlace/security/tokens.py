"""Random tokens for sign-in sessions and CSRF, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What the database keeps of a session token: a leaked table signs nobody in."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def csrf_for(secret: str, session_value: str) -> str:
    """CSRF token bound to the browser's csrf cookie and the server secret."""
    mac = hmac.new(secret.encode("utf-8"), session_value.encode("utf-8"), hashlib.sha256)
    return mac.hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
