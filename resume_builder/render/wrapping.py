"""Break opportunities in very long words, for the PDF's layout only.

The themes let a word longer than the line break anywhere (``overflow-wrap: anywhere``),
but WeasyPrint finds each such break by laying out all the rest of the text again: a
20,000-character word takes about a minute, a 100,000-character one far longer. A
zero-width space (U+200B) every few dozen characters of such a run gives the line
breaker ordinary break opportunities, so the run wraps in linear time. Zero-width spaces
are not drawn and do not appear in the PDF's extracted text (checked with pdfminer,
pdftotext and pypdf); ordinary text (no run of LONG_RUN characters without a space) is
left exactly as it is. HTML, DOCX, Markdown and text outputs never see them.
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
ZWSP = "\u200b"

_RUN = re.compile(rf"[^\s\u200b]{{{LONG_RUN},}}")
_TEXT_FIELDS = {"text", "date", "location", "label", "title", "name", "headline"}
_WALKED = (Document, Section, Entry, Bullet, Field, Contact, RichText, Span, LetterDocument)


def _joins_previous(char: str) -> bool:
    """True when a break before ``char`` would split a character as people see it."""
    code = ord(char)
    return (unicodedata.category(char) in ("Mn", "Mc", "Me") or code == 0x200D  # marks, ZWJ
            or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF  # variation selectors
            or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F)  # skin tones, tag characters


def _break_run(match: re.Match) -> str:
    run = match.group()
    out = []
    since = 0
    flags = 0  # regional indicators just before: a flag is a pair of them
    for index, char in enumerate(run):
        indicator = 0x1F1E6 <= ord(char) <= 0x1F1FF
        if since >= CHUNK and not _joins_previous(char) and run[index - 1] != "\u200d" \
                and not (indicator and flags % 2):
            out.append(ZWSP)
            since = 0
        out.append(char)
        since += 1
        flags = flags + 1 if indicator else 0
    return "".join(out)


def break_long_runs(text: str) -> str:
    return _RUN.sub(_break_run, text) if len(text) >= LONG_RUN else text


def with_break_opportunities(value: Any) -> Any:
    """A copy of a Document (or any part of one) whose visible text has break opportunities.

    Links, ids, the photo and the PDF metadata (title, author...) are left alone.
    """
    if isinstance(value, tuple):
        return tuple(with_break_opportunities(item) for item in value)
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
