"""Playwright driving Debian's chromium; a missing browser skips, or fails when CI requires it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    fallback = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    return os.environ.get("ENLACE_CHROMIUM") or shutil.which("chromium") or fallback


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    path = chromium_path()
    if path is None:
        message = "chromium not installed (apt-get install chromium); browser tests skipped"
        if os.environ.get("ENLACE_REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
