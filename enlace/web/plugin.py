"""The web shell's own pages (sign-in and sign-out) as a plug-in, like every area's."""

from __future__ import annotations

from collections.abc import Sequence

from enlace.plugins import Routes, hookimpl


@hookimpl
def enlace_web_routes() -> Sequence[Routes]:
    from enlace.web import session

    return [Routes(session.router)]
