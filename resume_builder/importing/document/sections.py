"""The top of a résumé (name, headline, contact details) and its sections by their headings.

A heading is a line that names a standard section in English or in any built-in locale's
headings (the table ``check`` uses: :func:`resume_builder.checking.checks._heading_group`),
or a short line that looks like those (the same style, size, weight and case) and so names
a section of the résumé's own (a custom section). The name is the Title-styled or largest
line at the top; the contact details are found by their form (an e-mail address, a phone
number libphonenumber accepts, links), wherever they are in the top part or page header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from resume_builder.importing.document.dates import find_range
from resume_builder.importing.document.lines import Line

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
URL = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,24})(?:/[\w\-./~%#?=&]*)?",
                 re.IGNORECASE)
PHONE = re.compile(r"(?:\+|00)?\(?\d[\d ()./-]{6,}\d")
_SEPARATORS = re.compile(r"\s*(?:[·•|◦▪]|\s{2,}|\t|\s[–—/]\s)\s*")
_LABEL = re.compile(r"^(?:e-?mail|phone|tel(?:efon)?|mobile?|handy|web(?:site)?|linkedin|github|address|"
                    r"adresse|anschrift|ort|location|tél|téléfono|teléfono|mob)\.?\s*[:：]?\s+(?=[+\d(])|"
                    r"^(?:e-?mail|web(?:site)?|address|adresse|location)\s*[:：]\s*", re.IGNORECASE)
_LABEL_ONLY = re.compile(r"^(?:e-?mail|phone|telephone|tel\.?|mobile|cell|handy|telefon|téléphone|teléfono|"
                         r"telefono|web|website|homepage|linkedin|github|contact)\s*:?$", re.IGNORECASE)
#: Headings of a block of contact details (a sidebar's "Contact"): its lines belong to the top.
CONTACT_HEADINGS = {"contact", "contact details", "contact information", "personal details", "kontakt",
                    "persönliche daten", "kontaktdaten", "coordonnées", "contacto", "contatti", "details",
                    "personal information", "persönliche angaben", "informations personnelles",
                    "información personal", "informazioni personali"}
#: A document's title, never a person's name ("Europass Curriculum Vitae").
_DOCUMENT_TITLES = re.compile(r"^(?:europass\s+)?(?:curriculum vitae|cv|résumé|resume|lebenslauf|"
                              r"tabellarischer lebenslauf|currículum|curriculum)$", re.IGNORECASE)
#: Labels of contact details in a form (Europass: "Name | Ana Costa") → the field.
_BASICS_LABELS = {
    "name": "name", "full name": "name", "surname(s) / first name(s)": "name", "first name(s) / surname(s)": "name",
    "vorname(n) / nachname(n)": "name", "nachname(n) / vorname(n)": "name", "nom(s) / prénom(s)": "name",
    "nom": "name", "nombre": "name", "nome": "name",
    "address": "location", "adresse": "location", "anschrift": "location", "wohnort": "location",
    "dirección": "location", "indirizzo": "location", "location": "location",
}


@dataclass
class Section:
    key: str  # "experience", … or "custom"
    title: str
    heading: Line | None
    lines: list[Line] = field(default_factory=list)
    recognised: bool = True  # the heading named a standard section (else: looked like one)


@dataclass
class Top:
    name: Line | None = None
    headline: Line | None = None
    email: tuple[str, Line] | None = None
    phone: tuple[str, Line] | None = None
    location: tuple[str, Line] | None = None
    links: list[tuple[str, Line]] = field(default_factory=list)
    leftover: list[Line] = field(default_factory=list)  # lines of the top part nothing claimed


def heading_group(text: str) -> str | None:
    from resume_builder.checking.checks import _heading_group

    text = text.strip().rstrip(":：").strip()
    if not text or len(text) > 60:
        return None
    group = _heading_group(text)
    if group is None and " " in text and all(len(word) == 1 for word in text.split()):
        group = _heading_group(text.replace(" ", ""))  # "S U M M A R Y"
    return group


def _heading_like(line: Line, looks: set[tuple], body_size: float) -> bool:
    text = line.text.strip().rstrip(":")
    words = text.split()
    if line.bullet or not words or len(words) > 5 or len(text) > 45 or find_range(text) or EMAIL.search(text):
        return False
    if text[-1:] in ".,;" or not text[0].isalpha() or len(line.segments) > 1:
        return False
    if line.look in looks:
        return True
    if line.heading_level == 1:
        return True
    return False


def split_sections(lines: list[Line]) -> tuple[list[Line], list[Section]]:
    """The lines above the first heading, and the sections in order."""
    sizes = sorted(line.size for line in lines if line.size and not line.bullet)
    body_size = sizes[len(sizes) // 2] if sizes else 0.0
    known = [line for line in lines if heading_group(line.text) and not line.bullet and len(line.segments) == 1]
    looks = {line.look for line in known}
    top: list[Line] = []
    sections: list[Section] = []
    # The name may stand anywhere on page 1 (beside a sidebar read first): the largest line there.
    first_page = [line for line in lines if line.page == 1 and line.size and not line.bullet]
    big = max(first_page, key=lambda line: line.size, default=None)
    if big is not None and not (body_size and big.size >= 1.4 * body_size and _name_like(big.text)
                                and not heading_group(big.text)):
        big = None
    contact = False
    for line in lines:
        if line is big:
            top.append(line)
            continue
        group = heading_group(line.text) if not line.bullet and len(line.segments) == 1 else None
        if line.text.strip().rstrip(":").casefold() in CONTACT_HEADINGS and not line.bullet:
            contact = True  # the lines under it go to the top, until the next heading
            continue
        if group is not None or (sections and _heading_like(line, looks, body_size)):
            contact = False
        if contact:
            top.append(line)
            continue
        if group is not None:
            sections.append(Section(group, line.text.strip().rstrip(":"), line))
        elif sections and line.zone != "header" and _heading_like(line, looks, body_size):
            sections.append(Section("custom", line.text.strip().rstrip(":"), line, recognised=False))
        elif sections and line.zone != "header":
            sections[-1].lines.append(line)
        else:
            top.append(line)
    return top, sections


def contact_pieces(line: Line) -> list[str]:
    """The pieces of a contact line, split at its separators (``·``, ``|``, a dash or slash
    between spaces, wide gaps). What comes before a line's first `` | `` and holds no contact
    detail is one piece: a headline sharing the line (compact's masthead, ``Backend Engineer —
    Go, Kafka | a@b.example · …``) keeps its own dashes."""
    pieces = []
    for segment in line.segments or [line.text]:
        bar = _BAR.search(segment)
        if bar and segment[:bar.start()].strip() and not _holds_contact(segment[:bar.start()]):
            pieces.append(segment[:bar.start()].strip())
            segment = segment[bar.end():]
        pieces.extend(part.strip() for part in _SEPARATORS.split(segment) if part.strip())
    return pieces


_BAR = re.compile(r"\s\|\s")  # compact's " | " after the headline (a no-break space before it)


def _holds_contact(text: str) -> bool:
    """Whether ``text`` holds an e-mail address, a phone number or a web address."""
    return bool(EMAIL.search(text)) or any(_phone(part) or URL.fullmatch(part.strip())
                                            for part in _SEPARATORS.split(text) if part.strip())


def _phone(piece: str) -> str | None:
    from resume_builder.phones import parse_phone

    piece = _LABEL.sub("", piece).strip()
    match = PHONE.fullmatch(piece)
    if not match:
        return None
    digits = re.sub(r"\D", "", piece)
    if not 7 <= len(digits) <= 15:
        return None
    if parse_phone(piece) is None and not piece.startswith(("+", "00")):
        # A national number without a country code: libphonenumber needs a region to judge it.
        for region in ("GB", "DE", "US", "FR"):
            if parse_phone(piece, region) is not None:
                return piece
        return None
    return piece


def _name_like(text: str) -> bool:
    words = text.split()
    return 1 < len(words) <= 5 and not any(ch.isdigit() for ch in text) and "@" not in text and \
        all(word[:1].isupper() for word in words if word[:1].isalpha())


def read_top(top: list[Line], all_lines: list[Line]) -> Top:
    """Name, headline and contact details from the lines above the first heading (and page headers)."""
    result = Top()
    candidates = [line for line in top if line.zone in ("body", "header", "table")]
    header_lines = [line for line in all_lines if line.zone == "header" and line not in candidates]
    candidates += header_lines
    claimed: set[int] = set()
    labelled_name: Line | None = None
    for line in candidates:
        if len(line.segments) == 2:
            field_name = _BASICS_LABELS.get(" ".join(line.segments[0].rstrip(":").split()).casefold())
            value = line.segments[1].strip()
            if field_name == "name" and labelled_name is None:
                labelled_name = Line(line.number, value, [value], line.size, line.bold, zone=line.zone,
                                     style="Title")
                claimed.add(line.number)
                continue
            if field_name == "location" and result.location is None:
                result.location = (value, line)
                claimed.add(line.number)
                continue
        pieces = contact_pieces(line)
        used = 0
        rest: list[str] = []
        for piece in pieces:
            bare = _LABEL.sub("", piece).strip()
            email = EMAIL.fullmatch(bare.removeprefix("mailto:"))
            if email and result.email is None:
                result.email = (email.group(0), line)
                used += 1
            elif _phone(bare) and result.phone is None:
                result.phone = (_phone(bare), line)
                used += 1
            elif URL.fullmatch(bare) and "." in bare and not bare.replace(".", "").isdigit():
                result.links.append((bare, line))
                used += 1
            elif result.email is None and EMAIL.search(bare):  # "write to me: a@b.example"
                found = EMAIL.search(bare)
                result.email = (found.group(0), line)
                used += 1
                left = (bare[:found.start()] + bare[found.end():]).strip(" :,-")
                if left:
                    rest.append(left)
            else:
                rest.append(piece)
        if used:
            claimed.add(line.number)
            from resume_builder.importing.document.entries import _PLACE, _jobness

            places = [piece for piece in rest if _PLACE.match(_LABEL.sub("", piece).strip())]
            for piece in rest:
                bare = _LABEL.sub("", piece).strip()
                if _LABEL_ONLY.match(bare):
                    continue  # "Telephone" in the cell beside the number: a label, not content
                if result.location is None and (piece in places or not places and len(bare) <= 60
                                                and not bare[:1].isdigit() and len(bare.split()) <= 4
                                                and _jobness(bare) <= 0):
                    result.location = (bare, line)
                else:
                    result.leftover.append(Line(line.number, piece, [piece], zone=line.zone))
    others = [line for line in candidates if line.number not in claimed]
    if labelled_name is not None:
        others.insert(0, labelled_name)
    titles = [line for line in others if _DOCUMENT_TITLES.match(line.text.strip())]
    others = [line for line in others if line not in titles]
    result.leftover.extend(titles)
    # A name may share its row with contact details (a table's first row): the pieces before them.
    for line in candidates:
        if line.number in claimed and len(line.segments) > 1 and line.seg_sizes:
            first = line.segments[0]
            if not (EMAIL.search(first) or _phone(first) or URL.fullmatch(first)) and _name_like(first):
                size = line.seg_sizes[0] if line.seg_sizes else line.size
                piece = Line(line.number, first, [first], size, line.bold, zone=line.zone)
                others.append(piece)
                result.leftover = [l for l in result.leftover if not (l.number == line.number and l.text == first)]
                if result.location and result.location[0] == first:
                    result.location = None
    others.sort(key=lambda line: line.number)
    if others:
        titled = [line for line in others if line.style.casefold() == "title"]
        biggest = max(others, key=lambda line: (line.size, -line.number))
        name = titled[0] if titled else biggest if biggest.size > 0 else others[0]
        if name.size and name is not others[0] and not titled and others[0].size >= name.size - 0.5:
            name = others[0]
        result.name = name
        after = [line for line in others if line.number > name.number and line.zone == name.zone]
        if after and not EMAIL.search(after[0].text) and len(after[0].text) <= 100 \
                and after[0].number == name.number + 1 + sum(1 for n in claimed if name.number < n < after[0].number):
            result.headline = after[0]
        if result.headline is None:
            # The headline may share the contact line ("Engineer | mail@… · +44 …").
            following = [line for line in result.leftover if line.number == name.number + 1]
            if following and following[0].text == contact_pieces(
                    next(l for l in candidates if l.number == following[0].number))[0]:
                result.headline = following[0]
                result.leftover.remove(following[0])
        for line in others:
            if line is not result.name and line is not result.headline:
                result.leftover.append(line)
    return result
