"""Registering a plug-in for one test, the way a third-party area would register."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from enlace.plugins import Step, hookimpl, manager


@contextmanager
def plugged(plugin: object) -> Iterator[None]:
    pm = manager()
    pm.register(plugin)
    try:
        yield
    finally:
        pm.unregister(plugin)


class ExtraSteps:
    """Processing steps added after the standard ones."""

    def __init__(self, *found: Step) -> None:
        self.steps = list(found)

    @hookimpl
    def enlace_processing_steps(self) -> Sequence[Step]:
        return self.steps


class Analyzer:
    """A live analysis that replaces the standard one (the last registered answer wins)."""

    def __init__(self, func: Callable[[str, str], dict[str, Any]]) -> None:
        self.func = func

    @hookimpl
    def enlace_live_analysis(self, text: str, lang: str) -> dict[str, Any]:
        return self.func(text, lang)
