"""Which catalog rules to try at a word: rules grouped by the literal words they start with,
each group tried with one combined regex or rule by rule, and the words each rule requires as
bits of a mask (``word_bits``). Built once per catalog; :mod:`.word_index` runs it
over a text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from enlace.screening.engine.patterns import Rule, thresholds_hold
from enlace.screening.engine.regex_anatomy import DIGIT, WHOLE, stretch_blind
from enlace.screening.engine.word_bits import WordBits

Span = tuple[int, int]

WORD_CACHE = 200_000  # distinct words whose rule groups are remembered
SUBSET_CACHE = 4096  # word masks whose matching rules each group remembers


def starts_word(text: str, start: int) -> bool:
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


class Picked:
    """A few rules of a group, each tried with its own regex (nothing to compile)."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self._tries = tuple((rule.regex.match, rule.uid, rule.thresholds) for rule in rules)

    def match_at(self, text: str, start: int, found: dict[int, list[Span]]) -> None:
        for match, uid, thresholds in self._tries:
            hit = match(text, start)
            if hit is not None and (not thresholds or thresholds_hold(hit)):
                spans = found.get(uid)
                if spans is None:
                    found[uid] = [hit.span()]
                else:
                    spans.append(hit.span())

    def match_all(self, text: str, starts: Iterable[int], found: dict[int, list[Span]]) -> None:
        for start in starts:
            self.match_at(text, start, found)


class Group:
    """Rules that share a dispatch key, tried together as one alternation.

    At a word start the alternation finds the first rule that matches there; the rules after
    it are then tried with the alternation of the rest, so every rule that matches at the
    position is found with one regex call per match (plus one that fails). ``bound`` groups
    hold rules whose matches stay between two sentence marks.
    """

    def __init__(
        self,
        rules: tuple[Rule, ...],
        needs: tuple[tuple[int, ...], ...] = (),
        *,
        bound: bool = False,
    ) -> None:
        self.rules = rules
        self.bound = bound
        self._tails: dict[int, tuple[re.Pattern[str], dict[int, int]]] = {}
        #: Per rule, the word masks a text must meet (one bit of each) for it to match.
        self.needs = needs or tuple(() for _ in rules)
        self.relevant = 0
        for masks in self.needs:
            for mask in masks:
                self.relevant |= mask
        self._picked: dict[int, Group | Picked | None] = {}
        self._head = self.tail(0)

    def for_text(self, words: int) -> Group | Picked | None:
        """What to try where the words around set the bits of ``words``.

        Rules whose required words are missing can never match there. When at most half
        of the rules can, they are tried one by one rather than in the alternation of all;
        None when no rule can match.
        """
        if not self.relevant:
            return self
        key = words & self.relevant
        picked = self._picked.get(key, self)
        if picked is not self or key in self._picked:
            return picked
        keep = tuple(
            rule
            for rule, masks in zip(self.rules, self.needs, strict=True)
            if all(words & mask for mask in masks)
        )
        picked = None
        if keep:
            picked = Picked(keep) if 2 * len(keep) <= len(self.rules) else self
        if len(self._picked) >= SUBSET_CACHE:
            self._picked.clear()
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
        regex, which = self._head
        found_here = regex.match(text, start)
        if found_here is not None:
            self._record(text, start, found_here, which, found)

    def match_all(self, text: str, starts: Iterable[int], found: dict[int, list[Span]]) -> None:
        """Record in ``found`` every rule that matches at any of ``starts``."""
        regex, which = self._head
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


Try = Callable[[str, int, dict[int, list[Span]]], None]


class WordRules:
    """The rule groups that may start at one word, and what to try of them per mask of the
    words around: rules picked one by one are merged into one ``Picked`` per mask."""

    __slots__ = ("always", "bound", "cached", "free", "relevant")

    def __init__(self, groups: tuple[Group, ...]) -> None:
        self.bound = tuple(g for g in groups if g.bound)
        self.free = tuple(g for g in groups if not g.bound)
        self.relevant = 0
        for group in self.bound:
            self.relevant |= group.relevant
        #: ``tries`` by the relevant bits of the mask.
        self.cached: dict[int, tuple[Try, ...]] = {}
        #: What to try wherever the word occurs, when that depends on no other word.
        self.always = None if self.relevant or self.free else self.tries(0)

    def tries(self, mask: int) -> tuple[Try, ...]:
        """What to call at an occurrence of the word in a stretch whose mask is ``mask``."""
        key = mask & self.relevant
        cached = self.cached.get(key)
        if cached is not None:
            return cached
        singles: list[Rule] = []
        out: list[Try] = []
        for group in self.bound:
            picked = group.for_text(mask)
            if isinstance(picked, Picked):
                singles.extend(picked.rules)
            elif picked is not None:
                out.append(picked.match_at)
        if singles:
            out.insert(0, Picked(tuple(singles)).match_at)
        if len(self.cached) >= SUBSET_CACHE:
            self.cached.clear()
        found = self.cached[key] = tuple(out)
        return found


