"""DOCX through python-docx: ATS-readable structure, the theme's look, reproducible bytes.

Structure a résumé parser can read, built only from Word's built-in styles plus a few
plain paragraph styles based on Normal:

- the name is ``Title``, the headline ``Subtitle``, the contact details one paragraph in
  the body (``Contact Line``), never in a header, table or text box;
- each section title is ``Heading 1`` (capitals and the bottom rule in the accent colour
  are style formatting: the text stays as written);
- each entry's title is ``Heading 2``, its organisation and its date line paragraphs of their
  own (as the PDF's three lines); a company's roles are ``Heading 3``;
- highlights are ``List Bullet``, their sub-points ``List Bullet 2``; pairs (skills,
  languages) and fields (technologies, courses) are ``Label: value`` paragraphs;
- a theme whose templates run text in (compact: ``[docx] run_in``) has the same lines as its
  PDF: the headline in the Contact Line, the summary, the pairs, a short list, an undated
  entry (``Entry Run-In``: its title in bold, then its text) each one paragraph;
- the photo floats beside the masthead, anchored in the name's paragraph (no text of its own);
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

Sizes: the ``[docx]`` table gives the look at the theme's default options, as the PDF's CSS
has it; the profile's font size, line height and spacing options scale it (so does a page
budget, which tightens them). Every line is exactly as tall as the PDF's (``w:lineRule
"exact"``: its size times the CSS line-height), sizes are the half point at or below the PDF's,
and the space above each paragraph is the CSS's margin: a DOCX no taller than the PDF, which
keeps the PDF's page budget (tests/render/test_docx_page_budget.py). ``line_spacing``, when
the theme sets it, is Word's "multiple" of the font's own line instead.

The package is re-zipped after python-docx saves it: fixed member order, timestamps
from SOURCE_DATE_EPOCH and no trace of the library, so the same input gives the same
bytes in any process.

Modules: ``look`` (the layout values: sizes, colours, fonts, line heights and gaps),
``measure`` (the lines a paragraph takes, with the theme's font files: the masthead beside a
photo), ``parts`` (styles, bullet numbering, settings and app.xml, built as elements),
``writer`` (the body: paragraphs, runs, hyperlinks, the page-number footer), ``scripts`` and
``east_asian`` (writing systems: Word's font and language slots, the Noto CJK face and
language of Chinese, Japanese and Korean text, which is never italic) and
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
    writer.semicolon = doc.semicolon_separator
    writer.masthead(doc)
    for section in doc.sections:
        writer.section(section)
    writer.page_setup()
    if look.page_numbers:
        writer.fill_footer()
    return finish(writer, theme, doc)
