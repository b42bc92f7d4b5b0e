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
from collections.abc import Iterable
from dataclasses import dataclass, field

from enlace.screen.regex_anatomy import DIGIT, WHOLE, anchors, word_requirements

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


WORD_CACHE = 200_000  # distinct words whose rule groups are remembered


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


Span = tuple[int, int]


SUBSET_CACHE = 256  # word masks whose matching rules each group remembers


class Picked:
    """A few rules of a group, each tried with its own regex (nothing to compile)."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules

    def match_all(self, text: str, starts: Iterable[int], found: dict[int, list[Span]]) -> None:
        for rule in self.rules:
            match = rule.regex.match
            spans: list[Span] = []
            for start in starts:
                hit = match(text, start)
                if hit is not None and (not rule.thresholds or thresholds_hold(hit)):
                    spans.append(hit.span())
            if spans:
                found.setdefault(rule.uid, []).extend(spans)


class Group:
    """Rules that share a dispatch key, tried together as one alternation.

    At a word start the alternation finds the first rule that matches there; the rules after
    it are then tried with the alternation of the rest, so every rule that matches at the
    position is found with one regex call per match (plus one that fails).
    """

    def __init__(self, rules: tuple[Rule, ...], needs: tuple[tuple[int, ...], ...] = ()) -> None:
        self.rules = rules
        self._tails: dict[int, tuple[re.Pattern[str], dict[int, int]]] = {}
        #: Per rule, the word masks a text must meet (one bit of each) for it to match.
        self.needs = needs or tuple(() for _ in rules)
        self._relevant = 0
        for masks in self.needs:
            for mask in masks:
                self._relevant |= mask
        self._picked: dict[int, Group | Picked | None] = {}

    def for_text(self, words: int) -> Group | Picked | None:
        """What to try in a text whose words set the bits of ``words``.

        Rules whose required words are missing can never match there. When at most half
        of the rules can, they are tried one by one rather than in the alternation of all;
        None when no rule can match.
        """
        if not self._relevant:
            return self
        key = words & self._relevant
        if key in self._picked:
            return self._picked[key]
        keep = tuple(
            rule
            for rule, masks in zip(self.rules, self.needs, strict=True)
            if all(words & mask for mask in masks)
        )
        picked: Group | Picked | None = None
        if keep:
            picked = Picked(keep) if 2 * len(keep) <= len(self.rules) else self
        if len(self._picked) < SUBSET_CACHE:
            self._picked[key] = picked
        return picked

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
        self.match_all(text, (start,), found)

    def match_all(self, text: str, starts: Iterable[int], found: dict[int, list[Span]]) -> None:
        """Record in ``found`` every rule that matches at any of ``starts``."""
        head = self._tails.get(0)
        regex, which = head if head is not None else self.tail(0)
        match = regex.match
        for start in starts:
            found_here = match(text, start)
            if found_here is not None:
                self._record(text, start, found_here, which, found)

    def _record(
        self,
        text: str,
        start: int,
        match: re.Match[str],
        which: dict[int, int],
        found: dict[int, list[Span]],
    ) -> None:
        rules = self.rules
        count = len(rules)
        while True:
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
            if first >= count:
                return
            cached = self._tails.get(first)
            regex, which = cached if cached is not None else self.tail(first)
            next_match = regex.match(text, start)
            if next_match is None:
                return
            match = next_match


class WordBits:
    """A bit per literal word start that some rule requires; a word's mask sets the bits of
    the options it satisfies, a text's mask those of all its words."""

    def __init__(self, options: Iterable[str]) -> None:
        self.bits: dict[str, int] = {}
        for option in options:
            self.bits.setdefault(option, 1 << len(self.bits))
        self._whole = {o[: -len(WHOLE)]: b for o, b in self.bits.items() if o.endswith(WHOLE)}
        self._prefix = {o: b for o, b in self.bits.items() if o != DIGIT and not o.endswith(WHOLE)}
        self._lengths = tuple(sorted({len(o) for o in self._prefix}))
        self._digit = self.bits.get(DIGIT, 0)

    def mask(self, options: Iterable[str]) -> int:
        out = 0
        for option in options:
            out |= self.bits[option]
        return out

    def of_word(self, word: str) -> int:
        out = self._whole.get(word, 0)
        size = len(word)
        for length in self._lengths:
            if length > size:
                break
            out |= self._prefix.get(word[:length], 0)
        if self._digit and word[:1].isdigit():
            out |= self._digit
        return out


