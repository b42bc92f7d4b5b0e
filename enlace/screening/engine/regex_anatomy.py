"""What every match of a regular expression must contain, read off its parse tree.

The screening index (``patterns``) dispatches a rule only at the words its matches can start
with and skips it when a word it needs is absent from the text; both facts come from here,
computed once when the catalog is compiled.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

# The regex parser of the standard library.
_sre: Any = importlib.import_module("re._parser")
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT))


def _literal_options(items: Any) -> frozenset[str] | None:
    """Strings of which at least one must occur in any match of a parsed sequence.

    Picks the most selective required element: a literal run, or the union of the literal
    options of every branch of a required alternation. None when nothing is required.
    """
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        close_run()
        options: frozenset[str] | None = None
        if op is _sre.SUBPATTERN:
            options = _literal_options(av[-1])
        elif op is _sre.BRANCH:
            branches = [_literal_options(branch) for branch in av[1]]
            if all(b is not None for b in branches):
                options = frozenset().union(*[b for b in branches if b is not None])
        elif op in _REPEATS and av[0] >= 1:
            options = _literal_options(av[2])
        if options:
            candidates.append(options)
    close_run()
    if not candidates:
        return None
    return max(candidates, key=lambda opts: (min(len(o) for o in opts), -len(opts)))


DIGIT = "#d"  # dispatch key of patterns that start with a digit
WHOLE = "$"  # marks a first literal that is a whole word


def _first_options(items: Any) -> frozenset[str] | None:  # noqa: PLR0911, PLR0912
    """Literal prefixes one of which every match starts with; None when unknown.

    Zero-width assertions at the start are skipped; an optional leading item contributes its
    own prefixes and those of what follows it. ``DIGIT`` stands for any digit. A prefix that
    is a whole word (the pattern goes on with a separator or a word boundary) ends with
    ``WHOLE``.
    """
    if not items:
        return None
    op, av = items[0]
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return _first_options(items[1:])
    if op is _sre.LITERAL:
        run: list[str] = []
        index = 0
        for item_op, item_av in items:
            # Words are dispatched whole: a prefix ends where the word does ("she'd").
            if item_op is not _sre.LITERAL or (run and not _is_word_char(chr(item_av))):
                break
            run.append(chr(item_av))
            index += 1
        literal = "".join(run)
        if all(_is_word_char(c) for c in literal):
            return frozenset(literal + tail for tail in _continuations(items[index:]))
        return frozenset({literal})
    if op is _sre.IN and av == [(_sre.CATEGORY, _sre.CATEGORY_DIGIT)]:
        return frozenset({DIGIT})
    if op is _sre.SUBPATTERN:
        return _first_options(list(av[-1]) + list(items[1:]))
    if op is _sre.BRANCH:
        branches = [_first_options(list(branch) + list(items[1:])) for branch in av[1]]
        if all(b for b in branches):
            return frozenset().union(*[b for b in branches if b])
        return None
    if op in _REPEATS:
        if av[0] >= 1:
            body = list(av[2])
            return _first_options(body + list(items[1:])) if av[1] == 1 else _first_options(body)
        head = _first_options(list(av[2]) + list(items[1:]))
        rest = _first_options(items[1:])
        if head and rest:
            return head | rest
    return None


SPELLINGS = 64  # most spellings of one word followed through a pattern's alternatives


def _continuations(items: Any) -> frozenset[str]:  # noqa: PLR0911
    """How the word being read may go on: its further word characters, then ``WHOLE``
    where the word surely ends there, or nothing where that is unknown.

    "(?:owe|owes|owed)\\b" read after "ow" goes on as "e$", "es$" or "ed$", so the pattern
    is dispatched on those three words instead of on every word starting with "ow".
    """
    if not items:
        return frozenset({""})
    op, av = items[0]
    rest = list(items[1:])
    if op is _sre.LITERAL and _is_word_char(chr(av)):
        return _spell(chr(av), _continuations(rest))
    if _word_ends(items):
        return frozenset({WHOLE})
    if op is _sre.SUBPATTERN:
        return _continuations(list(av[-1]) + rest)
    if op is _sre.BRANCH:
        return _either([_continuations(list(branch) + rest) for branch in av[1]])
    if op is _sre.IN and av and all(o is _sre.LITERAL and _is_word_char(chr(a)) for o, a in av):
        return _either([_spell(chr(a), _continuations(rest)) for _, a in av])
    if op in _REPEATS and av[0] == 0 and av[1] == 1:
        return _either([_continuations(list(av[2]) + rest), _continuations(rest)])
    return frozenset({""})


def _spell(head: str, tails: frozenset[str]) -> frozenset[str]:
    return frozenset(head + tail for tail in tails)


def _either(options: list[frozenset[str]]) -> frozenset[str]:
    out = frozenset().union(*options)
    return out if len(out) <= SPELLINGS else frozenset({""})


def _covering(options: frozenset[str]) -> frozenset[str]:
    """Options less those another option's prefix already covers (one dispatch per word)."""
    prefixes = [o for o in options if o != DIGIT and not o.endswith(WHOLE)]
    return frozenset(o for o in options if not any(o != p and o.startswith(p) for p in prefixes))


