"""A public copy of a profile: ``public(profile) -> Profile``, a pure function.

People publish their résumé on a website or in a public repository and send the full one
to employers. ``render --public`` and a variant's ``public: true`` run this last step of
tailoring, before the document model is built, so every format (PDF text, metadata and
links, DOCX parts, HTML attributes, Markdown, text, PNG) is made from the redacted profile
and none can print what was removed.

What a public copy leaves out:

- ``basics.phone``, ``basics.email`` (``basics.contact_url``, when given, is listed first
  among the profiles, labelled "Contact", instead), ``basics.photo``, the street address
  (the lines of ``address`` with a digit: a house number, a postcode, but for the city
  beside a postcode and what follows it, ``12 Harbour Street, Bristol BS1 4AA, UK`` ->
  ``Bristol, UK``; a unit of the building, ``Suite 1200``, ``Flat B``, ``Piso 3``, goes
  with its number) and postal code of
  ``basics.location`` (city, region and country stay, and so does an address line with no
  digit: the place the shorthand ``location: Bristol, UK`` names), and a social
  profile whose link or username is the e-mail address or phone number;
- the ``references`` section, and the cover letters (``letters``: whom you apply to and what
  you tell them is for them, and a letter may name work tagged ``private``);
- every entry (at any depth: a custom section, one of its entries, a role) tagged
  ``private``, and every field named in an entry's (or ``basics``') ``private:`` list; a
  field the entry cannot do without (a company's name) is printed as "(withheld)";
- in a custom entry's ``fields``, the date and place of birth and marital status, under the
  labels in :data:`PERSONAL_LABELS` (whatever the letter case and punctuation);
- the values above written anywhere else: the e-mail address and the phone number and the
  street address lines, postal code and birth date are replaced by "(withheld)" in every
  text (the rest of the text is kept as written); a link whose target holds one
  (``mailto:``, ``tel:``, a URL) is removed, and a Markdown link to one keeps only its
  (checked) text. A text is searched as written and as a reader sees it (:func:`_fold`):
  percent-encoding decoded, Unicode compatibility forms folded (NFKC: ``＠``, ``﹫``,
  ``％``, fullwidth and mathematical digits), digits of any script read as ASCII digits, an
  ideographic full stop read as a dot (UTS #46 maps it to one in domain names) and
  characters that draw nothing (:mod:`resume_builder.invisible`) left out. The phone
  number is the profile's own, read by libphonenumber (:func:`_phone_readings`): found with
  any separators between its digits (spaces, dots, dashes, slashes, parentheses), with or
  without a country code (after ``+``, ``00`` or nothing: ``4420 7946 0958``) or its
  region's trunk prefix (``0``; ``8`` in Russia, ``06`` in Hungary), never inside a longer
  run of digits. Only the profile's own values are looked for, so years, versions,
  amounts, dates and other numbers are never taken for a phone number.

The profile given is not changed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from resume_builder.invisible import first_invisible
from resume_builder.phones import parse_phone, region_for
from resume_builder.schema.base import PRIVATE_TAG, model_at
from resume_builder.schema.profile import Profile
from resume_builder.schema.variant_rules import profile_data

__all__ = ["PERSONAL_LABELS", "WITHHELD", "public", "public_letter", "redact_data"]


def _address_parts(line: str) -> list[str]:
    """A line of an address cut at its commas (``12 Harbour Street, Bristol BS1 4AA, UK``), as
    the one-line shorthand writes a whole address: each part with a digit is masked on its own
    (the line goes whole: a part without a digit may be a building's name)."""
    return [part.strip() for part in line.split(",") if part.strip()]


#: A word of a postal code, not a house number: four or more digits (``10115``, ``75001``,
#: ``100-0001``), or letters and digits as the UK and Canada write them (``BS1``, ``4AA``,
#: ``SW1A``, ``K1A``, ``0B1``). A house number (``12``, ``12a``) is none of these.
_POSTCODE_WORD = re.compile(r"\d{4,}(?:-\d+)?|[A-Z]{1,2}\d[A-Z\d]?|\d[A-Z]{2}|[A-Z]\d[A-Z]|\d[A-Z]\d")


#: Words that name a unit of a building or a postal box, not a place, in the languages of
#: :data:`PERSONAL_LABELS` (English, German, French, Spanish, Italian, Portuguese, Dutch),
#: compared in lower case without ``.``, ``:``, ``#``, ``º``, ``ª`` and ``°``: the number
#: after one (``Suite 1200``, ``Wohnung 1012``) is no postal code, and the word no city. A
#: public copy printed "Suite, Toronto" for ``200 Bay Street, Suite 1200`` (user trial).
#: Left out: abbreviations that are also a region's code beside a postal code (``FL``, ``SC``
#: for Florida and South Carolina; ``AP``, ``CS``, ``PO`` for Italian provinces; ``C.P.``,
#: which introduces a Spanish or Mexican postal code) and ``of`` (``Isle of Man IM1 1AA``).
_UNIT_WORDS = frozenset({
    # English
    "suite", "ste", "apt", "apartment", "unit", "flat", "floor", "flr", "level", "lvl", "room", "rm",
    "building", "bldg", "blk", "office", "ofc", "box", "pobox", "lot",
    # German
    "wohnung", "whg", "etage", "stock", "stockwerk", "og", "eg", "ug", "dg", "zimmer", "gebäude", "stiege", "tür",
    "top", "postfach", "app", "appartement",
    # French
    "appt", "apprt", "étage", "bâtiment", "batiment", "bât", "bat", "escalier", "esc", "porte", "bureau", "boîte",
    "boite", "bp",
    # Spanish
    "piso", "planta", "puerta", "pta", "departamento", "depto", "dpto", "apartamento", "apto", "oficina", "local",
    "escalera", "interior", "int", "bloque", "apartado", "casilla",
    # Italian
    "piano", "interno", "scala", "appartamento", "edificio", "ufficio", "casella",
    # Portuguese
    "andar", "sala", "bloco", "conjunto", "cj", "loja", "caixa", "fração", "fracção",
    # Dutch
    "verdieping", "bus", "kamer", "postbus", "gebouw",
})
_UNIT_MARKS = re.compile(r"[.:#º°ª,]")


def _unit_word(word: str) -> bool:
    """Whether ``word`` names a unit of a building or a postal box (:data:`_UNIT_WORDS`)."""
    return _UNIT_MARKS.sub("", word).casefold() in _UNIT_WORDS


def _unit_part(part: str) -> bool:
    """Whether a part of an address line (between commas) names a unit of the building without
    a digit: a unit word and a mark of one or two characters (``Suite A``, ``Flat B``)."""
    words = part.split()
    return len(words) == 2 and _unit_word(words[0]) and 0 < len(_UNIT_MARKS.sub("", words[1])) <= 2


def _place_of(line: str) -> str:
    """The place an address line with a digit names, for a public copy: when its last part
    with a digit holds a postal code and words (``Bristol BS1 4AA``, ``10115 Berlin``), those
    words and the parts after it (``12 Harbour Street, Bristol BS1 4AA, UK`` -> ``Bristol,
    UK``); else "" (a public copy dropped the whole line, the city with it). When the last
    part with a digit is a house number (``12 Harbour Street, Bristol``, ``Flat 3, Quillfeather
    House``), what follows it may be a building's name as well as a city: the line goes, as
    it does when that part names a unit of the building (``Suite 1200``, ``Piso 12``,
    ``Wohnung 1012``: :data:`_UNIT_WORDS`), whose number is no postal code."""
    parts = _address_parts(line)
    last = max(index for index, part in enumerate(parts) if _street_line(part))
    words = parts[last].split()
    if any(_unit_word(word) for word in words):
        return ""
    if not all(_POSTCODE_WORD.fullmatch(word.strip(".")) for word in words if _street_line(word)):
        return ""
    city = " ".join(word for word in words if not _street_line(word))
    return ", ".join(([city] if city else []) + parts[last + 1:]) if city else ""


def _street_line(line: str) -> bool:
    """Whether a line of ``basics.location.address`` is a street address (a house number, a
    postcode: it has a digit) rather than a place (``Bristol, UK``, as the one-line shorthand
    ``location: Bristol, UK`` writes it). A place stays in a public copy, as the city does: the
    shorthand's "Bristol, UK" was removed, and masked as "(withheld)" in every job's location
    that said the same (newcomer trial). A unit of the building without a digit (``Suite A``,
    :func:`_unit_part`) is part of the street address too."""
    return any(char.isdigit() for char in line) or any(_unit_part(part) for part in _address_parts(line))


WITHHELD = "(withheld)"

#: Labels of a custom entry's ``fields`` a public copy leaves out, compared in lower case
#: with punctuation and spaces removed ("Date of birth", "D.O.B.", "Geburtsdatum").
PERSONAL_LABELS = frozenset({
    "dateofbirth", "birthdate", "birthday", "born", "dob", "placeofbirth", "birthplace", "maritalstatus",
    "geburtsdatum", "geboren", "geburtsort", "familienstand", "datedenaissance", "néle", "néele", "lieudenaissance",
    "étatcivil", "situationfamiliale", "fechadenacimiento", "lugardenacimiento", "estadocivil", "datadinascita",
    "luogodinascita", "statocivile", "datadenascimento", "localdenascimento", "geboortedatum", "geboorteplaats",
    "burgerlijkestaat",
})

#: Separators people write between a phone number's digits (and their percent-encodings): white
#: space, hyphens, dashes and the minus sign, dots (the middle dot and hyphenation point too),
#: slashes and parentheses.
_SEP = r"(?:[\s\-.()/\u00a0\u00b7\u2010-\u2015\u2027\u2212]|%20|%2[dD])*"
_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)")


