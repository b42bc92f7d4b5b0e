"""``screen``: one narrative against the indicator catalog."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from enlace.screening.engine.catalog import Catalog, load_catalog
from enlace.screening.engine.context import Segments, Stance
from enlace.screening.engine.decide import (
    CONTROL,
    best_polaris,
    polaris_kinds,
    score,
    typology,
    urgency,
)
from enlace.screening.engine.folding import FoldedText, fold_text
from enlace.screening.engine.matcher import Hit, matcher_for
from enlace.screening.engine.result import Evidence, IndicatorFinding, ScreeningResult

#: Longer texts are screened on their first part; tips are a few hundred characters.
MAX_CHARS = 200_000
MAX_EVIDENCE = 5
TRAFFICKING = frozenset({"sex_trafficking", "labor_trafficking", "both"})
DANGER_COMPANIONS = CONTROL | {"sexual_exploitation", "deprivation_of_necessities", "quota"}

_ES_WORDS = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "que",
        "de",
        "del",
        "y",
        "en",
        "no",
        "se",
        "con",
        "por",
        "para",
        "una",
        "un",
        "mi",
        "su",
        "sus",
        "les",
        "le",
        "me",
        "nos",
        "es",
        "esta",
        "estan",
        "hay",
        "muy",
        "pero",
        "como",
        "tiene",
    ]
)
_EN_WORDS = frozenset(
    [
        "the",
        "and",
        "to",
        "of",
        "in",
        "is",
        "are",
        "they",
        "she",
        "he",
        "my",
        "her",
        "his",
        "with",
        "for",
        "not",
        "was",
        "were",
        "that",
        "this",
        "have",
        "has",
        "there",
        "their",
        "them",
    ]
)
_WORD = re.compile(r"[a-z]+")
ALL_KINDS = frozenset({"sex", "labor"})
_RAPE = re.compile(r"\b(?:rap(?:e|es|ed|ing)|viol(?:a|an|o|aba|aban|ada|adas|acion\w*))\b")


def guess_lang(folded: str, words: list[str] | None = None) -> str:
    """English or Spanish by function words; English when undecided."""
    if words is None:
        words = _WORD.findall(folded[:2000])
    es = sum(map(_ES_WORDS.__contains__, words))
    en = sum(map(_EN_WORDS.__contains__, words))
    return "es" if es > en else "en"


def _age_hits(
    entities: Sequence[Mapping[str, object]], folded: FoldedText, segments: Segments
) -> list[Hit]:
    """Minors from extracted age entities (flat wire form or with nested ``details``)."""
    hits = []
    for entity in entities:
        if entity.get("type") != "age":
            continue
        details = entity.get("details")
        fields: Mapping[str, object] = details if isinstance(details, Mapping) else entity
        years = fields.get("years")
        is_minor = fields.get("minor") is True or (
            isinstance(years, int | float) and not isinstance(years, bool) and years < 18
        )
        start, end = entity.get("start"), entity.get("end")
        if not is_minor or not isinstance(start, int) or not isinstance(end, int):
            continue
        if not 0 <= start < end <= len(folded.original):
            continue
        fstart, fend = folded.folded_index(start), folded.folded_index(end)
        if segments.stance(fstart, threat=False) is Stance.ASSERTED:
            hits.append(Hit("minor_present", fstart, fend, None, segments.sentence_of(fstart)))
    return hits


def _evidence(hits: list[Hit], folded: FoldedText) -> tuple[Evidence, ...]:
    spans = sorted({(h.start, h.end) for h in hits})
    out = []
    for start, end in spans[:MAX_EVIDENCE]:
        ostart, oend = folded.span(start, end)
        out.append(Evidence(ostart, oend, folded.original[ostart:oend]))
    return tuple(out)


def screen(
    text: str,
    lang: str | None = None,
    entities: Sequence[Mapping[str, object]] | None = None,
    *,
    catalog: Catalog | None = None,
) -> ScreeningResult:
    """Screen a narrative: indicators with evidence, typology, Polaris type, score, urgency.

    ``entities`` are extraction results in wire form; age entities with ``minor`` true
    (or ``years`` under 18) mark a minor. Evidence offsets index the original ``text``.
    """
    cat = catalog or load_catalog()
    matcher = matcher_for(cat)
    folded = fold_text(text[:MAX_CHARS])
    cache = matcher.index(folded.folded)
    segments = matcher.segments(cache)
    hits = matcher.indicator_hits(cache, segments)
    if entities:
        hits.extend(_age_hits(entities, folded, segments))

    by_code: dict[str, list[Hit]] = {}
    for hit in hits:
        by_code.setdefault(hit.code, []).append(hit)

    # Someone's child ("her little boy back home", "sus hijos") is a bystander even where
    # a generic word ("boy", "kids") would make a victim; the kinship word alone ("my
    # daughter") says nothing about age.
    kin = [(h.start, h.end) for h in by_code.get("minor_present", []) if h.flag == "kin"]
    minor_hits = [
        h
        if h.flag or not any(s < h.end and h.start < e for s, e in kin)
        else Hit(h.code, h.start, h.end, "bystander", h.sentence)
        for h in by_code.pop("minor_present", [])
        if h.flag != "kin"
    ]
    if minor_hits:
        by_code["minor_present"] = minor_hits
    victim_cues = [h for h in minor_hits if h.flag != "bystander"]
    danger_hits = by_code.pop("imminent_danger_signals", [])
    others = set(by_code) - {"minor_present"}
    # "Please hurry", "ahorita" make danger only next to a means of control or abuse; a
    # weapon, a kill threat, a locked door or a medical emergency make it on their own.
    danger = any(h.flag != "support" for h in danger_hits) or bool(
        danger_hits and others & DANGER_COMPANIONS
    )
    if danger:
        by_code["imminent_danger_signals"] = danger_hits
    sexual = by_code.get("sexual_exploitation", []) + by_code.get("signals_truck_stop", [])
    if victim_cues and sexual:
        by_code["commercial_sex_of_minor"] = victim_cues[:2] + sexual[:2]

    weights = matcher.weights
    sexual_abuse = any(
        _RAPE.search(folded.folded, h.start, h.end) for h in by_code.get("threats_or_violence", [])
    )
    counter = len(matcher.counter_hits(cache, segments))
    value = score(weights, list(by_code), counter)
    settings = matcher.polaris_scores(cache, ALL_KINDS) if by_code else {}
    kind_of = matcher.polaris_kinds
    sex_context = sum(n for slug, n in settings.items() if kind_of[slug] == "sex")
    sex_context += matcher.sex_cues(cache) if by_code else 0
    labor_context = sum(n for slug, n in settings.items() if kind_of[slug] == "labor")
    forced_work = matcher.has_forced_work(cache)
    at_work = matcher.mentions_work(cache)
    domestic = (
        bool(by_code) and not (at_work or forced_work) and matcher.domestic_setting(cache, segments)
    )
    typ = typology(
        list(by_code),
        weights,
        counter_cues=counter,
        forced_work=forced_work,
        at_work=at_work,
        minor_victim_cue=bool(victim_cues),
        sexual_abuse=sexual_abuse,
        sex_context=sex_context,
        labor_context=labor_context,
        domestic=domestic,
        smuggling_operation=bool(by_code) and matcher.smuggling_operation(cache, segments),
    )
    polaris = None
    kinds = polaris_kinds(typ)
    if kinds:
        order = list(kind_of)
        polaris = best_polaris({k: v for k, v in settings.items() if kind_of[k] in kinds}, order)
    victim_minor = bool(victim_cues) and typ in TRAFFICKING
    findings = tuple(
        IndicatorFinding(ind.code, _evidence(by_code[ind.code], folded))
        for ind in cat.indicators
        if ind.code in by_code
    )
    return ScreeningResult(
        typology=typ,
        polaris_type=polaris,
        score=value,
        urgency=urgency(
            typ,
            value,
            minor=bool(minor_hits),
            victim_minor=victim_minor,
            danger=danger,
            # Children in a partner's or family quarrel are not, by that alone, at risk.
            minor_at_risk=bool(victim_cues) and not domestic,
        ),
        minor=bool(minor_hits),
        imminent_danger=danger,
        victim_minor=victim_minor,
        indicators=findings,
        catalog_version=cat.version,
        lang=lang if lang in ("en", "es") else guess_lang(folded.folded, cache.words),
        catalog=cat,
    )
