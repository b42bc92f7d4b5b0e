"""Accounts and sign-in sessions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from enlace.errors import ConflictError, ValidationFailedError
from enlace.messages import N_
from enlace.security import audit
from enlace.security.passwords import (
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)
from enlace.security.tables import Agency, Role, User, UserSession
from enlace.security.tokens import new_token, token_digest
from enlace.store.base import utcnow

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}$")
# Verifying against a fixed hash when the user is unknown keeps sign-in time the same either way.
_DUMMY_HASH = hash_password("not-a-real-password-0")


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: Role | str,
    display_name: str | None = None,
    email: str | None = None,
    language: str = "en",
    agency: Agency | None = None,
    acting_user_id: int | None = None,
) -> User:
    errors: list[dict[str, str]] = []
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        errors.append(
            {
                "field": "username",
                "reason": N_("Use 2-63 lower-case letters, digits, '.', '_' or '-'"),
            }
        )
    problem = password_problem(password)
    if problem:
        errors.append({"field": "password", "reason": problem})
    try:
        role = Role(role)
    except ValueError:
        errors.append({"field": "role", "reason": N_("Unknown role")})
    if language not in ("en", "es"):
        errors.append({"field": "language", "reason": N_("Language must be en or es")})
    if errors:
        raise ValidationFailedError(errors)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ConflictError(
            N_("A user with this username already exists"), details={"username": username}
        )
    user = User(
        username=username,
        display_name=display_name or username,
        email=email,
        password_hash=hash_password(password),
        role=Role(role).value,
        language=language,
        agency=agency,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        "user.create",
        user_id=acting_user_id,
        object_type="user",
        object_id=user.id,
        role=user.role,
    )
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or not user.active:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password):
        audit.record(session, "auth.failed", object_type="user", object_id=user.id)
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


@dataclass(frozen=True)
class NewSession:
    token: str
    record: UserSession


def open_session(session: Session, user: User, hours: int) -> NewSession:
    token = new_token()
    record = UserSession(
        token_hash=token_digest(token),
        user_id=user.id,
        expires_at=utcnow() + timedelta(hours=hours),
    )
    session.add(record)
    audit.record(session, "auth.login", user_id=user.id, object_type="user", object_id=user.id)
    return NewSession(token=token, record=record)


def user_for_token(session: Session, token: str) -> User | None:
    record = session.scalar(
        select(UserSession).where(UserSession.token_hash == token_digest(token))
    )
    if record is None or record.revoked_at is not None or record.expires_at <= utcnow():
        return None
    user = session.get(User, record.user_id)
    if user is None or not user.active:
        return None
    return user


def close_session(session: Session, token: str) -> None:
    record = session.scalar(
        select(UserSession).where(UserSession.token_hash == token_digest(token))
    )
    if record is not None and record.revoked_at is None:
        record.revoked_at = utcnow()
        audit.record(
            session,
            "auth.logout",
            user_id=record.user_id,
            object_type="user",
            object_id=record.user_id,
        )


def set_language(user: User, language: str) -> None:
    if language in ("en", "es"):
        user.language = language
