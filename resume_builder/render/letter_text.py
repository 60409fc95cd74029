"""Markdown and plain-text cover letters (the ``md`` and ``txt`` rows for a LetterDocument).

Both follow :meth:`~resume_builder.letter_document.LetterDocument.text_blocks`: letterhead
(name, headline, contact line), date, recipient, subject, salutation, paragraphs, closing,
signer. Plain text is ready to paste into an application portal's form: no markup, one
paragraph per line (never hard-wrapped), link targets shown as text. Markdown escapes
profile text as the résumé's does (:mod:`resume_builder.render.text`).
"""

from __future__ import annotations

from resume_builder.bidi import LRM
from resume_builder.letter_document import LetterDocument
from resume_builder.render.isolation import with_ltr_isolates
from resume_builder.render.text import (_md_block, _md_escape, _md_rich, _one_line, _txt, joined, markdown_masthead,
                                        text_masthead)

__all__ = ["render_letter_markdown", "render_letter_text"]


def render_letter_markdown(doc: LetterDocument) -> str:
    """The letter as Markdown (CommonMark): the name a level-1 heading, the subject in bold,
    recipient lines as hard line breaks (a backslash at the end of a line)."""
    doc = with_ltr_isolates(doc)
    blocks = markdown_masthead(doc)
    if doc.date:
        blocks.append(_md_block(_md_escape(doc.date)))
    if doc.recipient:
        blocks.append("\\\n".join(_ltr(doc, line, _md_block(_md_rich(line))) for line in doc.recipient))
    if doc.subject:
        blocks.append(_ltr(doc, doc.subject, f"**{_md_rich(doc.subject)}**"))
    blocks.append(_ltr(doc, doc.salutation, _md_block(_md_rich(doc.salutation))))
    blocks.extend(_ltr(doc, p, _md_block(_md_rich(p))) for p in doc.paragraphs)
    blocks.append(_ltr(doc, doc.closing, _md_block(_md_rich(doc.closing))))
    blocks.append(_ltr(doc, doc.signature_name, _md_block(_md_rich(doc.signature_name))))
    return joined(blocks, doc, markdown=True)


def render_letter_text(doc: LetterDocument) -> str:
    """The letter as plain text: blocks apart by a blank line, one paragraph per line."""
    doc = with_ltr_isolates(doc)
    blocks = [text_masthead(doc)]
    if doc.date:
        blocks.append(_one_line(doc.date))
    if doc.recipient:
        blocks.append("\n".join(_ltr(doc, line, _txt(line)) for line in doc.recipient))
    if doc.subject:
        blocks.append(_ltr(doc, doc.subject, _txt(doc.subject)))
    blocks.append(_ltr(doc, doc.salutation, _txt(doc.salutation)))
    blocks.extend(_ltr(doc, p, _txt(p)) for p in doc.paragraphs)
    blocks.append(_ltr(doc, doc.closing, _txt(doc.closing)) + "\n\n" + _ltr(doc, doc.signature_name,
                                                                              _txt(doc.signature_name)))
    return joined(blocks, doc, markdown=False)


def _ltr(doc: LetterDocument, text, line: str) -> str:
    """``line`` (``text`` as written out) with a LEFT-TO-RIGHT MARK first when, in a
    right-to-left letter, it has no right-to-left letter: an editor or ``dir="auto"`` then
    sets it left to right, its full stop at its end (the HTML's ``dir="ltr"``)."""
    return LRM + line if doc.direction == "rtl" and text.ltr_only and line else line
