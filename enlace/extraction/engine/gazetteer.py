"""The place gazetteer: countries, US and Mexican states, cities and border crossings."""

from __future__ import annotations

import gettext
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from enlace.extraction.engine.folding import fold
from enlace.extraction.engine.model import Place

_DATA = Path(__file__).with_name("data") / "cities.json"
_KIND_RANK = {"crossing": 0, "country": 1, "state": 2, "city": 3}

# Common names and abbreviations people write for Mexican states.
MX_STATE_NAMES: dict[str, tuple[str, ...]] = {
    "MX-AGU": ("Ags",),
    "MX-BCN": ("Baja California", "Baja", "BC"),
    "MX-BCS": ("BCS", "Baja California Sur"),
    "MX-CAM": ("Campeche",),
    "MX-CHP": ("Chis",),
    "MX-CHH": ("Chih",),
    "MX-COA": ("Coahuila", "Coah"),
    "MX-COL": ("Colima",),
    "MX-CMX": ("CDMX", "DF", "D.F.", "Ciudad de México", "Distrito Federal", "CD MX"),
    "MX-DUR": ("Dgo",),
    "MX-GUA": ("Gto",),
    "MX-GRO": ("Gro.",),
    "MX-HID": ("Hgo",),
    "MX-JAL": ("Jal",),
    "MX-MEX": (
        "Edomex",
        "Edo. Mex",
        "Edo Mex",
        "Edo. de México",
        "Estado de México",
        "State of Mexico",
        "Edo. Méx.",
    ),
    "MX-MIC": ("Michoacán", "Mich"),
    "MX-MOR": ("Mor.",),
    "MX-NAY": ("Nay.",),
    "MX-NLE": ("NL", "N.L."),
    "MX-OAX": ("Oax",),
    "MX-PUE": ("Pue.",),
    "MX-QUE": ("Qro",),
    "MX-ROO": ("Q. Roo", "QRoo", "Q.Roo"),
    "MX-SLP": ("SLP", "S.L.P."),
    "MX-SIN": ("Sin.",),
    "MX-SON": ("Son.",),
    "MX-TAB": ("Tab.",),
    "MX-TAM": ("Tamps",),
    "MX-TLA": ("Tlax",),
    "MX-VER": ("Veracruz", "Ver."),
    "MX-YUC": ("Yuc",),
    "MX-ZAC": ("Zac",),
}
US_STATE_EXTRA: dict[str, tuple[str, ...]] = {
    "US-TX": ("Tex.", "Tejas"),
    "US-CA": ("Calif.", "California"),
    "US-AZ": ("Ariz.",),
    "US-NM": ("N.M.", "Nuevo México", "Nuevo Mexico"),
    "US-FL": ("Fla.",),
    "US-NY": ("Nueva York",),
    "US-NC": ("Carolina del Norte",),
    "US-SC": ("Carolina del Sur",),
    "US-NJ": ("Nueva Jersey",),
    "US-GA": ("Ga.",),
    "US-LA": ("Luisiana",),
    "US-PA": ("Pensilvania",),
    "US-OK": ("Okla.",),
    "US-DC": ("Washington DC", "D.C."),
}
COUNTRY_EXTRA: dict[str, tuple[str, ...]] = {
    "US": (
        "USA",
        "U.S.",
        "U.S.A.",
        "EE.UU.",
        "EE. UU.",
        "EEUU",
        "EUA",
        "United States",
        "Estados Unidos",
        "the States",
        "Gringolandia",
    ),
    "MX": ("México", "Méjico", "Mexico"),
    "GT": ("Guate",),
    "DO": ("Dominicana",),
    "VE": ("Venezuela",),
    "BO": ("Bolivia",),
    "KR": ("South Korea", "Corea del Sur"),
    "CN": ("China",),
    "RU": ("Rusia", "Russia"),
    "VN": ("Vietnam",),
    "GB": ("UK", "Inglaterra", "England"),
}
# Country names that are far more often names or words in tips.
_COUNTRY_SKIP = frozenset(
    {
        "chad",
        "jordan",
        "jersey",
        "georgia",
        "guinea",
        "niger",
        "turkey",
        "israel",
        "man",
        "isle of man",
        "reunion",
        "martinique",
        "dominica",
        "guadeloupe",
        "trinidad",
        "mali",
        "oman",
        "peru",
    }
)
# Border ports of entry: (name, US side, MX side, MX state, US state, lat, lon).
CROSSINGS: tuple[tuple[str, str, str, str, str, float, float], ...] = (
    ("San Ysidro–Tijuana", "San Ysidro", "Tijuana", "MX-BCN", "US-CA", 32.5424, -117.0296),
    ("Otay Mesa–Tijuana", "Otay Mesa", "Mesa de Otay", "MX-BCN", "US-CA", 32.5530, -116.9380),
    ("Calexico–Mexicali", "Calexico", "Mexicali", "MX-BCN", "US-CA", 32.6651, -115.4990),
    ("Nogales–Nogales", "Nogales", "Nogales", "MX-SON", "US-AZ", 31.3330, -110.9420),
    ("Douglas–Agua Prieta", "Douglas", "Agua Prieta", "MX-SON", "US-AZ", 31.3340, -109.5600),
    (
        "San Luis–San Luis Río Colorado",
        "San Luis",
        "San Luis Río Colorado",
        "MX-SON",
        "US-AZ",
        32.4860,
        -114.7820,
    ),
    ("Lukeville–Sonoyta", "Lukeville", "Sonoyta", "MX-SON", "US-AZ", 31.8800, -112.8160),
    ("Columbus–Palomas", "Columbus", "Palomas", "MX-CHH", "US-NM", 31.7830, -107.6360),
    ("El Paso–Ciudad Juárez", "El Paso", "Ciudad Juárez", "MX-CHH", "US-TX", 31.7590, -106.4530),
    ("Presidio–Ojinaga", "Presidio", "Ojinaga", "MX-CHH", "US-TX", 29.5600, -104.3740),
    ("Del Rio–Ciudad Acuña", "Del Rio", "Ciudad Acuña", "MX-COA", "US-TX", 29.3270, -100.9280),
    (
        "Eagle Pass–Piedras Negras",
        "Eagle Pass",
        "Piedras Negras",
        "MX-COA",
        "US-TX",
        28.7080,
        -100.5090,
    ),
    ("Laredo–Nuevo Laredo", "Laredo", "Nuevo Laredo", "MX-TAM", "US-TX", 27.4990, -99.5050),
    (
        "Roma–Ciudad Miguel Alemán",
        "Roma",
        "Ciudad Miguel Alemán",
        "MX-TAM",
        "US-TX",
        26.4040,
        -99.0180,
    ),
    ("Hidalgo–Reynosa", "Hidalgo", "Reynosa", "MX-TAM", "US-TX", 26.0950, -98.2710),
    ("Progreso–Nuevo Progreso", "Progreso", "Nuevo Progreso", "MX-TAM", "US-TX", 26.0620, -97.9500),
    ("Brownsville–Matamoros", "Brownsville", "Matamoros", "MX-TAM", "US-TX", 25.8960, -97.4970),
)


