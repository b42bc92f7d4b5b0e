"""Raw person records (the batch fields) turned into the columns the comparisons read.

Work is done once per distinct value, not per row, so a million records with a few
hundred thousand distinct names prepare in seconds.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, TypeVar

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from enlace.resolution.engine.curp import expected_prefix, read_curp
from enlace.resolution.engine.dates import day_first_for, parse_birth
from enlace.resolution.engine.names import NameParts, clean, fold_text, name_parts, sex_of_given

try:
    from enlace.extraction.engine import normalize_phone
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


def _text(value: Any) -> str:
    """A raw field as ``_col`` reads it: missing values empty, surrounding space dropped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


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


# Prepared columns and their types: integers and flags for dates, text for the rest.
INT16 = ("byear", "ylo", "yhi", "ayear")
INT8 = ("bmonth", "bday")


def prepare(df: pd.DataFrame, reference_year: int | None = None) -> pd.DataFrame:
    """Comparable columns for records carrying any of :data:`FIELDS` (all optional)."""
    raw = {name: _col(df, name) for name in FIELDS if name in df.columns}
    if "record_id" not in df.columns:
        raw["record_id"] = [str(i) for i in range(len(df))]
    return as_frame(prepare_columns(raw, len(df), reference_year))


def prepare_rows(
    records: Sequence[Mapping[str, Any]], reference_year: int | None = None
) -> list[dict[str, Any]]:
    """:func:`prepare` for a handful of records given as mappings, without building frames.

    One new report brings a few people: the same columns as :func:`prepare`, one plain dict per
    record (JSON-ready Python values), so incremental resolution pays no per-call frame setup.
    """
    raw = {name: [_text(r.get(name)) for r in records] for name in FIELDS}
    if not any("record_id" in r for r in records):
        raw["record_id"] = [str(i) for i in range(len(records))]
    columns = prepare_columns(raw, len(records), reference_year)
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def as_frame(columns: Mapping[str, Sequence[Any]]) -> pd.DataFrame:
    """Prepared columns (as :func:`prepare_columns` or stored rows give them) as a frame."""
    data: dict[str, Any] = {}
    for name, values in columns.items():
        if name in INT16:
            data[name] = np.array(values, dtype=np.int16)
        elif name in INT8:
            data[name] = np.array(values, dtype=np.int8)
        elif name == "from_age":
            data[name] = np.array(values, dtype=bool)
        else:
            data[name] = list(values)
    return pd.DataFrame(data)


def prepare_columns(
    raw: Mapping[str, list[str]], n: int, reference_year: int | None = None
) -> dict[str, list[Any]]:
    """The prepared columns, as Python lists, from raw text columns (absent ones are empty)."""
    year = reference_year or dt.datetime.now(tz=dt.UTC).year

    def col(name: str) -> list[str]:
        return raw.get(name) or [""] * n

    country = col("country")
    names: list[NameParts] = _per_distinct(
        list(zip(col("given_names"), col("surname_1"), col("surname_2"), col("full_name"),
                 strict=True)),
        lambda k: name_parts(*k),
    )  # fmt: skip
    births = _per_distinct(
        list(zip(col("dob"), (day_first_for(c) for c in country), strict=True)),
        lambda k: parse_birth(k[0], year, k[1]),
    )
    ids = [_NOT_ALNUM.sub("", v.upper()) for v in col("id_number")]
    curps = _per_distinct(ids, read_curp)
    out: dict[str, list[Any]] = {
        "rid": col("record_id"),
        "source": col("source"),
        "given": [p.given for p in names],
        "middle": [p.middle for p in names],
        "sur1": [p.sur1 for p in names],
        "sur2": [p.sur2 for p in names],
        "name_prefix": _per_distinct(names, expected_prefix),
        "byear": [b.year for b in births],
        "bmonth": [b.month for b in births],
        "bday": [b.day for b in births],
        "ylo": [b.year_lo for b in births],
        "yhi": [b.year_hi for b in births],
        "from_age": [bool(b.from_age) for b in births],
        "ayear": [b.age_year for b in births],
        "sex": [
            "f" if v.lower() == "m" and day_first_for(c) else _SEX.get(v.lower(), "")
            for v, c in zip(col("sex"), country, strict=True)
        ],
        "phone": _per_distinct(list(zip(col("phone"), country, strict=True)), _phone),
        "email": [v.lower() for v in col("email")],
        "idn": ids,
        "address": _per_distinct(col("address"), _clean_address),
        "city": _per_distinct(col("city"), clean),
        "state": _per_distinct(col("state"), clean),
        "postcode": [v.upper().replace(" ", "") for v in col("postcode")],
    }
    _fill_from_curp(out, curps)
    # Sex as the first given name implies: only guards siblings (never scored, since it
    # would count the given-name agreement twice).
    out["name_sex"] = _per_distinct(out["given"], sex_of_given)
    out["dob"] = [
        f"{y:04d}{m:02d}{d:02d}" if y else ""
        for y, m, d in zip(out["byear"], out["bmonth"], out["bday"], strict=True)
    ]
    out["street_no"] = [_street_no(a) for a in out["address"]]
    out["phone_tail"] = [p[-7:] for p in out["phone"]]
    return out


def _street_no(address: str) -> str:
    found = _STREET_NO.search(address)
    return (found.group(1) or "") if found else ""


def _fill_from_curp(out: dict[str, list[Any]], curps: list[Any]) -> None:
    """A CURP states the holder's birth date and sex: use them where the record is silent."""
    out["curp_prefix"] = [c.prefix if c else "" for c in curps]
    out["curp_dob"] = [f"{c.year:04d}{c.month:02d}{c.day:02d}" if c else "" for c in curps]
    for i, c in enumerate(curps):
        if c is None:
            continue
        if out["byear"][i] == 0 and not out["from_age"][i]:
            for name, value in zip(
                ("byear", "bmonth", "bday", "ylo", "yhi"),
                (c.year, c.month, c.day, c.year, c.year),
                strict=True,
            ):
                out[name][i] = value
        if out["sex"][i] == "":
            out["sex"][i] = c.sex
