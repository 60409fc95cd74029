"""Dates as LinkedIn writes them, read as the profile's ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

LinkedIn writes ``Mar 2019`` (positions, certifications, projects), ``2019`` (education),
``Mar 12, 2019`` (publications) and ``3/12/19, 10:21 AM`` (time stamps), in English or in
the member's language. Read here, in that order of trial:

- ISO forms: ``2019``, ``2019-03``, ``2019-03-12`` (also ``2019/03``, ``2019.03.12``);
- a month and a year as numbers: ``03/2019``, ``3.2019``;
- a full numeric date when the day cannot be taken for the month: ``25/12/2019`` or
  ``12/25/2019``; ``03/04/2019`` is refused as ambiguous (3 April or 4 March);
- a month name (wide or abbreviated, with or without a dot, any case) in any of
  :data:`MONTH_LOCALES`, from CLDR via Babel, with a year and optionally a day, in any order:
  ``Mar 2019``, ``March 12, 2019``, ``12 mars 2019``, ``12. März 2019``, ``mar. de 2019``,
  ``Μαρ 2019``, ``мар. 2019 г.``; a name meaning different months in two languages is refused;
- Chinese, Japanese and Korean ``2019年3月``, ``2019년 3월 12일``.

A time after the date (``, 10:21 AM``) is ignored. Anything else is not guessed:
:func:`parse_linkedin_date` raises :class:`DateProblem` saying why, and the caller keeps the
text in a comment.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Languages whose month names are read: LinkedIn's interface languages (CLDR codes).
MONTH_LOCALES = ("en", "ar", "cs", "da", "de", "el", "es", "fi", "fr", "he", "hi", "hu", "id", "it", "ja", "ko",
                 "ms", "nb", "nl", "pl", "pt", "ro", "ru", "sv", "th", "tl", "tr", "uk", "vi", "zh")
#: Words that may stand between a month and a year (``mar. de 2019``, ``2019 г.``).
_FILLERS = {"de", "del", "of", "the", "г", "года", "r", "m", "d", "n", "ngày", "tháng", "năm"}

_ISO = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_CJK = re.compile(r"^(\d{4})\s*[年년]\s*(?:(\d{1,2})\s*[月월]\s*(?:(\d{1,2})\s*[日일])?)?$")
_TIME = re.compile(r"[,\s]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?\s*[Mm]\.?)?(?:\s*[A-Z]{2,5})?$")
_PRESENT = {"present", "current", "now", "today"}


class DateProblem(ValueError):
    """The text is not a date this module reads; ``str()`` says why."""


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Month name (casefolded, accents kept, trailing dot removed) -> month number."""
    from babel import Locale

    seen: dict[str, set[int]] = {}
    for code in MONTH_LOCALES:
        locale = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    seen.setdefault(_fold(name), set()).add(number)
    seen.setdefault("sept", set()).add(9)  # English "Sept", common though not CLDR's
    return {name: next(iter(months)) for name, months in seen.items() if len(months) == 1 and name}


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold().strip().rstrip(".")


def _checked(year: int, month: int | None = None, day: int | None = None, *, text: str) -> str:
    from pydantic_core import PydanticCustomError

    from resume_builder.schema.types import parse_date

    value = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")
    try:
        return str(parse_date(value))
    except PydanticCustomError as exc:
        raise DateProblem(f"'{text}' is no date ({exc.message()})") from None


def is_present(text: str) -> bool:
    """``Present`` (or current, now, today), LinkedIn's word for a position held today."""
    return text.strip().casefold() in _PRESENT


def parse_linkedin_date(text: str) -> str:
    """``text`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (see the module docstring).

    Raises DateProblem for anything else (an empty text included).
    """
    raw = " ".join(text.split())
    value = _TIME.sub("", raw).strip(" ,")
    if not value:
        raise DateProblem("no date given")
    if match := _ISO.match(value):
        year, month, day = (int(g) if g else None for g in match.groups())
        return _checked(year, month, day, text=raw)
    if match := _MONTH_YEAR.match(value):
        return _checked(int(match[2]), int(match[1]), text=raw)
    if match := _NUMERIC.match(value):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if first > 12 >= second:
            return _checked(year, second, first, text=raw)
        if second > 12 >= first:
            return _checked(year, first, second, text=raw)
        if first == second:
            return _checked(year, first, first, text=raw)
        raise DateProblem(f"'{raw}' is ambiguous (day and month could be either way round)")
    if match := _CJK.match(value):
        year, month, day = (int(g) if g else None for g in match.groups())
        return _checked(year, month, day, text=raw)
    return _from_words(value, raw)


def _from_words(value: str, raw: str) -> str:
    names = month_names()
    year = month = day = None
    for token in re.findall(r"\d+|[^\W\d_]+\.?", value):
        word = _fold(token)
        if token.isdecimal():
            if len(token) == 4 and year is None:
                year = int(token)
            elif len(token) <= 2 and day is None and 1 <= int(token) <= 31:
                day = int(token)
            else:
                raise DateProblem(f"'{raw}' is not a date resume-builder reads")
        elif word in names and month is None:
            month = names[word]
        elif word not in _FILLERS:
            raise DateProblem(f"'{raw}' is not a date resume-builder reads ('{token}' is no month name it knows)")
    if year is None or (day is not None and month is None):
        raise DateProblem(f"'{raw}' is not a date resume-builder reads (no year)" if year is None
                          else f"'{raw}' is not a date resume-builder reads")
    return _checked(year, month, day, text=raw)
