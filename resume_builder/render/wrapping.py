"""Break opportunities in very long words, for the PDF's layout only.

The themes let a word longer than the line break anywhere (``overflow-wrap: anywhere``),
but WeasyPrint finds each such break by laying out all the rest of the text again: a
20,000-character word takes about a minute, a 100,000-character one far longer. A
zero-width space (U+200B) every few dozen characters of such a run gives the line
breaker ordinary break opportunities, so the run wraps in linear time. Zero-width spaces
are not drawn and do not appear in the PDF's extracted text (checked with pdfminer,
pdftotext and pypdf); ordinary text (no run of LONG_RUN characters without a space) is
left exactly as it is. HTML, DOCX, Markdown and text outputs never see them.

URLs written in the text (``https://…``, ``www.…``) break only after a ``/`` path
separator: never right after ``scheme://`` (UAX #14 allows a break there, which left a
bare ``https://`` at a line's end, a link that reads as broken) and never after a hyphen
inside the URL (which reads as a hyphenation the reader should undo). A WORD JOINER
(U+2060, UAX #14 class WJ: no break on either side) after ``://`` and after each hyphen
of the URL forbids those breaks; like the zero-width space it is not drawn and does not
appear in the extracted text (pdfminer, pdftotext, pypdf). Inside a URL a ``/`` counts as
a break opportunity, and a zero-width space goes only into a stretch of LONG_RUN
characters with no ``/``, so host names and path segments are not cut.

A short compound joined by slashes (``CI/CD``, ``TCP/IP``, ``I/O``, ``and/or``, ``C#/.NET``)
stays on one line: UAX #14 allows a break after a ``/`` before a letter, and Pango took it
("TCP/" at a line's end, "IP" on the next), which reads as two words. A WORD JOINER after
each of its slashes forbids that. A compound is at most :data:`COMPOUND` characters of
at most :data:`COMPOUND_PART` each between slashes, so a long path still breaks at its slashes.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any

from resume_builder.document import (
    Bullet,
    Contact,
    Document,
    Entry,
    Field,
    RichText,
    Section,
)
from resume_builder.letter_document import LetterDocument
from resume_builder.markdown import Span

#: A run of this many characters without a space gets break opportunities...
LONG_RUN = 64
#: ...every this many characters.
CHUNK = 32
#: The longest slash compound (and the longest part of one) kept on one line.
COMPOUND = 24
COMPOUND_PART = 12
ZWSP = "\u200b"
WJ = "\u2060"  # WORD JOINER: no line break before or after it

_RUN = re.compile(rf"[^\s\u200b]{{{LONG_RUN},}}")
# A URL in running text: a scheme and "//", or "www."; it ends at a space or at closing
# punctuation (which stays outside, as in "see https://example.org/a.").
_URL = re.compile(r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*://|\bwww\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}'’”]")
# Parts of letters, digits and + # . & - between slashes, not inside a longer run of them
# (a URL's path, "a/b/c/..." beyond COMPOUND is left to break at its slashes).
_COMPOUND = re.compile(r"(?<![\w/.:#+&-])\w[\w+#.&-]*(?:/[\w+#.&-]+)+(?![\w/])")
_TEXT_FIELDS = {"text", "date", "location", "label", "title", "name", "headline"}
_WALKED = (Document, Section, Entry, Bullet, Field, Contact, RichText, Span, LetterDocument)


def _joins_previous(char: str) -> bool:
    """True when a break before ``char`` would split a character as people see it."""
    code = ord(char)
    return (unicodedata.category(char) in ("Mn", "Mc", "Me") or code == 0x200D  # marks, ZWJ
            or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF  # variation selectors
            or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F)  # skin tones, tag characters


def _break_run(match: re.Match) -> str:
    return _break_stretches(match.group(), CHUNK)


def _break_stretches(run: str, chunk: int) -> str:
    """``run`` with a zero-width space wherever ``chunk`` characters passed with no break."""
    out = []
    since = 0
    flags = 0  # regional indicators just before: a flag is a pair of them
    for index, char in enumerate(run):
        indicator = 0x1F1E6 <= ord(char) <= 0x1F1FF
        if since >= chunk and not _joins_previous(char) and run[index - 1] not in ("\u200d", WJ) \
                and char != WJ and not (indicator and flags % 2):
            out.append(ZWSP)
            since = 0
        out.append(char)
        since = 0 if char == "/" else since + 1  # the line breaker may break after a slash already
        flags = flags + 1 if indicator else 0
    return "".join(out)


def _url_breaks(url: str) -> str:
    """The URL with a WORD JOINER after ``scheme://`` and after each hyphen (see module doc)."""
    head, separator, rest = url.partition("://")
    if not separator:
        head, rest = "", url
    else:
        head += separator + WJ
    joined = head + rest.replace("-", "-" + WJ)
    return _break_stretches(joined, LONG_RUN) if len(joined) >= LONG_RUN else joined


