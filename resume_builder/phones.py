"""Phone numbers: parsed, linked and formatted by libphonenumber (the ``phonenumbers`` package).

- The link is an RFC 3966 ``tel:`` URI of the global number, hyphen-separated, extension
  as a parameter: ``+44 (0) 20 7946 0000 ext. 12`` → ``tel:+44-20-7946-0000;ext=12``
  (the trunk prefix ``(0)`` dropped, so the number can be dialled from anywhere).
- A number written without ``+`` is read in the region of the profile's country
  (``basics.location.country_code``), else of its locale (``en-GB`` → GB); with neither,
  it cannot be made global, so it is printed but not linked (RFC 3966 §5.1.5 wants a
  ``phone-context`` for local numbers, which we cannot know).
- The printed form is what the user wrote, or (theme option ``phone_format``) the
  ``national``, ``international`` or ``e164`` format of libphonenumber.
"""

from __future__ import annotations

from typing import Iterator

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumber, PhoneNumberFormat, PhoneNumberMatcher

PHONE_FORMATS = ("as_written", "national", "international", "e164")
_FORMATS = {"national": PhoneNumberFormat.NATIONAL, "international": PhoneNumberFormat.INTERNATIONAL,
            "e164": PhoneNumberFormat.E164}


def region_for(country_code: str | None, locale: str | None = None) -> str | None:
    """The ISO 3166-1 alpha-2 region numbers without ``+`` are read in, or None."""
    for candidate in (country_code, *(locale or "").replace("_", "-").split("-")[1:]):
        code = (candidate or "").strip().upper()
        if len(code) == 2 and code.isalpha() and code in phonenumbers.SUPPORTED_REGIONS:
            return code
    return None


def parse_phone(text: str, region: str | None = None) -> PhoneNumber | None:
    """The number ``text`` holds (extension included), or None when it is no possible number."""
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def tel_uri(text: str, region: str | None = None) -> str | None:
    """The RFC 3966 URI for ``text`` (``tel:+44-20-7946-0000;ext=12``), or None."""
    number = parse_phone(text, region)
    return phonenumbers.format_number(number, PhoneNumberFormat.RFC3966) if number else None


def format_phone(text: str, style: str = "as_written", region: str | None = None) -> str:
    """``text`` as printed: as written, or libphonenumber's format ``style`` when it parses."""
    number = parse_phone(text, region) if style != "as_written" else None
    if number is None:
        return " ".join(text.split())
    shown = phonenumbers.format_number(number, _FORMATS[style])
    if style == "e164" and number.extension:
        shown += f" ext. {number.extension}"  # E.164 has no extension; say it the usual way
    return shown


def find_phones(text: str, region: str | None = None) -> Iterator[tuple[str, PhoneNumber]]:
    """Every possible phone number in ``text``: the text as found and the number."""
    for match in PhoneNumberMatcher(text, region or "ZZ", leniency=Leniency.POSSIBLE):
        yield match.raw_string, match.number


def same_number(a: PhoneNumber, b: PhoneNumber) -> bool:
    """Whether two numbers are the same (extension included when both give one)."""
    return phonenumbers.is_number_match(a, b) in (phonenumbers.MatchType.EXACT_MATCH,
                                                  phonenumbers.MatchType.NSN_MATCH)
