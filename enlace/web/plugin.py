"""The web shell's own pages and API (sign-in, tokens, health) as a plug-in, like every area's."""

from __future__ import annotations

from collections.abc import Sequence

from enlace.plugins import Routes, hookimpl


@hookimpl
def enlace_web_routes() -> Sequence[Routes]:
    from enlace.web import api, session

    return [Routes(api.router), Routes(session.router)]
