"""Query parameters shared by the report list page and the report API."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from pydantic import BaseModel, Field

from enlace.intake.reading import ReportFilter


class ReportQuery(BaseModel):
    q: str | None = Field(default=None, max_length=200)
    channel: str | None = Field(default=None, max_length=20)
    status: str | None = Field(default=None, max_length=20)
    country: str | None = Field(default=None, max_length=2)
    state: str | None = Field(default=None, max_length=10)
    language: str | None = Field(default=None, max_length=5)
    since: date | None = None
    until: date | None = None
    offset: int = Field(default=0, ge=0)
    limit: int = Field(default=50, ge=1, le=500)

    def to_filter(self) -> ReportFilter:
        def start(day: date | None) -> datetime | None:
            return datetime.combine(day, time.min, tzinfo=UTC) if day else None

        return ReportFilter(
            q=self.q or None,
            channel=self.channel or None,
            status=self.status or None,
            country=self.country or None,
            state=self.state or None,
            language=self.language or None,
            since=start(self.since),
            until=start(self.until),
        )
