"""Idempotency keys: a retried request gets the first answer and creates nothing new."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from enlace.errors import ValidationFailedError
from enlace.intake.tables import IdempotencyKey
from enlace.messages import N_

MAX_KEY = 200


def check_key(key: str | None) -> str | None:
    if key is None or key.strip() == "":
        return None
    key = key.strip()
    if len(key) > MAX_KEY or not key.isprintable():
        raise ValidationFailedError(
            [{"field": "Idempotency-Key", "reason": N_("This value is not valid")}]
        )
    return key


def answered(session: Session, scope: str, key: str) -> IdempotencyKey | None:
    return session.scalar(
        select(IdempotencyKey).where(IdempotencyKey.scope == scope, IdempotencyKey.key == key)
    )


def remember(
    session: Session,
    scope: str,
    key: str,
    *,
    report_id: int | None,
    status_code: int,
    response: dict[str, Any],
) -> None:
    """Store the answer in the caller's transaction: the key and the report commit together."""
    session.add(
        IdempotencyKey(
            scope=scope, key=key, report_id=report_id, status_code=status_code, response=response
        )
    )
