"""`check` faults a new user found on main (branch fixes1): each test failed before its fix."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import EXAMPLE

runner = CliRunner()


@pytest.fixture(scope="module")
def german_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("de") / "cv.pdf"
    result = runner.invoke(app, ["render", str(EXAMPLE), "--lang", "de", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_check_without_profile_reads_the_files_language(german_pdf):
    """4: a German render has German headings; check knows them from the file's language."""
    result = runner.invoke(app, ["check", str(german_pdf)])
    assert "✓ headings" in result.output, result.output
    assert "Berufserfahrung" in result.output
    assert result.exit_code == 0, result.output


def test_wrong_language_gives_one_cross_only(german_pdf):
    """4: with --lang en on a German file only the language check fails, not headings too."""
    result = runner.invoke(app, ["check", str(german_pdf), "--profile", str(EXAMPLE), "--lang", "en"])
    assert result.exit_code == 1
    crosses = [line for line in result.output.splitlines() if "✗" in line]
    assert len(crosses) == 1 and "language" in crosses[0], result.output


def test_a_profile_without_sections_gets_a_plain_headings_message(tmp_path):
    """21: no empty brackets and no broken grammar when the profile has no sections."""
    profile = tmp_path / "bare.json"
    profile.write_text(json.dumps({"basics": {"name": "Ada Example", "email": "ada@example.com"}}), encoding="utf-8")
    pdf = tmp_path / "bare.pdf"
    assert runner.invoke(app, ["render", str(profile), "-o", str(pdf)]).exit_code == 0
    result = runner.invoke(app, ["check", str(pdf), "--profile", str(profile)])
    line = next(line for line in result.output.splitlines() if "headings" in line)
    assert "()" not in line and "ATS know " not in line
    assert "no sections" in line
