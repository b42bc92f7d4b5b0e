"""E-mail addresses and online accounts: URLs, social handles, app numbers."""

from __future__ import annotations

import re

from enlace.extraction.engine.document import Doc
from enlace.extraction.engine.folding import fold
from enlace.extraction.engine.model import Entity
from enlace.text import anchors

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,4}\b")
URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"'()]{2,200}"
    r"|\b(?:facebook|fb|instagram|tiktok|twitter|x|onlyfans|skipthegames|megapersonals"
    r"|listcrawler|craigslist|t|wa|snapchat|youtube|mileroticos|doublelist|backpage|locanto)"
    r"\.(?:com(?:\.mx)?|me|mx|org|net|ws|eu|co|io|app|us|ca|es|ly)\b(?:/[^\s<>\"'()]{1,120})?",
    re.IGNORECASE,
)
_PLATFORMS: dict[str, str] = {
    "ig": "instagram",
    "insta": "instagram",
    "instagram": "instagram",
    "snap": "snapchat",
    "snapchat": "snapchat",
    "sc": "snapchat",
    "tiktok": "tiktok",
    "tik tok": "tiktok",
    "telegram": "telegram",
    "tg": "telegram",
    "kik": "kik",
    "twitter": "twitter",
    "onlyfans": "onlyfans",
    "fb": "facebook",
    "facebook": "facebook",
    "face": "facebook",
    "discord": "discord",
    "skype": "skype",
    "x": "twitter",
    "threads": "threads",
    "megapersonals": "megapersonals",
    "skipthegames": "skipthegames",
    "mileroticos": "mileroticos",
    "cashapp": "cashapp",
    "cash app": "cashapp",
    "venmo": "venmo",
    "grindr": "grindr",
    "tinder": "tinder",
    "bumble": "bumble",
    "whatsapp": "whatsapp",
}
PLATFORM_HANDLE = re.compile(
    r"\b(ig|insta|instagram|snap|snapchat|sc|tik\s?tok|telegram|tg|kik|twitter|onlyfans|fb"
    r"|facebook|face|discord|skype|threads|megapersonals|skipthegames|mileroticos|cash\s?app"
    r"|venmo|grindr|tinder|bumble)\b"
    r"(?P<word>,?\s+(?:account|acct|cuenta|user(?:name)?|usuario|handle|profile|perfil|page"
    r"|p[aá]gina|name|nombre))?"
    r"\s*(?P<sep>:|-|=|\bis\b|\bes\b|\bcomo\b|\bas\b|\bde\b|\bnamed\b|\bllamad[oa]\b)?\s*"
    r"(?P<handle>@?[A-Za-z0-9_][A-Za-z0-9_.]{2,29}|\$[A-Za-z][A-Za-z0-9_-]{1,20})",
    re.IGNORECASE,
)
# A user name with an underscore ("recruiter_j23") is a handle wherever it stands.
UNDERSCORE_HANDLE = re.compile(
    r"(?<![\w@./])[A-Za-z0-9][A-Za-z0-9.]*_[A-Za-z0-9_.]*[A-Za-z0-9](?![\w@])"
)
_DISPLAY_NAME = re.compile(r"[A-ZÁÉÍÓÚÑ][\w'’]+(?:[ \t]+[A-ZÁÉÍÓÚÑ][\w'’]+){0,2}")
_HANDLE_CHARS = frozenset("@$_.0123456789")
HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
_NOT_HANDLE = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "is",
        "was",
        "her",
        "his",
        "their",
        "my",
        "el",
        "la",
        "los",
        "las",
        "un",
        "una",
        "que",
        "es",
        "and",
        "or",
        "with",
        "con",
        "account",
        "cuenta",
        "page",
        "perfil",
        "profile",
        "she",
        "he",
        "they",
        "ella",
        "el",
        "who",
        "where",
        "por",
        "para",
        "from",
        "de",
        "also",
        "too",
        "number",
        "numero",
        "número",
        "but",
        "pero",
        "called",
        "llamado",
        "llamada",
        "named",
    ]
)


