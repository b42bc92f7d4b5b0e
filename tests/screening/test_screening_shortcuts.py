"""The faster ways of finding stretches, clock ranges and context tokens agree with the plain
regular expressions they replace."""

from __future__ import annotations

import random

from enlace.screening.engine.context import _NOT_TOKEN, _TOKEN
from enlace.screening.engine.hours import _RANGE, _ranges
from enlace.screening.engine.regex_anatomy import stays_in_segment, stretch_blind, word_requirements


def test_stretch_analysis_of_regexes() -> None:
    sep = r"[^\w.!?;\n]+"
    assert stays_in_segment(rf"a{sep}b")
    assert not stays_in_segment(r"a\sb")  # \s matches a newline
    assert not stays_in_segment(r"a.b")
    assert not stays_in_segment(r"a[^.!?\n]*b")  # may cross a semicolon
    assert stretch_blind(rf"(?:a{sep}golpes)(?!\w)")
    assert stretch_blind(r"\bfoo\b")
    assert not stretch_blind(r"a(?=b)")
    assert not stretch_blind(r"a$")


def test_an_alternative_requires_its_rarest_word() -> None:
    sep = r"[^\w.!?;\n]+"
    regex = rf"(?:a|b){sep}(?:immigration|ice|la{sep}migra|police)\b"
    assert frozenset({"immigration", "ice", "migra", "police"}) in word_requirements(regex)


def test_ranges_as_the_regex_finds_them() -> None:
    rng = random.Random(1)
    pieces = [
        "de ", "la ", "las ", "from ", "between ", "desde ", "5", "12", "7am", " ", "-", "a",
        "to ", "noon", "midnight", "la medianoche", "el mediodia", "pm", " a.m.", "x",
        "de la noche", "hasta ", "\n", ".", "3:30", "anos", "2",
    ]  # fmt: skip
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert [m.span() for m in _ranges(text)] == [m.span() for m in _RANGE.finditer(text)]


def test_ascii_tokens_as_the_regex_finds_them() -> None:
    rng = random.Random(2)
    alphabet = [chr(c) for c in range(128)] + ["a", "b", " ", "'"] * 20
    for _ in range(20000):
        window = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert window.translate(_NOT_TOKEN).split() == _TOKEN.findall(window)
