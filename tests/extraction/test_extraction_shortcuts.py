"""The fast paths of the extractor give the answers of the plain forms they replace."""

import bisect
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from enlace.extraction.engine.accounts import (
    UNDERSCORE_HANDLE,
    _bare_handles,
    _underscore_run_starts,
)
from enlace.extraction.engine.document import make_doc
from enlace.extraction.engine.model import Entity
from enlace.extraction.engine.persons import _TRIGGER_PHRASES, _TRIGGERS_REVERSED
from enlace.extraction.engine.pipeline import _RANK, _resolve
from enlace.text import anchors


def _plain_resolve(found: list[Entity]) -> list[Entity]:
    """Greedy over every entity at once: longest span, specific type, confidence first."""
    ordered = sorted(
        found, key=lambda e: (-(e.end - e.start), _RANK.get(e.type, 99), -e.confidence, e.start)
    )
    kept: list[Entity] = []
    for ent in ordered:
        if ent.end <= ent.start:
            continue
        clash = any(
            k.start < ent.end
            and ent.start < k.end
            and not (
                (k.start, k.end) == (ent.start, ent.end)
                and {k.type, ent.type} == {"phone", "online_account"}
            )
            for k in kept
        )
        if not clash:
            bisect.insort(kept, ent, key=lambda e: (e.start, e.end, e.type))
    return kept


_TYPES = ["phone", "online_account", "person", "location", "age", "money"]
_ENTITY = st.builds(
    lambda t, s, n, c: Entity(t, "x", s, s + n, f"{t}{s}{n}", c),
    st.sampled_from(_TYPES),
    st.integers(0, 60),
    st.integers(0, 8),
    st.sampled_from([0.5, 0.7, 0.9]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ENTITY, max_size=25))
def test_resolve_by_runs_of_overlaps_matches_the_global_greedy(found: list[Entity]) -> None:
    got = _resolve(found)
    want = _plain_resolve(found)
    assert [(e.type, e.start, e.end, e.normalized) for e in got] == [
        (e.type, e.start, e.end, e.normalized) for e in want
    ]


_FORWARD = re.compile(
    r"(?:" + "|".join(r"\b" + re.escape(p) for p in _TRIGGER_PHRASES) + r")\s*:?\s*$",
    re.IGNORECASE,
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_TRIGGER_PHRASES, "x", "Ana", " ", ":", "\n", "_", "'", "é", "named."]),
        max_size=8,
    )
)
def test_reversed_trigger_match_equals_searching_for_a_trailing_trigger(
    parts: list[str],
) -> None:
    window = "".join(parts)[-40:]
    assert bool(_TRIGGERS_REVERSED.match(window[::-1])) == bool(_FORWARD.search(window))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1._ @/é-", max_size=60))
def test_underscore_handles_found_at_run_starts_equal_a_full_scan(text: str) -> None:
    got = [m.span() for m in anchors.scan(UNDERSCORE_HANDLE, text, _underscore_run_starts(text))]
    assert got == [m.span() for m in UNDERSCORE_HANDLE.finditer(text)]


def test_underscore_handle_is_found_in_a_narrative() -> None:
    found = _bare_handles(make_doc("Escribele a recruiter_j23 por la noche.", ""))
    assert [(e.text, e.normalized) for e in found] == [("recruiter_j23", "handle:recruiter_j23")]
