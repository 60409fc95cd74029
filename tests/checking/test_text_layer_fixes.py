"""Text layers that read back as typed, in every built-in theme.

Before: compact's Noto Sans split precomposed Vietnamese letters (``ị`` → ``i`` + U+0323) with
its ``ccmp`` feature, and WeasyPrint mapped the pieces back wrongly (``Trần Th ị Ngọc``,
``Khoa hoịc``), so ``check --profile`` failed on compact only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder import pipeline
from resume_builder.checking import run_checks
from resume_builder.checking.checks import check_garbled
from resume_builder.checking.extract import extract

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize("theme", ["classic", "modern", "compact"])
def test_vietnamese_marks_below_read_back_as_typed(theme, tmp_path):
    job = pipeline.prepare(FIXTURES / "vi_compact.yaml", theme_name=theme)
    target = tmp_path / "vi.pdf"
    (output,) = pipeline.render(job, "pdf", target)
    target.write_bytes(output.data)
    text = extract(target).all_text()
    assert "Trần Thị Ngọc" in text
    assert "Khoa học Máy tính" in text
    report = run_checks(target, job.document)
    assert report.passed, "\n".join(f"{c.name}: {c.detail}" for c in report.failures)


def test_plain_check_flags_accents_cut_off_from_their_letters():
    class Fake:
        def all_text(self):
            return "Tra\u0300n Th \u0323i"

    result = check_garbled(Fake(), None)
    assert not result.passed and "combining accents" in result.detail


@pytest.mark.parametrize("theme", ["modern", "compact"])
@pytest.mark.parametrize("language", ["ar", "he"])
def test_right_to_left_pdf_passes_check_in_every_theme(language, theme, tmp_path):
    """Before: modern's Latin digits (Lato) and the Arabic fallback font's letters on one
    baseline came out of pdfminer as two lines, so the dates and the degree were 'missing'."""
    job = pipeline.prepare(FIXTURES / f"bidi_{language}.yaml", theme_name=theme)
    target = tmp_path / f"{language}.pdf"
    (output,) = pipeline.render(job, "pdf", target)
    target.write_bytes(output.data)
    report = run_checks(target, job.document)
    assert report.passed, "\n".join(f"{c.name}: {c.detail}" for c in report.failures)
