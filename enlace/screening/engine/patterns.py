"""Pattern syntax of the catalog and its compilation to regular expressions.

Catalog authors write patterns the way tips are written: words separated by spaces. A space
stands for any run of separators inside one sentence, so "took their passports" also matches
"took, their 'passports'" but never runs across a full stop. ``<g>``, ``<g6>`` and ``<g10>``
allow up to 3, 6 or 10 intervening words.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from enlace.screening.engine.regex_anatomy import anchors, stays_in_segment, word_requirements

# Separators inside one sentence: anything but word characters and sentence punctuation.
SEP = r"[^\w.!?;\n]+"
_WORD = r"[\w'-]+"
_MACROS = {
    "<g>": rf"(?:{_WORD}{SEP}){{0,3}}?",
    "<g6>": rf"(?:{_WORD}{SEP}){{0,6}}?",
    "<g10>": rf"(?:{_WORD}{SEP}){{0,10}}?",
    # An explicit list: a leading \w+ would be tried at every position of the text.
    "<nt>": r"(?:do|does|did|is|are|was|were|have|has|had|wo|would|ca|could|should|must|ai)n'?t",
}


class Found(Protocol):
    """What a compiled set reads its matches from (``word_index.TextIndex``): per rule uid, the
    (start, end) spans its pattern matched in one text."""

    @property
    def found(self) -> Mapping[int, list[tuple[int, int]]]: ...


_THRESHOLD_GROUP = re.compile(r"^(lt|ge)(\d+)")


def expand(pattern: str) -> str:
    """Catalog syntax to plain regex syntax (no boundaries added)."""
    out = pattern
    for macro, regex in _MACROS.items():
        out = out.replace(macro, regex)
    out = out.replace(" ?", f"(?:{SEP})?")
    return out.replace(" ", SEP)


def _bounded(pattern: str) -> str:
    # Whole words only. The left edge is checked after matching (see ``word_index._starts_word``): a
    # leading lookbehind would stop the regex engine from skipping ahead to a literal prefix.
    return rf"(?:{expand(pattern)})(?!\w)"


def _unique_groups(pattern: str, tag: str) -> str:
    # Threshold groups (lt18, ge10...) may repeat across patterns joined in one alternation.
    return re.sub(r"\(\?P<((?:lt|ge)\d+)\w*>", rf"(?P<\1_{tag}>", pattern)


_SPLIT = re.compile(r"(\W+)")
# ASCII characters that are not word characters (``\W``), each made a space.
_ASCII_SEPARATORS = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
)


def split_words(text: str) -> tuple[list[str], Iterable[int]]:
    """The runs of word characters of ``text`` (with empty strings between adjacent
    separators) and where each starts.

    ASCII text, the usual folded tip, is split with ``str`` methods, several times faster
    than a regular expression.
    """
    if text.isascii():
        pieces = text.translate(_ASCII_SEPARATORS).split(" ")
        # Each piece is followed by exactly one separator.
        return pieces, map(
            operator.add,
            itertools.accumulate(map(len, pieces), initial=0),
            itertools.count(),
        )
    parts = _SPLIT.split(text)
    ends = itertools.accumulate(map(len, parts))
    return parts[0::2], itertools.chain((0,), itertools.islice(ends, 1, None, 2))


_RULE_IDS = itertools.count()


@dataclass(frozen=True)
class Rule:
    regex: re.Pattern[str]
    label: str
    required: tuple[str, ...]
    first: tuple[str, ...]
    uid: int = field(default_factory=lambda: next(_RULE_IDS))
    thresholds: bool = False
    #: The bounded regex source, with group names unique to this rule.
    body: str = ""
    #: Word starts the text must contain for a match (see ``word_requirements``).
    words: tuple[frozenset[str], ...] = ()
    #: Whether no match contains a sentence mark (see ``stays_in_segment``).
    bound: bool = False


@dataclass(frozen=True)
class CompiledSet:
    """Patterns compiled one by one; their matches come from a shared index (``Found``)."""

    rules: tuple[Rule, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_labels", {rule.uid: rule.label for rule in self.rules})

    def finditer(self, index: Found) -> list[tuple[int, int, str]]:
        """Matches as (start, end, label), in rule order; thresholds were checked already."""
        labels: dict[int, str] = self._labels  # type: ignore[attr-defined]
        found = index.found
        small, large = (labels, found) if len(labels) < len(found) else (found, labels)
        uids = [uid for uid in small if uid in large]
        if not uids:
            return []
        return [(start, end, labels[uid]) for uid in sorted(uids) for start, end in found[uid]]

    def search(self, index: Found) -> bool:
        labels: dict[int, str] = self._labels  # type: ignore[attr-defined]
        return not labels.keys().isdisjoint(index.found.keys())


def thresholds_hold(match: re.Match[str]) -> bool:
    """A group named lt<N>… must hold a number below N, ge<N>… one of at least N."""
    for name, value in match.groupdict().items():
        if value is None:
            continue
        threshold = _THRESHOLD_GROUP.match(name)
        if threshold is None:
            continue
        number = int(value)
        limit = int(threshold.group(2))
        if threshold.group(1) == "lt" and number >= limit:
            return False
        if threshold.group(1) == "ge" and number < limit:
            return False
    return True


def compile_regex(regex: str, label: str) -> Rule:
    """A rule from a plain regular expression (no catalog syntax, no added boundary)."""
    compiled = re.compile(regex)
    required, first = anchors(regex)
    return Rule(
        compiled,
        label,
        required,
        first,
        thresholds=False,
        body=regex,
        words=word_requirements(regex),
        bound=stays_in_segment(regex),
    )


def compile_set(patterns: list[tuple[str, str]]) -> CompiledSet:
    """Compile (label, pattern) pairs with the anchors that dispatch each one."""
    rules = []
    for label, pattern in patterns:
        uid = next(_RULE_IDS)
        body = _unique_groups(_bounded(pattern), str(uid))
        required, first = anchors(body)
        compiled = re.compile(body)
        has_thresholds = any(_THRESHOLD_GROUP.match(name) for name in compiled.groupindex)
        rules.append(
            Rule(
                compiled,
                label,
                required,
                first,
                uid=uid,
                thresholds=has_thresholds,
                body=body,
                words=word_requirements(body),
                bound=stays_in_segment(body),
            )
        )
    return CompiledSet(tuple(rules))
