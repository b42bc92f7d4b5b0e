"""Pattern syntax of the catalog and its compilation to regular expressions.

Catalog authors write patterns the way tips are written: words separated by spaces. A space
stands for any run of separators inside one sentence, so "took their passports" also matches
"took, their 'passports'" but never runs across a full stop. ``<g>``, ``<g6>`` and ``<g10>``
allow up to 3, 6 or 10 intervening words.
"""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

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
_THRESHOLD_GROUP = re.compile(r"^(lt|ge)(\d+)")
# The regex parser of the standard library, to find literals every match must contain.
_sre: Any = importlib.import_module("re._parser")
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT))


def expand(pattern: str) -> str:
    """Catalog syntax to plain regex syntax (no boundaries added)."""
    out = pattern
    for macro, regex in _MACROS.items():
        out = out.replace(macro, regex)
    out = out.replace(" ?", f"(?:{SEP})?")
    return out.replace(" ", SEP)


def _bounded(pattern: str) -> str:
    # Whole words only. The left edge is checked after matching (see ``_starts_word``): a
    # leading lookbehind would stop the regex engine from skipping ahead to a literal prefix.
    return rf"(?:{expand(pattern)})(?!\w)"


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


def _unique_groups(pattern: str, tag: str) -> str:
    # Threshold groups (lt18, ge10...) may repeat across patterns joined in one alternation.
    return re.sub(r"\(\?P<((?:lt|ge)\d+)\w*>", rf"(?P<\1_{tag}>", pattern)


def _literal_options(items: Any) -> frozenset[str] | None:
    """Strings of which at least one must occur in any match of a parsed sequence.

    Picks the most selective required element: a literal run, or the union of the literal
    options of every branch of a required alternation. None when nothing is required.
    """
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        close_run()
        options: frozenset[str] | None = None
        if op is _sre.SUBPATTERN:
            options = _literal_options(av[-1])
        elif op is _sre.BRANCH:
            branches = [_literal_options(branch) for branch in av[1]]
            if all(b is not None for b in branches):
                options = frozenset().union(*[b for b in branches if b is not None])
        elif op in _REPEATS and av[0] >= 1:
            options = _literal_options(av[2])
        if options:
            candidates.append(options)
    close_run()
    if not candidates:
        return None
    return max(candidates, key=lambda opts: (min(len(o) for o in opts), -len(opts)))


DIGIT = "#d"  # dispatch key of patterns that start with a digit
WHOLE = "$"  # marks a first literal that is a whole word
WORD_CACHE = 200_000  # distinct words whose rule groups are remembered


def _first_options(items: Any) -> frozenset[str] | None:  # noqa: PLR0911, PLR0912
    """Literal prefixes one of which every match starts with; None when unknown.

    Zero-width assertions at the start are skipped; an optional leading item contributes its
    own prefixes and those of what follows it. ``DIGIT`` stands for any digit. A prefix that
    is a whole word (the pattern goes on with a separator or a word boundary) ends with
    ``WHOLE``.
    """
    if not items:
        return None
    op, av = items[0]
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return _first_options(items[1:])
    if op is _sre.LITERAL:
        run: list[str] = []
        index = 0
        for item_op, item_av in items:
            # Words are dispatched whole: a prefix ends where the word does ("she'd").
            if item_op is not _sre.LITERAL or (run and not _is_word_char(chr(item_av))):
                break
            run.append(chr(item_av))
            index += 1
        literal = "".join(run)
        if all(_is_word_char(c) for c in literal) and _word_ends(items[index:]):
            literal += WHOLE
        return frozenset({literal})
    if op is _sre.IN and av == [(_sre.CATEGORY, _sre.CATEGORY_DIGIT)]:
        return frozenset({DIGIT})
    if op is _sre.SUBPATTERN:
        return _first_options(list(av[-1]) + list(items[1:]))
    if op is _sre.BRANCH:
        branches = [_first_options(list(branch) + list(items[1:])) for branch in av[1]]
        if all(b for b in branches):
            return frozenset().union(*[b for b in branches if b])
        return None
    if op in _REPEATS:
        if av[0] >= 1:
            body = list(av[2])
            return _first_options(body + list(items[1:])) if av[1] == 1 else _first_options(body)
        head = _first_options(list(av[2]) + list(items[1:]))
        rest = _first_options(items[1:])
        if head and rest:
            return head | rest
    return None


