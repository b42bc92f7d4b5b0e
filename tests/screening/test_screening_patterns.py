"""The matching shortcuts (dispatch by word, required words, fast splitting) find exactly
what trying every rule at every word start finds."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest
import yaml

from enlace.screening.engine.catalog import load_catalog
from enlace.screening.engine.context import _CLAUSE_END, clause_ends
from enlace.screening.engine.folding import fold_text
from enlace.screening.engine.matcher import matcher_for
from enlace.screening.engine.patterns import (
    _SPLIT,
    Rule,
    anchors,
    split_words,
    thresholds_hold,
    word_requirements,
)
from enlace.screening.engine.word_dispatch import Dispatch, starts_word
from enlace.screening.engine.word_index import TextIndex, _leftmost

EVAL = Path(__file__).resolve().parents[2] / "eval" / "screen"


def _narratives() -> list[str]:
    texts: list[str] = []
    for name in ("narratives_en.yaml", "narratives_es.yaml", "heldout_realistic.yaml"):
        items = yaml.safe_load((EVAL / name).read_text(encoding="utf-8"))
        texts.extend(item["text"] for item in items)
    return texts


def _every_word_start(text: str, rules: list[Rule]) -> dict[int, list[tuple[int, int]]]:
    """Each rule tried at every word start, with no dispatch and no filter."""
    starts = [m.start() for m in re.finditer(r"\w+", text)]
    found: dict[int, list[tuple[int, int]]] = {}
    for rule in rules:
        spans = []
        for start in starts:
            match = rule.regex.match(text, start)
            if match is not None and (not rule.thresholds or thresholds_hold(match)):
                spans.append(match.span())
        if spans:
            found[rule.uid] = _leftmost(spans)
    return found


def _scanned(text: str, rule: Rule) -> list[tuple[int, int]]:
    return [
        m.span()
        for m in rule.regex.finditer(text)
        if starts_word(text, m.start()) and (not rule.thresholds or thresholds_hold(m))
    ]


def test_index_finds_what_every_rule_finds_at_every_word_start() -> None:
    dispatch = matcher_for(load_catalog()).dispatch
    groups = dispatch.all_groups()
    dispatched = list({rule.uid: rule for g in groups for rule in g.rules}.values())
    texts = random.Random(7).sample(_narratives(), 24)
    texts.append(" ".join(texts[:8]))  # long enough for many rules to share a text
    for original in texts:
        text = fold_text(original).folded
        index = TextIndex(text, dispatch)
        expected = _every_word_start(text, dispatched)
        for rule in dispatch.scan:
            spans = _scanned(text, rule)
            if spans:
                expected[rule.uid] = _leftmost(spans)
        assert index.found == expected, original


def test_rule_left_out_only_when_a_required_word_is_missing() -> None:
    rule_re = r"(?:(?:boss|he)[^\w.!?;\n]+feeds?[^\w.!?;\n]+(?:me|him)\b)(?!\w)"
    assert word_requirements(rule_re) == (
        frozenset({"boss$", "he$"}),
        frozenset({"feed$", "feeds$"}),
        frozenset({"me$", "him$"}),
    )
    rule = Rule(re.compile(rule_re), "", (), (), words=word_requirements(rule_re))
    dispatch = Dispatch([rule])
    assert TextIndex("the boss feeds him", dispatch).found == {rule.uid: [(4, 18)]}
    assert TextIndex("the boss pays him", dispatch).found == {}


def test_dispatch_follows_alternatives_to_whole_words() -> None:
    # Dispatched on the words themselves, not on every word that starts with "ow" or "un".
    assert anchors(r"(?:owe|owes|owed)\b")[1] == ("owe$", "owed$", "owes$")
    assert anchors(r"(?:unpaid|un[^\w.!?;\n]+paid)\b")[1] == ("un$", "unpaid$")
    assert anchors(r"muchach[oa]s?\b")[1] == (
        "muchacha$",
        "muchachas$",
        "muchacho$",
        "muchachos$",
    )
    # A prefix that already covers a longer option dispatches alone.
    assert anchors(r"(?:he|hers)\w*")[1] == ("he",)


@pytest.mark.parametrize("alphabet", ["ab_9 .,'-!\n\t?;:()[]", "ab_9 .,'-!\n\tñé😀٣"])
def test_split_words_agrees_with_the_regex_split(alphabet: str) -> None:
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        words, starts = split_words(text)
        got = [(w, s) for w, s in zip(words, starts, strict=False) if w]
        parts = _SPLIT.split(text)
        ends = [0, *list(itertools.accumulate(map(len, parts)))[1::2]]
        assert got == [(w, s) for w, s in zip(parts[0::2], ends, strict=True) if w], text


def test_clause_ends_as_the_plain_alternation() -> None:
    plain = re.compile(
        r"[.!?\n,;:()\[\]]+|\s(?:but|pero|sino|although|though|aunque|however|sin embargo|"
        r"except that|only that|solo que|and|y|then|luego|because|porque)\s"
    )
    rng = random.Random(5)
    pieces = ["but", "pero", "and", "y", " ", "\n", ".", ",", "x", "sin embargo", "\t", "(", "so"]
    pieces += ["sino", "though", "although", "sin", "\n\n", " y\n", "luego", ")."]
    spaced = [piece for piece in pieces if piece != "\t"]  # clause_ends' str.find path
    for index in range(10000):
        alphabet = pieces if index % 2 else spaced
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert [m.span() for m in _CLAUSE_END.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text
        assert clause_ends(text) == {m.end() for m in plain.finditer(text)}, text


def test_folding_with_replacements_keeps_offsets() -> None:
    text = "Año: la niña (¿15?) – “ahorita”"
    folded = fold_text(text)
    assert folded.folded == 'ano: la nina ( 15?) - "ahorita"'
    assert len(folded.folded) == len(text)