def _join_compound(match: re.Match) -> str:
    compound = match.group()
    parts = compound.split("/")
    if len(compound) > COMPOUND or max(len(part) for part in parts) > COMPOUND_PART:
        return compound
    return ("/" + WJ).join(parts)


def compound_breaks(text: str) -> str:
    """``text`` with each short slash compound kept on one line (see the module docstring)."""
    return _COMPOUND.sub(_join_compound, text) if "/" in text else text


def url_breaks(text: str) -> str:
    """``text`` with its URLs breakable only after a ``/`` (see the module docstring)."""
    return _URL.sub(lambda m: _url_breaks(m.group()), text)


def break_long_runs(text: str) -> str:
    """``text`` with URL and slash-compound break rules and break opportunities in long runs
    (module docstring)."""
    if "://" not in text and "www." not in text:
        text = compound_breaks(text)
        return _RUN.sub(_break_run, text) if len(text) >= LONG_RUN else text
    out, last = [], 0
    for match in _URL.finditer(text):
        out.append(_RUN.sub(_break_run, compound_breaks(text[last:match.start()])))
        out.append(_url_breaks(match.group()))
        last = match.end()
    out.append(_RUN.sub(_break_run, compound_breaks(text[last:])))
    return "".join(out)


#: Contact details that are addresses, written without their scheme (``linkedin.com/in/a-b``):
#: they break only after a ``/`` as a URL in the text does, never at a hyphen.
_ADDRESS_KINDS = ("email", "website", "profile")


def contact_breaks(contact: Contact) -> Contact:
    """``contact`` whose text breaks as an address does: an e-mail, web or profile address only
    after a ``/`` (:func:`_url_breaks`: a WORD JOINER after each hyphen; LibreOffice broke
    ``linkedin.com/in/alex-`` / ``example`` at a line's end); a phone number never (a WORD
    JOINER after each of its spaces and hyphens: the spaces stay spaces in the extracted
    text), as one reads and dials it whole."""
    if contact.kind in _ADDRESS_KINDS:
        text = _url_breaks(contact.text)
    elif contact.kind == "phone":
        text = contact.text.replace(" ", " " + WJ).replace("-", "-" + WJ)
    else:
        return contact
    return dataclasses.replace(contact, text=text) if text != contact.text else contact


def with_break_opportunities(value: Any) -> Any:
    """A copy of a Document (or any part of one) whose visible text has break opportunities.

    Links, ids, the photo and the PDF metadata (title, author...) are left alone. A contact
    detail that is an address or a phone number breaks as one (:func:`contact_breaks`).
    """
    if isinstance(value, tuple):
        return tuple(with_break_opportunities(item) for item in value)
    if isinstance(value, Contact):
        value = contact_breaks(value)
        if value.kind in _ADDRESS_KINDS or value.kind == "phone":
            return value
    if not isinstance(value, _WALKED):
        return value
    changes = {}
    for item in dataclasses.fields(value):
        current = getattr(value, item.name)
        if isinstance(current, str):
            if item.name in _TEXT_FIELDS:
                new = break_long_runs(current)
                if new is not current:
                    changes[item.name] = new
        elif isinstance(current, (tuple, *_WALKED)):
            new = with_break_opportunities(current)
            if new != current:
                changes[item.name] = new
    return dataclasses.replace(value, **changes) if changes else value