@dataclass(frozen=True)
class Gazetteer:
    index: dict[str, tuple[Place, ...]]
    first_words: frozenset[str]
    max_words: int
    prefixes: frozenset[str]
    # Prefix of a name (words joined by spaces) -> the words that can come next.
    follow: dict[str, frozenset[str]]

    def lookup(self, key: str) -> tuple[Place, ...]:
        return self.index.get(key, ())


def _add(index: dict[str, list[Place]], name: str, place: Place) -> None:
    key = fold(name).replace(".", "").replace("–", "-").strip()
    key = " ".join(key.replace("-", " - ").split()) if "-" in key else " ".join(key.split())
    if key:
        bucket = index.setdefault(key, [])
        if place not in bucket:
            bucket.append(place)


def _countries(index: dict[str, list[Place]]) -> None:
    try:
        es = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
        tr = es.gettext
    except OSError:

        def tr(message: str) -> str:
            return message

    for c in pycountry.countries:
        code = c.alpha_2
        common = getattr(c, "common_name", None) or c.name
        place = Place(common, "country", code)
        names = {c.name, common, tr(c.name), *COUNTRY_EXTRA.get(code, ())}
        for name in names:
            if fold(name) not in _COUNTRY_SKIP and "," not in name:
                _add(index, name, place)