@dataclass
class _Secrets:
    """What must not appear anywhere in a public copy, as patterns."""

    patterns: list[re.Pattern[str]] = field(default_factory=list)

    def add_text(self, text: str | None, *, minimum: int = 4, words: bool = False, joined: bool = False) -> None:
        """``text`` as a pattern: any case, any run of spaces between its words (``joined``:
        or none, as a postcode is often written), whole words only when ``words``."""
        text = _normal((text or "").strip())
        if len(text) >= minimum:
            escaped = (r"\s*" if joined else r"\s+").join(re.escape(part) for part in text.split())
            self.patterns.append(re.compile(rf"(?<!\w){escaped}(?!\w)" if words else escaped, re.IGNORECASE))

    def add_phone(self, phone: str | None, region: str | None) -> None:
        """The profile's phone number, in every reading of it (:func:`_phone_readings`), as
        patterns (:func:`_phone_pattern`); a number of fewer than 5 digits as its text."""
        if not phone:
            return
        readings = [reading for reading in _phone_readings(phone, region) if len(reading[1]) >= 5]
        if not readings:
            self.add_text(phone)
        for _country, national, trunk in readings:
            self.patterns.append(_phone_pattern(national, trunk))

    def found(self, text: str) -> bool:
        if any(p.search(text) for p in self.patterns):
            return True
        normal = _normal(text)
        return normal != text and any(p.search(normal) for p in self.patterns)

    def mask(self, text: str) -> str:
        """``text`` with every secret, found as written or as a reader sees it (:func:`_fold`),
        replaced by "(withheld)"; the characters around it stay as written (the whole text was
        printed in its NFKC form: a Japanese summary lost its fullwidth punctuation)."""
        spans = [m.span() for p in self.patterns for m in p.finditer(text) if m.end() > m.start()]
        folded, origin = _fold(text)
        if folded != text:
            spans += [(origin[m.start()][0], origin[m.end() - 1][1])
                      for p in self.patterns for m in p.finditer(folded) if m.end() > m.start()]
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        parts, at = [], 0
        for start, end in merged:
            parts += [text[at:start], WITHHELD]
            at = end
        return "".join(parts) + text[at:]


