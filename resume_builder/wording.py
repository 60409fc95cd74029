"""Words for counts in messages: ``count(1, "entry")`` is "1 entry", ``count(2, "entry")``
"2 entries". English plurals for the nouns our messages use; irregular ones are passed in."""

from __future__ import annotations


def plural(noun: str) -> str:
    """The regular English plural of ``noun`` (entry → entries, match → matches, page → pages)."""
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def count(number: int, noun: str, plural_form: str | None = None) -> str:
    """``number`` and ``noun``, in the plural unless the number is 1 (``1,234`` grouped)."""
    word = noun if number == 1 else (plural_form or plural(noun))
    return f"{number:,} {word}"