def _word_ends(items: Any) -> bool:  # noqa: PLR0911
    """Whether what follows a literal can only start with a non-word character."""
    if not items:
        return False
    op, av = items[0]
    if op is _sre.LITERAL:
        return not _is_word_char(chr(av))
    if op is _sre.AT:
        return bool(av is _sre.AT_BOUNDARY)
    if op is _sre.ASSERT_NOT:
        return bool(
            av[0] == 1 and list(av[1]) == [(_sre.IN, [(_sre.CATEGORY, _sre.CATEGORY_WORD)])]
        )
    if op is _sre.IN:
        return bool(
            av and av[0] == (_sre.NEGATE, None) and (_sre.CATEGORY, _sre.CATEGORY_WORD) in av
        )
    if op is _sre.SUBPATTERN:
        return _word_ends(list(av[-1]) + list(items[1:]))
    if op is _sre.BRANCH:
        return all(_word_ends(list(branch) + list(items[1:])) for branch in av[1])
    if op in _REPEATS and av[0] >= 1:
        return _word_ends(list(av[2]))
    return False


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _nullable(items: Any) -> bool:
    """Whether a parsed sequence can match the empty string (conservatively False)."""
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op in _REPEATS and av[0] == 0:
            continue
        if op is _sre.SUBPATTERN and _nullable(av[-1]):
            continue
        if op is _sre.BRANCH and any(_nullable(branch) for branch in av[1]):
            continue
        return False
    return True