def _phone_readings(phone: str, region: str | None) -> list[tuple[str, str, str]]:
    """The numbers ``basics.phone`` may be, as ``(country code, national significant number,
    trunk prefix)``, read by libphonenumber: in the profile's region (:func:`region_for`), and,
    when it is written without "+" and does not start with a single trunk "0" (``4420 7946
    0958``, ``0044 20 7946 0958``), as an international number too ("00" read as "+") when
    that is a valid number. Read in a German profile's region alone, ``4420 7946 0958`` was a
    German number and the text's "020 7946 0958" stayed (user trial). The trunk prefix is the
    region's (libphonenumber's metadata: ``8`` in Russia, ``06`` in Hungary), else "0". With
    no reading, the number's digits without leading zeros, with no country code."""
    import phonenumbers

    written = _normal(phone).strip()
    digits = re.sub(r"\D", "", written)
    numbers = [parse_phone(written, region)]
    if not written.startswith("+") and (digits.startswith("00") or digits[:1] in tuple("123456789")):
        international = parse_phone("+" + (written.replace("00", "", 1) if digits.startswith("00") else written))
        if international is not None and phonenumbers.is_valid_number(international):
            numbers.append(international)
    readings: list[tuple[str, str, str]] = []
    for number in numbers:
        if number is None:
            continue
        code = phonenumbers.region_code_for_number(number)
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(code) if code else None
        reading = (str(number.country_code), phonenumbers.national_significant_number(number),
                   (metadata.national_prefix if metadata is not None else None) or "0")
        if reading not in readings:
            readings.append(reading)
    return readings or [("", digits.lstrip("0"), "0")]