class Dispatch:
    """Which rules may start at a word, keyed by the literal prefix they start with.

    Rules whose first literal is unknown are tried over the whole text, and only when one
    of the literals every match must contain occurs in it. Any rule is left out of a text
    that lacks a word start it requires (see ``word_requirements``), and a bound rule (see
    ``Rule.bound``) out of a stretch between sentence marks that lacks one.
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

        def groups(members: list[Rule]) -> tuple[Group, ...]:
            # Bound and free rules are filtered on different words, so they group apart.
            out = []
            for bound in (True, False):
                part = tuple(rule for rule in members if rule.bound is bound)
                if part:
                    out.append(Group(part, tuple(masks[r.uid] for r in part), bound=bound))
            return tuple(out)

        #: Rules keyed by the whole word they start with.
        self.exact: dict[str, tuple[Group, ...]] = {k: groups(v) for k, v in exact.items()}
        #: Rules keyed by a literal prefix of the word they start with.
        self.table: dict[str, tuple[Group, ...]] = {
            k: groups(v) for k, v in table.items() if k != DIGIT
        }
        buckets: dict[str, set[int]] = {}
        for key in self.table:
            buckets.setdefault(key[:2], set()).add(len(key))
        #: Prefix lengths to look up, by the first two letters of a word.
        self.buckets: dict[str, tuple[int, ...]] = {k: tuple(sorted(v)) for k, v in buckets.items()}
        #: Rules that start with a digit.
        self.digit: tuple[Group, ...] = groups(table[DIGIT]) if DIGIT in table else ()
        self.scan: tuple[Rule, ...] = tuple(scan)
        self.scan_needs: tuple[tuple[int, ...], ...] = tuple(masks[rule.uid] for rule in scan)
        #: Per scanned rule, whether it is scanned only in the stretches that have the words
        #: it needs rather than over the whole text.
        self.scan_stretches: tuple[bool, ...] = tuple(
            bool(needs) and stretch_blind(rule.regex.pattern)
            for rule, needs in zip(scan, self.scan_needs, strict=True)
        )
        self._rules: dict[tuple[Group, ...], WordRules] = {}
        #: Groups and word mask of the words seen so far (see ``lookup``).
        self.known: dict[str, tuple[WordRules | None, int]] = {}

    def all_groups(self) -> list[Group]:
        return [
            *(g for gs in self.exact.values() for g in gs),
            *(g for gs in self.table.values() for g in gs),
            *self.digit,
        ]

    def groups_of(self, word: str) -> tuple[Group, ...]:
        """The rule groups that may start at ``word``."""
        rules = self.lookup(word)[0]
        return () if rules is None else rules.bound + rules.free

    def lookup(self, word: str) -> tuple[WordRules | None, int]:
        """The rule groups that may start at ``word`` and its word mask, remembered across
        texts."""
        cached = self.known.get(word)
        if cached is not None:
            return cached
        groups: list[Group] = []
        if word:
            groups.extend(self.exact.get(word, ()))
            size = len(word)
            for length in self.buckets.get(word[:2], ()):
                if length > size:
                    break
                groups.extend(self.table.get(word[:length], ()))
            if word[0].isdigit():
                groups.extend(self.digit)
        if len(self.known) >= WORD_CACHE:
            self.known.clear()
        rules = None
        if groups:
            # Words with the same groups share what to try ("pagan", "pagaba": "pag").
            key = tuple(groups)
            rules = self._rules.get(key)
            if rules is None:
                rules = self._rules[key] = WordRules(key)
        mask = self.word_bits.of_word(word)
        found = self.known[word] = (rules, mask) if rules is not None or mask else NOTHING
        return found


#: What ``Dispatch.lookup`` gives for a word that starts no rule and that no rule needs.
NOTHING: tuple[WordRules | None, int] = (None, 0)
