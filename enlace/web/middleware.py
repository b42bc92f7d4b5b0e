"""Per-request language, the CSRF cookie, and protective response headers.

A plain ASGI middleware rather than ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware
runs every request through an extra task and memory streams, which cost more CPU than the whole
public intake route.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from enlace.security.tokens import new_token
from enlace.web import i18n
from enlace.web.deps import CSRF_COOKIE
from enlace.web.state import AppState

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'"
    ),
}


def _csrf_cookie(value: str, secure: bool) -> str:
    # As Response.set_cookie(httponly=True, samesite="lax") writes it; the token needs no quoting.
    return f"{CSRF_COOKIE}={value}; HttpOnly; Path=/; SameSite=lax" + ("; Secure" if secure else "")


class PerRequest:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state: AppState = scope["app"].state.enlace
        headers = Headers(scope=scope)
        cookies = cookie_parser(headers.get("cookie", ""))
        language = i18n.negotiate(
            cookie=cookies.get(i18n.LANG_COOKIE),
            user_language=None,
            accept_language=headers.get("accept-language"),
            default=state.settings.default_language,
        )
        new_csrf: str | None = None
        if CSRF_COOKIE not in cookies and not scope["path"].startswith("/static"):
            new_csrf = new_token()
            scope.setdefault("state", {})["new_csrf_cookie"] = new_csrf  # read as request.state

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                if new_csrf is not None:
                    out.append("set-cookie", _csrf_cookie(new_csrf, scope["scheme"] == "https"))
                for name, value in SECURITY_HEADERS.items():
                    out.setdefault(name, value)
                out.setdefault("Content-Language", language)
            await send(message)

        lang_token = i18n.current_language.set(language)
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            i18n.current_language.reset(lang_token)
