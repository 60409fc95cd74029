"""The paper follows the locale's country when no one chose it: Letter in the United States,
Canada, Mexico... (CLDR's measurement data), A4 elsewhere.

Before, every built-in theme fixed A4, so a résumé printed with ``--locale en-US`` or
``en-CA`` came out on A4, which North American printers and recruiters do not use.
"""

from __future__ import annotations

import io
import shutil
import zipfile

import pypdf
import pytest

from resume_builder import letter_pipeline, pipeline
from resume_builder.i18n import page_size_for
from tests.conftest import EXAMPLE, FIXTURES

pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")


@pytest.mark.parametrize(("tag", "paper"), [
    ("en-US", "Letter"), ("en_us", "Letter"), ("fr-CA", "Letter"), ("es-MX", "Letter"), ("en-PH", "Letter"),
    ("en-GB", "A4"), ("de-AT", "A4"), ("pt-BR", "A4"), ("zh-Hant-TW", "A4"), ("es-419", "A4"),
    ("en", None), ("zh-Hant", None),
])
def test_the_paper_of_the_locales_country(tag, paper):
    assert page_size_for(tag) == paper


@pytest.mark.parametrize(("locale", "paper"), [("en-US", "Letter"), ("en-CA", "Letter"), ("en", "A4"),
                                               ("de-AT", "A4")])
def test_a_resume_is_printed_on_its_locales_paper(locale, paper):
    job = pipeline.prepare(EXAMPLE, locale=locale)
    assert job.options.page_size == paper


def test_the_users_choice_wins_over_the_locales(tmp_path):
    assert pipeline.prepare(EXAMPLE, locale="en-US", overrides={"page_size": "A4"}).options.page_size == "A4"
    profile = tmp_path / "p.yaml"
    profile.write_text(EXAMPLE.read_text(encoding="utf-8") + "\ntheme:\n  page_size: A4\n", encoding="utf-8")
    assert pipeline.prepare(profile, locale="en-US").options.page_size == "A4"


def test_a_theme_that_sets_its_paper_keeps_it(tmp_path):
    theme = tmp_path / "a4only"
    shutil.copytree(FIXTURES.parent.parent / "themes" / "classic", theme)
    manifest = theme / "theme.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("margins = 12.5\n", "margins = 12.5\npage_size = \"A4\"\n", 1), encoding="utf-8")
    assert 'page_size = "A4"' in manifest.read_text(encoding="utf-8")
    job = pipeline.prepare(EXAMPLE, locale="en-US", theme_dir=theme)
    assert job.options.page_size == "A4"


def test_the_pdf_and_the_docx_are_letter_sized_for_en_us(tmp_path):
    job = pipeline.prepare(EXAMPLE, locale="en-US")
    pdf = pipeline.render(job, "pdf", tmp_path / "cv.pdf")[0].data
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # 8.5 × 11 in, in points
    docx = pipeline.render(job, "docx", tmp_path / "cv.docx")[0].data
    document = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    assert 'w:w="12240"' in document and 'w:h="15840"' in document  # 8.5 × 11 in, in twentieths of a point


def test_a_letters_own_locale_gives_its_paper(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772409600")
    profile = tmp_path / "p.yaml"
    profile.write_text("basics:\n  name: Ann Example\nletters:\n  acme:\n    locale: en-US\n    body: |\n"
                       "      I am writing to apply for the role with your team.\n", encoding="utf-8")
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=profile), "acme")
    assert job.options.page_size == "Letter"
