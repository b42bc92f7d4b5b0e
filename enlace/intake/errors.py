"""Intake's own refusals, rendered (translated) by the one web error path like every EnlaceError."""

from __future__ import annotations

from enlace.errors import EnlaceError
from enlace.messages import N_


class PayloadTooLargeError(EnlaceError):
    status_code = 413
    title = N_("Too large")


class RateLimitedError(EnlaceError):
    status_code = 429
    title = N_("Too many submissions")


class UnsupportedFileError(EnlaceError):
    status_code = 415
    title = N_("File type not accepted")
