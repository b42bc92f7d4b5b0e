"""Chat/SMS messages: one conversation threads into one report; retries change nothing."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from enlace.errors import ValidationFailedError
from enlace.intake import attachments
from enlace.intake.reports import create_report, extend_report
from enlace.intake.tables import Channel, Conversation, Gateway, Report
from enlace.intake.validation import Contact, Submission, validate
from enlace.messages import N_
from enlace.security.files import FileStore
from enlace.store.base import utcnow


@dataclass
class IncomingFile:
    data_base64: str
    filename: str | None = None


@dataclass
class Message:
    conversation_id: str
    sender_id: str
    text: str
    language: str
    timestamp: datetime | None = None
    message_id: str | None = None
    files: list[IncomingFile] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    reference: str
    conversation_id: str
    created: bool


def _decode(files: list[IncomingFile], max_bytes: int) -> list[tuple[str | None, bytes]]:
    decoded = []
    for i, item in enumerate(files):
        try:
            data = base64.b64decode(item.data_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationFailedError(
                [{"field": f"attachments.{i}.data", "reason": N_("Must be base64 data")}]
            ) from None
        attachments.check(data, max_bytes=max_bytes)
        decoded.append((item.filename, data))
    return decoded


def receive(
    session: Session,
    gateway: Gateway,
    msg: Message,
    *,
    file_store: FileStore,
    max_narrative: int,
    max_attachment_bytes: int,
) -> Outcome:
    """Thread the message into its conversation's report (created on the first message)."""
    files = _decode(msg.files, max_attachment_bytes)
    thread = session.scalar(
        select(Conversation).where(
            Conversation.gateway_id == gateway.id,
            Conversation.conversation_id == msg.conversation_id,
        )
    )
    if thread is None:
        channel = Channel.SMS.value if gateway.channel == "sms" else Channel.CHAT.value
        is_phone = gateway.channel == "sms"
        contact = Contact(
            phone=msg.sender_id if is_phone else None,
            name=None if is_phone else f"{gateway.name}: {msg.sender_id}"[:200],
        )
        sub = Submission(
            narrative=msg.text,
            language=msg.language,
            anonymous=False,
            contact=contact,
            details={"gateway": gateway.name, "conversation_id": msg.conversation_id},
        )
        # The sender id is an address on the gateway, not always a dialable number.
        validate(Submission(narrative=msg.text, language=msg.language), max_narrative=max_narrative)
        report = create_report(session, sub, channel=channel, gateway_id=gateway.id)
        thread = Conversation(
            gateway_id=gateway.id,
            conversation_id=msg.conversation_id,
            report_id=report.id,
            messages=0,
        )
        session.add(thread)
        created = True
    else:
        report = session.get_one(Report, thread.report_id)
        text = msg.text.strip()
        if not text and not files:
            raise ValidationFailedError([{"field": "text", "reason": N_("This field is required")}])
        if len(report.narrative) + len(text) > max_narrative * 4:
            raise ValidationFailedError([{"field": "text", "reason": N_("This is too long")}])
        if text:
            extend_report(session, report, text, "message", report.language)
        created = False
    thread.messages += 1
    thread.updated_at = utcnow()
    session.flush()
    for filename, data in files:
        attachments.store(
            session, file_store, report.id, filename, data, max_bytes=max_attachment_bytes
        )
    return Outcome(reference=report.reference, conversation_id=msg.conversation_id, created=created)
