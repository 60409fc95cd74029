"""Left-to-right runs isolated in the visible text of a right-to-left Document.

A paragraph with no right-to-left letter at all (an English bullet in an Arabic résumé) is
marked left to right as a whole instead (``RichText.direction``), which each format honours
(HTML's ``dir``, DOCX's ``w:bidi``, an LRM first in text), as cover letters' paragraphs are.

HTML, PDF, Markdown and plain text get the Unicode isolates LRI … PDI around each run that
:func:`resume_builder.bidi.ltr_spans` finds (phone numbers, e-mail addresses, URLs, ``C++``,
English names): browsers, Pango (WeasyPrint's text layout, which implements no CSS
``unicode-bidi`` and so cannot use ``<bdi>``), text editors and form fields all honour them,
and they are not drawn. They never reach the PDF's text layer (WeasyPrint writes no glyph
for them). The DOCX writer isolates the same runs its own way (separate runs, see
``render/docx.py``). Left-to-right documents are returned unchanged.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from resume_builder.bidi import isolate_ltr
from resume_builder.document import Bullet, Contact, Document, Entry, Field, RichText, Section
from resume_builder.letter_document import LetterDocument
from resume_builder.markdown import Span

_TEXT_FIELDS = {"text", "date", "location", "label", "title", "name", "headline", "url_text"}
_WALKED = (Document, Section, Entry, Bullet, Field, Contact, RichText, Span, LetterDocument)


def with_ltr_isolates(doc: Document) -> Document:
    """``doc`` with LRI … PDI around its left-to-right runs when it is right to left."""
    return _walk(doc) if doc.direction == "rtl" else doc


def _walk(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(_walk(item) for item in value)
    if not isinstance(value, _WALKED):
        return value
    changes = {}
    for item in dataclasses.fields(value):
        current = getattr(value, item.name)
        if isinstance(current, str):
            if item.name in _TEXT_FIELDS:
                new = isolate_ltr(current)
                if new != current:
                    changes[item.name] = new
        elif isinstance(current, (tuple, *_WALKED)):
            new = _walk(current)
            if new != current:
                changes[item.name] = new
    if isinstance(value, RichText) and value.spans:
        # An English paragraph in an Arabic résumé: set left to right as a whole where the
        # format can (its isolates stay for a theme that does not): isolating each span alone
        # laid its bold and plain runs out right to left ("five years" after "of experience").
        # Any other is right to left, said explicitly: an Arabic sub-point under an English
        # bullet would otherwise take its parent's direction.
        changes["direction"] = "ltr" if value.ltr_only else "rtl"
    return dataclasses.replace(value, **changes) if changes else value
