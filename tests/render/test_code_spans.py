"""Code spans (`like this`) in every format, and identifiers with underscores kept as typed.

Fixture: tests/fixtures/profiles/code_spans.yaml (invented data)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from resume_builder import pipeline
from resume_builder.render.text import render_markdown, render_text

PROFILE = Path(__file__).resolve().parents[1] / "fixtures" / "profiles" / "code_spans.yaml"


@pytest.fixture(scope="module")
def job():
    return pipeline.prepare(PROFILE)


def _render(job, fmt, tmp_path) -> bytes:
    return pipeline.render(job, fmt, tmp_path / f"out.{fmt}")[0].data


def test_identifiers_keep_their_underscores(job):
    text = render_text(job.document)
    assert "Writes __init__ hooks and __dunder__ methods; keeps snake_case_names readable." in text


def test_keywords_are_parsed_one_by_one(job):
    # '*a' and 'b*' in two keywords must not pair into one italic 'a, b'.
    skills = next(s for s in job.document.sections if s.key == "skills")
    spans = skills.entries[0].description.spans
    assert "".join(s.text for s in spans) == "*a, b*, grep"
    assert not any(s.italic for s in spans)
    assert [s.text for s in spans if s.code] == ["grep"]


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads markup, not fonts (tests/font_stand_ins.py)
def test_html_wraps_code_in_code_elements_with_a_monospace_face(job, tmp_path):
    html = _render(job, "html", tmp_path).decode()
    assert "<code>__init__</code>" in html
    assert "<code>kubectl rollout restart</code>" in html
    assert "<strong><code>make deploy</code></strong>" in html
    assert "<code>&lt;script&gt;</code>" in html  # escaped inside code too
    assert "__dunder__ methods" in html and "<strong>dunder</strong>" not in html
    assert 'code { font-family: "DejaVu Sans Mono"' in html


def test_markdown_keeps_backticks(job):
    markdown = render_markdown(job.document)
    assert "Writes `__init__` hooks and \\_\\_dunder\\_\\_ methods" in markdown
    assert "`kubectl rollout restart`" in markdown and "**`make deploy`**" in markdown
    assert "`a*b*c`" in markdown


def test_plain_text_drops_backticks(job):
    text = render_text(job.document)
    assert "Replaced a shell script with kubectl rollout restart and make deploy." in text


def test_docx_code_runs_use_a_monospace_font(job, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document(io.BytesIO(_render(job, "docx", tmp_path)))
    runs = [run for p in document.paragraphs for run in p.runs]
    code = {run.text: run.font.name for run in runs if run.font.name == "Courier New"}
    assert {"__init__", "kubectl rollout restart", "make deploy", "grep"} <= set(code)
    assert all(run.font.name != "Courier New" for run in runs if "hooks" in run.text)


def test_pdf_uses_a_monospace_font_for_code(job, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(_render(job, "pdf", tmp_path)))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("Mono" in name for name in fonts), fonts
    text = "".join(page.extract_text() for page in reader.pages)
    assert "__init__" in text and "kubectl rollout restart" in text
