"""Validated scalar types shared by the profile models: dates, text, links, contact details."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from resume_builder.markdown import located_link_problems

# ----------------------------------------------------------------------------- dates

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, month or day: ``2021``, ``2021-04`` or ``2021-04-15``."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out

    def earliest(self) -> tuple[int, int, int]:
        return self.year, self.month or 1, self.day or 1

    def latest(self) -> tuple[int, int, int]:
        return self.year, self.month or 12, self.day or 31


PRESENT = "present"


def parse_date(value: Any, *, allow_present: bool = False) -> PartialDate | str:
    if isinstance(value, PartialDate):
        return value
    if allow_present and isinstance(value, str) and value.strip().lower() in ("present", "now", "current"):
        return PRESENT
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise PydanticCustomError("date_type", "a date must be text like 2021, 2021-04 or 2021-04-15")
    text = str(value).strip()
    match = _DATE_RE.match(text)
    if not match:
        extra = " or 'present'" if allow_present else ""
        if allow_present:
            from resume_builder.errors import did_you_mean

            close = did_you_mean(text.lower(), [PRESENT])
            if close:  # 'presnt', 'Preset'
                raise PydanticCustomError("date_format", "'{value}' is not a date: {close}", {"value": text, "close": close})
        raise PydanticCustomError(
            "date_format", "'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD{extra}",
            {"value": text, "extra": extra})
    year, month, day = (int(g) if g else None for g in match.groups())
    _check_date_parts(text, year, month, day)
    return PartialDate(year, month, day)


#: Month names for messages (English, as every message is; ``calendar.month_name`` follows the process locale).
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


def _check_date_parts(text: str, year: int, month: int | None, day: int | None, *,
                      whole_day: bool = False) -> None:
    """Refuse a month, day or year that does not exist, in the profile's words.

    ``whole_day``: the date must name a day (a letter's ``YYYY-MM-DD``), so the hints show
    that form and never suggest leaving the day out."""
    if month is not None and not 1 <= month <= 12:
        form, example = ("YYYY-MM-DD", f"{year}-03-01") if whole_day else ("YYYY-MM", f"{year}-03")
        raise PydanticCustomError("date_month", "month {month} does not exist in '{value}': months run from 01 "
                                  "to 12 (write {form}, e.g. {example})",
                                  {"month": month, "value": text, "form": form, "example": example})
    if day is not None:
        import calendar

        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            if whole_day:
                raise PydanticCustomError("date_day", "day {day} does not exist in '{value}': {name} {year} has "
                                          "{last} days", {"day": day, "value": text, "last": last, "year": year,
                                                          "name": _MONTH_NAMES[month - 1]})
            raise PydanticCustomError("date_day", "day {day} does not exist in '{value}': that month has "
                                      "{last} days (or leave the day out: {short})",
                                      {"day": day, "value": text, "last": last, "short": f"{year}-{month:02d}"})
    if not 1900 <= year <= 2200:
        raise PydanticCustomError("date_year", "year {year} is out of range in '{value}': write a year from "
                                  "1900 to 2200", {"year": year, "value": text})


#: Text written as a day's date, year first, with '-' (``2026-03-02``, ``2026-3-2``).
_DAY_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_day(value: str) -> datetime.date | None:
    """The day ``value`` names when it is written year first with '-' (``2026-03-02``),
    else None (other text, such as ``2 March 2026``, is not a date this reads).

    Raises PydanticCustomError, in the words of the profile's dates (:func:`parse_date`),
    when such a text is not a real day: month 13 (``date_month``), day 30 of February
    (``date_day``), a year outside 1900-2200 (``date_year``), or a month or day of one digit
    (``date_format``: write ``YYYY-MM-DD``)."""
    text = value.strip()
    match = _DAY_RE.match(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    _check_date_parts(text, year, month, day, whole_day=True)
    if len(match.group(2)) < 2 or len(match.group(3)) < 2:
        raise PydanticCustomError("date_format", "'{value}' is not a date: write YYYY-MM-DD, with two digits for "
                                  "the month and the day ({fixed})",
                                  {"value": text, "fixed": f"{year:04d}-{month:02d}-{day:02d}"})
    return datetime.date(year, month, day)


_DATE_JSON = {"anyOf": [{"type": "string", "pattern": DATE_PATTERN}, {"type": "integer"}],
              "description": "YYYY, YYYY-MM or YYYY-MM-DD"}
_END_JSON = {"anyOf": [{"type": "string", "pattern": DATE_PATTERN}, {"type": "integer"},
                       {"const": "present"}],
             "description": "YYYY, YYYY-MM, YYYY-MM-DD or 'present'"}

Date = Annotated[PartialDate, PlainValidator(parse_date), PlainSerializer(str, return_type=str),
                 WithJsonSchema(_DATE_JSON)]
EndDate = Annotated[Union[PartialDate, Literal["present"]],
                    PlainValidator(lambda v: parse_date(v, allow_present=True)),
                    PlainSerializer(str, return_type=str), WithJsonSchema(_END_JSON)]

# ----------------------------------------------------------------------------- text

#: Control characters (Unicode category Cc: C0, DEL and C1). A NUL in a URL ends up as a raw
#: byte in HTML and Markdown and makes the DOCX writer (lxml) fail; none belongs in a
#: name, an address or a link.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _check_no_controls(value: str, *, allow: str = "") -> str:
    """Refuse control characters (other than those in ``allow``), naming the first one."""
    for match in _CONTROL.finditer(value):
        if match.group() not in allow:
            raise PydanticCustomError(
                "control_character",
                "contains the control character U+{code} (at character {position}); remove it",
                {"code": f"{ord(match.group()):04X}", "position": match.start() + 1})
    return value


def _check_visible(value: str) -> str:
    """Refuse an invisible character in an address (web address, e-mail, phone, link): shown,
    the address would not read as what it opens; RFC 3987 section 4.1 forbids bidi formatting
    characters in IRIs (security review: ``https://ex\u202eample.com/`` reached every output).
    What counts as invisible: :mod:`resume_builder.invisible`."""
    from resume_builder.invisible import describe, first_invisible

    found = first_invisible(value)
    if found is not None:
        position, char = found
        raise PydanticCustomError(
            "invisible_character",
            "contains the invisible character {char} (at character {position}): what is shown would not be "
            "what it opens; remove it", {"char": describe(char), "position": position})
    return value


def _no_controls(value: str) -> str:
    return _check_no_controls(value)


PlainText = Annotated[str, AfterValidator(_no_controls), WithJsonSchema({"type": "string"})]

#: What a variant or letter file's ``profile:`` may name, as an include may (loading/includes.py).
PROFILE_SUFFIXES = (".yaml", ".yml", ".json")


def _profile_file(value: str) -> str:
    """Refuse a ``profile:`` that names no profile file: a variant or letter file someone sent
    could otherwise have any file read and its lines quoted in the error (``profile:
    ../secret.env``; security review)."""
    if not value.strip().lower().endswith(PROFILE_SUFFIXES):
        raise PydanticCustomError("profile_suffix", "'{value}' is not a profile file: name a .yaml, .yml or "
                                  ".json file", {"value": value})
    return value


ProfileFile = Annotated[str, AfterValidator(_no_controls), AfterValidator(_profile_file),
                        WithJsonSchema({"type": "string", "pattern": "\\.([yY][aA]?[mM][lL]|[jJ][sS][oO][nN])$"})]
"""A short value that is not printed as prose (a path, a code, a theme name): no control characters."""


def _check_markdown(value: str) -> str:
    """Every bad link in ``value``: the error's message is the first problem; its context's
    ``links`` holds each (problem, target as written), so each can be reported where it is."""
    problems = located_link_problems(value)
    if problems:
        more = f" (and {len(problems) - 1} more bad link{'s' if len(problems) > 2 else ''})" \
            if len(problems) > 1 else ""
        raise PydanticCustomError("markdown_link", "{problem}" + more,
                                  {"problem": problems[0][0], "links": problems})
    return value


def _check_single_line(value: str) -> str:
    if "\n" in value.strip():
        raise PydanticCustomError("single_line", "must be a single line of text")
    _check_no_controls(value.strip(), allow="\t")  # a tab is shown as a space
    from resume_builder.limits import MAX_LINE_CHARS

    if len(value.strip()) > MAX_LINE_CHARS:
        raise PydanticCustomError("line_length", "this line is {length} characters long; a one-line field (a name, "
                                  "title, place or keyword) may hold at most {limit}",
                                  {"length": f"{len(value.strip()):,}", "limit": f"{MAX_LINE_CHARS:,}"})
    return value.strip()


_LANGUAGE_MAP = {"type": "object", "propertyNames": {"pattern": "^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"},
                 "additionalProperties": {"type": "string"},
                 "description": "The same text in several languages: {en: ..., de: ...}"}

Markdown = Annotated[str, AfterValidator(_check_markdown),
                     WithJsonSchema({"anyOf": [{"type": "string"}, _LANGUAGE_MAP],
                                     "description": "Text; **bold**, *italic* and [links](https://...) allowed"})]
"""Free text with the inline Markdown subset; may hold several paragraphs."""

MultiLine = Annotated[str, AfterValidator(lambda value: _check_no_controls(value, allow="\n\t")),
                      AfterValidator(_check_markdown),
                      WithJsonSchema({"anyOf": [{"type": "string"}, _LANGUAGE_MAP]})]
"""Text of a few lines (a postal address): no control characters but line breaks and tabs."""

Line = Annotated[str, AfterValidator(_check_single_line), AfterValidator(_check_markdown),
                 WithJsonSchema({"anyOf": [{"type": "string"}, _LANGUAGE_MAP]})]
"""One line of text (names, titles); the inline Markdown subset is allowed."""

# ----------------------------------------------------------------------------- links and contacts

_EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
# The shape of a phone number as written, extension included ("x12", "ext. 12", "extension 12",
# "#12"); libphonenumber parses it for links and formats (resume_builder/phones.py).
_PHONE_RE = re.compile(r"^\+?\(?[0-9][0-9 ()./-]*[0-9](?:\s*,?\s*(?:x|ext[.:]?|extension|#)\s*\d+)?$", re.IGNORECASE)


def _check_web_url(value: str) -> str:
    value = _check_visible(_check_no_controls(value.strip()))
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https"):
        hint = f"; did you mean 'https://{value}'?" if "://" not in value and "." in value else ""
        raise PydanticCustomError("url_scheme", "'{value}' must be an http:// or https:// address{hint}",
                                  {"value": value, "hint": hint})
    host = parts.hostname or ""
    if not host or " " in value or ("." not in host and host != "localhost"):
        raise PydanticCustomError("url_host", "'{value}' is not a valid web address", {"value": value})
    from resume_builder.web_address import web_authority_problem

    why = web_authority_problem(value)  # https://evil.example\@good.example: a browser opens evil.example
    if why:
        raise PydanticCustomError("url_host", "'{value}' is not a valid web address: {why}", {"value": value, "why": why})
    wrong = _host_character(host)
    if wrong:
        raise PydanticCustomError("url_host", "'{value}' is not a valid web address: a host name has no "
                                  "'{char}' (letters, digits, '-' and '.' only)", {"value": value, "char": wrong})
    return value


def _host_character(host: str) -> str:
    """The first character a host name may not hold, or "" (RFC 1123 section 2.1: letters,
    digits and hyphens between dots; letters of any script, as IDNA writes them; underscores,
    which browsers open and some real subdomains have; an IPv6 address, whose brackets
    urlsplit has removed, is left to the browser). A comma (``https://tamsin,example.org``,
    a typo for the dot) passed validation and became a dead link (newcomer trial)."""
    if ":" in host:
        return ""
    for char in host:
        if not (char.isalnum() or char in "-._"):  # "_": not in RFC 1123, but in real subdomains
            return char
    return ""


def _check_link(value: str) -> str:
    value = _check_visible(_check_no_controls(value.strip()))
    scheme = urlsplit(value).scheme.lower()
    if scheme == "mailto":
        _check_email(value[len("mailto:"):].split("?")[0])
        return value
    if scheme == "tel":
        from resume_builder.phones import parse_phone

        if not (value.startswith("tel:+") and parse_phone(value[len("tel:"):])):  # RFC 3966, e.g. ;ext=12
            _check_phone(value[len("tel:"):])
        return value
    if scheme in ("http", "https"):
        return _check_web_url(value)
    raise PydanticCustomError("link_scheme", "'{value}' must be an http(s), mailto: or tel: link",
                              {"value": value})


def _check_email(value: str) -> str:
    value = _check_visible(_check_no_controls(value.strip()))
    if not _EMAIL_RE.match(value):
        raise PydanticCustomError("email", "'{value}' is not a valid email address", {"value": value})
    return value


def _check_phone(value: str) -> str:
    value = _check_visible(_check_no_controls(value.strip()))
    digits = sum(c.isdigit() for c in value)
    if not _PHONE_RE.match(value) or not 5 <= digits <= 20:
        raise PydanticCustomError(
            "phone", "'{value}' is not a valid phone number (digits, spaces, + ( ) - . allowed)",
            {"value": value})
    return value


WebUrl = Annotated[str, AfterValidator(_check_web_url),
                   WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]
Link = Annotated[str, AfterValidator(_check_link),
                 WithJsonSchema({"type": "string", "pattern": "^(https?://|mailto:|tel:)"})]
Email = Annotated[str, AfterValidator(_check_email),
                  WithJsonSchema({"type": "string", "format": "email"})]
Phone = Annotated[str, AfterValidator(_check_phone), WithJsonSchema({"type": "string"})]

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_TAG_RE = re.compile(r"^[a-z0-9][a-z0-9+#._/-]*$")


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        raise PydanticCustomError("id", "id '{value}' may only hold letters, digits, '-', '_' and '.'",
                                  {"value": value})
    return value


def _normalise_tag(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _check_tag(value: str) -> str:
    if not _TAG_RE.match(value):
        raise PydanticCustomError("tag", "tag '{value}' may only hold letters, digits and - _ . + # /",
                                  {"value": value})
    return value


EntryId = Annotated[str, AfterValidator(_check_id),
                    WithJsonSchema({"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$"})]
Tag = Annotated[str, BeforeValidator(_normalise_tag), AfterValidator(_check_tag),
                WithJsonSchema({"type": "string"})]


def _check_locale(value: str) -> str:
    from resume_builder.i18n import UnknownLocale, check_locale

    try:
        return check_locale(value)
    except UnknownLocale as error:
        raise PydanticCustomError("locale", "'{value}' is not a language or locale: {hint}",
                                  {"value": value, "hint": error.hint or "write e.g. en, de, en-GB, pt-BR"}) from None


#: A BCP 47 language tag of a language or locale the labels know (``de``, ``en-GB``, ``pt-BR``),
#: checked by :func:`resume_builder.i18n.check_locale`.
LanguageTag = Annotated[str, AfterValidator(_check_locale),
                        WithJsonSchema({"type": "string", "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"})]
