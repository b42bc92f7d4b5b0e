"""Turn marked-up narratives into exact character offsets.

A mention is written ``[TAGS:surface text]``; TAGS are one or more letters:
T phone, P person, A age, L location, O organization, V vehicle, E email,
U online_account, M money, D date. ``[TU:+52 899 123 4567]`` marks the same span as a
phone and an online account (a WhatsApp number). Narratives are separated by blank lines;
a line ``# id: ...`` or ``# date: YYYY-MM-DD`` before a narrative sets its id or report date.

Annotation rules (applied when the set was written):
- person: the name alone, without titles (Sr., Officer) or kinship words; an alias is its
  own person span without the trigger ("alias", "le dicen"), keeping its article ("El Flaco").
- location: each named place separately ("Reynosa" and "Tamaulipas"); a crossing written
  as a pair is one span; street addresses, colonias and highways are locations.
- age: number with its unit and any approximation ("about 15", "16 años", "17-year-old"),
  or the phrase ("menor de edad", "minors", "in her twenties", "teenage").
- vehicle: colour/year/make/model/vehicle noun as written together; plates separately.
- date: without a leading "on"/"el"; relative expressions ("last Tuesday", "ayer").
"""

from __future__ import annotations

import re

TAGS: dict[str, str] = {
    "T": "phone",
    "P": "person",
    "A": "age",
    "L": "location",
    "O": "organization",
    "V": "vehicle",
    "E": "email",
    "U": "online_account",
    "M": "money",
    "D": "date",
}
MARK = re.compile(r"\[([TPALOVEUMD]{1,3}):([^\[\]]+)\]")


def parse_markup(marked: str) -> tuple[str, list[dict[str, object]]]:
    """Return the plain text and its labelled spans [{"type","start","end","text"}]."""
    out: list[str] = []
    spans: list[dict[str, object]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        chunk = marked[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        surface = m.group(2)
        for tag in m.group(1):
            spans.append(
                {"type": TAGS[tag], "start": length, "end": length + len(surface), "text": surface}
            )
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    if "[" in text and re.search(r"\[[A-Z]{1,3}:", text):
        raise ValueError(f"unbalanced markup in: {marked[:60]}")
    return text, spans


def parse_blocks(source: str, prefix: str) -> list[dict[str, object]]:
    """Split a markup file into records with id, lang hint, date and gold spans."""
    records: list[dict[str, object]] = []
    meta: dict[str, str] = {}
    for block in re.split(r"\n\s*\n", source.strip()):
        lines = []
        for line in block.splitlines():
            if line.startswith("# "):
                key, _, value = line[2:].partition(":")
                meta[key.strip()] = value.strip()
            else:
                lines.append(line)
        if not lines:
            continue
        text, spans = parse_markup("\n".join(lines))
        rid = meta.pop("id", f"{prefix}-{len(records) + 1:03d}")
        rec: dict[str, object] = {"id": rid, "text": text, "entities": spans}
        if "date" in meta:
            rec["date"] = meta.pop("date")
        records.append(rec)
    return records