def _phone_pattern(national: str, trunk: str) -> re.Pattern[str]:
    """The phone number ``national`` (its national significant number) as written in a text:
    any separators (:data:`_SEP`) between its digits, after a country code of 1 to 3 digits
    (after "+", "00" or nothing: ``4420 7946 0958``; any code, as a number written without
    "+" in the profile may be read in another country's region) and the trunk prefix in
    parentheses or not (``+44 (0)20``, ``+44 020``), or after the trunk prefix alone
    (``020``; "0" or ``trunk``), and never inside a longer run of digits (``2079460958123``)."""
    digits = _SEP.join
    trunks = "|".join(digits(t) for t in sorted({"0", trunk}, key=len, reverse=True))
    trunk_part = rf"(?:\((?:{trunks})\)|(?:{trunks})){_SEP}"
    lead = rf"(?:(?:\+|%2[bB]|00){_SEP})?\d{{1,3}}{_SEP}"
    prefix = rf"(?:{lead}(?:{trunk_part})?|{trunk_part})?"
    opening = r"(?:\((?=[\d\s+]{1,6}\)))?"  # "(020) 7946 …": the parenthesis goes with the number
    return re.compile(rf"(?<!\d){opening}{prefix}{digits(national)}(?!\d)")


_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _fold_chars(text: str) -> str:
    """``text`` (one character and its combining marks, or decoded percent-escapes) as a
    reader sees it: NFKC (``＠``, ``﹫``, ``％`` and fullwidth or mathematical digits are
    ``@``, ``%`` and ASCII digits), a decimal digit of any script (``٠٢٠``) its ASCII digit,
    the ideographic full stop a dot (UTS #46 maps it to one in a domain name: ``example。org``)
    and a character that draws nothing (:func:`resume_builder.invisible.first_invisible`:
    ``kit\\u200b@…``) left out."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    return "".join("." if char == "\u3002" else str(unicodedata.decimal(char)) if char.isdecimal() and not
                   char.isascii() else "" if first_invisible(char) else char for char in text)


def _fold(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` as a reader sees it, so a secret cannot hide in another spelling of the same
    characters: each character with its combining marks folded (:func:`_fold_chars`), then
    percent-escapes decoded (after folding: ``％40`` is ``%40``, an ``@``) and folded in turn;
    with, for each character of the result, the span of ``text`` it comes from."""
    if text.isascii() and "%" not in text:
        return text, [(index, index + 1) for index in range(len(text))]
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end < len(text) and unicodedata.category(text[end]).startswith("M"):
            continue  # a combining mark goes with its character: NFKC composes them
        folded = _fold_chars(text[start:end])
        chars += folded
        spans += [(start, end)] * len(folded)
        start = end
    folded = "".join(chars)
    if "%" not in folded:
        return folded, spans
    chars, decoded_spans, at = [], [], 0
    for run in _PERCENT_RUN.finditer(folded):
        decoded = _fold_chars(unquote(run.group()))
        chars += folded[at:run.start()] + decoded
        decoded_spans += spans[at:run.start()] + [(spans[run.start()][0], spans[run.end() - 1][1])] * len(decoded)
        at = run.end()
    return "".join(chars) + folded[at:], decoded_spans + spans[at:]


def _normal(text: str) -> str:
    """``text`` as a reader sees it (:func:`_fold`)."""
    return text if text.isascii() and "%" not in text else _fold(text)[0]


def public(profile: Profile) -> Profile:
    """A copy of ``profile`` without private details (see the module's docstring).

    Raises nothing for a valid profile: whatever is removed leaves a valid profile.
    """
    data = profile_data(profile)
    secrets = _secrets(profile)
    basics = data["basics"]
    for name in ("email", "phone", "photo"):
        basics[name] = None
    location = basics.get("location")
    if isinstance(location, dict):
        places = [line if not _street_line(line) else _place_of(line)
                  for line in (location.get("address") or "").splitlines()]
        places = [line for line in places if line]
        location["address"] = "\n".join(places) or None
        location["postal_code"] = None
        if not any(location.values()):
            basics["location"] = None
    data["references"] = []
    data["variants"] = {}
    data["letters"] = {}
    basics["profiles"] = [p for p in basics.get("profiles") or []  # a mailto:/tel: link, a phone as a username
                          if not secrets.found(p.get("url") or "") and not secrets.found(p.get("username") or "")]
    _remove_private(data, ())
    _scrub(data, secrets, ())
    if basics.get("contact_url"):  # unless named in basics.private
        basics["profiles"].insert(0, {"network": "Contact", "username": None, "url": basics["contact_url"]})
    redacted = Profile.model_validate(data)
    redacted._key_order = list(profile._key_order)
    return redacted