def _word_ends(items: Any) -> bool:  # noqa: PLR0911
    """Whether what follows a literal can only start with a non-word character."""
    if not items:
        return False
    op, av = items[0]
    if op is _sre.LITERAL:
        return not _is_word_char(chr(av))
    if op is _sre.AT:
        return bool(av is _sre.AT_BOUNDARY)
    if op is _sre.ASSERT_NOT:
        return bool(
            av[0] == 1 and list(av[1]) == [(_sre.IN, [(_sre.CATEGORY, _sre.CATEGORY_WORD)])]
        )
    if op is _sre.IN:
        return bool(
            av and av[0] == (_sre.NEGATE, None) and (_sre.CATEGORY, _sre.CATEGORY_WORD) in av
        )
    if op is _sre.SUBPATTERN:
        return _word_ends(list(av[-1]) + list(items[1:]))
    if op is _sre.BRANCH:
        return all(_word_ends(list(branch) + list(items[1:])) for branch in av[1])
    if op in _REPEATS and av[0] >= 1:
        return _word_ends(list(av[2]))
    return False


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _nullable(items: Any) -> bool:
    """Whether a parsed sequence can match the empty string (conservatively False)."""
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op in _REPEATS and av[0] == 0:
            continue
        if op is _sre.SUBPATTERN and _nullable(av[-1]):
            continue
        if op is _sre.BRANCH and any(_nullable(branch) for branch in av[1]):
            continue
        return False
    return True


