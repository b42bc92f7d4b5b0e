"""The gettext marker for text shown to people, usable from any layer.

``N_`` returns its argument unchanged; Babel's extraction finds it, and the web layer translates
the string into the reader's language when it is shown.
"""


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    return message
