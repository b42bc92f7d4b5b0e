"""Every visible string exists in Spanish, and the language follows the user's choice."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from fastapi.testclient import TestClient

from enlace.web import i18n

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}


def extracted_messages() -> set[str]:
    method_map = [("enlace/**.py", "python"), ("enlace/**/templates/**.html", "jinja2")]
    options = {"enlace/**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, options_map=options, keywords=KEYWORDS
    ):
        found.update([message] if isinstance(message, str) else [m for m in message if m])
    return found


def test_every_visible_string_has_a_spanish_translation() -> None:
    messages = extracted_messages()
    assert len(messages) > 50
    missing = sorted(m for m in messages if m not in i18n.catalog("es"))
    assert not missing, f"untranslated (run `make messages` and translate): {missing}"


def test_browser_language_picks_spanish(app_client: TestClient) -> None:
    page = app_client.get("/", headers={"Accept-Language": "es-MX,es;q=0.8,en;q=0.5"})
    assert '<html lang="es">' in page.text
    assert "Juntos contra la trata de personas" in page.text


def test_switching_language_sticks_across_pages(app_client: TestClient) -> None:
    app_client.get("/lang/es?next=/login")
    page = app_client.get("/login", headers={"Accept-Language": "en-US"})
    assert "Iniciar sesión" in page.text
    app_client.get("/lang/en?next=/login")
    assert "Sign in" in app_client.get("/login").text


def test_unknown_language_and_foreign_next_are_ignored(app_client: TestClient) -> None:
    response = app_client.get("/lang/xx?next=//evil.example", follow_redirects=False)
    assert response.headers["location"] == "/"
    assert i18n.LANG_COOKIE not in response.cookies


def test_negotiation_order() -> None:
    assert (
        i18n.negotiate(cookie="es", user_language="en", accept_language="en", default="en") == "es"
    )
    assert (
        i18n.negotiate(cookie=None, user_language="es", accept_language="en", default="en") == "es"
    )
    assert (
        i18n.negotiate(
            cookie=None, user_language=None, accept_language="fr, es;q=0.5", default="en"
        )
        == "es"
    )
    assert (
        i18n.negotiate(cookie=None, user_language=None, accept_language="de", default="es") == "es"
    )
