"""What the case pages share: reading forms, dates, labels and the field cipher.

No router here: this module only serves ``pages``, ``referrals`` and ``api`` beside it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData, UploadFile

from enlace.cases.codes import CASE_LABELS
from enlace.errors import ValidationFailedError
from enlace.messages import N_
from enlace.security.crypto import FieldCipher, cipher_for
from enlace.web.deps import app_state
from enlace.web.i18n import gettext
from enlace.web.rendering import render


def case_label(code: object) -> str:
    text = "" if code is None else str(code)
    return gettext(CASE_LABELS.get(text, text))


def page(request: Request, template: str, context: dict[str, Any]) -> HTMLResponse:
    return render(request, template, {"clabel": case_label, **context})


def cipher(request: Request) -> FieldCipher:
    return cipher_for(app_state(request).settings)


def back(url: str) -> RedirectResponse:
    """After a form post, show the page again (post/redirect/get)."""
    return RedirectResponse(url, status_code=303)


class Form:
    """Typed access to a submitted form."""

    def __init__(self, data: FormData) -> None:
        self.data = data

    def text(self, name: str, default: str = "") -> str:
        value = self.data.get(name)
        return value.strip() if isinstance(value, str) else default

    def optional(self, name: str) -> str | None:
        return self.text(name) or None

    def many(self, name: str) -> list[str]:
        values = [v.strip() for v in self.data.getlist(name) if isinstance(v, str)]
        split = [part.strip() for v in values for part in v.split(",")]
        return [v for v in split if v]

    def integer(self, name: str) -> int | None:
        raw = self.text(name)
        if not raw:
            return None
        try:
            return int(raw)
        except ValueError:
            raise ValidationFailedError(
                [{"field": name, "reason": N_("Must be a whole number")}]
            ) from None

    def day(self, name: str) -> date | None:
        raw = self.text(name)
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise ValidationFailedError([{"field": name, "reason": N_("Must be a date")}]) from None

    def flag(self, name: str) -> bool:
        return self.text(name) in ("1", "on", "true", "yes")

    def upload(self, name: str) -> UploadFile | None:
        value = self.data.get(name)
        return value if isinstance(value, UploadFile) else None


async def read_form(request: Request) -> Form:
    return Form(await request.form())
