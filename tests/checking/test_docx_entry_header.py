"""The DOCX gives each entry header the PDF's structure: title, organisation, date and place.

Before: one ``Heading 2`` paragraph held ``Title — Organisation<TAB>date · place`` (the
dates pushed right by a tab), which a parser reading a Word file paragraph by paragraph
(or LibreOffice's PDF export of it, line by line) took as one ten-word line: no title, no
employer. Now each is a paragraph of its own, in the order and with the text of the PDF's
lines, so the DOCX and the PDF say the same things the same way.
"""

from __future__ import annotations

import pytest

from resume_builder.checking.extract import extract
from tests.checking.builders import builtin_themes, docx_available

THEMES = builtin_themes()
pytestmark = pytest.mark.slow  # every built-in theme x two formats


def _paragraphs(path) -> list[tuple[str, str]]:
    import docx

    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


@pytest.mark.parametrize("theme", THEMES)
def test_docx_entry_headers_are_three_paragraphs_like_the_pdf_lines(theme, theme_outputs):
    if not docx_available():
        pytest.skip("the DOCX format is not registered")
    paragraphs = _paragraphs(theme_outputs.path(theme, "docx"))
    pdf_lines = extract(theme_outputs.path(theme, "pdf")).body
    experience = theme_outputs.document(theme).section("experience")
    assert experience.entries
    for entry in experience.entries:
        title = entry.title.plain
        at = next(i for i, (style, text) in enumerate(paragraphs) if style == "Heading 2" and text == title)
        meta = "\u00a0· ".join(part for part in (entry.date, entry.location) if part)
        # a company with several roles has no organisation line: its name is the title
        header = ([("Entry Organisation", entry.subtitle.plain)] if entry.subtitle.plain else []) \
            + [("Entry Date Line", meta)]
        assert paragraphs[at + 1:at + 1 + len(header)] == header
        assert "\t" not in "".join(text for _, text in paragraphs[at:at + 1 + len(header)])
        # the PDF's text has the same lines, in the same order
        # (a font whose no-break space is its space glyph, Lato, reads back a plain space)
        line = pdf_lines.index(title)
        assert [t.replace("\u00a0", " ") for t in pdf_lines[line + 1:line + 1 + len(header)]] \
            == [text.replace("\u00a0", " ") for _, text in header], \
            pdf_lines[line:line + 1 + len(header)]
