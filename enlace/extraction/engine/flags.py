"""Word flags shared by the finders, computed once per distinct word (see anchors.py).

A finder tests ``token.mask & GIVEN`` instead of looking the folded word up in a set
behind a function call; the flags are never listed per document (``index=False``).
"""

from __future__ import annotations

from enlace.extraction.engine.folding import fold
from enlace.extraction.engine.gazetteer import gazetteer
from enlace.extraction.engine.lexicon import (
    AMBIGUOUS_GIVEN,
    NICKNAMES,
    PARTICLES,
    STOPWORDS,
    TITLES,
    given_names,
    surnames,
)
from enlace.text import anchors

GIVEN = anchors.word_test(lambda word: fold(word) in given_names(), index=False)
SURNAME = anchors.word_test(lambda word: fold(word) in surnames(), index=False)
NICK = anchors.word_test(lambda word: fold(word) in NICKNAMES, index=False)
STOP = anchors.word_test(lambda word: fold(word) in STOPWORDS, index=False)
TITLE = anchors.word_test(lambda word: fold(word) in TITLES, index=False)
PARTICLE = anchors.word_test(lambda word: fold(word) in PARTICLES, index=False)
AMBIGUOUS = anchors.word_test(lambda word: fold(word) in AMBIGUOUS_GIVEN, index=False)
# The word alone names a place in the gazetteer.
PLACE = anchors.word_test(lambda word: bool(gazetteer().lookup(fold(word))), index=False)
NAME_WORD = GIVEN | SURNAME
