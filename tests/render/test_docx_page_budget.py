"""A page budget holds for the DOCX as LibreOffice lays it out: never more pages than the PDF.

``render --max-pages N`` cuts and tightens the résumé until the PDF fits N pages, and the same
document feeds the DOCX, which an applicant uploads where a portal asks for Word. Before, the
DOCX's lines, gaps and layout were taller than the PDF's: the example in compact took 2 pages for
a budget of 1 and 3 for 2, and a profile with a photo took 2 for 1 in classic and modern (the
photo above the name, the DOCX's lines 7% taller). tests/render/test_docx_metrics.py checks the
causes in the XML; this converts with LibreOffice, as test_docx_libreoffice.py does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from resume_builder.pipeline import prepare
from resume_builder.render.docx import render_docx
from resume_builder.render.pdf import render_pdf
from resume_builder.theming import ThemeFinder
from tests.render.test_docx_libreoffice import EXAMPLE, REPO, convert_all, fontconfig_file, page_count

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                 reason="needs LibreOffice (soffice) and poppler-utils (pdftotext)")]

BUILT_IN = sorted(name for name, source, _ in ThemeFinder().available() if source == "built-in")
PHOTO = REPO / "tests" / "fixtures" / "profiles" / "photo.yaml"
CASES = [(EXAMPLE, n) for n in (1, 2, 3)] + [(PHOTO, 1)]


@pytest.mark.parametrize("theme", BUILT_IN)
def test_docx_keeps_the_page_budget_the_pdf_keeps(theme, tmp_path):
    """Each case (a profile and a budget) fitted, its PDF within the budget and LibreOffice's
    pages of its DOCX no more than the PDF's; the DOCX files converted in one LibreOffice run."""
    fitted = {}
    for profile, budget in CASES:
        job = prepare(profile, theme=theme, max_pages=budget)
        pdf = render_pdf(job.document, job.theme, job.options, profile_folder=profile.parent)
        docx_path = tmp_path / f"{profile.stem}-{budget}.docx"
        docx_path.write_bytes(render_docx(job.document, job.theme, job.options))
        fitted[docx_path] = (budget, pdf.pages, job.theme)
    converted = convert_all(list(fitted), tmp_path, fontconfig_file(next(iter(fitted.values()))[2], tmp_path))
    wrong = []
    for (docx_path, (budget, pdf_pages, _)), docx_pdf in zip(fitted.items(), converted):
        docx_pages = page_count(docx_pdf)
        if not (pdf_pages <= budget and docx_pages <= pdf_pages):
            wrong.append(f"{docx_path.stem}, --max-pages {budget}: PDF {pdf_pages} pages, DOCX {docx_pages}")
    assert not wrong, f"{theme}: " + "; ".join(wrong)
