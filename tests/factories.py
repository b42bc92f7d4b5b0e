"""Small builders for test records."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import count

from sqlalchemy.orm import Session

from enlace.extraction.tables import Mention
from enlace.intake.references import new_reference
from enlace.intake.tables import Report, ReportContact

_seq = count(1)


def add_report(
    session: Session,
    narrative: str = "A woman says her employer keeps her passport.",
    *,
    language: str = "en",
    channel: str = "web_form",
    country: str = "US",
    state: str = "US-TX",
    city: str = "Houston",
    status: str = "new",
    contact: dict[str, str] | None = None,
    received_at: datetime | None = None,
) -> Report:
    report = Report(
        reference=new_reference(),
        channel=channel,
        language=language,
        narrative=narrative,
        country=country,
        state=state,
        city=city,
        status=status,
        anonymous=contact is None,
        received_at=received_at or datetime(2026, 5, next(_seq) % 28 + 1, tzinfo=UTC),
    )
    if contact is not None:
        report.contact = ReportContact(**contact)
    session.add(report)
    session.flush()
    return report


def add_mention(session: Session, report: Report, kind: str, text: str, normalized: str) -> Mention:
    start = report.narrative.index(text)
    mention = Mention(
        report_id=report.id,
        kind=kind,
        text=text,
        normalized=normalized,
        start=start,
        end=start + len(text),
        source="test",
    )
    session.add(mention)
    session.flush()
    return mention