def anchors(regex: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(required literals, possible first literals) of a regex; empty when unknown."""
    parsed = _sre.parse(regex)
    required = _literal_options(parsed)
    first = _first_options(list(parsed))
    # Dispatch needs word-initial prefixes of two characters or more to be selective.
    if first and not all(
        f == DIGIT or (f[:1].isalnum() and len(f.rstrip(WHOLE)) >= 2) for f in first
    ):
        first = None
    return (
        tuple(sorted(required)) if required else (),
        tuple(sorted(first)) if first else (),
    )


_SPLIT = re.compile(r"(\W+)")
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


Span = tuple[int, int]


class Group:
    """Rules that share a dispatch key, tried together as one alternation.

    At a word start the alternation finds the first rule that matches there; the rules after
    it are then tried with the alternation of the rest, so every rule that matches at the
    position is found with one regex call per match (plus one that fails).
    """

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self._tails: dict[int, tuple[re.Pattern[str], dict[int, int]]] = {}

    def tail(self, first: int) -> tuple[re.Pattern[str], dict[int, int]]:
        """The alternation of ``rules[first:]`` and, per outer group number, its rule."""
        cached = self._tails.get(first)
        if cached is not None:
            return cached
        pieces = []
        which: dict[int, int] = {}
        number = 1
        for offset, rule in enumerate(self.rules[first:]):
            which[number] = first + offset
            pieces.append(f"({rule.body})")
            number += 1 + rule.regex.groups
        compiled = (re.compile("|".join(pieces)), which)
        self._tails[first] = compiled
        return compiled

    def match_at(self, text: str, start: int, found: dict[int, list[Span]]) -> None:
        rules = self.rules
        count = len(rules)
        first = 0
        tails = self._tails
        while first < count:
            cached = tails.get(first)
            regex, which = cached if cached is not None else self.tail(first)
            match = regex.match(text, start)
            if match is None:
                return
            index = which[match.lastindex or 1]
            rule = rules[index]
            if not rule.thresholds or thresholds_hold(match):
                span = match.span()
                spans = found.get(rule.uid)
                if spans is None:
                    found[rule.uid] = [span]
                else:
                    spans.append(span)
            first = index + 1


class Dispatch:
    """Which rules may start at a word, keyed by the literal prefix they start with.

    Rules whose first literal is unknown are tried over the whole text, and only when one
    of the literals every match must contain occurs in it.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        exact: dict[str, list[Rule]] = {}
        table: dict[str, list[Rule]] = {}
        scan: list[Rule] = []
        seen: set[int] = set()
        for rule in rules:
            if rule.uid in seen:
                continue
            seen.add(rule.uid)
            if not rule.first:
                scan.append(rule)
                continue
            for prefix in rule.first:
                if prefix.endswith(WHOLE):
                    exact.setdefault(prefix[: -len(WHOLE)], []).append(rule)
                else:
                    table.setdefault(prefix, []).append(rule)
        #: Rules keyed by the whole word they start with.
        self.exact: dict[str, Group] = {k: Group(tuple(v)) for k, v in exact.items()}
        #: Rules keyed by a literal prefix of the word they start with.
        self.table: dict[str, Group] = {k: Group(tuple(v)) for k, v in table.items() if k != DIGIT}
        buckets: dict[str, set[int]] = {}
        for key in self.table:
            buckets.setdefault(key[:2], set()).add(len(key))
        #: Prefix lengths to look up, by the first two letters of a word.
        self.buckets: dict[str, tuple[int, ...]] = {k: tuple(sorted(v)) for k, v in buckets.items()}
        #: Rules that start with a digit.
        self.digit: Group | None = Group(tuple(table[DIGIT])) if DIGIT in table else None
        self.scan: tuple[Rule, ...] = tuple(scan)
        self._words: dict[str, tuple[Group, ...]] = {}

    def groups_of(self, word: str) -> tuple[Group, ...]:
        """The rule groups that may start at ``word``, remembered across texts."""
        cached = self._words.get(word)
        if cached is not None:
            return cached
        groups: list[Group] = []
        if word:
            whole = self.exact.get(word)
            if whole is not None:
                groups.append(whole)
            size = len(word)
            for length in self.buckets.get(word[:2], ()):
                if length > size:
                    break
                group = self.table.get(word[:length])
                if group is not None:
                    groups.append(group)
            if self.digit is not None and word[0].isdigit():
                groups.append(self.digit)
        if len(self._words) >= WORD_CACHE:
            self._words.clear()
        found = self._words[word] = tuple(groups)
        return found


class TextIndex:
    """One folded text matched against every rule of a dispatch, in one pass over its words.

    The text is split into words once; each distinct word is looked up once as a whole word
    and once per prefix length that rules starting with its first two letters use, and a
    rule is tried only at the starts of the words that begin with one of its literal
    prefixes. ``found`` maps a rule's uid to its non-overlapping match spans, leftmost
    first; ``words`` are the text's words in order and ``positions`` the starts of every
    word that some rule may start at.
    """

    def __init__(self, text: str, dispatch: Dispatch | None = None) -> None:  # noqa: PLR0912
        self.text = text
        found: dict[int, list[Span]] = {}
        self.found = found
        parts = _SPLIT.split(text)
        words = parts[0::2]
        self.words = words
        self.positions: dict[str, list[int]] = {}
        if dispatch is None:
            return
        groups_of = dispatch.groups_of
        triggered: dict[str, tuple[Group, ...]] = {}
        for word in set(words):
            groups = groups_of(word)
            if groups:
                triggered[word] = groups
        positions = self.positions
        if triggered:
            ends = list(itertools.accumulate(map(len, parts)))
            for word, start in zip(words, [0, *ends[1::2]], strict=False):
                if word in triggered:
                    starts = positions.get(word)
                    if starts is None:
                        positions[word] = [start]
                    else:
                        starts.append(start)
        for word, groups in triggered.items():
            starts = positions[word]
            for group in groups:
                for start in starts:
                    group.match_at(text, start, found)
        for rule in dispatch.scan:
            if not _contains_any(text, rule.required):
                continue
            spans = [
                m.span()
                for m in rule.regex.finditer(text)
                if _starts_word(text, m.start()) and (not rule.thresholds or thresholds_hold(m))
            ]
            if spans:
                found[rule.uid] = spans
        for uid, spans in found.items():
            if len(spans) > 1:
                found[uid] = _leftmost(spans)

    def matches(self, rule: Rule) -> list[Span]:
        return self.found.get(rule.uid, [])


def _contains_any(text: str, options: tuple[str, ...]) -> bool:
    if not options:
        return True
    return any(option in text for option in options)


def _leftmost(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, leftmost first, as a left-to-right scan would find them."""
    spans.sort()
    out = []
    end = -1
    for span in spans:
        if span[0] >= end:
            out.append(span)
            end = span[1]
    return out


@dataclass(frozen=True)
class CompiledSet:
    """Patterns compiled one by one; their matches come from a shared ``TextIndex``."""

    rules: tuple[Rule, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_labels", {rule.uid: rule.label for rule in self.rules})

    def finditer(self, index: TextIndex) -> list[tuple[int, int, str]]:
        """Matches as (start, end, label), in rule order; thresholds were checked already."""
        labels: dict[int, str] = self._labels  # type: ignore[attr-defined]
        found = index.found
        uids = labels.keys() & found.keys()
        if not uids:
            return []
        return [(start, end, labels[uid]) for uid in sorted(uids) for start, end in found[uid]]

    def search(self, index: TextIndex) -> bool:
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
    return Rule(compiled, label, required, first, thresholds=False, body=regex)


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
            Rule(compiled, label, required, first, uid=uid, thresholds=has_thresholds, body=body)
        )
    return CompiledSet(tuple(rules))
