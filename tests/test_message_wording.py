"""User-facing messages say "an included file", "an HTML file", "1 point", "1 file".

Each test makes the message the way a user would meet it and reads its words; the article
and the plural come from the thing counted or named, not from our own code's constants.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.limits import MAX_FILE_BYTES
from resume_builder.wording import article, count

runner = CliRunner()


@pytest.mark.parametrize("phrase, expected", [
    ("included file", "an included file"), ("profile", "a profile"), ("job posting", "a job posting"),
    ("HTML file", "an HTML file"), ("MD file", "an MD file"), ("SVG image", "an SVG image"),
    ("PDF file", "a PDF file"), ("DOCX file", "a DOCX file"), ("PNG file", "a PNG file"),
    ("user", "a user"), ("unknown field", "an unknown field"), ("hour", "an hour"), ("entry", "an entry"),
])
def test_article(phrase, expected):
    assert article(phrase) == expected


def test_count_is_singular_for_one():
    assert (count(1, "point"), count(2, "point"), count(1, "entry"), count(3, "entry")) == (
        "1 point", "2 points", "1 entry", "3 entries")


def test_a_too_large_included_file_says_an_included_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "big.yaml").write_bytes(b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    (tmp_path / "cv.yaml").write_text("basics: {name: Ann Example}\nprojects: {include: big.yaml}\n")
    result = runner.invoke(app, ["validate", "cv.yaml"])
    assert result.exit_code == 2
    assert "an included file is limited to" in result.output and "a included" not in result.output


@pytest.mark.parametrize("name, named", [("cv.html", "an HTML file"), ("cv.md", "an MD file"),
                                         ("cv.pdf", "a PDF file")])
def test_an_output_named_for_another_format_takes_the_right_article(tmp_path, name, named):
    from resume_builder.errors import UserError
    from resume_builder.pipeline import check_extension

    with pytest.raises(UserError) as caught:
        check_extension(tmp_path / name, "txt")
    assert f"names {named}, but the format asked for is txt" in str(caught.value)


def test_a_cut_worth_one_point_says_one_point():
    from resume_builder.tailoring.fitting import Cut

    assert Cut("entry", "Lantern", 1, ("Go",)).describe() == "dropped entry Lantern (1 point: Go)"
    assert Cut("entry", "Lantern", 2, ("Go", "Rust")).describe() == "dropped entry Lantern (2 points: Go, Rust)"


def test_a_report_of_one_check_says_the_check():
    from resume_builder.checking.checks import CheckResult
    from resume_builder.checking.report import Report

    one = Report(Path("cv.pdf"), "pdf", [CheckResult("fonts-embedded", True, "the font is embedded")])
    assert one.verdict() == "the check passed: an ATS can read this file"


def test_the_entries_check_of_a_single_entry_says_entry(tmp_path):
    from resume_builder import pipeline
    from resume_builder.checking import run_checks

    profile = tmp_path / "one.yaml"
    profile.write_text("basics: {name: Ann Example, email: ann@example.com}\n"
                       "experience:\n  - company: Acme\n    position: Engineer\n    start: 2020-01\n")
    job = pipeline.prepare(profile)
    target = tmp_path / "one.pdf"
    (output,) = pipeline.render(job, "pdf", target)
    target.write_bytes(output.data)
    entries = next(c for c in run_checks(target, job.document).checks if c.name == "entries")
    assert entries.passed
    assert entries.detail == "the experience entry found, with its title, organisation and dates"