# URLs and platform handles start at one of these words.
_FIRST = anchors.word_pattern(
    r"https?|www|facebook|fb|instagram|tiktok|twitter|x|onlyfans|skipthegames|megapersonals"
    r"|listcrawler|craigslist|t|wa|snapchat|youtube|mileroticos|doublelist|backpage|locanto"
    r"|ig|insta|snap|sc|tik|telegram|tg|kik|face|discord|skype|threads|cash|cashapp|venmo"
    r"|grindr|tinder|bumble"
)
_URL_PREFIX = re.compile(r"^https?://(www\.)?|^www\.", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def _local_part_starts(text: str) -> list[int]:
    """Where an address can start: the beginning of the run of name characters before each
    "@" (a run longer than 64 has no start the pattern accepts)."""
    starts: list[int] = []
    for at in anchors.char_positions(text, "@"):
        pos = at
        while (
            pos > 0
            and at - pos <= 64
            and (text[pos - 1] in ".+-" or text[pos - 1].isalnum() or text[pos - 1] == "_")
        ):
            pos -= 1
        if pos < at:
            starts.append(pos)
    return starts


def find_emails(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    text = doc.text
    for m in anchors.scan(EMAIL, text, _local_part_starts(text)):
        raw = m.group(0).rstrip(".")
        if "." not in raw.split("@", 1)[1]:
            continue
        out.append(
            Entity(
                "email",
                raw,
                m.start(),
                m.start() + len(raw),
                raw.lower(),
                0.97,
                {"domain": raw.split("@", 1)[1].lower()},
            )
        )
    return out


def _account(raw: str, start: int, norm: str, conf: float, **details: object) -> Entity:
    return Entity("online_account", raw, start, start + len(raw), norm, conf, dict(details))


def _urls(doc: Doc, starts: list[int]) -> list[Entity]:
    out: list[Entity] = []
    for m in anchors.scan(URL, doc.text, starts):
        raw = m.group(0).rstrip(".,;:!?")
        norm = _URL_PREFIX.sub("", raw).rstrip("/")
        out.append(_account(raw, m.start(), "url:" + norm.lower(), 0.9, platform="web", url=raw))
    return out


def _platform_handles(doc: Doc, starts: list[int]) -> list[Entity]:
    out: list[Entity] = []
    text = doc.text
    for m in anchors.scan(PLATFORM_HANDLE, text, starts):
        handle = m.group("handle").rstrip(".")
        bare = handle.lstrip("@$")
        if bare.lower() in _NOT_HANDLE or bare.isdigit():
            continue
        platform = _PLATFORMS.get(
            _SPACES.sub(" ", m.group(1).lower())
            .replace("tik tok", "tiktok")
            .replace("cash app", "cashapp"),
            m.group(1).lower(),
        )
        explicit = bool(m.group("word") or m.group("sep"))
        handle_like = any(c in _HANDLE_CHARS for c in handle)
        if platform == "facebook" and not handle_like:
            # Facebook shows display names, not handles: the capitalized words after "fb es".
            name = _DISPLAY_NAME.match(text, m.start("handle")) if explicit else None
            if name:
                raw = name.group(0)
                norm = f"facebook:{fold(raw)}"
                out.append(
                    _account(raw, m.start("handle"), norm, 0.7, platform=platform, handle=raw)
                )
            continue
        if not explicit and not handle_like:
            continue  # "on instagram messaging minors": a plain word is no user name
        norm = f"{platform}:{bare.lower()}"
        out.append(_account(handle, m.start("handle"), norm, 0.85, platform=platform, handle=bare))
    return out


_HANDLE_RUN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.")


def _underscore_run_starts(text: str) -> list[int]:
    """Where an underscore handle can start: a match begins after a character that is not
    a letter, digit or dot and runs over ASCII letters, digits and dots to its first
    underscore, so it starts where that run before an underscore begins."""
    starts: set[int] = set()
    for pos in anchors.char_positions(text, "_"):
        k = pos
        while k > 0 and text[k - 1] in _HANDLE_RUN:
            k -= 1
        if k < pos:
            starts.add(k)
    return sorted(starts)


def _bare_handles(doc: Doc) -> list[Entity]:
    out: list[Entity] = []
    text = doc.text
    for m in anchors.scan(HANDLE, text, anchors.char_positions(text, "@")):
        raw = m.group(0)
        out.append(_account(raw, m.start(), f"handle:{raw[1:].lower()}", 0.8, handle=raw[1:]))
        out[-1].details["platform"] = None
    if "_" in text:
        for m in anchors.scan(UNDERSCORE_HANDLE, text, _underscore_run_starts(text)):
            raw = m.group(0).rstrip(".")
            details: dict[str, object] = {"platform": None, "handle": raw}
            out.append(
                Entity(
                    "online_account",
                    raw,
                    m.start(),
                    m.start() + len(raw),
                    f"handle:{raw.lower()}",
                    0.7,
                    details,
                )
            )
    return out


def find_accounts(doc: Doc) -> list[Entity]:
    starts = doc.starts(_FIRST)
    return _urls(doc, starts) + _platform_handles(doc, starts) + _bare_handles(doc)
