"""Where a match sits: its sentence and clause, and whether it is negated, hypothetical,
or part of awareness material (news, training, research) rather than a report.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from enlace.text import anchors


class Stance(Enum):
    ASSERTED = "asserted"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    AWARENESS = "awareness"
    GUIDANCE = "guidance"


# Not "[.!?\n]+": a leading character class lets the regex engine skip to where a match
# can start (see ``hours._NUMBER``).
_SENTENCE_END = re.compile(r"[.!?\n][.!?\n]*")
# Clauses also end at commas and at contrastive conjunctions: "no, but they took her ID".
# That is "[.!?\n,;:()\[\]]+|\s(?:but|pero|...)\s", written to start with one character
# class so that the regex engine skips quickly to where a match can begin: a punctuation
# run wins over a conjunction wherever it can start, as in the plain alternation.
_CLAUSE_END = re.compile(
    r"[.!?\n,;:()\[\]\s](?:(?<=[.!?\n,;:()\[\]])[.!?\n,;:()\[\]]*|"
    r"(?:but|pero|sino|although|though|aunque|however|sin embargo|"
    r"except that|only that|solo que|and|y|then|luego|because|porque)\s)"
)
_TOKEN = re.compile(r"[\w']+")
_NOT_TOKEN = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) in "_'")}
)
# ``_CLAUSE_END`` in two parts that never compete for a character but at a newline after a
# conjunction, where both end a clause at the same place: punctuation runs, and conjunctions
# between spaces, found with ``str.find`` when the text has no spaces but " " and newlines.
_PUNCTUATION_RUN = re.compile(r"[.!?\n,;:()\[\]][.!?\n,;:()\[\]]*")
_CONJUNCTIONS = (
    "but", "pero", "sino", "although", "though", "aunque", "however", "sin embargo",
    "except that", "only that", "solo que", "and", "y", "then", "luego", "because", "porque",
)  # fmt: skip
_CONJUNCTION = re.compile(r"[^\S\n](?:" + "|".join(_CONJUNCTIONS) + r")\s")
_OTHER_SPACE = re.compile(r"[^\S \n]")


def clause_ends(text: str) -> set[int]:
    """Where the matches of ``_CLAUSE_END`` in ``text`` end."""
    ends = {m.end() for m in _PUNCTUATION_RUN.finditer(text)}
    if _OTHER_SPACE.search(text):
        ends.update(m.end() for m in _CONJUNCTION.finditer(text))
        return ends
    starts = set()
    for word in _CONJUNCTIONS:
        needle = " " + word
        at = text.find(needle)
        while at >= 0:
            starts.add(at)
            at = text.find(needle, at + 1)
    ends.update(m.end() for m in anchors.scan(_CONJUNCTION, text, sorted(starts)))
    return ends


NEGATORS = frozenset(
    {
        "not", "no", "never", "nobody", "none", "neither", "nor", "cannot", "nothing",
        "noone", "nunca", "jamas", "nadie", "ni", "ninguno", "ninguna", "ningun", "tampoco",
        "didnt", "dont", "doesnt", "wasnt", "werent", "isnt", "arent", "havent", "hasnt",
        "hadnt", "wont", "wouldnt", "couldnt", "cant", "shouldnt", "aint",
    }
)  # fmt: skip
NEGATION_WINDOW = 4

HYPOTHETICAL_CUES = frozenset(
    {
        "if", "si", "whether", "suppose", "supposing", "hypothetically", "caso", "might",
        "could", "should",
    }
)  # fmt: skip
# Intentions only count before an infinitive: "wants to hold my passport", not
# "wants his quota".
_INTENT = frozenset({"want", "wants", "wanted", "planning", "plans", "planea", "quiere", "quieren"})
HYPOTHETICAL_WINDOW = 2

_QUESTION_FRAME = re.compile(
    r"\b(?:if|si|what happens|que pasa|hypothetically|would that|would it|is (?:it|that|this) "
    r"legal|es (?:legal|delito)|what should|que (?:debo|hago|puedo))\b"
)

_AWARENESS = re.compile(
    r"\b(?:awareness|story|article|news|newspaper|documentary|movie|film|netflix|tv show|"
    r"podcast|training|trainings|workshop|webinar|presentation|class discussion|homework|"
    r"(?:sociology|research|school|term) paper|statistics|warning signs|red flags|signs like|"
    r"indicators|materials|brochures?|posters?|volunteer\w*|hypothetically|how traffickers|"
    r"recogni[sz]ing|school project|for (?:a|my) class|"
    r"reportaje|noticias?|periodico|documental|pelicula|capacitacion|platica|curso|"
    r"tarea|carteles|folletos|taller de (?:capacitacion|prevencion|sensibilizacion)|"
    r"voluntari\w*|como identificar|senales de|estadisticas|"
    r"desmantelaron|informo hoy|se dio a conocer|como (?:los|las) enganchan|pregunta para|"
    r"(?:learn|know) the signs|conoce las senales|aprende a (?:identificar|reconocer)|"
    r"world day against|dia (?:mundial|internacional|nacional) contra)\b"
)
_AWARENESS_DOCUMENT = re.compile(
    r"^\W*(?:noticia|news|breaking|press release|comunicado|boletin)\b\s*[:\-]"
)


# Advice given to the caller and operator boilerplate: "caller was advised to call 911 in an
# emergency", "se le orienta para no confrontar", "if you see someone locked in, call".
_GUIDANCE = re.compile(
    r"\b(?:advised|advise|advice|recommended|referred|safety plan|do not approach|"
    r"not to approach|don'?t approach|in (?:an|case of|case of an|the event of an?) emergency|"
    r"in case (?:of|something)|if (?:you|anyone|someone|somebody|people) (?:ever )?"
    r"(?:see|sees|notice|notices|suspect|suspects|hear|hears|know|knows)|"
    r"se (?:le|les) (?:orienta|indica|sugiere|recomienda|canaliza|aconseja|explica)|"
    r"orientacion|plan de seguridad|no confrontar|no acercarse|en caso de|"
    r"si (?:usted |alguien |ustedes )?(?:ve|ven|observa|observan|sospecha|sospechan|nota|"
    r"sabe|saben)|si alguna vez|llam(?:e|en|a) a la linea|call the hotline|"
    r"if (?:you|someone|anyone|somebody)\b[^.!?\n]*\b(?:call|contact|report|text)|"
    r"si (?:alguien|usted)\b[^.!?\n]*\b(?:llame|llama|llamen|marque|denuncie|reporte))\b"
)
# A claim someone made that the caller says was false: "me llamaron diciendo que tenían
# secuestrado a mi hijo, pero era mentira" (a virtual-kidnapping scam), "a text saying ...,
# it was a scam".
_RETRACTED = re.compile(
    r"\b(?:diciendo|saying|claiming|dijeron|dijo|said|says|told me)\b[^.!?\n]*?\b"
    r"(?:era mentira|era falso|era un (?:fraude|engano)|era una extorsion|"
    r"(?:it )?(?:was|is) (?:a |all )?(?:lie|lies|fake|scam|hoax))\b"
)
# Words that may stand between "if" and a threat verb while the threat is still the
# condition: "if my employer threatens", "si alguna vez te amenazan".
_CONDITION_FILLER = frozenset(
    {
        "my", "your", "his", "her", "their", "our", "the", "a", "an", "someone", "somebody",
        "anyone", "anybody", "they", "he", "she", "you", "i", "we", "it", "employer", "boss",
        "ever", "alguna", "vez", "alguien", "te", "me", "le", "les", "lo", "la", "los", "las",
        "nos", "mi", "tu", "su", "sus", "mis", "el", "ella", "ellos", "ellas", "usted",
        "patron", "jefe", "employers", "bosses", "ustedes",
    }
)  # fmt: skip
_THREAT_CONDITION = frozenset({"if", "si", "whether"})


#: Sentence framings found by pattern: awareness material, guidance, retracted claims.
FRAMING: dict[str, re.Pattern[str]] = {
    "awareness": _AWARENESS,
    "guidance": _GUIDANCE,
    "retracted": _RETRACTED,
}


def _conditional_threat(before: list[str]) -> bool:
    """The threat is what the condition supposes ("if they threaten you"), not its result."""
    for token in reversed(before[-5:]):
        if token in _THREAT_CONDITION:
            return True
        if token not in _CONDITION_FILLER:
            return False
    return False


_CONDITION = frozenset(
    {"if", "si", "when", "cuando", "unless", "until", "till", "hasta", "whenever"}
)


def _intent(tokens: list[str]) -> bool:
    if tokens and tokens[-1] in _INTENT:
        return True
    return any(
        first in _INTENT and second in {"to", "que"} for first, second in itertools.pairwise(tokens)
    )


def _relative(lead: list[str]) -> bool:
    # "al que no aguanta lo corren a golpes", "anyone who doesn't pay gets beaten".
    return bool(lead) and (
        lead[-1] in {"who", "whoever", "that"}
        or (lead[-1] == "que" and len(lead) == 2 and lead[0] in _ARTICLES)
    )


_ARTICLES = frozenset({"al", "el", "la", "los", "las", "lo", "a"})


def _negated(before: list[str]) -> bool:
    """A negator among the last few tokens, unless it belongs to a condition.

    "si no venden no les dan de comer": the first "no" negates the condition, not the
    deprivation that follows it.
    """
    start = max(0, len(before) - NEGATION_WINDOW)
    for index in range(len(before) - 1, start - 1, -1):
        if before[index] in NEGATORS:
            lead = before[max(0, index - 2) : index]
            if any(tok in _CONDITION for tok in lead) or _relative(lead):
                continue
            return True
    return False


@dataclass(frozen=True)
class Segments:
    """Sentence and clause starts of a folded text, and per-sentence framing."""

    text: str
    sentence_starts: tuple[int, ...]
    clause_starts: tuple[int, ...]
    awareness: tuple[bool, ...]
    question_frame: tuple[bool, ...]
    guidance: tuple[bool, ...] = ()

    @classmethod
    def of(cls, text: str, framing: Mapping[str, Iterable[int]] | None = None) -> Segments:
        """Segment ``text``; ``framing`` gives, per name in ``FRAMING``, where its pattern
        matches when the caller has already found that (else the patterns are run here).
        """
        sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        clause_starts = sorted({0, *clause_ends(text)})
        whole_document = bool(_AWARENESS_DOCUMENT.match(text))
        count = len(sentence_starts)
        awareness = [whole_document] * count
        question = [False] * count
        guidance = [False] * count
        flags_of = {"awareness": awareness, "guidance": guidance, "retracted": awareness}
        for name, pattern in FRAMING.items():
            flags = flags_of[name]
            starts = (
                framing[name]
                if framing is not None
                else [m.start() for m in pattern.finditer(text)]
            )
            for start in starts:
                flags[bisect_right(sentence_starts, start) - 1] = True
        if "?" in text:
            bounds = [*sentence_starts, len(text)]
            for index, (begin, end) in enumerate(itertools.pairwise(bounds)):
                sentence = text[begin:end]
                question[index] = "?" in sentence and bool(_QUESTION_FRAME.search(sentence))
        return cls(
            text,
            tuple(sentence_starts),
            tuple(clause_starts),
            tuple(awareness),
            tuple(question),
            tuple(guidance),
        )

    def sentence_of(self, position: int) -> int:
        return max(0, bisect_right(self.sentence_starts, position) - 1)

    def clause_of(self, position: int) -> int:
        return max(0, bisect_right(self.clause_starts, position) - 1)

    def stance(self, start: int, *, threat: bool) -> Stance:  # noqa: PLR0911
        """How the match starting at ``start`` is framed.

        Threats keep their force under "if" ("if she leaves he will kill her"), unless the
        threat is itself what the condition supposes ("if they threaten you, call").
        Guidance sentences (advice to the caller, operator boilerplate) assert nothing.
        """
        sentence = max(bisect_right(self.sentence_starts, start) - 1, 0)
        if self.awareness[sentence]:
            return Stance.AWARENESS
        if self.guidance and self.guidance[sentence]:
            return Stance.GUIDANCE
        clause = bisect_right(self.clause_starts, start) - 1
        clause_start = self.clause_starts[clause if clause > 0 else 0]
        window = self.text[max(clause_start, start - 80) : start]
        # The tokens of ``_TOKEN``, which in ASCII are what is left between the characters
        # that cannot be in one (faster than the regex, which asks Unicode of each letter).
        before = (
            window.translate(_NOT_TOKEN).split() if window.isascii() else _TOKEN.findall(window)
        )
        if "'" in window:
            before = [tok.replace("'", "") for tok in before]
        if _CUES.isdisjoint(before[-_CUE_REACH:]):
            # No cue word close enough for any of the checks below.
            if not threat and self.question_frame[sentence]:
                return Stance.HYPOTHETICAL
            return Stance.ASSERTED
        if _negated(before):
            return Stance.NEGATED
        if threat and _conditional_threat(before):
            return Stance.HYPOTHETICAL
        if not threat:
            if self.question_frame[sentence]:
                return Stance.HYPOTHETICAL
            recent = before[-HYPOTHETICAL_WINDOW:]
            if any(tok in HYPOTHETICAL_CUES for tok in recent) or _intent(before[-5:]):
                return Stance.HYPOTHETICAL
        return Stance.ASSERTED


# Words one of which the checks of ``Segments.stance`` need among the last few tokens: a
# negator, a conditional, a hypothetical cue or an intention.
_CUES = NEGATORS | HYPOTHETICAL_CUES | _INTENT | _THREAT_CONDITION
# How far back those checks look: the negation window, the five tokens of conditional
# threats and intentions, the hypothetical window.
_CUE_REACH = max(NEGATION_WINDOW, 5, HYPOTHETICAL_WINDOW)