def _secrets(profile: Profile) -> _Secrets:
    secrets = _Secrets()
    basics = profile.basics
    if basics.email:
        secrets.add_text(basics.email, minimum=3)
    location = basics.location
    secrets.add_phone(basics.phone, region_for(location.country_code if location else None, profile.locale))
    if location is not None:
        for line in (location.address or "").splitlines():
            if _street_line(line):
                secrets.add_text(line)
            for part in _address_parts(line) if _street_line(line) else ():
                if _street_line(part):
                    secrets.add_text(part)
                    if any(_unit_word(word) for word in part.split()):
                        continue  # "Suite 1200": the part is masked whole, its number alone is no postcode
                    # the postcode in it ("Bristol BS1 4AA"): its words with digits, next to each other
                    coded = " ".join(word for word in part.split() if any(char.isdigit() for char in word)
                                     or word.isupper() and len(word) <= 3)
                    secrets.add_text(coded, minimum=3, words=True, joined=True)
        secrets.add_text(location.postal_code, minimum=3, words=True, joined=True)
    for section in profile.custom:
        for entry in section.entries:
            for label, value in entry.fields.items():
                if _is_personal(label) and value:
                    secrets.add_text(value)
    return secrets


def _is_personal(label: str) -> bool:
    return re.sub(r"[\W_]+", "", label.casefold()) in PERSONAL_LABELS


def _remove_private(value: Any, path: tuple) -> None:
    """Drop entries tagged private and fields named in ``private:`` lists, at any depth."""
    if isinstance(value, list):
        value[:] = [item for item in value
                    if not (isinstance(item, dict) and PRIVATE_TAG in (item.get("tags") or []))]
        for index, item in enumerate(value):
            _remove_private(item, path + (index,))
        return
    if not isinstance(value, dict) or path[:1] in (("theme",), ("meta",)):
        return
    names = value.get("private") if isinstance(value.get("private"), list) else []
    if names:
        model = model_at(Profile, path)
        for name in names:
            if isinstance(value.get("fields"), dict) and name in value["fields"] and name not in value:
                value["fields"].pop(name)
                continue
            info = model.model_fields.get(name) if model is not None else None
            if info is not None and info.is_required():
                value[name] = WITHHELD
            else:
                value[name] = [] if isinstance(value.get(name), list) else {} if isinstance(value.get(name), dict) \
                    else None
        value["private"] = []
    if isinstance(value.get("fields"), dict):
        value["fields"] = {label: text for label, text in value["fields"].items() if not _is_personal(label)}
    for key, item in value.items():
        _remove_private(item, path + (key,))


def _is_link(text: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text.strip()))


def _scrub(value: Any, secrets: _Secrets, path: tuple) -> Any:
    """Mask every secret in texts; remove links (fields and Markdown links) that hold one."""
    if not secrets.patterns or path[:1] == ("theme",):
        return value
    if isinstance(value, dict):
        for key, item in list(value.items()):
            if isinstance(item, str) and _is_link(item) and secrets.found(item) and path[-1:] != ("fields",):
                value[key] = None
            else:
                value[key] = _scrub(item, secrets, path + (key,))
        return value
    if isinstance(value, list):
        value[:] = [_scrub(item, secrets, path + (index,)) for index, item in enumerate(value)]
        return value
    if isinstance(value, str):
        text = _LINK.sub(lambda m: m.group(1) if secrets.found(m.group(2)) else m.group(0), value)
        return secrets.mask(text) if secrets.found(text) else text
    return value


# --------------------------------------------------------------------------- letters and reports


def public_letter(letter: Any, profile: Profile) -> Any:
    """A copy of ``letter`` (a :class:`~resume_builder.schema.letter.Letter`) fit to go with
    the public copy of ``profile`` (the full profile, before :func:`public`): the profile's
    e-mail address, phone number, street address, postal code and birth date are masked as
    "(withheld)" in every text the letter writes itself, a link holding one is removed, and
    the image of the handwritten signature is left out (its name stays).

    ``letter --public``, ``bundle --public`` and a public variant's letter use it; their
    placeholders are filled from the public copy (see
    :func:`resume_builder.tailoring.letters.placeholder_values`).
    """
    data = letter.model_dump(mode="json", by_alias=True, exclude_unset=True)
    _scrub(data, _secrets(profile), ())
    if isinstance(data.get("signature"), dict):
        data["signature"]["image"] = None
    return type(letter).model_validate(data)


def redact_data(value: Any, profile: Profile) -> Any:
    """Plain JSON ``value`` (a bundle's ``application.json``) with ``profile``'s private
    details masked in every string, as in :func:`public` (``profile``: the full profile)."""
    import copy

    return _scrub(copy.deepcopy(value), _secrets(profile), ())
