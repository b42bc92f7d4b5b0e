"""Run the catalog's compiled patterns over a folded narrative and keep the asserted hits."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from enlace.screening.engine.catalog import Catalog
from enlace.screening.engine.context import FRAMING, Segments, Stance
from enlace.screening.engine.hours import long_days
from enlace.screening.engine.patterns import CompiledSet, Rule, compile_regex, compile_set
from enlace.screening.engine.word_dispatch import Dispatch
from enlace.screening.engine.word_index import TextIndex

HOURS_CODE = "excessive_hours"


class Hit(NamedTuple):
    """One asserted match of an indicator, in folded-text offsets (a tuple: cheap to make)."""

    code: str
    start: int
    end: int
    flag: str | None
    sentence: int


@dataclass(frozen=True)
class _Compiled:
    code: str
    threat: bool
    yields_to: tuple[str, ...]
    patterns: CompiledSet


@dataclass(frozen=True)
class Matcher:
    """Every regex of a catalog, compiled once: one alternation per indicator."""

    indicators: tuple[_Compiled, ...]
    counter: CompiledSet
    forced_work: CompiledSet
    work: CompiledSet
    domestic: CompiledSet
    sex_setting: CompiledSet
    smuggling_setting: CompiledSet
    polaris: tuple[tuple[str, str, CompiledSet], ...]
    dispatch: Dispatch
    framing: CompiledSet
    #: Per indicator rule uid: (rank in catalog order, code, threat, flag).
    indicator_rules: dict[int, tuple[int, str, bool, str | None]]
    weights: dict[str, float]
    #: Polaris slug to its kind ("sex" or "labor"), in catalog order.
    polaris_kinds: dict[str, str]
    #: Per Polaris cue rule uid: (index of its type in ``polaris``, cue label).
    polaris_cues: dict[int, tuple[int, str]]

    @classmethod
    def build(cls, catalog: Catalog) -> Matcher:
        compiled = []
        for ind in catalog.indicators:
            if ind.derived:
                continue
            specs: list[tuple[str, str]] = [
                (spec.flag or "", spec.re) for _, spec in ind.patterns.all()
            ]
            compiled.append(_Compiled(ind.code, ind.threat, ind.yields_to, compile_set(specs)))
        counter = compile_set(
            [("", p) for p in (*catalog.counter_cues.en, *catalog.counter_cues.es)]
        )
        work = compile_set(
            [("", p) for p in (*catalog.forced_work_cues.en, *catalog.forced_work_cues.es)]
        )
        at_work = compile_set([("", p) for p in (*catalog.work_cues.en, *catalog.work_cues.es)])
        domestic = compile_set(
            [("", p) for p in (*catalog.domestic_cues.en, *catalog.domestic_cues.es)]
        )
        sex_setting = compile_set(
            [(str(i), p) for i, p in enumerate((*catalog.sex_cues.en, *catalog.sex_cues.es))]
        )
        smuggling_setting = compile_set(
            [("", p) for p in (*catalog.smuggling_cues.en, *catalog.smuggling_cues.es)]
        )
        polaris = tuple(
            (p.slug, p.typology, compile_set([(str(i), cue) for i, cue in enumerate(p.cues)]))
            for p in catalog.polaris
        )
        framing = CompiledSet(
            tuple(compile_regex(pattern.pattern, name) for name, pattern in FRAMING.items())
        )
        every = [
            *framing.rules,
            *(rule for c in compiled for rule in c.patterns.rules),
            *counter.rules,
            *work.rules,
            *at_work.rules,
            *domestic.rules,
            *sex_setting.rules,
            *smuggling_setting.rules,
            *(rule for _, _, cues in polaris for rule in cues.rules),
        ]
        indicator_rules = {
            rule.uid: (rank, c.code, c.threat, rule.label or None)
            for rank, (c, rule) in enumerate(
                (c, rule) for c in compiled for rule in sorted(c.patterns.rules, key=_uid)
            )
        }
        return cls(
            tuple(compiled),
            counter,
            work,
            at_work,
            domestic,
            sex_setting,
            smuggling_setting,
            polaris,
            Dispatch(every),
            framing,
            indicator_rules,
            {ind.code: ind.weight for ind in catalog.indicators},
            {p.slug: p.typology for p in catalog.polaris},
            {
                rule.uid: (rank, rule.label)
                for rank, (_, _, cues) in enumerate(polaris)
                for rule in cues.rules
            },
        )

    def index(self, text: str) -> TextIndex:
        """The per-text lookups all of this matcher's patterns share."""
        return TextIndex(text, self.dispatch)

    def segments(self, cache: TextIndex) -> Segments:
        """Sentences and clauses of the indexed text, framed with the indexed matches."""
        starts: dict[str, list[int]] = {name: [] for name in FRAMING}
        for start, _, name in self.framing.finditer(cache):
            starts[name].append(start)
        return Segments.of(cache.text, starts)

    def indicator_hits(self, cache: TextIndex, segments: Segments) -> list[Hit]:
        """Asserted matches of the indicators, in catalog order (indicator, then rule)."""
        text = cache.text
        found = cache.found
        rules = self.indicator_rules
        hits: list[Hit] = []
        stances: dict[tuple[int, bool], bool] = {}
        sentence_starts = segments.sentence_starts
        # Membership per found rule: ``keys() &`` would build a set of the larger side. The
        # rule entries start with their distinct ranks, so they sort in rank order.
        for uid in sorted([uid for uid in found if uid in rules], key=rules.__getitem__):
            _, code, threat, flag = rules[uid]
            for start, end in found[uid]:
                key = (start, threat)
                asserted = stances.get(key)
                if asserted is None:
                    asserted = stances[key] = (
                        segments.stance(start, threat=threat) is Stance.ASSERTED
                    )
                if asserted:
                    # The first sentence starts at 0: no ``max`` as in ``sentence_of``.
                    sentence = bisect_right(sentence_starts, start) - 1
                    hits.append(Hit(code, start, end, flag, sentence))
        for start, end in long_days(text):
            if segments.stance(start, threat=False) is Stance.ASSERTED:
                hits.append(Hit(HOURS_CODE, start, end, None, segments.sentence_of(start)))
        if any(hit.flag == "generic" for hit in hits):
            return self._apply_yields(hits)
        return hits

    def _apply_yields(self, hits: list[Hit]) -> list[Hit]:
        # A generic word gives way to a more specific indicator in the same sentence:
        # "threatened to call immigration" is a threat of law enforcement, not violence.
        yields = {ind.code: ind.yields_to for ind in self.indicators if ind.yields_to}
        if not yields:
            return hits
        by_sentence: dict[int, set[str]] = {}
        for hit in hits:
            by_sentence.setdefault(hit.sentence, set()).add(hit.code)
        return [
            hit
            for hit in hits
            if hit.flag != "generic"
            or not (set(yields.get(hit.code, ())) & by_sentence[hit.sentence])
        ]

    def counter_hits(self, cache: TextIndex, segments: Segments) -> list[tuple[int, int]]:
        return [
            (start, end)
            for start, end, _ in self.counter.finditer(cache)
            if not segments.awareness[segments.sentence_of(start)]
        ]

    def has_forced_work(self, cache: TextIndex) -> bool:
        return self.forced_work.search(cache)

    def mentions_work(self, cache: TextIndex) -> bool:
        return self.work.search(cache)

    def domestic_setting(self, cache: TextIndex, segments: Segments) -> bool:
        """Whether the text speaks of the person's partner or family (domestic violence)."""
        return any(
            segments.stance(start, threat=False) is Stance.ASSERTED
            for start, _, _ in self.domestic.finditer(cache)
        )

    def sex_cues(self, cache: TextIndex) -> int:
        """How many distinct settings of commercial sex the text names."""
        return len({label for _, _, label in self.sex_setting.finditer(cache)})

    def smuggling_operation(self, cache: TextIndex, segments: Segments) -> bool:
        """Whether the text speaks of a stash house, a ransom or the crossing."""
        return any(
            not segments.awareness[segments.sentence_of(start)]
            for start, _, _ in self.smuggling_setting.finditer(cache)
        )

    def polaris_scores(self, cache: TextIndex, allowed: frozenset[str]) -> dict[str, int]:
        """Number of distinct cues found per Polaris type of the allowed kinds."""
        cues = self.polaris_cues
        labels: dict[int, set[str]] = {}
        for uid in [uid for uid in cache.found if uid in cues]:
            rank, label = cues[uid]
            labels.setdefault(rank, set()).add(label)
        scores: dict[str, int] = {}
        for rank in sorted(labels):
            slug, kind, _ = self.polaris[rank]
            if kind in allowed:
                scores[slug] = len(labels[rank])
        return scores


def _uid(rule: Rule) -> int:
    return rule.uid


_CACHE: dict[int, tuple[Catalog, Matcher]] = {}


def matcher_for(catalog: Catalog) -> Matcher:
    """The compiled matcher of a catalog, built on first use."""
    cached = _CACHE.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    matcher = Matcher.build(catalog)
    _CACHE[id(catalog)] = (catalog, matcher)
    return matcher
