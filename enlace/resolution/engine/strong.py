"""Strong identifiers: records sharing a normalized phone, email, ID document, plate or
online account are linked exactly, with a union-find over (kind, value) keys.

These are identifiers of *things* (a phone, a passport); whether two people who share a
phone are one person is left to the probabilistic model, because family members share
phones. Person-level documents (CURP, passport, A-number) do identify one person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from enlace.extraction.kinds import normalizers
from enlace.resolution.engine.curp import read_curp
from enlace.resolution.engine.names import clean

try:
    from enlace.extraction.engine import normalize_phone
except (ImportError, SyntaxError):  # pragma: no cover
    normalize_phone = None  # type: ignore[assignment]

_ALNUM = re.compile(r"[^A-Z0-9]")
_A_NUMBER = re.compile(r"^A?0*(\d{7,9})$")


def _phone(raw: str) -> str:
    if normalize_phone is not None:
        parsed = normalize_phone(raw)
        if parsed is None and not raw.strip().startswith("+"):
            parsed = normalize_phone(raw, default_region="MX") or normalize_phone(
                raw, default_region="US"
            )
        if parsed is not None:
            return str(parsed.e164)
    digits = re.sub(r"\D", "", raw)
    return "+" + digits if len(digits) >= 10 else ""


def _email(raw: str) -> str:
    value = raw.strip().lower()
    return value if re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", value) else ""


def _document(raw: str) -> str:
    value = _ALNUM.sub("", raw.upper())
    return value if len(value) >= 5 else ""


def _curp(raw: str) -> str:
    facts = read_curp(raw)
    return _ALNUM.sub("", raw.upper()) if facts else ""


def _a_number(raw: str) -> str:
    m = _A_NUMBER.match(_ALNUM.sub("", raw.upper()))
    return "A" + m[1].zfill(9) if m else ""


def _plate(raw: str) -> str:
    # "ABC-123 (TX)" / "abc123|tx": plate and issuing state, both required.
    parts = re.split(r"[|(),]", raw)
    plate, region = _ALNUM.sub("", parts[0].upper()), ""
    if len(parts) > 1:
        region = _ALNUM.sub("", parts[1].upper())
    return f"{plate}|{region}" if plate and region else ""


def _account(raw: str) -> str:
    # "instagram:@Some.User" -> "instagram:some.user"
    platform, _, handle = raw.partition(":")
    handle = handle.strip().lstrip("@").lower()
    return f"{clean(platform)}:{handle}" if platform and handle else ""


# Which kinds are strong, and which of these functions each takes, is the registry's to say.
_FUNCTIONS: dict[str, Callable[[str], str]] = {
    "phone": _phone,
    "email": _email,
    "document": _document,
    "curp": _curp,
    "a_number": _a_number,
    "plate": _plate,
    "account": _account,
}
NORMALIZERS: dict[str, Callable[[str], str]] = {
    kind: _FUNCTIONS[name] for kind, name in normalizers().items()
}


def strong_key(kind: str, raw: str) -> str | None:
    """``kind:normalized`` or None when the value does not normalize."""
    normalizer = NORMALIZERS.get(kind)
    if normalizer is None:
        raise ValueError(f"unknown identifier kind: {kind}")
    value = normalizer(raw)
    return f"{kind}:{value}" if value else None


def link_exact(mentions: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Group records by shared strong identifiers.

    ``mentions`` are (record_id, kind, raw value). Returns record_id -> group id (the
    smallest record id in the group); records whose values do not normalize stand alone.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[str, str] = {}
    for record_id, kind, raw in mentions:
        parent.setdefault(record_id, record_id)
        key = strong_key(kind, raw)
        if key is None:
            continue
        if key in owner:
            a, b = find(owner[key]), find(record_id)
            if a != b:
                parent[max(a, b)] = min(a, b)
        else:
            owner[key] = record_id
    return {rid: find(rid) for rid in parent}
