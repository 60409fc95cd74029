"""Cover letters as DOCX: the résumé's letterhead and Word's built-in letter styles.

The same package as the résumé (:func:`resume_builder.render.docx.render_docx`): styles
written from scratch in the theme's ``[docx]`` look, fonts embedded, core properties and
zip entries reproducible. The letterhead is the résumé's masthead (``Title``, ``Subtitle``,
the contact line). Then, each a paragraph in a style Word ships with: ``Date``, the
recipient's lines (``Inside Address``), the subject (``Subject Line``: bold, the accent
colour), ``Salutation``, ``Body Text`` for each paragraph, ``Closing`` and ``Signature``
(with the signature image, when the letter has one, above the name). No tables, no text
boxes, nothing in headers or footers: an ATS and a screen reader read it in order.
"""

from __future__ import annotations

import dataclasses


from resume_builder.letter_document import LetterDocument
from resume_builder.render.docx.assemble import finish, start
from resume_builder.render.docx.look import resolve_look
from resume_builder.render.docx.parts import paragraph_properties, run_properties, style
from resume_builder.render.docx.writer import Writer
from resume_builder.theming import Theme, ThemeOptions

#: Letter text is set 1.2 times the résumé's body size, with margins 8 mm wider, as the HTML
#: themes do (themes/classic/templates/letter.css.j2).
LETTER_SCALE = 1.2
LETTER_EXTRA_MARGIN_MM = 8
LETTER_EXTRA_LINE = 0.22


def letter_styles(look) -> dict:
    """The letter's paragraph styles (key -> ``w:style``), Word's built-in names where Word has one."""
    size = look.font_size * LETTER_SCALE
    gap = max(look.paragraph_after * 4, 6)
    rpr = run_properties
    # letter.css.j2: .letter { line-height: line_height + 0.22 }, every line exactly that tall
    # (a theme that gives Word's multiple: its multiple, 1.12 times it for the body text)
    if look.line_spacing is None:
        lines, body_lines = {"exact": size * (look.line_height + LETTER_EXTRA_LINE)}, {}
    else:
        lines, body_lines = {}, {"line": max(look.line_spacing, 1.0) * 1.12}

    def ppr(**arguments):
        return paragraph_properties(**lines, **arguments)

    # In a right-to-left (w:bidi) paragraph Word reads jc "right" as the trailing edge, so "right" is
    # the date's end edge in both directions.
    return {
        "letter_date": style("Date", "Date", "paragraph", based_on="Normal", next_id="Normal", priority=99,
                             ppr=ppr(before=gap * 2, after=gap * 1.5, jc="right"),
                             rpr=rpr(size=size)),
        "letter_address": style("InsideAddress", "Inside Address", "paragraph", based_on="Normal", priority=99,
                                ppr=ppr(before=0, after=0, contextual=True), rpr=rpr(size=size)),
        "letter_subject": style("SubjectLine", "Subject Line", "paragraph", based_on="Normal", next_id="Salutation",
                                ppr=ppr(keep_next=True, before=gap * 2, after=gap * 1.5),
                                rpr=rpr(bold=True, color=look.accent_color, size=size,
                                        caps=look.letter_subject_caps == "caps",
                                        small_caps=look.letter_subject_caps == "small_caps")),
        "letter_salutation": style("Salutation", "Salutation", "paragraph", based_on="Normal", next_id="BodyText",
                                   priority=99, ppr=ppr(keep_next=True, before=gap, after=gap), rpr=rpr(size=size)),
        "letter_body": style("BodyText", "Body Text", "paragraph", based_on="Normal", priority=99,
                             ppr=ppr(after=gap, **body_lines), rpr=rpr(size=size)),
        "letter_closing": style("Closing", "Closing", "paragraph", based_on="Normal", next_id="Signature", priority=99,
                                ppr=ppr(keep_next=True, before=gap * 0.5, after=gap * 3.5), rpr=rpr(size=size)),
        "letter_signature": style("Signature", "Signature", "paragraph", based_on="Normal", priority=99,
                                  ppr=ppr(after=0), rpr=rpr(bold=True, size=size)),
    }


def render_letter_docx(doc: LetterDocument, theme: Theme, options: ThemeOptions) -> bytes:
    """Render the letter ``doc`` as DOCX bytes with ``theme``'s look; same input, same bytes."""
    look = resolve_look(theme, options, language=doc.metadata.language, rtl=doc.direction == "rtl")
    look = dataclasses.replace(look, margins_mm=look.margins_mm + LETTER_EXTRA_MARGIN_MM,
                               gaps=dataclasses.replace(look.gaps, masthead=look.letterhead_after))
    if look.letterhead_rule:  # the letterhead's own rule (classic's hairline under it)
        look = dataclasses.replace(look, masthead_rule=look.letterhead_rule,
                                   masthead_rule_space=look.letterhead_rule_space)
    writer = start(theme, look, letter_styles(look))
    writer.masthead(doc)
    if doc.date:
        writer.text(writer.paragraph("letter_date"), doc.date)
    for line in doc.recipient:
        writer.text_paragraph("letter_address", line)
    if doc.subject:
        writer.text_paragraph("letter_subject", doc.subject, keep_next=True)
    writer.text_paragraph("letter_salutation", doc.salutation, keep_next=True)
    for paragraph in doc.paragraphs:
        writer.text_paragraph("letter_body", paragraph)
    writer.text_paragraph("letter_closing", doc.closing, keep_next=True)
    if doc.signature is not None and doc.signature.format in ("PNG", "JPEG"):
        _signature_image(writer, doc)
    writer.text_paragraph("letter_signature", doc.signature_name)
    writer.page_setup()
    return finish(writer, theme, doc)


def _signature_image(writer: Writer, doc: LetterDocument) -> None:
    """The signature image in a Signature paragraph of its own, at most 16 mm high and 60 mm wide."""
    from docx.shared import Mm

    image = doc.signature
    width, height = image.width or 1, image.height or 1
    scale = min(16 / height, 60 / width)
    name = doc.signature_name.plain
    writer.image_paragraph("letter_signature", image.data, Mm(width * scale), Mm(height * scale),
                           alt=f"Signature of {name}" if name else "Signature")  # as the HTML's alt
