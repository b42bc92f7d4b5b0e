"""Gateways (chat/SMS) and trained reporters' organisation links, each with its own token.

The token is shown once when created; only its SHA-256 digest is stored.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from enlace.errors import ConflictError, NotAuthenticatedError, ValidationFailedError
from enlace.intake.tables import Gateway
from enlace.messages import N_
from enlace.security.tokens import new_token, token_digest
from enlace.store.base import utcnow

GATEWAY_CHANNELS = ("sms", "chat")
LINK_CHANNEL = "quick_report"


def create_gateway(session: Session, name: str, channel: str) -> tuple[Gateway, str]:
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationFailedError([{"field": "name", "reason": N_("This value is not valid")}])
    if channel not in (*GATEWAY_CHANNELS, LINK_CHANNEL):
        raise ValidationFailedError(
            [{"field": "channel", "reason": N_("Not one of the allowed values")}]
        )
    if session.scalar(select(Gateway.id).where(Gateway.name == name)) is not None:
        raise ConflictError(N_("A gateway with this name already exists"))
    token = new_token()
    gateway = Gateway(name=name, channel=channel, token_digest=token_digest(token))
    session.add(gateway)
    session.flush()
    return gateway, token


def list_gateways(session: Session) -> list[Gateway]:
    return list(session.scalars(select(Gateway).order_by(Gateway.name)))


def set_active(session: Session, name: str, active: bool) -> Gateway:
    gateway = session.scalar(select(Gateway).where(Gateway.name == name))
    if gateway is None:
        raise ValidationFailedError([{"field": "name", "reason": N_("No such gateway")}])
    gateway.active = active
    return gateway


def by_token(session: Session, token: str | None, channels: tuple[str, ...]) -> Gateway | None:
    if not token:
        return None
    gateway = session.scalar(select(Gateway).where(Gateway.token_digest == token_digest(token)))
    if gateway is None or not gateway.active or gateway.channel not in channels:
        return None
    return gateway


def authenticate(session: Session, authorization: str | None) -> Gateway:
    """The active chat/SMS gateway named by an ``Authorization: Bearer`` header, or 401."""
    token = None
    if authorization and authorization.lower().startswith("bearer "):
        token = authorization[7:].strip()
    gateway = by_token(session, token, GATEWAY_CHANNELS)
    if gateway is None:
        raise NotAuthenticatedError(N_("Unknown or disabled gateway token"))
    gateway.last_used_at = utcnow()
    return gateway
