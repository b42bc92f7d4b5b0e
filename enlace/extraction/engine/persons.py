"""Finding people's names and aliases in narratives."""

from __future__ import annotations

import re

from enlace.extraction.engine.document import Doc, Word
from enlace.extraction.engine.flags import (
    AMBIGUOUS,
    GIVEN,
    NAME_WORD,
    NICK,
    PARTICLE,
    PLACE,
    STOP,
    SURNAME,
    TITLE,
)
from enlace.extraction.engine.folding import fold
from enlace.extraction.engine.gazetteer import gazetteer
from enlace.extraction.engine.lexicon import (
    ABBREVIATIONS,
    NICKNAMES,
    STOPWORDS,
    TITLES,
    given_names,
    wide_given_names,
)
from enlace.extraction.engine.model import Entity
from enlace.extraction.engine.names import parse_person_name
from enlace.extraction.engine.person_words import (
    ABBREVIATED,
    DETERMINERS,
    KIN,
    NAME_MAKES,
    NICK_PREFIX,
    SAINT,
    STREET_AFTER,
    STREET_BEFORE,
    TRIGGER_LAST,
    WORD_SURNAMES,
)
from enlace.extraction.engine.vehicles import MAKES
from enlace.text import anchors

# Words after which the next words are a name whatever their case.
_TRIGGER_PHRASES = (
    *("named", "name is", "name's", "nombre es", "se llama", "se llamaba", "llamado"),
    *("llamada", "de nombre", "identified as", "identificado como", "identificada como"),
    *("responde al nombre de", "called", "mi nombre es", "soy", "i am", "i'm", "contact"),
    *("contacto", "said her name was", "dijo llamarse"),
)
# A trigger ends right before the name: matching the reversed text before a token at its
# start is one attempt, where searching the text for "trigger$" tries every position.
_TRIGGERS_REVERSED = re.compile(
    r"\s*:?\s*(?:"
    + "|".join(re.escape(p[::-1]) for p in sorted(_TRIGGER_PHRASES, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
# Last word of a trigger -> the words that can come right before it, when every trigger
# ending with it has two words or more ("de" ends only "responde al nombre de"): a
# cheap test that skips the regex after most "de", "es", "is".
_TRIGGER_BEFORE_LAST: dict[str, frozenset[str]] = {}
for _last in {p.split()[-1] for p in _TRIGGER_PHRASES}:
    _phrases = [p.split() for p in _TRIGGER_PHRASES if p.split()[-1] == _last]
    if all(len(words) > 1 for words in _phrases):
        _TRIGGER_BEFORE_LAST[_last] = frozenset(words[-2] for words in _phrases)
ALIAS = re.compile(
    r"(?i:\b(?:alias|a\.\s?k\.\s?a\.?|a/k/a|aka|apodad[oa]|apodo(?:\s+(?:es|de))?|le dicen"
    r"|les dicen|le apodan|known as|goes by|conocid[oa] como|nickname(?:\s+is)?|street name"
    r"|call(?:ed|s) (?:himself|herself)|se hace llamar|se hacía llamar|se hacia llamar))\s*:?\s*"
    r"(?:[\"“'‘]([^\"”'’\n]{1,30})[\"”'’]"
    r"|((?:(?i:el|la|los|the)\s+)?[^\W\d_](?:[\w'’]|-(?=\w))*"
    r"(?:\s+(?!(?i:y|and|que|who|quien|es|is|was|de|en|in)\b)[A-ZÁÉÍÓÚÑ][\w'’]*){0,2}))"
)


# Alias triggers hold one of these words and start at most two words before it.
_ALIAS_CORE = anchors.word_pattern(
    r"alias|k|aka|apodad[oa]|apodo|apodan|dicen|known|goes|conocid[oa]|nickname|street"
    r"|himself|herself|llamar"
)
_ALIAS_FIRST = anchors.word_pattern(
    r"alias|a|aka|apodad[oa]|apodo|le|les|known|goes|conocid[oa]|nickname|street|called|calls|se",
    index=False,
)
_TRIGGER_WORD = anchors.word_test(lambda word: fold(word) in TRIGGER_LAST)


def _may_start_name(word: str) -> bool:
    """A capitalized word or a known given name or nickname in any case (words right
    after a trigger such as "named" are taken apart)."""
    key = fold(word)
    if not word.isalpha() or key in STOPWORDS or key in TITLES:
        return False
    return word[:1].isupper() or key in given_names() or key in NICKNAMES or key == "ma"


_NAME_START = anchors.word_test(_may_start_name)


_KIN_WORD = anchors.word_test(lambda word: fold(word) in KIN, index=False)
_NOT_NAME = STOP | TITLE
_CUE_WORD = TITLE | _KIN_WORD
_CUE_OR_TRIGGER = _CUE_WORD | _TRIGGER_WORD
# Given names of the wide lists count only when capitalized (see lexicon.wide_given_names).
_WIDE_GIVEN = anchors.word_test(lambda word: fold(word) in wide_given_names(), index=False)
_KNOWN = GIVEN | NICK | _WIDE_GIVEN

_STREET_WORD = anchors.word_test(lambda word: fold(word) in STREET_AFTER, index=False)
_STREET_START = anchors.word_test(lambda word: fold(word) in STREET_BEFORE, index=False)
_MAKE_WORD = anchors.word_test(
    lambda word: fold(word) in MAKES and fold(word) not in NAME_MAKES, index=False
)
_BEFORE_NOT_NAME = _MAKE_WORD | _STREET_START


def _name_word(tok: Word, caps_mode: bool) -> bool:
    if not tok.is_alpha or tok.mask & _NOT_NAME:
        return False
    if caps_mode:
        return bool(tok.mask & NAME_WORD)
    return tok.is_cap


def _starts_place(doc: Doc, j: int) -> bool:
    tok = doc.tokens[j]
    if tok.mask & NAME_WORD:
        return False
    return bool(tok.mask & PLACE) or (
        j + 1 < len(doc.tokens)
        and bool(gazetteer().lookup(tok.folded + " " + doc.tokens[j + 1].folded))
    )


def _hyphen_syllable(doc: Doc, i: int) -> bool:
    """A capitalized word joined by a hyphen to a short lower-case syllable ("Ji-woo")."""
    if doc.gaps[i] != "-" or i + 1 >= len(doc.tokens) or not doc.tokens[i].is_cap:
        return False
    nxt = doc.tokens[i + 1]
    return nxt.is_lower and nxt.is_alpha and len(nxt.text) <= 5 and not nxt.mask & STOP


def _extend(doc: Doc, i: int, caps_mode: bool) -> int:
    toks = doc.tokens
    gaps = doc.gaps
    n = len(toks)
    j = i + 1
    while j < n and j - i < 6:
        gap = gaps[j - 1]
        tok = toks[j]
        if gap == "-" and j == i + 1 and tok.is_lower and _hyphen_syllable(doc, i):
            j += 1  # "Ji-woo", "Seo-yeon": the second part of a given name in lower case
            continue
        if gap == '"' and len(tok.text) > 1 and _name_word(tok, caps_mode):
            # A nickname in quotes inside a full name: Jesus "Chuy" Valdez.
            j += 1
            continue
        if gap not in (" ", "-") and not (
            gap == "." and (len(toks[j - 1].text) <= 2 or toks[j - 1].folded in ABBREVIATIONS)
        ):
            break
        if gap == "-" and doc.text[doc.offsets[j] - 1] == " ":
            break  # a dash between spaces ("Texas – María") joins no name
        mask = tok.mask
        if mask & PARTICLE and (caps_mode or not tok.is_upper):
            k = j
            while k < n and toks[k].mask & PARTICLE and k - j < 3 and gaps[k] == " ":
                k += 1
            if k < n and k > j and _name_word(toks[k], caps_mode) and not _starts_place(doc, k):
                j = k + 1
                continue
            break
        if (
            (
                tok.is_alpha
                and not mask & _NOT_NAME
                and (mask & NAME_WORD if caps_mode else tok.is_cap)
            )
            or (len(tok.text) == 1 and tok.text.isupper())
            or (
                tok.is_cap
                and tok.folded in WORD_SURNAMES
                and _AGE_APPOSITION.match(doc.text, doc.ends[j])
            )
        ):
            j += 1
            continue
        break
    # An initial at the end ("Jose L") is part of the name; a lone particle is not.
    return j


def _preceded_by(doc: Doc, i: int) -> str:
    if i == 0:
        return ""
    prev = doc.tokens[i - 1]
    mask = prev.mask
    if mask & _CUE_WORD:
        # "su tía. Trabaja en…": a sentence ends between them (an abbreviated title's
        # period, "Sra. López", does not).
        gap = doc.gaps[i - 1]
        if any(c in gap for c in "!?;\n") or ("." in gap and prev.folded not in ABBREVIATED):
            return ""
        return "title"
    if not mask & _TRIGGER_WORD:
        return ""  # every trigger ends with one of these words
    before = _TRIGGER_BEFORE_LAST.get(prev.folded)
    if before is not None and (i < 2 or doc.tokens[i - 2].folded not in before):
        return ""
    start = doc.offsets[i]
    window = doc.text[max(0, start - 40) : start]
    return "trigger" if _TRIGGERS_REVERSED.match(window[::-1]) else ""


def _lexicon_run(doc: Doc, i: int) -> int:
    """Names written in lower case or all capitals: extend with known name words."""
    toks = doc.tokens
    j = i + 1
    while j < len(toks) and j - i < 5 and doc.gaps[j - 1] in (" ", "-"):
        mask = toks[j].mask
        if mask & PARTICLE and j + 1 < len(toks) and toks[j + 1].mask & SURNAME:
            j += 2
            continue
        if mask & NAME_WORD and not mask & (STOP | AMBIGUOUS):
            j += 1
            continue
        break
    return j


def _entity(doc: Doc, start: int, end: int, conf: float, alias: bool = False) -> Entity:
    raw = doc.text[start:end]
    name = parse_person_name(raw)
    details = name.details()
    if alias:
        details["is_alias"] = True
    return Entity("person", raw, start, end, name.display, conf, details)


def _lexicon_candidate(doc: Doc, i: int, cue: str, caps_mode: bool) -> tuple[int, float] | None:
    """Names written in lower case or in a text in capitals: only known name words."""
    tok = doc.tokens[i]
    mask = tok.mask
    in_lex = mask & (GIVEN | NICK) or tok.folded == "ma"
    if not in_lex and not (cue == "trigger" and not mask & STOP):
        return None
    j = _lexicon_run(doc, i)
    if j - i == 1 and not cue:
        if mask & (AMBIGUOUS | PLACE):
            return None
        if caps_mode and not mask & GIVEN:
            return None
    if j - i == 1 and i > 0 and doc.tokens[i - 1].folded in DETERMINERS:
        return None
    return j, 0.75 if j - i > 1 or cue else 0.55


def _lone_given_is_place(doc: Doc, i: int, first: str) -> bool:
    """A single known given name that is rather a place ("Victoria", "in Lorena")."""
    mask = doc.tokens[i].mask
    if i and doc.tokens[i - 1].folded in SAINT and not doc.sentence_start[i]:
        return True
    if mask & (AMBIGUOUS | PLACE):
        if doc.sentence_start[i] or mask & AMBIGUOUS:
            return True
        prev = doc.tokens[i - 1].folded if i else ""
        if prev in ("in", "en", "de", "from", "to", "a", "at", "near"):
            return True
    if not mask & PLACE:
        return False
    places = gazetteer().lookup(first)
    return doc.sentence_start[i] or places[0].kind != "city" or places[0].population >= 200_000


def _nick_prefix(doc: Doc, i: int) -> bool:
    """ "Big Mike", "Lil Shawn": a street-name prefix before a capitalized given name."""
    toks = doc.tokens
    if toks[i].folded not in NICK_PREFIX or i + 1 >= len(toks) or doc.gaps[i] != " ":
        return False
    return toks[i + 1].is_cap and bool(toks[i + 1].mask & _KNOWN)


def _hyphen_given(doc: Doc, i: int) -> bool:
    """ "Ji-woo Park": a hyphenated given name followed by a capitalized surname."""
    toks = doc.tokens
    if i + 2 >= len(toks) or doc.gaps[i + 1] != " " or not _hyphen_syllable(doc, i):
        return False
    return toks[i + 2].is_cap and bool(toks[i + 2].mask & SURNAME)


def _record_name(doc: Doc, i: int) -> int:
    """End of a police-record name "HERNANDEZ TZOMPA, Rogelio" (SURNAMES, Given) starting
    at i, or 0. The surnames are in capitals, the given names known and capitalized."""
    toks = doc.tokens
    gaps = doc.gaps
    n = len(toks)
    k = i
    while True:
        tok = toks[k]
        if not (tok.is_upper and tok.is_alpha and len(tok.text) > 2) or tok.mask & _NOT_NAME:
            return 0
        if k - i >= 2 or gaps[k] not in (" ", "-") or k + 1 >= n:
            break
        k += 1
    if k + 1 >= n or doc.text[doc.ends[k] : doc.offsets[k + 1]].strip() != ",":
        return 0
    if k == i and not toks[i].mask & SURNAME:
        return 0  # one capitalized word before a comma: an acronym as often as a surname
    j = k + 1
    while j < n and j - k <= 3 and toks[j].is_cap and toks[j].mask & _KNOWN:
        j += 1
        if gaps[j - 1] != " ":
            break
    return j if j > k + 1 else 0


def _rejected_span(doc: Doc, i: int, j: int) -> bool:
    """A street ("Harry Hines Blvd", "Calle Morelos") or a car model ("Nissan Maxima")."""
    masks = doc.masks
    if i and masks[i - 1] & _BEFORE_NOT_NAME:
        return True
    end = j + 1 if j < len(masks) and doc.gaps[j - 1] == " " else j
    return any(map(_STREET_WORD.__and__, masks[i + 1 : end]))


# An age in apposition after a name, as releases write it: "Thanh Nguyen, 52, and …",
# "Ana Ruiz, 19, of Dallas".
_AGE_APPOSITION = re.compile(r",\s?\d{1,2}\s?(?:,|\)|\s(?:of|de|years|años)\b)")


def _named_with_age(doc: Doc, i: int) -> int | None:
    """The end of two to four capitalized words (no stop words, not a place; beyond two, the
    first a given name) that an age in apposition follows: a name the lexicons do not know."""
    toks = doc.tokens
    k = i + 1
    while k < len(toks) and k - i < 4 and toks[k].is_cap and doc.gaps[k - 1] in (" ", "-"):
        k += 1
    if k - i < 2 or not _AGE_APPOSITION.match(doc.text, doc.ends[k - 1]):
        return None
    run = toks[i:k]
    if any(t.mask & STOP or not t.is_alpha for t in run):
        return None
    if k - i > 2 and not run[0].mask & GIVEN:
        return None  # "Arrested Andre Thompson, 29": the name starts at the next word
    return None if gazetteer().lookup(" ".join(t.folded for t in run)) else k


def _capitalized_candidate(doc: Doc, i: int, cue: str) -> tuple[int, float] | None:
    toks = doc.tokens
    tok = toks[i]
    first = tok.folded
    known = tok.mask & _KNOWN
    if (
        not known
        and not cue
        and (
            (first in NICK_PREFIX and _nick_prefix(doc, i))
            or (doc.gaps[i] == "-" and _hyphen_given(doc, i))
        )
    ):
        known = 1  # "Big Mike", "Ji-woo Park": a name by its shape
    if not known and first != "ma" and not cue:
        # Without a cue only two or more surnames make a name: a lone word is none.
        # _extend stops within nine tokens: with fewer than two surnames there, no name.
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (
            nxt is None
            or not (nxt.is_cap or nxt.mask & PARTICLE)
            or sum(map(SURNAME.__and__, doc.masks[i : i + 9])) < 2 * SURNAME
        ):
            end = _named_with_age(doc, i)
            return (end, 0.7) if end else None
    j = _extend(doc, i, caps_mode=False)
    if known or (first == "ma" and j - i > 1):
        if j - i == 1 and not cue and _lone_given_is_place(doc, i, first):
            return None
        return j, 0.9 if j - i > 1 else 0.7
    if cue:
        return j, 0.75
    if j - i >= 2 and sum(1 for t in toks[i:j] if t.mask & SURNAME) >= 2:
        words = [t.folded for t in toks[i:j]]
        if not gazetteer().lookup(" ".join(words)):
            return j, 0.6
    end = _named_with_age(doc, i)
    return (end, 0.7) if end else None


def _candidate(doc: Doc, i: int, caps_mode: bool) -> tuple[int, float] | None:
    tok = doc.tokens[i]
    mask = tok.mask
    lower_word = tok.is_lower
    # Lower-case words are names only after "named", "se llama"…; check that cheaply.
    if (
        lower_word
        and not caps_mode
        and not mask & (GIVEN | NICK)
        and (i == 0 or not doc.tokens[i - 1].mask & _TRIGGER_WORD)
    ):
        return None
    # A title, or a cue before a capitalized word ("Brothers Juan …", "Defendant Kevin …"),
    # starts no name: the name starts after it.
    if (
        not (lower_word or caps_mode or tok.is_cap)
        or mask & TITLE
        or (mask & _CUE_WORD and i + 1 < len(doc.tokens) and doc.tokens[i + 1].is_cap)
    ):
        return None
    cue = _preceded_by(doc, i)
    if (not tok.is_alpha or mask & STOP) and not (cue == "trigger" and tok.is_cap and tok.is_alpha):
        return None
    if lower_word or caps_mode:
        return _lexicon_candidate(doc, i, cue, caps_mode)
    if tok.is_upper:
        end = _record_name(doc, i)
        if end:
            return end, 0.85
    return _capitalized_candidate(doc, i, cue)


def _candidates(doc: Doc) -> list[int]:
    """Tokens where a name can start; every other token makes _candidate return None."""
    after_trigger = [i + 1 for i in doc.hits(_TRIGGER_WORD) if i + 1 < len(doc.tokens)]
    if not after_trigger:
        return doc.hits(_NAME_START)
    return sorted({*doc.hits(_NAME_START), *after_trigger})


def find_persons(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    for m in anchors.scan(ALIAS, doc.text, doc.starts(_ALIAS_CORE, 2, _ALIAS_FIRST)):
        g = 1 if m.group(1) else 2
        raw = m.group(g).strip().rstrip(",.;:")  # "La Madrina," as US style quotes it
        if not raw or raw.split()[0].lower() in ("y", "and", "que", "who", "es", "is"):
            continue
        start = m.start(g) + (len(m.group(g)) - len(m.group(g).lstrip()))
        out.append(_entity(doc, start, start + len(raw), 0.8, alias=True))
        doc.claim(start, start + len(raw))
    caps_mode = doc.upper_ratio > 0.6
    toks = doc.tokens
    claimed = bool(doc.claimed)
    done = 0
    last = len(toks) - 1
    for i in _candidates(doc):
        if i < done:
            continue
        tok = toks[i]
        if (
            tok.is_cap
            and not caps_mode
            and not tok.mask & _KNOWN
            and (i == 0 or not toks[i - 1].mask & _CUE_OR_TRIGGER)
            and (i == last or not (toks[i + 1].is_cap or toks[i + 1].mask & PARTICLE))
            and tok.folded != "ma"
            and doc.gaps[i] != "-"
        ):
            continue  # no cue, no known name and no capitalized word after: what
            # _candidate would reject, decided here without its calls (most tokens)
        if claimed and doc.is_claimed(doc.offsets[i], doc.ends[i]):
            continue
        cand = _candidate(doc, i, caps_mode)
        if cand is None:
            continue
        j, conf = cand
        while j > i + 1 and toks[j - 1].mask & PARTICLE:
            j -= 1
        if _rejected_span(doc, i, j):
            done = j
            continue
        out.append(_entity(doc, doc.offsets[i], doc.ends[j - 1], conf))
        done = j
    return out