def anchors(regex: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(required literals, possible first literals) of a regex; empty when unknown."""
    parsed = _sre.parse(regex)
    required = _literal_options(parsed)
    first = _first_options(list(parsed))
    # Dispatch needs word-initial prefixes of two characters or more to be selective.
    if first and not all(
        f == DIGIT or (f[:1].isalnum() and len(f.rstrip(WHOLE)) >= 2) for f in first
    ):
        first = None
    return (
        tuple(sorted(required)) if required else (),
        tuple(sorted(_covering(first))) if first else (),
    )


def _never_word(op: Any, av: Any) -> bool:
    """Whether a parsed item matches only characters that are not word characters."""
    if op is _sre.LITERAL:
        return not _is_word_char(chr(av))
    if op is _sre.IN:
        return bool(av) and (
            (av[0] == (_sre.NEGATE, None) and (_sre.CATEGORY, _sre.CATEGORY_WORD) in av)
            or all(item in _NON_WORD_CLASSES for item in av)
        )
    return False


_NON_WORD_CLASSES = (
    (_sre.CATEGORY, _sre.CATEGORY_NOT_WORD),
    (_sre.CATEGORY, _sre.CATEGORY_SPACE),
)


def _ends_outside_word(items: Any) -> bool:
    """Whether a non-empty match of a parsed sequence always ends with a non-word character."""
    if not items:
        return False
    op, av = items[-1]
    if _never_word(op, av):
        return True
    if op in _REPEATS and av[0] >= 1:
        return _ends_outside_word(list(av[2]))
    if op is _sre.SUBPATTERN:
        return _ends_outside_word(list(av[-1]))
    return False


def _word_options(items: Any) -> frozenset[str] | None:
    """First options usable as a word requirement: every one starts with a word character."""
    first = _first_options(items)
    if first and all(f == DIGIT or f[:1].isalnum() for f in first):
        return first
    return None


def _word_requirements(items: Any, at_word_start: bool) -> list[frozenset[str]]:
    """Per position of a parsed sequence known to start a word, its literal word starts.

    A position starts a word when it follows a separator (a class or literal that never
    matches a word character), a word boundary, or the start of a match (matches start at
    word starts). A match passes every position of the sequence, so the text has a word
    that starts with one of the options found there.
    """
    found: list[frozenset[str]] = []
    state = at_word_start
    for index, (op, av) in enumerate(items):
        options = _word_options(items[index:]) if state else None
        if options:
            found.append(options)
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.SUBPATTERN:
            inner = list(av[-1])
            found.extend(_word_requirements(inner, state))
            state = _ends_outside_word(inner)
        elif op is _sre.BRANCH:
            # Each alternative needs words of its own; one of each alternative's rarest is
            # a requirement ("la migra" needs "migra", rarer than the "la" it starts with).
            per_branch = [_word_requirements(list(branch), state) for branch in av[1]]
            if all(per_branch):
                rarest = frozenset().union(*(max(r, key=_rarity) for r in per_branch))
                if not options or _rarity(rarest) > _rarity(options):
                    found.append(rarest)
            state = False
        elif _never_word(op, av):
            state = True
        elif op in _REPEATS:
            ends = _ends_outside_word(list(av[2]))
            state = ends if av[0] >= 1 else state and ends
        else:
            state = op is _sre.AT and av is _sre.AT_BOUNDARY
    return found


def word_requirements(regex: str) -> tuple[frozenset[str], ...]:
    """Word starts a text must contain for ``regex`` to match at a word start in it.

    Each entry lists options (see ``_first_options``: a prefix, a whole word ending with
    ``WHOLE``, or ``DIGIT``) of which some word of the text must satisfy at least one.
    """
    unique = dict.fromkeys(_word_requirements(list(_sre.parse(regex)), at_word_start=True))
    return tuple(unique)


#: Characters no catalog separator (``SEP``) crosses: a match that never consumes one stays in
#: the stretch of text between two of them, so only that stretch's words can be in it.
BREAKS = ".!?;\n"
_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    _sre.CATEGORY_DIGIT: str.isdigit,
    _sre.CATEGORY_NOT_DIGIT: lambda c: not c.isdigit(),
    _sre.CATEGORY_SPACE: str.isspace,
    _sre.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    _sre.CATEGORY_WORD: _is_word_char,
    _sre.CATEGORY_NOT_WORD: lambda c: not _is_word_char(c),
}


def _class_matches(items: Any, char: str) -> bool:
    """Whether a parsed character class may match ``char`` (True when unsure)."""
    negate = False
    hit = False
    for op, av in items:
        if op is _sre.NEGATE:
            negate = True
        elif op is _sre.LITERAL:
            hit = hit or chr(av) == char
        elif op is _sre.RANGE:
            hit = hit or av[0] <= ord(char) <= av[1]
        elif op is _sre.CATEGORY and av in _CATEGORIES:
            hit = hit or bool(_CATEGORIES[av](char))
        else:
            return True
    return hit != negate


def _children(op: Any, av: Any) -> list[Any] | None:
    """The item lists inside a group, each alternative of a branch, or a repeat's body; None
    for any other item."""
    if op is _sre.SUBPATTERN:
        return [av[-1]]
    if op is _sre.BRANCH:
        return list(av[1])
    if op in _REPEATS:
        return [av[2]]
    return None


def _stays(items: Any) -> bool:
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # consumes nothing
        inner = _children(op, av)
        if inner is not None:
            if not all(_stays(part) for part in inner):
                return False
        elif op is _sre.LITERAL:
            if chr(av) in BREAKS:
                return False
        elif op is _sre.IN:
            if any(_class_matches(av, char) for char in BREAKS):
                return False
        else:
            return False  # any character, backreferences...: unknown
    return True


def stays_in_segment(regex: str) -> bool:
    """Whether no match of ``regex`` contains a character of ``BREAKS`` (False when unsure)."""
    return _stays(list(_sre.parse(regex)))


_NOT_WORD_AHEAD = [(_sre.IN, [(_sre.CATEGORY, _sre.CATEGORY_WORD)])]


def _blind(items: Any) -> bool:
    for op, av in items:
        inner = _children(op, av)
        if inner is not None:
            if not all(_blind(part) for part in inner):
                return False
        elif op is _sre.AT:
            if av not in (_sre.AT_BOUNDARY, _sre.AT_NON_BOUNDARY):
                return False
        elif op is _sre.ASSERT_NOT:
            if av[0] != 1 or list(av[1]) != _NOT_WORD_AHEAD:
                return False
        elif op not in (_sre.LITERAL, _sre.IN, _sre.NOT_LITERAL, _sre.ANY):
            return False  # a lookahead, a backreference...: unknown
    return True


def stretch_blind(regex: str) -> bool:
    """Whether ``regex`` finds the same matches in a stretch between two sentence marks when
    the text is cut at the mark that ends it: its matches stay in the stretch
    (``stays_in_segment``) and it looks past its match only for a word character or a word
    boundary, which the cut end and the mark answer alike."""
    return stays_in_segment(regex) and _blind(list(_sre.parse(regex)))


def _rarity(options: frozenset[str]) -> int:
    """How selective a requirement is: the length of its shortest option."""
    return min(1 if o == DIGIT else len(o.removesuffix(WHOLE)) for o in options)
