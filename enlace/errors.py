"""One exception tree. The web layer renders each as JSON for the API and as a page for people.

Messages are English msgids; the web layer translates them into the user's language.
"""

from __future__ import annotations

from typing import Any

from enlace.messages import N_


class EnlaceError(Exception):
    """Base of every error Enlace raises on purpose."""

    status_code = 500
    title = N_("Something went wrong")

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class ConfigError(EnlaceError):
    """A setting is missing, unsafe or malformed."""


class DatabaseUnavailableError(EnlaceError):
    """The configured database cannot be reached or opened."""

    status_code = 503
    title = N_("Database unavailable")


class NotFoundError(EnlaceError):
    status_code = 404
    title = N_("Not found")


class PermissionDeniedError(EnlaceError):
    status_code = 403
    title = N_("Not allowed")


class NotAuthenticatedError(EnlaceError):
    status_code = 401
    title = N_("Please sign in")


class ValidationFailedError(EnlaceError):
    """Input failed validation; ``errors`` lists each field and its reason."""

    status_code = 422
    title = N_("Please check the form")

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__(N_("Invalid input"), details={"errors": errors})
        self.errors = errors


class ConflictError(EnlaceError):
    status_code = 409
    title = N_("Conflict")
