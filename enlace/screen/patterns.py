"""Pattern syntax of the catalog and its compilation to regular expressions.

Catalog authors write patterns the way tips are written: words separated by spaces. A space
stands for any run of separators inside one sentence, so "took their passports" also matches
"took, their 'passports'" but never runs across a full stop. ``<g>``, ``<g6>`` and ``<g10>``
allow up to 3, 6 or 10 intervening words.
"""

from __future__ import annotations

import importlib
import itertools
import operator
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
        if all(_is_word_char(c) for c in literal):
            return frozenset(literal + tail for tail in _continuations(items[index:]))
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


SPELLINGS = 64  # most spellings of one word followed through a pattern's alternatives


def _continuations(items: Any) -> frozenset[str]:  # noqa: PLR0911
    """How the word being read may go on: its further word characters, then ``WHOLE``
    where the word surely ends there, or nothing where that is unknown.

    "(?:owe|owes|owed)\\b" read after "ow" goes on as "e$", "es$" or "ed$", so the pattern
    is dispatched on those three words instead of on every word starting with "ow".
    """
    if not items:
        return frozenset({""})
    op, av = items[0]
    rest = list(items[1:])
    if op is _sre.LITERAL and _is_word_char(chr(av)):
        return _spell(chr(av), _continuations(rest))
    if _word_ends(items):
        return frozenset({WHOLE})
    if op is _sre.SUBPATTERN:
        return _continuations(list(av[-1]) + rest)
    if op is _sre.BRANCH:
        return _either([_continuations(list(branch) + rest) for branch in av[1]])
    if op is _sre.IN and av and all(o is _sre.LITERAL and _is_word_char(chr(a)) for o, a in av):
        return _either([_spell(chr(a), _continuations(rest)) for _, a in av])
    if op in _REPEATS and av[0] == 0 and av[1] == 1:
        return _either([_continuations(list(av[2]) + rest), _continuations(rest)])
    return frozenset({""})


def _spell(head: str, tails: frozenset[str]) -> frozenset[str]:
    return frozenset(head + tail for tail in tails)


def _either(options: list[frozenset[str]]) -> frozenset[str]:
    out = frozenset().union(*options)
    return out if len(out) <= SPELLINGS else frozenset({""})


def _covering(options: frozenset[str]) -> frozenset[str]:
    """Options less those another option's prefix already covers (one dispatch per word)."""
    prefixes = [o for o in options if o != DIGIT and not o.endswith(WHOLE)]
    return frozenset(o for o in options if not any(o != p and o.startswith(p) for p in prefixes))


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
        tuple(sorted(_covering(first))) if first else (),
    )


def _never_word(op: Any, av: Any) -> bool:
    """Whether a parsed item matches only characters that are not word characters."""
    if op is _sre.LITERAL:
        return not _is_word_char(chr(av))
    if op is _sre.IN:
        return bool(av) and (
            (av[0] == (_sre.NEGATE, None) and (_sre.CATEGORY, _sre.CATEGORY_WORD) in av)
            or all(item in _NON_WORD_CLASSES for item in av)
        )
    return False


_NON_WORD_CLASSES = (
    (_sre.CATEGORY, _sre.CATEGORY_NOT_WORD),
    (_sre.CATEGORY, _sre.CATEGORY_SPACE),
)


def _ends_outside_word(items: Any) -> bool:
    """Whether a non-empty match of a parsed sequence always ends with a non-word character."""
    if not items:
        return False
    op, av = items[-1]
    if _never_word(op, av):
        return True
    if op in _REPEATS and av[0] >= 1:
        return _ends_outside_word(list(av[2]))
    if op is _sre.SUBPATTERN:
        return _ends_outside_word(list(av[-1]))
    return False


def _word_options(items: Any) -> frozenset[str] | None:
    """First options usable as a word requirement: every one starts with a word character."""
    first = _first_options(items)
    if first and all(f == DIGIT or f[:1].isalnum() for f in first):
        return first
    return None


def _word_requirements(items: Any, at_word_start: bool) -> list[frozenset[str]]:
    """Per position of a parsed sequence known to start a word, its literal word starts.

    A position starts a word when it follows a separator (a class or literal that never
    matches a word character), a word boundary, or the start of a match (matches start at
    word starts). A match passes every position of the sequence, so the text has a word
    that starts with one of the options found there.
    """
    found: list[frozenset[str]] = []
    state = at_word_start
    for index, (op, av) in enumerate(items):
        if state:
            options = _word_options(items[index:])
            if options:
                found.append(options)
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.SUBPATTERN:
            inner = list(av[-1])
            found.extend(_word_requirements(inner, state))
            state = _ends_outside_word(inner)
        elif _never_word(op, av):
            state = True
        elif op in _REPEATS:
            ends = _ends_outside_word(list(av[2]))
            state = ends if av[0] >= 1 else state and ends
        else:
            state = op is _sre.AT and av is _sre.AT_BOUNDARY
    return found


def word_requirements(regex: str) -> tuple[frozenset[str], ...]:
    """Word starts a text must contain for ``regex`` to match at a word start in it.

    Each entry lists options (see ``_first_options``: a prefix, a whole word ending with
    ``WHOLE``, or ``DIGIT``) of which some word of the text must satisfy at least one.
    """
    unique = dict.fromkeys(_word_requirements(list(_sre.parse(regex)), at_word_start=True))
    return tuple(unique)


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
