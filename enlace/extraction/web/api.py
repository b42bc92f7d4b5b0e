"""``POST /api/v1/extract``: the entities of one text, for staff tools and partner systems."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from enlace.extraction.engine import extract
from enlace.web.deps import CsrfChecked, CurrentUser

router = APIRouter(prefix="/api/v1")
MAX_TEXT = 200_000


class ExtractRequest(BaseModel):
    text: str = Field(max_length=MAX_TEXT)
    lang: Literal["en", "es", "mixed"] | None = None
    date: dt.date | None = Field(default=None, description="Report date, anchors 'last Tuesday'.")


class ExtractResponse(BaseModel):
    lang: str
    entities: list[dict[str, Any]]


@router.post("/extract", tags=["analysis"], dependencies=[CsrfChecked])
def extract_text(body: ExtractRequest, _user: CurrentUser) -> ExtractResponse:
    result = extract(body.text, lang=body.lang, reference_date=body.date)
    return ExtractResponse(lang=result.lang, entities=[e.to_json() for e in result.entities])