def _states(index: dict[str, list[Place]]) -> dict[str, Place]:
    states: dict[str, Place] = {}
    for cc in ("MX", "US"):
        for sub in pycountry.subdivisions.get(country_code=cc) or ():  # type: ignore[no-untyped-call]
            short = sub.name.split(" de ")[0] if cc == "MX" and sub.code != "MX-CMX" else sub.name
            if sub.code == "MX-MEX":
                short = "Estado de México"
            place = Place(short, "state", cc, sub.code)
            states[sub.code] = place
            names = {sub.name, short}
            names |= set(MX_STATE_NAMES.get(sub.code, ())) | set(US_STATE_EXTRA.get(sub.code, ()))
            for name in names:
                if sub.code == "MX-MEX" and fold(name) in ("mexico",):
                    continue
                _add(index, name, place)
    return states


# La Merced: Mexico City's market district, named in tip after tip ("la tienen en la Merced").
NEIGHBOURHOODS: tuple[tuple[str, str, float, float], ...] = (
    ("La Merced", "MX-CMX", 19.4263, -99.1246),
)


def _cities(index: dict[str, list[Place]]) -> None:
    rows = json.loads(_DATA.read_text("utf-8"))
    for name, cc, state, lat, lon, pop, alts in rows:
        place = Place(name, "city", cc, state, lat, lon, pop)
        _add(index, name, place)
        for alt in alts:
            _add(index, alt, place)
    extra = (
        ("Ciudad de México", "Mexico City"),
        ("CDMX", "Mexico City"),
        ("Juaritos", "Ciudad Juárez"),
        ("Cd. Juárez", "Ciudad Juárez"),
        ("Cd Juarez", "Ciudad Juárez"),
        ("Monterey", "Monterrey"),
        ("Nueva York", "New York City"),
        ("New York", "New York City"),
        ("NYC", "New York City"),
        ("Los Ángeles", "Los Angeles"),
        ("LA", "Los Angeles"),
        ("San Antonio TX", "San Antonio"),
        ("Cd. Acuña", "Ciudad Acuña"),
        ("Acuña", "Ciudad Acuña"),
        ("Cd. Victoria", "Ciudad Victoria"),
        ("Guadalajara, Jal", "Guadalajara"),
        ("Tapachula de Córdova y Ordóñez", "Tapachula"),
        ("Nuevo Laredo", "Nuevo Laredo"),
        ("Ecatepec", "Ecatepec de Morelos"),
        ("Naucalpan", "Naucalpan de Juárez"),
        ("Neza", "Ciudad Nezahualcóyotl"),
        ("Nezahualcóyotl", "Ciudad Nezahualcóyotl"),
        ("Cancun", "Cancún"),
        # GeoNames names the seat; people name the municipality (Tlaxcala's trafficking belt).
        ("San Pablo del Monte", "Villa Vicente Guerrero"),
    )
    for alias, target in extra:
        hits = [p for p in index.get(fold(target), []) if p.kind == "city"]
        if hits:
            _add(index, alias, max(hits, key=lambda p: p.population))
    # Neighbourhoods tips name as places in their own right.
    for name, state, lat, lon in NEIGHBOURHOODS:
        _add(index, name, Place(name, "neighborhood", state[:2], state, lat, lon))


def _crossings(index: dict[str, list[Place]]) -> None:
    for name, us, mx, mx_state, us_state, lat, lon in CROSSINGS:
        place = Place(name, "crossing", "US/MX", f"{us_state}/{mx_state}", lat, lon)
        for sep in ("–", "-", "/", " - ", " y ", " and "):
            _add(index, f"{us}{sep}{mx}", place)
            _add(index, f"{mx}{sep}{us}", place)
        if us == "San Ysidro":
            _add(index, us, Place("San Ysidro", "city", "US", us_state, 32.5520, -117.0440, 28000))
        if us == "Otay Mesa":
            _add(index, us, Place("Otay Mesa", "city", "US", us_state, 32.5720, -116.9900, 20000))


