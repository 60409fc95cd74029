"""Every built-in theme's PDF and DOCX of the example profile passes every ATS check.

The themes are listed as `resume-builder themes` lists them, so a new theme is checked as
soon as it exists. Each output is rendered once per session (see conftest.py).
"""

from __future__ import annotations

import pytest

from resume_builder.checking import run_checks
from tests.checking.builders import builtin_themes

THEMES = builtin_themes()
pytestmark = pytest.mark.slow  # every built-in theme x format


def _failures(report) -> str:
    return "\n".join(f"  {c.name}: {c.detail}" for c in report.failures)


def test_there_are_builtin_themes():
    assert "classic" in THEMES


@pytest.mark.parametrize("theme", THEMES)
def test_theme_pdf_passes_against_the_profile(theme, theme_outputs):
    report = run_checks(theme_outputs.path(theme, "pdf"), theme_outputs.document(theme))
    assert report.passed, f"{theme} PDF fails ATS checks:\n{_failures(report)}"
    assert {c.name for c in report.checks} >= {"name", "email", "phone", "links", "headings", "entries",
                                               "clean-text", "fonts-embedded", "tagged", "text-layer",
                                               "file-size"}
    assert report.pages and report.pages >= 1


@pytest.mark.parametrize("theme", THEMES)
def test_theme_pdf_passes_without_a_profile(theme, theme_outputs):
    report = run_checks(theme_outputs.path(theme, "pdf"))
    assert report.passed, f"{theme} PDF fails ATS checks:\n{_failures(report)}"


@pytest.mark.parametrize("theme", THEMES)
def test_theme_docx_passes_against_the_profile(theme, theme_outputs):
    path = theme_outputs.path(theme, "docx")  # skips, saying why, when DOCX is not available
    report = run_checks(path, theme_outputs.document(theme))
    assert report.passed, f"{theme} DOCX fails ATS checks:\n{_failures(report)}"
    assert "layout" in {c.name for c in report.checks}


@pytest.mark.parametrize("theme", THEMES)
def test_theme_docx_passes_without_a_profile(theme, theme_outputs):
    report = run_checks(theme_outputs.path(theme, "docx"))
    assert report.passed, f"{theme} DOCX fails ATS checks:\n{_failures(report)}"


def test_variant_output_passes_against_the_variant(tmp_path):
    from resume_builder import pipeline
    from tests.conftest import EXAMPLE

    job = pipeline.prepare(EXAMPLE, variant="monitoring")
    (output,) = pipeline.render(job, "pdf", tmp_path / "monitoring.pdf")
    output.path.write_bytes(output.data)
    report = run_checks(output.path, job.document)
    assert report.passed, _failures(report)