class Dispatch:
    """Which rules may start at a word, keyed by the literal prefix they start with.

    Rules whose first literal is unknown are tried over the whole text, and only when one
    of the literals every match must contain occurs in it. Any rule is left out of a text
    that lacks a word start it requires (see ``word_requirements``).
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        exact: dict[str, list[Rule]] = {}
        table: dict[str, list[Rule]] = {}
        scan: list[Rule] = []
        seen: set[int] = set()
        needs: dict[int, tuple[frozenset[str], ...]] = {}
        for rule in rules:
            if rule.uid in seen:
                continue
            seen.add(rule.uid)
            # Where a rule is dispatched, the word it starts with is there already.
            first = frozenset(rule.first)
            needs[rule.uid] = tuple(req for req in rule.words if req != first)
            if not rule.first:
                scan.append(rule)
                continue
            for prefix in rule.first:
                if prefix.endswith(WHOLE):
                    exact.setdefault(prefix[: -len(WHOLE)], []).append(rule)
                else:
                    table.setdefault(prefix, []).append(rule)
        self.word_bits = WordBits(o for reqs in needs.values() for req in reqs for o in sorted(req))
        masks = {
            uid: tuple(self.word_bits.mask(req) for req in reqs) for uid, reqs in needs.items()
        }

        def group(members: list[Rule]) -> Group:
            return Group(tuple(members), tuple(masks[rule.uid] for rule in members))

        #: Rules keyed by the whole word they start with.
        self.exact: dict[str, Group] = {k: group(v) for k, v in exact.items()}
        #: Rules keyed by a literal prefix of the word they start with.
        self.table: dict[str, Group] = {k: group(v) for k, v in table.items() if k != DIGIT}
        buckets: dict[str, set[int]] = {}
        for key in self.table:
            buckets.setdefault(key[:2], set()).add(len(key))
        #: Prefix lengths to look up, by the first two letters of a word.
        self.buckets: dict[str, tuple[int, ...]] = {k: tuple(sorted(v)) for k, v in buckets.items()}
        #: Rules that start with a digit.
        self.digit: Group | None = group(table[DIGIT]) if DIGIT in table else None
        self.scan: tuple[Rule, ...] = tuple(scan)
        self.scan_needs: tuple[tuple[int, ...], ...] = tuple(masks[rule.uid] for rule in scan)
        #: Groups and word mask of the words seen so far (see ``lookup``).
        self.known: dict[str, tuple[tuple[Group, ...], int]] = {}

    def groups_of(self, word: str) -> tuple[Group, ...]:
        """The rule groups that may start at ``word``."""
        return self.lookup(word)[0]

    def lookup(self, word: str) -> tuple[tuple[Group, ...], int]:
        """The rule groups that may start at ``word`` and its word mask, remembered across
        texts."""
        cached = self.known.get(word)
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
        if len(self.known) >= WORD_CACHE:
            self.known.clear()
        found = self.known[word] = (tuple(groups), self.word_bits.of_word(word))
        return found


class TextIndex:
    """One folded text matched against every rule of a dispatch, in one pass over its words.

    The text is split into words once; each distinct word is looked up once as a whole word
    and once per prefix length that rules starting with its first two letters use, and a
    rule is tried only at the starts of the words that begin with one of its literal
    prefixes, and only when the text has every word start the rule requires. ``found``
    maps a rule's uid to its non-overlapping match spans, leftmost first; ``words`` are the
    text's words in order (see ``split_words``).
    """

    def __init__(self, text: str, dispatch: Dispatch | None = None) -> None:
        self.text = text
        found: dict[int, list[Span]] = {}
        self.found = found
        words, starts = split_words(text)
        self.words = words
        if dispatch is None:
            return
        known = dispatch.known
        lookup = dispatch.lookup
        text_mask = 0
        triggered: dict[str, tuple[Group, ...]] = {}
        for word in set(words):
            entry = known.get(word)
            groups, mask = entry if entry is not None else lookup(word)
            if mask:
                text_mask |= mask
            if groups:
                triggered[word] = groups
        if triggered:
            self._match_groups(starts, triggered, text_mask)
        for rule, needs in zip(dispatch.scan, dispatch.scan_needs, strict=True):
            if all(text_mask & need for need in needs) and _contains_any(text, rule.required):
                self._scan(rule)
        for uid, spans in found.items():
            if len(spans) > 1:
                found[uid] = _leftmost(spans)

    def _match_groups(
        self, starts: Iterable[int], triggered: dict[str, tuple[Group, ...]], mask: int
    ) -> None:
        positions: dict[str, list[int]] = {word: [] for word in triggered}
        for word, start in zip(self.words, starts, strict=False):
            at = positions.get(word)
            if at is not None:
                at.append(start)
        text = self.text
        found = self.found
        subsets: dict[int, Group | Picked | None] = {}
        for word, groups in triggered.items():
            at = positions[word]
            for whole in groups:
                key = id(whole)
                if key in subsets:
                    group = subsets[key]
                else:
                    group = subsets[key] = whole.for_text(mask)
                if group is not None:
                    group.match_all(text, at, found)

    def _scan(self, rule: Rule) -> None:
        text = self.text
        spans = [
            m.span()
            for m in rule.regex.finditer(text)
            if _starts_word(text, m.start()) and (not rule.thresholds or thresholds_hold(m))
        ]
        if spans:
            self.found[rule.uid] = spans

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
    return Rule(
        compiled,
        label,
        required,
        first,
        thresholds=False,
        body=regex,
        words=word_requirements(regex),
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
            )
        )
    return CompiledSet(tuple(rules))
