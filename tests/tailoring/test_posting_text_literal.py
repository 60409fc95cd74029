"""A posting's text stays literal wherever it is shown (issue 19).

Before, the posting reader stripped every ``*``, ``_``, backtick and ``#`` from titles and
headings, so ``{{ 7*7 }}`` became ``{{ 77 }}`` and ``C#`` became ``C``, in the tailor
report, the letter's ``{position}`` and every format. Only Markdown that formats the line
(a heading's ``#``, emphasis around words, code-span backticks) is taken away now.
"""

from __future__ import annotations

import html
import re

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.loading.posting import read_posting
from resume_builder.tailoring.posting import structure
from tests.conftest import EXAMPLE

# About what documents say, not their fonts: font subsetting is stood in for (tests/font_stand_ins.py).
pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")

TITLE = "Senior {{ 7*7 }} Engineer (C#, snake_case, 2*3)"
POSTING = f"# {TITLE}\n\nNorthwind Pay GmbH, Berlin\n\n## Requirements\n\n- Kubernetes\n- Go\n"

runner = CliRunner()


@pytest.fixture
def posting(tmp_path):
    path = tmp_path / "job.md"
    path.write_text(POSTING, encoding="utf-8")
    return path


@pytest.mark.parametrize("written, title", [
    (f"# {TITLE}", TITLE),
    (f"**{TITLE}**", TITLE),
    ("# **Staff Engineer** – `Go`", "Staff Engineer – Go"),
    ("Title: Engineer, *Payments*", "Engineer, Payments"),
    ("# C# / .NET Developer", "C# / .NET Developer"),
])
def test_the_title_keeps_every_character_but_the_markup(tmp_path, written, title):
    path = tmp_path / "job.md"
    path.write_text(f"{written}\n\n## Requirements\n\n- Go\n", encoding="utf-8")
    assert structure(read_posting(path)).title == title


def test_the_tailor_report_shows_the_title_as_written(posting):
    result = runner.invoke(app, ["tailor", str(EXAMPLE), "--job", str(posting)])
    assert result.exit_code == 0, result.output
    assert TITLE in " ".join(result.output.split())


def test_the_letter_prints_the_title_as_written_in_every_text_format(posting, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["letter", str(EXAMPLE), "--job", str(posting), "-f", "txt", "-f", "html",
                                 "-f", "md", "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    text = next(out.glob("*.txt")).read_text(encoding="utf-8")
    page = next(out.glob("*.html")).read_text(encoding="utf-8")
    markdown = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert TITLE in text
    assert html.escape(TITLE, quote=False) in page
    # Markdown escapes what it would read as markup; unescaped, it is the title again
    assert TITLE in re.sub(r"\\(.)", r"\1", markdown)
