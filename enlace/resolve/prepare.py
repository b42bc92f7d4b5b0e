"""Raw person records (the batch fields) turned into the columns the comparisons read.

Work is done once per distinct value, not per row, so a million records with a few
hundred thousand distinct names prepare in seconds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from enlace.resolve.curp import expected_prefix, read_curp
from enlace.resolve.dates import day_first_for, parse_birth
from enlace.resolve.names import NameParts, clean, fold_text, name_parts, sex_of_given

try:
    from enlace.extract import normalize_phone
except (ImportError, SyntaxError):  # pragma: no cover - digits-only fallback
    normalize_phone = None  # type: ignore[assignment]

FIELDS: tuple[str, ...] = (
    "record_id", "source", "full_name", "given_names", "surname_1", "surname_2", "dob",
    "sex", "phone", "email", "address", "city", "state", "postcode", "country", "id_number",
)  # fmt: skip

_SEX = {
    "m": "m", "male": "m", "h": "m", "hombre": "m", "masculino": "m", "man": "m",
    "f": "f", "female": "f", "mujer": "f", "femenino": "f", "woman": "f", "w": "f",
}  # fmt: skip
_NOT_DIGIT = re.compile(r"\D")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")
_STREET_NO = re.compile(r"^\s*(\d+[a-z]?)\b")
_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


def _per_distinct(keys: list[_K], fn: Callable[[_K], _V]) -> list[_V]:
    cache: dict[_K, _V] = {}
    out: list[_V] = []
    for key in keys:
        value = cache.get(key)
        if value is None and key not in cache:
            value = fn(key)
            cache[key] = value
        out.append(value)  # type: ignore[arg-type]
    return out


def _col(df: pd.DataFrame, name: str) -> list[str]:
    if name not in df.columns:
        return [""] * len(df)
    values: list[str] = df[name].fillna("").astype(str).str.strip().tolist()
    return values


def _phone(key: tuple[str, str]) -> str:
    raw, country = key
    if not raw:
        return ""
    compact = re.sub(r"[\s().-]", "", raw)
    if compact.startswith(("011", "00")):  # US and Mexican international exit codes
        raw = "+" + compact[3 if compact.startswith("011") else 2 :]
    if normalize_phone is not None:
        region = country.upper()[:2] if country.upper()[:2] in ("MX", "US", "CA", "GT") else None
        try:
            parsed = normalize_phone(raw, default_region=region)
        except Exception:
            parsed = None
        if parsed is not None:
            return str(parsed.e164)
    return _NOT_DIGIT.sub("", raw)


def _clean_address(text: str) -> str:
    """Folded words and numbers ("Calle Hidalgo #12" -> "calle hidalgo 12")."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold_text(text)).split())


def prepare(df: pd.DataFrame, reference_year: int | None = None) -> pd.DataFrame:
    """Comparable columns for records carrying any of :data:`FIELDS` (all optional)."""
    year = reference_year or dt.datetime.now(tz=dt.UTC).year
    n = len(df)
    country = _col(df, "country")
    names: list[NameParts] = _per_distinct(
        list(zip(_col(df, "given_names"), _col(df, "surname_1"), _col(df, "surname_2"),
                 _col(df, "full_name"), strict=True)),
        lambda k: name_parts(*k),
    )  # fmt: skip
    births = _per_distinct(
        list(zip(_col(df, "dob"), (day_first_for(c) for c in country), strict=True)),
        lambda k: parse_birth(k[0], year, k[1]),
    )
    ids = [_NOT_ALNUM.sub("", v.upper()) for v in _col(df, "id_number")]
    curps = _per_distinct(ids, read_curp)
    out = pd.DataFrame(
        {
            "rid": _col(df, "record_id")
            if "record_id" in df.columns
            else [str(i) for i in range(n)],
            "source": _col(df, "source"),
            "given": [p.given for p in names],
            "middle": [p.middle for p in names],
            "sur1": [p.sur1 for p in names],
            "sur2": [p.sur2 for p in names],
            "name_prefix": _per_distinct(names, expected_prefix),
            "byear": np.array([b.year for b in births], dtype=np.int16),
            "bmonth": np.array([b.month for b in births], dtype=np.int8),
            "bday": np.array([b.day for b in births], dtype=np.int8),
            "ylo": np.array([b.year_lo for b in births], dtype=np.int16),
            "yhi": np.array([b.year_hi for b in births], dtype=np.int16),
            "from_age": np.array([b.from_age for b in births], dtype=bool),
            "ayear": np.array([b.age_year for b in births], dtype=np.int16),
            "sex": [
                "f" if v.lower() == "m" and day_first_for(c) else _SEX.get(v.lower(), "")
                for v, c in zip(_col(df, "sex"), country, strict=True)
            ],
            "phone": _per_distinct(list(zip(_col(df, "phone"), country, strict=True)), _phone),
            "email": [v.lower() for v in _col(df, "email")],
            "idn": ids,
            "address": _per_distinct(_col(df, "address"), _clean_address),
            "city": _per_distinct(_col(df, "city"), clean),
            "state": _per_distinct(_col(df, "state"), clean),
            "postcode": [v.upper().replace(" ", "") for v in _col(df, "postcode")],
        }
    )
    _fill_from_curp(out, curps)
    # Sex as the first given name implies: only guards siblings (never scored, since it
    # would count the given-name agreement twice).
    out["name_sex"] = _per_distinct(out["given"].tolist(), sex_of_given)
    out["dob"] = _dob_strings(out)
    out["street_no"] = out["address"].str.extract(_STREET_NO, expand=False).fillna("")
    out["phone_tail"] = out["phone"].str[-7:]
    return out


def _fill_from_curp(out: pd.DataFrame, curps: list[Any]) -> None:
    """A CURP states the holder's birth date and sex: use them where the record is silent."""
    has = np.array([c is not None for c in curps])
    out["curp_prefix"] = [c.prefix if c else "" for c in curps]
    out["curp_dob"] = [f"{c.year:04d}{c.month:02d}{c.day:02d}" if c else "" for c in curps]
    if not has.any():
        return
    missing = has & (out["byear"].to_numpy() == 0) & ~out["from_age"].to_numpy()
    for i in np.flatnonzero(missing):
        c = curps[i]
        out.loc[i, ["byear", "bmonth", "bday", "ylo", "yhi"]] = [
            c.year,
            c.month,
            c.day,
            c.year,
            c.year,
        ]
    no_sex = has & (out["sex"].to_numpy() == "")
    for i in np.flatnonzero(no_sex):
        out.loc[i, "sex"] = curps[i].sex


def _dob_strings(out: pd.DataFrame) -> list[str]:
    return [
        f"{y:04d}{m:02d}{d:02d}" if y else ""
        for y, m, d in zip(out["byear"].tolist(), out["bmonth"].tolist(), out["bday"].tolist(),
                           strict=True)
    ]  # fmt: skip
