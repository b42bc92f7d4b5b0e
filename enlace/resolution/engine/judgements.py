"""Analyst judgements: an append-only log that always overrides the model.

Each judgement says of two records that they are the same person (``positive``), not the
same (``negative``) or that the analyst cannot tell (``unsure``). Nothing is edited or
deleted: a later judgement on the same pair supersedes an earlier one, and the log keeps
who decided what, when and why, so every merge and split can be audited and undone.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Verdict(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    UNSURE = "unsure"


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class Judgement:
    left: str
    right: str
    verdict: Verdict
    author: str = ""
    reason: str = ""
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now(tz=dt.UTC))

    @property
    def pair(self) -> tuple[str, str]:
        return pair_key(self.left, self.right)

    def to_json(self) -> str:
        data = asdict(self)
        data["verdict"] = self.verdict.value
        data["at"] = self.at.isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Judgement:
        data = json.loads(line)
        return cls(
            data["left"], data["right"], Verdict(data["verdict"]), data.get("author", ""),
            data.get("reason", ""), dt.datetime.fromisoformat(data["at"]),
        )  # fmt: skip


class JudgementLog:
    """Append-only list of judgements; :meth:`current` gives the verdict now in force."""

    def __init__(self, entries: Iterable[Judgement] = ()) -> None:
        self._entries: list[Judgement] = list(entries)

    def append(self, judgement: Judgement) -> None:
        if judgement.left == judgement.right:
            raise ValueError("a judgement needs two different records")
        self._entries.append(judgement)

    def __iter__(self) -> Iterator[Judgement]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def history(self, a: str, b: str) -> list[Judgement]:
        key = pair_key(a, b)
        return [j for j in self._entries if j.pair == key]

    def current(self) -> dict[tuple[str, str], Verdict]:
        """The latest verdict per pair (log order decides ties in time)."""
        out: dict[tuple[str, str], Verdict] = {}
        for j in self._entries:
            out[j.pair] = j.verdict
        return out

    def pairs(self, verdict: Verdict) -> list[tuple[str, str]]:
        return [pair for pair, v in self.current().items() if v == verdict]
