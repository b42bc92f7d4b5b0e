"""Language of a narrative: English, Spanish or mixed, decided sentence by sentence."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Any

_SENTENCES = re.compile(r"[^.!?\n]+[.!?]*")
_WORDS = re.compile(r"[^\W\d_]+")
_EN = frozenset(
    [
        "the",
        "and",
        "is",
        "was",
        "she",
        "he",
        "they",
        "her",
        "his",
        "with",
        "from",
        "to",
        "of",
        "in",
        "at",
        "for",
        "that",
        "this",
        "are",
        "were",
        "have",
        "has",
        "not",
    ]
)
_ES = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "que",
        "y",
        "es",
        "en",
        "con",
        "por",
        "para",
        "una",
        "un",
        "del",
        "se",
        "su",
        "sus",
        "está",
        "esta",
        "pero",
        "muy",
        "le",
        "les",
        "tiene",
    ]
)
_MAX_CHARS = 20_000
_MAX_SENTENCES = 16


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(["en", "es"])
    return ident


def _cue_lang(words: list[str]) -> str | None:
    """The language the function words settle, or None when they do not."""
    return _cue_verdict(sum(map(_EN.__contains__, words)), sum(map(_ES.__contains__, words)))


def _verdict(en: int, es: int) -> str:
    total = en + es
    if min(en, es) / total >= 0.2:
        return "mixed"
    return "en" if en >= es else "es"


def _sample_sentences(text: str) -> list[re.Match[str]]:
    """The sentences of the first _MAX_CHARS characters; long texts are judged on
    _MAX_SENTENCES of them spread evenly (they estimate the shares as well as all do)."""
    sentences = list(_SENTENCES.finditer(text[:_MAX_CHARS]))
    if len(sentences) > _MAX_SENTENCES:
        step = len(sentences) / _MAX_SENTENCES
        sentences = [sentences[int(k * step)] for k in range(_MAX_SENTENCES)]
    return sentences


def detect_language(text: str) -> str:
    """Return "en", "es" or "mixed" (both languages hold at least a fifth of the text).

    Texts longer than _MAX_SENTENCES sentences are judged on that many sentences spread
    evenly over the text.

    Sentences are weighed by length. Function words settle most sentences; the language
    model runs only on the others, largest first, and only while their verdict could still
    change the answer (the answer moves monotonically from "es" through "mixed" to "en" as
    undecided text goes to English, so when both extremes agree the rest need no model).
    """
    sample = text[:_MAX_CHARS]
    low = sample.lower()
    same_offsets = len(low) == len(sample)
    judged: list[tuple[str, str | None]] = []
    for m in _sample_sentences(sample):
        sentence = m.group(0)
        if same_offsets:
            words = _WORDS.findall(low, m.start(), m.end())
        else:
            words = [w.lower() for w in _WORDS.findall(sentence)]
        if len(words) >= 3:
            judged.append((sentence, _cue_lang(words)))
    return _decide(sample, judged)


# Per token, packed into one int so that a sentence's counts are the sum over its tokens:
# the number of words _WORDS sees in it, plus English and Spanish cue words.
_EN_UNIT = 1 << 21
_ES_UNIT = 1 << 42
_FIELD = _EN_UNIT - 1


def word_cues(token: str) -> int:
    """The packed (words, English cues, Spanish cues) of one token."""
    words = _WORDS.findall(token.lower())
    en = sum(map(_EN.__contains__, words))
    es = sum(map(_ES.__contains__, words))
    return len(words) + en * _EN_UNIT + es * _ES_UNIT


def detect_language_tokens(text: str, starts: list[int], cues: list[int]) -> str:
    """detect_language for a text already split into tokens that cover every letter of
    it, given each token's start and word_cues: the same answer without reading the words
    again."""
    sample = text[:_MAX_CHARS]
    judged: list[tuple[str, str | None]] = []
    for m in _sample_sentences(sample):
        start, end = m.span()
        if end == len(sample) < len(text):
            # A token may run past the sample's cut: read that sentence itself.
            words = [w.lower() for w in _WORDS.findall(m.group(0))]
            if len(words) >= 3:
                judged.append((m.group(0), _cue_lang(words)))
            continue
        packed = sum(cues[bisect_left(starts, start) : bisect_left(starts, end)])
        if packed & _FIELD >= 3:
            en = (packed >> 21) & _FIELD
            judged.append((m.group(0), _cue_verdict(en, packed >> 42)))
    return _decide(sample, judged)


def _cue_verdict(en: int, es: int) -> str | None:
    if en >= 2 and es == 0:
        return "en"
    if es >= 2 and en == 0:
        return "es"
    return None


def _decide(sample: str, judged: list[tuple[str, str | None]]) -> str:
    """The verdict from sentences of three words or more, each with its cue language."""
    weights = {"en": 0, "es": 0}
    undecided: list[str] = []
    for sentence, lang in judged:
        if lang is None:
            undecided.append(sentence)
        else:
            weights[lang] += len(sentence)
    undecided.sort(key=len, reverse=True)
    rest = sum(len(s) for s in undecided)
    for sentence in undecided:
        en, es = weights["en"], weights["es"]
        if en + es and _verdict(en + rest, es) == _verdict(en, es + rest):
            break
        lang = str(_identifier().classify(sentence)[0])
        if lang in weights:
            weights[lang] += len(sentence)
        rest -= len(sentence)
    en, es = weights["en"], weights["es"]
    if rest and en + es:
        return _verdict(en, es)  # both extremes agreed above
    total = en + es
    if total == 0:
        if not _WORDS.search(sample):
            return "en"
        lang, _prob = _identifier().classify(sample)
        return str(lang) if lang in weights else "en"
    return _verdict(en, es)
