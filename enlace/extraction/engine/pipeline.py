"""The extractor: run every finder over a narrative and keep the best non-overlapping spans."""

from __future__ import annotations

import bisect
import datetime as dt
from operator import attrgetter

from enlace.extraction.engine.accounts import find_accounts, find_emails
from enlace.extraction.engine.ages import find_ages
from enlace.extraction.engine.dates import find_dates
from enlace.extraction.engine.document import make_doc
from enlace.extraction.engine.language import detect_language_tokens
from enlace.extraction.engine.model import Entity, ExtractionResult
from enlace.extraction.engine.money import find_money
from enlace.extraction.engine.organizations import find_organizations
from enlace.extraction.engine.persons import find_persons
from enlace.extraction.engine.phones import find_phones
from enlace.extraction.engine.places import find_dateline, find_locations
from enlace.extraction.engine.vehicles import find_vehicles
from enlace.extraction.kinds import precedences

# When spans of equal length collide, the more specific type wins (kinds.yaml: precedence).
_RANK = precedences()
_LANGS = frozenset({"en", "es", "mixed"})
_BOTH = frozenset({"phone", "online_account"})
_POSITION = attrgetter("start", "end", "type")


def _coerce_text(text: object) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray, memoryview)):
        try:
            return bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError("input is not UTF-8 text") from exc
    raise ValueError(f"input is not text: {type(text).__name__}")


def _clashes(taken: list[tuple[int, int, str]], ent: Entity) -> bool:
    """Whether ent overlaps a kept span; kept spans are disjoint apart from a phone and
    an account sharing one span, so only the neighbours found by bisection need a look."""
    k = bisect.bisect_left(taken, (ent.end, -1, ""))
    while k > 0:
        k -= 1
        s, e, t = taken[k]
        if e <= ent.start:
            break
        # A WhatsApp/Telegram number is both a phone and an account.
        if not (s == ent.start and e == ent.end and {t, ent.type} == _BOTH):
            return True
    return False


def _greedy(found: list[Entity]) -> list[Entity]:
    """Keep the longest spans first (then the more specific type, the more confident)."""
    ordered = sorted(
        found, key=lambda e: (-(e.end - e.start), _RANK.get(e.type, 99), -e.confidence, e.start)
    )
    kept: list[Entity] = []
    taken: list[tuple[int, int, str]] = []
    for ent in ordered:
        if _clashes(taken, ent):
            continue
        kept.append(ent)
        bisect.insort(taken, (ent.start, ent.end, ent.type))
    kept.sort(key=_POSITION)
    return kept


def _resolve(found: list[Entity]) -> list[Entity]:
    """The best non-overlapping spans, in text order. Only entities that overlap compete,
    so the greedy choice runs on each run of overlapping spans; most entities overlap
    nothing and are kept as they are. Sorting is stable: equal spans keep finder order."""
    ents = sorted([e for e in found if e.end > e.start], key=_POSITION)
    kept: list[Entity] = []
    n = len(ents)
    k = 0
    while k < n:
        reach = ents[k].end
        m = k + 1
        while m < n and ents[m].start < reach:
            reach = max(reach, ents[m].end)
            m += 1
        if m == k + 1:
            kept.append(ents[k])
        else:
            kept += _greedy(ents[k:m])
        k = m
    return kept


def _app_accounts(phones: list[Entity]) -> list[Entity]:
    out = []
    for p in phones:
        app = p.details.get("app")
        if app:
            out.append(
                Entity(
                    "online_account",
                    p.text,
                    p.start,
                    p.end,
                    f"{app}:{p.normalized}",
                    p.confidence,
                    {"platform": app, "handle": p.normalized},
                )
            )
    return out


def extract(
    text: str,
    lang: str | None = None,
    reference_date: dt.date | None = None,
) -> ExtractionResult:
    """Find phones, people, ages, places, organizations, vehicles, e-mails, online accounts,
    money and dates in an English, Spanish or mixed narrative.

    Raises ValueError only when ``text`` is not text (bytes that are not UTF-8, other types).
    """
    text = _coerce_text(text)
    if not text.strip():
        return ExtractionResult(lang if lang in _LANGS else "en", [])
    doc = make_doc(text, lang or "")
    if lang not in _LANGS:
        lang = doc.lang = detect_language_tokens(text, doc.offsets, doc.cues())
    region = "MX" if lang == "es" else "US"
    currency = "MXN" if lang == "es" else "USD"
    found: list[Entity] = []
    found += find_emails(doc)
    found += find_accounts(doc)
    phones = find_phones(doc, region)
    found += phones
    found += _app_accounts(phones)
    found += find_money(doc, currency)
    found += find_dates(doc, "es" if lang == "es" else "en", reference_date, None)
    found += find_ages(doc)
    found += find_vehicles(doc)
    found += find_organizations(doc)
    dateline = find_dateline(doc)
    if dateline is None:
        found += find_persons(doc)
    else:  # "SAN DIEGO – A Tijuana man…": the capitals before the dash are a place
        found += [p for p in find_persons(doc) if p.start >= dateline.end]
        found.append(dateline)
    found += find_locations(doc)
    return ExtractionResult(lang, _resolve(found))
