"""DOCX through python-docx: ATS-readable structure, the theme's look, reproducible bytes.

Structure a résumé parser can read, built only from Word's built-in styles plus a few
plain paragraph styles based on Normal:

- the name is ``Title``, the headline ``Subtitle``, the contact details one paragraph in
  the body (``Contact Line``), never in a header, table or text box;
- each section title is ``Heading 1`` (capitals and the bottom rule in the accent colour
  are style formatting: the text stays as written);
- each entry's first line is ``Heading 2``: title, subtitle after an em dash, then a tab
  to a right tab stop at the text width and the date and location;
- highlights are ``List Bullet``, their sub-points ``List Bullet 2``; pairs (skills,
  languages) and fields (technologies, courses) are ``Label: value`` paragraphs;
- links (contacts, entry URLs, Markdown links) are real ``w:hyperlink`` elements with
  an external relationship; inline Markdown becomes bold and italic runs.

The font table, the embedded theme fonts and the emoji font of emoji runs come from
:mod:`resume_builder.render.docx_fonts`.

The styles, list numbering and settings are written from scratch, as elements, by
:mod:`resume_builder.render.docx.parts` (the
template python-docx ships carries another program's identity, 800 KB of unused styles
and a thumbnail); a theme may give ``[docx] reference_docx`` to start from its own Word
file instead, whose styles then win. Page size and margins come from the theme options;
the footer holds only a page-number field.

Sizes: the ``[docx]`` table gives the look at the theme's default options; the profile's
font size, line height and spacing options scale it. ``line_spacing``, when the theme sets
it, is Word's "multiple" (of the font's own line height); otherwise the line pitch is
computed from the font file to match the PDF's CSS ``line-height``.

The package is re-zipped after python-docx saves it: fixed member order, timestamps
from SOURCE_DATE_EPOCH and no trace of the library, so the same input gives the same
bytes in any process.

Modules: ``look`` (the layout values: sizes, colours, fonts, line height from the font
file), ``parts`` (styles, bullet numbering, settings and app.xml, built as elements),
``writer`` (the body: paragraphs, runs, hyperlinks, the page-number footer) and
``package`` (opening and cleaning the template or reference file, installing styles,
core properties, the reproducible zip); ``assemble`` runs them in that order for the résumé
and the letter (:mod:`resume_builder.render.docx.letter`).
"""

from __future__ import annotations

from resume_builder.document import Document
from resume_builder.render.docx.assemble import finish, start
from resume_builder.render.docx.look import DocxLook, resolve_look
from resume_builder.render.docx.parts import STYLE_NAMES
from resume_builder.theming import Theme, ThemeOptions

__all__ = ["STYLE_NAMES", "DocxLook", "render_docx", "resolve_look"]


def render_docx(doc: Document, theme: Theme, options: ThemeOptions) -> bytes:
    """Render ``doc`` as DOCX bytes with ``theme``'s look; same input, same bytes."""
    look = resolve_look(theme, options, language=doc.metadata.language, rtl=doc.direction == "rtl")
    writer = start(theme, look)
    writer.label_end = doc.label_end
    writer.masthead(doc)
    for section in doc.sections:
        writer.section(section)
    writer.page_setup()
    if look.page_numbers:
        writer.fill_footer()
    return finish(writer, theme, doc)
