"""One pass of every catalog rule over a folded text, dispatched on its words.

A rule is tried only at the starts of words it may begin with, and only where the words it
requires occur: in the same stretch between sentence marks (``BREAKS``) for the rules whose
matches never cross one, anywhere in the text for the few others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from enlace.screening.engine.patterns import Rule, split_words, thresholds_hold
from enlace.screening.engine.regex_anatomy import BREAKS
from enlace.screening.engine.word_dispatch import NOTHING, Dispatch, Span, WordRules, starts_word

_BREAK = re.compile("[" + re.escape(BREAKS) + "]")


class TextIndex:
    """One folded text matched against every rule of a dispatch, in one pass over its words.

    The text is split into words once; each distinct word is looked up once (see
    ``Dispatch.lookup``), and a rule is tried only at the starts of the words that begin
    with one of its literal prefixes, and only when its stretch of text (the whole text for
    rules that are not bound) has every word start the rule requires. ``found`` maps a
    rule's uid to its non-overlapping match spans, leftmost first; ``words`` are the text's
    words in order (see ``split_words``).
    """

    def __init__(self, text: str, dispatch: Dispatch | None = None) -> None:
        self.text = text
        found: dict[int, list[Span]] = {}
        self.found = found
        words, starts = split_words(text)
        self.words = words
        if dispatch is None:
            return
        masks, bounds, occurrences = self._stretches(words, starts, dispatch)
        text_mask = 0
        for mask in masks:
            text_mask |= mask
        if occurrences:
            self._match_words(occurrences, masks, text_mask)
        self._scan_all(dispatch, masks, bounds, text_mask)
        for uid, spans in found.items():
            if len(spans) > 1:
                found[uid] = _leftmost(spans)

    def _stretches(
        self, words: list[str], starts: Iterable[int], dispatch: Dispatch
    ) -> tuple[list[int], list[Span], list[tuple[int, int, WordRules]]]:
        """Per stretch between sentence marks, its word mask and (start, end); the
        occurrences of words whose rules depend on their stretch, as (start, stretch,
        rules). Rules that depend on no other word are tried here."""
        text = self.text
        found = self.found
        known = dispatch.known
        lookup = dispatch.lookup
        # Where the stretches end; a sentinel past the text.
        breaks = [m.start() for m in _BREAK.finditer(text)]
        breaks.append(len(text))
        next_break = breaks[0]
        passed = 0
        masks: list[int] = []
        bounds = [(0, next_break)]
        mask = 0
        occurrences: list[tuple[int, int, WordRules]] = []
        stretch = 0
        # ``map`` looks the words up without a Python call per word.
        for word, seen, start in zip(words, map(known.get, words), starts, strict=False):
            entry = seen if seen is not None else lookup(word)
            if entry is NOTHING:
                continue
            if start > next_break:
                masks.append(mask)
                mask = 0
                stretch += 1
                passed += 1
                while breaks[passed] < start:
                    passed += 1
                next_break = breaks[passed]
                bounds.append((breaks[passed - 1] + 1, next_break))
            rules, word_mask = entry
            mask |= word_mask
            if rules is not None:
                if rules.always is None:
                    occurrences.append((start, stretch, rules))
                else:
                    for attempt in rules.always:
                        attempt(text, start, found)
        masks.append(mask)
        return masks, bounds, occurrences

    def _scan_all(
        self, dispatch: Dispatch, masks: list[int], bounds: list[Span], text_mask: int
    ) -> None:
        """The rules that are not dispatched on words, over the whole text or over the
        stretches that have the words they need."""
        text = self.text
        scans = zip(dispatch.scan, dispatch.scan_needs, dispatch.scan_stretches, strict=True)
        for rule, needs, by_stretch in scans:
            if not _meets(text_mask, needs) or not _contains_any(text, rule.required):
                continue
            if not by_stretch:
                self._scan(rule)
                continue
            first, rest = needs[0], needs[1:]
            spans = []
            for mask, (begin, end) in zip(masks, bounds, strict=True):
                if mask & first and (not rest or _meets(mask, rest)):
                    spans.extend(self._spans(rule, begin, end))
            if spans:
                self.found[rule.uid] = spans

    def _match_words(
        self, occurrences: list[tuple[int, int, WordRules]], masks: list[int], text_mask: int
    ) -> None:
        text = self.text
        found = self.found
        for start, stretch, rules in occurrences:
            if rules.bound:
                mask = masks[stretch]
                attempts = rules.cached.get(mask & rules.relevant)
                if attempts is None:
                    attempts = rules.tries(mask)
                for attempt in attempts:
                    attempt(text, start, found)
            for group in rules.free:
                picked = group.for_text(text_mask)
                if picked is not None:
                    picked.match_at(text, start, found)

    def _scan(self, rule: Rule) -> None:
        spans = self._spans(rule, 0, len(self.text))
        if spans:
            self.found[rule.uid] = spans

    def _spans(self, rule: Rule, begin: int, end: int) -> list[Span]:
        text = self.text
        return [
            m.span()
            for m in rule.regex.finditer(text, begin, end)
            if starts_word(text, m.start()) and (not rule.thresholds or thresholds_hold(m))
        ]

    def matches(self, rule: Rule) -> list[Span]:
        return self.found.get(rule.uid, [])


def _meets(mask: int, needs: tuple[int, ...]) -> bool:
    """Whether ``mask`` sets a bit of each of ``needs``."""
    # A loop rather than ``all`` over a generator: this runs per stretch and rule.
    for need in needs:  # noqa: SIM110
        if not mask & need:
            return False
    return True


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
