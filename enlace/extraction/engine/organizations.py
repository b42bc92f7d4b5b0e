"""Organizations: agencies by name or acronym, and businesses by their form or legal suffix."""

from __future__ import annotations

import re

from enlace.extraction.engine.document import Doc
from enlace.extraction.engine.gazetteer import gazetteer, place_key
from enlace.extraction.engine.model import Entity
from enlace.text import anchors

AGENCIES: dict[str, str] = {
    "HSI": "Homeland Security Investigations",
    "CBP": "U.S. Customs and Border Protection",
    "ICE": "U.S. Immigration and Customs Enforcement",
    "FBI": "Federal Bureau of Investigation",
    "DEA": "Drug Enforcement Administration",
    "ATF": "Bureau of Alcohol, Tobacco, Firearms and Explosives",
    "DHS": "U.S. Department of Homeland Security",
    "USCIS": "U.S. Citizenship and Immigration Services",
    "DOL": "U.S. Department of Labor",
    "NCMEC": "National Center for Missing & Exploited Children",
    "FGR": "Fiscalía General de la República",
    "PGR": "Procuraduría General de la República",
    "INM": "Instituto Nacional de Migración",
    "DIF": "Sistema DIF",
    "SEDENA": "SEDENA",
    "SEMAR": "SEMAR",
    "CNDH": "Comisión Nacional de los Derechos Humanos",
    "FEVIMTRA": "FEVIMTRA",
    "UIF": "Unidad de Inteligencia Financiera",
    "DPS": "Department of Public Safety",
    "HPD": "Houston Police Department",
    "LAPD": "Los Angeles Police Department",
    "NYPD": "New York City Police Department",
    "SAPD": "San Antonio Police Department",
    "EPPD": "El Paso Police Department",
    "USBP": "U.S. Border Patrol",
    "IOM": "IOM",
    "OIM": "OIM",
    "UNHCR": "UNHCR",
    "ACNUR": "ACNUR",
    "COMAR": "COMAR",
    "SSP": "Secretaría de Seguridad Pública",
    "SSPC": "Secretaría de Seguridad y Protección Ciudadana",
    "USAO": "U.S. Attorney's Office",
}
AGENCY_NAMES = (
    r"Homeland Security Investigations|Homeland Security|Customs and Border Protection|Border Patrol"  # noqa: E501
    r"|Patrulla Fronteriza|Guardia Nacional|Instituto Nacional de Migraci[oó]n|Polaris(?: Project)?"
    r"|Fiscal[ií]a General de la Rep[uú]blica|Fiscal[ií]a(?: General)? del Estado(?: de [A-ZÁÉÍÓÚ][\w]+(?: [A-ZÁÉÍÓÚ][\w]+)?)?"  # noqa: E501
    r"|Fiscal[ií]a (?:Especializada|Anti ?trata)[\w ]{0,40}?(?=[,.;\n]|\s(?:de|en|y|que|para)\s)"
    r"|Polic[ií]a (?:Federal|Estatal|Municipal|Ministerial|de Investigaci[oó]n)(?: de [A-ZÁÉÍÓÚ][\w]+(?: [A-ZÁÉÍÓÚ][\w]+)?)?"  # noqa: E501
    r"|Department of Labor|Department of Homeland Security|Consejo Ciudadano(?: para la Seguridad y Justicia)?"  # noqa: E501
    r"|Cruz Roja(?: Mexicana)?|Red Cross|Salvation Army|Catholic Charities|Casa del Migrante(?: [A-Z][\w]+)?"  # noqa: E501
    r"|Texas Rangers|Marina|Ej[eé]rcito Mexicano|Sheriff's Office|Texas DPS|National Human Trafficking Hotline"  # noqa: E501
    r"|(?:[A-Z][a-z]+ ){1,2}(?:County Sheriff's Office|County Sheriff|Police Department|PD|Sheriff's Office)"  # noqa: E501
)
_BIZ_PREFIX = (
    r"restaurante|restaurant|bar|cantina|hotel|motel|spa|rancho|ranch|granja|taller|tienda"
    r"|club|cabaret|table dance|lounge|sal[oó]n|est[eé]tica|agencia|maquiladora|empacadora|taquer[ií]a"  # noqa: E501
    r"|caf[eé]|carnicer[ií]a|panader[ií]a|discoteca|antro|hostal|casa de hu[eé]spedes|mariscos"
    r"|abarrotes|farm|farms|hacienda|massage|masajes|la casa de citas|bodega|constructora|lavado"
    r"|c[aá]rtel"
)
_BIZ_SUFFIX = (
    r"LLC|L\.L\.C\.|Inc\.?|Corp\.?|Co\.|Ltd\.?|S\.A\. de C\.V\.|SA de CV|S\. de R\.L\.(?: de C\.V\.)?"  # noqa: E501
    r"|Massage|Spa|Nails|Farms?|Ranch|Bar|Grill|Restaurant|Cantina|Motel|Inn|Lounge|Club|Construction"
    r"|Landscaping|Staffing|Cleaning(?: Services)?|Trucking|Dairy|Packing|Nursery|Roofing|Cafe|Café"
    r"|Bar & Grill|Taquer[ií]a|Car Wash|Services|Solutions|Enterprises|Logistics|Transport(?:es)?"
    r"|Group|Agency|Studio|Boutique|Beauty Salon|Salon|Market|Mercado|Produce|Farm Labor"
    # Criminal groups as indictments name them ("the López-Ramírez Trafficking Organization").
    r"|(?:(?:Drug |Human |Sex )?Trafficking |Smuggling |Criminal )?Organization|Cartel|Gang"
)
_NAME = r"(?:[A-ZÁÉÍÓÚÑ0-9][\w'’&-]*|\"[^\"\n]{1,30}\"|“[^”\n]{1,30}”)"
_JOIN = r"(?:\s(?:de|del|la|las|el|los|y|&|and|of|the|San|Santa|Don|Doña)\s|\s)"
PREFIX_BIZ = re.compile(
    rf"\b(?i:{_BIZ_PREFIX})\s+(?:(?i:el|la|los|las|the|de|del)\s+)?{_NAME}(?:{_JOIN}{_NAME}){{0,3}}"
)
SUFFIX_BIZ = re.compile(rf"\b{_NAME}(?:{_JOIN}{_NAME}){{0,3}},?\s(?:{_BIZ_SUFFIX})(?![\w])")
AGENCY = re.compile(rf"\b(?:{AGENCY_NAMES})\b|\b(?:{'|'.join(AGENCIES)})\b")
# Where each pattern can start (see anchors.py).
_AGENCY_FIRST = anchors.word_pattern(
    r"Homeland|Customs|Border|Patrulla|Guardia|Instituto|Polaris|Fiscal[ií]a|Polic[ií]a"
    r"|Department|Consejo|Cruz|Red|Salvation|Catholic|Casa|Texas|Marina|Ej[eé]rcito"
    rf"|Sheriff's|National|{'|'.join(AGENCIES)}",
    0,
)
_FORCE_WORD = anchors.word_pattern(r"County|Police|PD|Sheriff's", 0)
_TITLE_WORD = anchors.word_pattern(r"[A-Z][a-z]+", 0, index=False)
_PREFIX_CORE = anchors.word_pattern(_BIZ_PREFIX.replace("la casa de citas", "table|casa"))
_PREFIX_FIRST = anchors.word_pattern(
    _BIZ_PREFIX.replace("la casa de citas", "la|table|casa"), index=False
)
_SUFFIX_WORD = anchors.word_pattern(
    r"LLC|L|Inc|Corp|Co|Ltd|S|SA|Massage|Spa|Nails|Farms?|Ranch|Bar|Grill|Restaurant|Cantina"
    r"|Motel|Inn|Lounge|Club|Construction|Landscaping|Staffing|Cleaning|Trucking|Dairy|Packing"
    r"|Nursery|Roofing|Cafe|Café|Taquer[ií]a|Car|Services|Solutions|Enterprises|Logistics"
    r"|Transport(?:es)?|Group|Agency|Studio|Boutique|Beauty|Salon|Market|Mercado|Produce"
    r"|Drug|Human|Sex|Trafficking|Smuggling|Criminal|Organization|Cartel|Gang",
    0,
)
_NAME_WORD = anchors.word_pattern(r"[A-ZÁÉÍÓÚÑ0-9].*", 0, index=False)
_DRUG_ICE = re.compile(r"\b(?:ice|hielo|cristal)\b", re.IGNORECASE)
_THE_NAVY = re.compile(r"\b(?:la|the|de)\s+$")
_NAME_JOINERS = frozenset({"el", "la", "los", "las", "de", "del", "the", "y"})
_SENT_START = frozenset(
    {"The", "A", "An", "El", "La", "Los", "Las", "Un", "Una", "She", "He", "They", "We", "I"}
)


