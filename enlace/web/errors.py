"""One error path: JSON for the API, a page for people, always in the user's language."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from enlace.errors import EnlaceError, NotAuthenticatedError, ValidationFailedError
from enlace.messages import N_
from enlace.web.i18n import gettext as _
from enlace.web.i18n import translate
from enlace.web.rendering import render

# Reasons for pydantic's error types, as msgids so they are translated.
VALIDATION_REASONS = {
    "missing": N_("This field is required"),
    "string_too_short": N_("This is too short"),
    "string_too_long": N_("This is too long"),
    "string_type": N_("Must be text"),
    "int_parsing": N_("Must be a whole number"),
    "float_parsing": N_("Must be a number"),
    "bool_parsing": N_("Must be true or false"),
    "literal_error": N_("Not one of the allowed values"),
    "enum": N_("Not one of the allowed values"),
    "datetime_parsing": N_("Must be a date and time"),
    "datetime_from_date_parsing": N_("Must be a date and time"),
    "date_from_datetime_parsing": N_("Must be a date"),
    "json_invalid": N_("The request body is not valid JSON"),
    "model_attributes_type": N_("Must be an object"),
    "dict_type": N_("Must be an object"),
    "value_error": N_("This value is not valid"),
    "greater_than_equal": N_("This value is too small"),
    "less_than_equal": N_("This value is too large"),
}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_body(status: int, title: str, message: str, details: dict[str, Any]) -> dict[str, Any]:
    return {"error": {"status": status, "title": _(title), "message": _(message), **details}}


def _translated_errors(errors: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{"field": e["field"], "reason": translate(e["reason"])} for e in errors]


async def enlace_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, EnlaceError)
    if isinstance(exc, NotAuthenticatedError) and not _is_api(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    details = dict(exc.details)
    if isinstance(exc, ValidationFailedError):
        details["errors"] = _translated_errors(exc.errors)
    if _is_api(request):
        return JSONResponse(
            _error_body(exc.status_code, exc.title, exc.message, details), exc.status_code
        )
    return render(
        request,
        "error.html",
        {
            "status": exc.status_code,
            "title": _(exc.title),
            "message": _(exc.message),
            "errors": details.get("errors", []),
        },
        status_code=exc.status_code,
    )


async def request_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ()) if part not in ("body", "query", "path")]
        reason = VALIDATION_REASONS.get(str(err.get("type")), N_("This value is not valid"))
        errors.append({"field": ".".join(loc) or "body", "reason": _(reason)})
    body = _error_body(422, N_("Please check the form"), N_("Invalid input"), {"errors": errors})
    if _is_api(request):
        return JSONResponse(body, 422)
    return render(
        request,
        "error.html",
        {
            "status": 422,
            "title": body["error"]["title"],
            "message": body["error"]["message"],
            "errors": errors,
        },
        status_code=422,
    )


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    title = {404: N_("Not found"), 405: N_("Method not allowed")}.get(exc.status_code, N_("Error"))
    message = {404: N_("There is nothing at this address")}.get(exc.status_code, str(exc.detail))
    if _is_api(request):
        return JSONResponse(_error_body(exc.status_code, title, message, {}), exc.status_code)
    return render(
        request,
        "error.html",
        {"status": exc.status_code, "title": _(title), "message": _(message), "errors": []},
        status_code=exc.status_code,
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(EnlaceError, enlace_error)
    app.add_exception_handler(RequestValidationError, request_validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
