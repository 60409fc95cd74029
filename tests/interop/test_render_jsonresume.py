"""A JSON Resume file renders as it is, with every built-in theme."""

from __future__ import annotations

import io

import pytest

from resume_builder import pipeline
from resume_builder.theming import ThemeFinder

THEMES = [name for name, _, _ in ThemeFinder(search_dirs=[]).available()]


def test_there_are_built_in_themes():
    assert "classic" in THEMES


@pytest.mark.slow
@pytest.mark.parametrize("theme", THEMES)
def test_sample_renders_to_pdf_with_every_built_in_theme(jsonresume_sample, theme, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    job = pipeline.prepare(jsonresume_sample, theme_name=theme)
    assert job.loaded.format == "jsonresume" and job.theme.name == theme
    [pdf] = pipeline.render(job, "pdf", tmp_path / f"sample-{theme}.pdf")
    assert pdf.data.startswith(b"%PDF-") and pdf.pages >= 1
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    text = " ".join(text.split())
    for expected in ("Ottilie Brannock", "Data Platform Engineer", "Saltmarsh Forecasting", "Senior Data Engineer",
                     "Sep 2016 – Dec 2020", "University of Tamsworth", "Certified Kafka Operator",
                     "Nowcasting tidal surges from buoy networks", "Tidewatch", "Imogen Thwaite"):
        assert expected in text, (theme, expected)
