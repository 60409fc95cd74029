"""Words for counts in messages: ``count(1, "entry")`` is "1 entry", ``count(2, "entry")``
"2 entries". English plurals for the nouns our messages use; irregular ones are passed in.
What a value read from a file is, for "found ..." (:func:`describe`)."""

from __future__ import annotations

import datetime
from typing import Any


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


def file_size(size: int) -> str:
    """A file's size as the commands say it: whole KiB (1,024 bytes), or bytes below one KiB
    ("1 byte", "12 bytes"; "1 KiB" was said of a 1-byte text: trial)."""
    return count(size, "byte") if size < 1024 else f"{size // 1024:,} KiB"


def seconds(value: float) -> str:
    """A duration in words: "1 second", "0.2 seconds", "120 seconds" (``:g`` formatting)."""
    return f"{value:g} second{'' if value == 1 else 's'}"


#: Letters whose English name starts with a vowel sound ("an HTML file", "an MD file").
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")
#: Words that start with a vowel letter but a consonant sound, or the other way round.
_CONSONANT_SOUND = ("uni", "use", "usu", "eu", "one", "once", "ubi", "uti", "ura", "ure", "uri")
_VOWEL_SOUND = ("hour", "honest", "honour", "honor", "heir")


def article(phrase: str) -> str:
    """``phrase`` with the English indefinite article it takes: "an included file",
    "a profile", "an HTML file" (an initialism is read letter by letter), "a user".

    The rule is the sound, not the letter (Merriam-Webster, "a" vs "an"); the exceptions
    listed cover the words our messages use.
    """
    word = phrase.split(" ", 1)[0]
    if len(word) > 1 and word.isupper() and word.isalpha():
        return f"{'an' if word[0] in _VOWEL_SOUND_LETTERS else 'a'} {phrase}"
    lowered = word.lower()
    if lowered.startswith(_VOWEL_SOUND):
        return f"an {phrase}"
    vowel = lowered[:1] in ("a", "e", "i", "o", "u") and not lowered.startswith(_CONSONANT_SOUND)
    return f"{'an' if vowel else 'a'} {phrase}"


def describe(value: Any) -> str:
    """A short description of what was found, for 'expected X, found Y' messages: "the number
    3", "the text 'x'", "a list", "a date" (TOML's dates and times: "found date" had no article)."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, datetime.datetime):  # before date: a datetime is a date too
        return "a date and time"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, datetime.time):
        return "a time of day"
    return article(type(value).__name__)