_REGIONAL = frozenset({"MX", "US", "GT", "HN", "SV", "NI", "CR", "PA", "BZ", "CU", "DO", "HT"})


def _rank(place: Place) -> tuple[int, int, int]:
    return (_KIND_RANK.get(place.kind, 9), place.country not in _REGIONAL, -place.population)


def _with_state_centres(raw: dict[str, list[Place]]) -> None:
    """Give states the population-weighted centre of their towns as coordinates."""
    sums: dict[str, list[float]] = {}
    for places in raw.values():
        for p in places:
            if p.kind == "city" and p.state and p.lat is not None and p.lon is not None:
                acc = sums.setdefault(p.state, [0.0, 0.0, 0.0])
                acc[0] += p.lat * p.population
                acc[1] += p.lon * p.population
                acc[2] += p.population
    for key, places in raw.items():
        for i, p in enumerate(places):
            if p.kind == "state" and p.state in sums and sums[p.state][2] > 0:
                lat, lon, w = sums[p.state]
                places[i] = Place(
                    p.name, p.kind, p.country, p.state, round(lat / w, 4), round(lon / w, 4)
                )
        raw[key] = places


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build the index once per process (about 0.1 s)."""
    raw: dict[str, list[Place]] = {}
    _countries(raw)
    _states(raw)
    _cities(raw)
    _crossings(raw)
    _with_state_centres(raw)
    index = {k: tuple(sorted(v, key=_rank)) for k, v in raw.items()}
    first = frozenset(k.split(" ", 1)[0] for k in index)
    prefixes: set[str] = set()
    follow: dict[str, set[str]] = {}
    for k in index:
        words = k.split(" ")
        for n in range(1, len(words) + 1):
            prefix = " ".join(words[:n])
            prefixes.add(prefix)
            if n < len(words):
                follow.setdefault(prefix, set()).add(words[n])
    return Gazetteer(
        index,
        first,
        max(len(k.split()) for k in index),
        frozenset(prefixes),
        {k: frozenset(v) for k, v in follow.items()},
    )


def place_key(raw: str) -> str:
    key = fold(raw).replace(".", "").replace("–", "-")
    return " ".join(key.replace("-", " - ").split()) if "-" in key else " ".join(key.split())


def normalize_place(raw: str) -> Place | None:
    """Resolve a written place name to a canonical place.

    Accepts countries ("EE.UU.", "Guate"), states with abbreviations ("Edomex", "CDMX",
    "Tamps"), cities ("Cd. Juárez"), border crossings ("Eagle Pass–Piedras Negras") and
    "City, State" ("Reynosa, Tamaulipas"; "Houston, TX"), which picks the city in that state.
    """
    return _normalize_place(raw) if len(raw) <= 200 else _resolve_place(raw)


def _resolve_place(raw: str) -> Place | None:
    text = " ".join(raw.split()).strip(" ,.;:")
    if not text:
        return None
    gaz = gazetteer()
    hits = gaz.lookup(place_key(text))
    if hits:
        return hits[0]
    if "," in text:
        city, _, region = text.rpartition(",")
        region_place = _resolve_place(region) or us_postal_state(region.strip())
        candidates = gaz.lookup(place_key(city))
        if region_place is not None:
            for cand in candidates:
                if (
                    cand.kind == "city"
                    and region_place.kind == "state"
                    and cand.state == region_place.state
                ):
                    return cand
                if (
                    cand.kind == "city"
                    and region_place.kind == "country"
                    and cand.country == region_place.country
                ):
                    return cand
        if candidates:
            return candidates[0]
    return None


# The same few places are written again and again; Place is immutable.
_normalize_place = lru_cache(maxsize=16384)(_resolve_place)


def us_postal_state(code: str) -> Place | None:
    """The US state of a two-letter postal code ("TX"), in any case."""
    if len(code) == 2 and code.isalpha():
        return _us_state(code.upper())
    return None


@lru_cache(maxsize=256)
def _us_state(code: str) -> Place | None:
    sub = pycountry.subdivisions.get(code=f"US-{code}")  # type: ignore[no-untyped-call]
    if sub is not None:
        return Place(sub.name, "state", "US", sub.code)
    return None
