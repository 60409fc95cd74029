"""Date ranges as résumés write them, in every built-in locale.

Forms read (month names from CLDR through Babel, wide and abbreviated, format and
stand-alone, for every language with a file in ``resume_builder/locales/``; "present" words
from those files plus English and German synonyms):

- ``Mar 2019 – Present``, ``March 2019 - June 2020``, ``März 2019 – heute``, ``Sept. 2019``;
- ``03/2019 - 06/2020``, ``03.2019``, ``2019-03``, ``2019/03``, ``3/2019``;
- ``2019–2021``, ``2019 to 2021``, ``2019 bis heute``, ``2019``;
- ``since 2020`` / ``seit 2020`` / ``depuis 2020`` (an open range).

:func:`find_range` returns the range with the character span it was found at, so the rest of
the line (a position, a company) can be read apart from it. Values use the profile's own
forms (``YYYY``, ``YYYY-MM``, ``present``: :func:`resume_builder.schema.types.parse_date`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

PRESENT = "present"

#: Words for "until now" besides each locale file's ``present``.
_PRESENT_EXTRA = ("present", "current", "now", "today", "ongoing", "date", "to date", "heute", "jetzt",
                  "dato", "aktuell", "bis heute", "actuel", "présent", "presente", "oggi", "hoy")
#: Words that open a range with no end ("since 2020").
_SINCE = ("since", "seit", "depuis", "desde", "dal", "da", "sinds", "od", "с")
#: Words between the two ends besides a dash.
_TO = ("to", "until", "till", "bis", "à", "au", "a", "al", "tot", "do", "по", "–", "—", "-", "−", "~", "～")


@dataclass(frozen=True)
class DateRange:
    start: str | None  # YYYY or YYYY-MM
    end: str | None  # YYYY, YYYY-MM or "present"; None for a single date
    span: tuple[int, int]  # where in the text it was found
    text: str  # as written


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    """Month name (case folded, no trailing dot) → 1..12, for English and every built-in locale."""
    from babel import Locale

    from resume_builder.i18n import built_in_languages

    names: dict[str, int] = {}
    for language in ["en", *built_in_languages()]:
        try:
            locale = Locale.parse(language)
        except Exception:  # noqa: BLE001 - a locale Babel lacks only loses its month names
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months.get(context, {}).get(width, {}).items():
                    key = _fold(name).rstrip(".")
                    if len(key) >= 3 and not key.isdigit():
                        names.setdefault(key, number)
    for number, name in enumerate(("sept",), start=9):
        names.setdefault(name, number)
    return names


@lru_cache(maxsize=1)
def _present_words() -> tuple[str, ...]:
    from resume_builder.i18n import _translation, built_in_languages

    words = set(_PRESENT_EXTRA)
    for language in built_in_languages():
        word = (_translation(language) or {}).get("present")
        if word:
            words.add(_fold(word).replace("’", "'"))
    return tuple(sorted(words, key=len, reverse=True))


def _alternatives(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    month = rf"(?:{_alternatives(_months())})\.?"
    year = r"(?:19|20)\d\d"
    point = (rf"(?:{month}\s*,?\s*{year}"  # Mar 2019, March, 2019
             rf"|(?<![\d./-])(?:0?[1-9]|1[0-2])\s*[/.]\s*{year}(?![\d./])"  # 03/2019, 3.2019
             rf"|(?<![\d./-]){year}\s*[-/.]\s*(?:0[1-9]|1[0-2])(?![\d./-])"  # 2019-03
             rf"|(?<![\d./-]){year}(?![\d]))")  # 2019
    present = _alternatives(_present_words())
    to = _alternatives(_TO)
    since = _alternatives(_SINCE)
    return re.compile(
        rf"(?:(?P<since>{since})\s+(?P<s_start>{point})"
        rf"|(?P<start>{point})(?:\s*(?:{to})\s*(?:(?P<end>{point})|(?P<present>{present})(?![\w])))?)",
        re.IGNORECASE)


def _point(text: str) -> str | None:
    """``YYYY`` or ``YYYY-MM`` for one written date."""
    folded = _fold(text).strip()
    match = re.fullmatch(r"(\D*?)\.?\s*,?\s*((?:19|20)\d\d)", folded)
    if match and match.group(1).strip():
        month = _months().get(match.group(1).strip().rstrip(".").strip())
        return f"{match.group(2)}-{month:02d}" if month else None
    match = re.fullmatch(r"(\d{1,2})\s*[/.]\s*(\d{4})", folded)
    if match:
        return f"{match.group(2)}-{int(match.group(1)):02d}"
    match = re.fullmatch(r"(\d{4})\s*[-/.]\s*(\d{2})", folded)
    if match:
        return f"{match.group(1)}-{match.group(2)}"
    match = re.fullmatch(r"\d{4}", folded)
    return folded if match else None


def find_range(text: str) -> DateRange | None:
    """The first date range (or single date) in ``text``; None if there is none.

    A month name must be followed by a year (``May`` alone is a word). A range's end never
    comes before its start (the pair is then read as two unrelated numbers: None).
    """
    folded = _fold(text).replace("’", "'")
    if len(folded) != len(text):  # folding changed lengths (ß → ss): spans would not line up
        folded = text.replace("’", "'")
    for match in _pattern().finditer(folded):
        if match.group("since"):
            start = _point(match.group("s_start"))
            if start:
                return DateRange(start, PRESENT, match.span(), text[match.start():match.end()])
            continue
        start = _point(match.group("start"))
        if not start:
            continue
        end = PRESENT if match.group("present") else _point(match.group("end")) if match.group("end") else None
        if end not in (None, PRESENT) and end < start:
            continue
        return DateRange(start, end, match.span(), text[match.start():match.end()])
    return None


def is_mostly_dates(text: str) -> bool:
    """True when a line is a date range and little else (``Mar 2019 – Present``)."""
    found = find_range(text)
    if found is None:
        return False
    rest = text[:found.span[0]] + text[found.span[1]:]
    return sum(ch.isalnum() for ch in rest) <= 2