_TRAILING_JOINERS = re.compile(r"(?:\s+(?:de|del|la|las|el|los|y|&|and|of|the|en|in))+$")


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.text[start:end]
    # Drop trailing joiners and a trailing lower-case word caught by IGNORECASE.
    while True:
        new = _TRAILING_JOINERS.sub("", span)
        if new == span:
            break
        span = new
    return start, start + len(span)


_TRAILING_PLACE = re.compile(r"\s(?:de|en|in)\s([A-ZÁÉÍÓÚ][\w]+(?:\s[A-ZÁÉÍÓÚ][\w]+)?)$")


def _strip_city(text: str, start: int, end: int) -> int:
    """ "Bar La Cueva de Tijuana": the city after the name is where it is, not its name."""
    m = _TRAILING_PLACE.search(text[start:end])
    if m:
        hits = gazetteer().lookup(place_key(m.group(1)))
        if hits and hits[0].kind == "city" and hits[0].population >= 50_000:
            return start + m.start()
    return end


def _agencies(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    text = doc.text
    starts = sorted({*doc.starts(_AGENCY_FIRST), *doc.starts(_FORCE_WORD, 2, _TITLE_WORD)})
    for m in anchors.scan(AGENCY, text, starts):
        raw = m.group(0)
        if raw == "ICE" and _DRUG_ICE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        if raw == "Marina" and not _THE_NAVY.search(text[max(0, m.start() - 5) : m.start()]):
            continue
        norm = AGENCIES.get(raw, raw)
        out.append(Entity("organization", raw, m.start(), m.end(), norm, 0.9, {"kind": "agency"}))
    return out


def _business(raw: str, start: int, end: int, conf: float) -> Entity:
    norm = " ".join(raw.split()).strip('"“”')
    return Entity("organization", raw, start, end, norm, conf, {"kind": "business"})


def _prefix_businesses(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    text = doc.text
    for m in anchors.scan(PREFIX_BIZ, text, doc.starts(_PREFIX_CORE, 1, _PREFIX_FIRST)):
        start, end = _trim(doc, m.start(), m.end())
        end = _strip_city(text, start, end)
        words = text[start:end].split()
        if len(words) < 2:
            continue
        if words[0][:1].islower() and len(words) > 2 and words[1][:1].isupper():
            # "the restaurant El Patio Grill": a lower-case common noun is not the name.
            start += len(words[0]) + 1
            out.append(_business(text[start:end], start, end, 0.7))
            continue
        name_part = words[1:]
        if not any(w[:1].isupper() or w[:1] in '"“' or w[:1].isdigit() for w in name_part):
            continue
        if not words[0][:1].isupper() and not all(
            w[:1].isupper() or w.lower() in _NAME_JOINERS for w in name_part
        ):
            continue
        out.append(_business(text[start:end], start, end, 0.75))
    return out


def _suffix_starts(doc: Doc) -> list[int]:
    starts = doc.starts(_SUFFIX_WORD, 12, _NAME_WORD)
    quotes = anchors.char_positions(doc.text, '"“')
    if quotes and starts:
        last = doc.offsets[doc.hits(_SUFFIX_WORD)[-1]]
        starts = sorted({*starts, *(q for q in quotes if q < last)})
    return starts


def _suffix_businesses(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    text = doc.text
    for m in anchors.scan(SUFFIX_BIZ, text, _suffix_starts(doc)):
        start, end = _trim(doc, m.start(), m.end())
        words = text[start:end].split()
        while words and words[0] in _SENT_START:
            start += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2:
            continue
        out.append(_business(text[start:end], start, end, 0.75))
    return out


def find_organizations(doc: Doc) -> list[Entity]:
    return _agencies(doc) + _prefix_businesses(doc) + _suffix_businesses(doc)
