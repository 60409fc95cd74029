"""A page never begins or ends with one item of a list alone.

A trial's two-page résumé had "Yoruba: Native" alone on page 2, away from its "Languages"
heading and the other two languages: the themes kept bullets together at a page break
(``ul.bullets > li:first-child { break-after: avoid }``...) but not pairs (skill groups,
languages), and the DOCX kept neither. Now both lists hold their first two and last two
items together, in the PDF (CSS) and the DOCX (Word's keep with next).
"""

from __future__ import annotations

import io

from resume_builder import pipeline
from tests.render.test_pdf import needs_pdftotext, page_texts

LANGUAGES = ["English: C2", "German: C1", "Yoruba: Native"]


def profile(filler: int) -> str:
    """A summary of ``filler`` one-line paragraphs, then three languages (a list of pairs)."""
    paragraphs = "\n\n".join(f"  Filler paragraph {i} moves every later block down the page." for i in range(filler))
    return ("basics: {name: Sam Example}\nsummary: |\n" + paragraphs + "\n"
            "languages:\n  - {language: English, fluency: C2}\n  - {language: German, fluency: C1}\n"
            "  - {language: Yoruba, fluency: Native}\n")


@needs_pdftotext
def test_no_language_alone_on_a_page(tmp_path):
    """Every theme shares these rules (classic's base.css.j2)."""
    placed = set()
    for filler in range(40, 51):  # the languages cross the foot of page 1 in here (45 split them)
        path = tmp_path / f"p{filler}.yaml"
        path.write_text(profile(filler), encoding="utf-8")
        job = pipeline.prepare(pipeline.RenderRequest(profile=path, theme="classic"))
        out = pipeline.render(job, "pdf", tmp_path / f"p{filler}.pdf")[0]
        out.path.write_bytes(out.data)
        pages = page_texts(out.path)
        on = [next(i for i, page in enumerate(pages) if item in page) for item in LANGUAGES]
        assert len(set(on)) == 1 or all(on.count(page) > 1 for page in on), (filler, on)
        placed.add(tuple(on))
    assert {(0, 0, 0), (1, 1, 1)} <= placed, "the languages never crossed a page break: move the range"


def test_docx_keeps_the_first_and_last_two_items_of_a_list_together(tmp_path):
    from docx import Document as Docx

    path = tmp_path / "p.yaml"
    path.write_text("basics: {name: Sam Example}\nexperience:\n  - company: Example Co\n    position: Engineer\n"
                    "    start: 2020-01\n    highlights: [one, two, three, four]\nlanguages:\n"
                    "  - {language: English, fluency: C2}\n  - {language: German, fluency: C1}\n"
                    "  - {language: Yoruba, fluency: Native}\n  - {language: Welsh, fluency: A2}\n", encoding="utf-8")
    job = pipeline.prepare(pipeline.RenderRequest(profile=path))
    document = Docx(io.BytesIO(pipeline.render(job, "docx", tmp_path / "p.docx")[0].data))
    kept = {p.text: bool(p.paragraph_format.keep_with_next) for p in document.paragraphs}
    assert [kept[t] for t in ("one", "two", "three", "four")] == [True, False, True, False]
    assert [kept[t] for t in ("English: C2", "German: C1", "Yoruba: Native", "Welsh: A2")] == [True, False, True, False]
