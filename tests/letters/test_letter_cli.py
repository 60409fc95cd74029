"""`resume-builder letter`: names, standard output, the example profile's letter."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import EXAMPLE, FIXTURES, REPO

runner = CliRunner()
PROFILE = FIXTURES / "letters" / "profile.yaml"


def test_default_names_never_replace_a_resume_or_another_letter(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["letter", str(EXAMPLE), "-V", "platform", "-f", "txt"])
    assert result.exit_code == 0, result.output
    assert "wrote output/example-platform-letter.txt" in result.output  # as the README says
    assert "output/example-platform-letter.pdf" in (REPO / "README.md").read_text(encoding="utf-8")
    result = runner.invoke(app, ["letter", str(PROFILE), "--letter", "generic", "-f", "txt"])
    assert "wrote output/profile-letter-generic.txt" in result.output
    result = runner.invoke(app, ["letter", str(PROFILE), "--letter", "short", "--job",
                                 str(FIXTURES / "postings" / "sre-en.md"), "-f", "md"])
    assert "wrote output/profile-letter-short+sre-en.md" in result.output
    assert "for Senior Site Reliability Engineer, Northwind Pay" in result.output


def test_standard_output_and_a_letter_file(tmp_path):
    result = runner.invoke(app, ["letter", "--letter", str(FIXTURES / "letters" / "acme.yaml"), "-f", "txt",
                                 "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "Dear team at Acme Ltd: I would like to join as Platform Engineer." in result.output
    assert "April 1, 2026" in result.output


def test_a_profile_without_letters_says_how_to_add_one(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("basics: {name: Pat Example}\n", encoding="utf-8")
    result = runner.invoke(app, ["letter", str(path), "-f", "txt", "--out-dir", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "the profile has no letters" in result.output and "letters:" in result.output
    assert not (tmp_path / "o").exists()


def test_a_missing_placeholder_value_is_located(tmp_path):
    text = PROFILE.read_text(encoding="utf-8").replace("      company: Northwind Pay\n", "")
    (tmp_path / "profile.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["letter", str(tmp_path / "profile.yaml"), "--letter", "short", "-f", "txt",
                                 "--out-dir", str(tmp_path / "o")])
    assert result.exit_code == 2
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if "Application: {position} at {company}" in line)
    column = lines[row].index("{company}") + 1
    assert f"profile.yaml:{row + 1}:{column}: letters.short.subject: {{company}} has no value here" in result.output
    assert "--job POSTING" in result.output and not (tmp_path / "o").exists()



def test_every_missing_placeholder_value_is_told_in_one_run(tmp_path):
    """A letter without its posting misses it in several places: each is said at once, not
    one per run."""
    letter = tmp_path / "x.yaml"
    letter.write_text(f"profile: {PROFILE}\nsubject: 'For {{position}}'\n"
                      "body: ['At {company}, {posting.title}.']\n", encoding="utf-8")
    result = runner.invoke(app, ["letter", "--letter", str(letter), "-f", "txt", "--out-dir", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert [line.split(": ")[2:4] for line in result.output.splitlines() if "has no value" in line] == [
        ["subject", "{position} has no value here"], ["body[0]", "{company} has no value here"],
        ["body[0]", "{posting.title} has no value here"]]
    assert not (tmp_path / "o").exists()

@pytest.mark.slow
@pytest.mark.parametrize("theme", ["classic", "modern", "compact"])
def test_the_example_letter_fits_one_page_and_passes_its_checks(theme, tmp_path):
    result = runner.invoke(app, ["letter", str(EXAMPLE), "-V", "platform", "--theme", theme, "-f", "pdf",
                                 "-f", "docx", "--check", "--out-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 page" in result.output and "checks failed" not in result.output
    assert "addressed: names the company 'Northwind Pay' and the position 'Platform Engineer'" in result.output


def test_a_variant_file_written_for_another_profile_warns_for_the_letter_too(tmp_path):
    """render warned; letter was silent (newcomer trial)."""
    (tmp_path / "apps").mkdir()
    variant = tmp_path / "apps" / "v.yaml"
    variant.write_text("profile: ../other.yaml\nmax_highlights: 2\n", encoding="utf-8")
    (tmp_path / "other.yaml").write_text(PROFILE.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["letter", str(PROFILE), "-V", str(variant), "--letter", "generic", "-f", "txt",
                                 "-o", str(tmp_path / "l.txt")])
    assert result.exit_code == 0, result.output
    assert f"warning: {variant}:1:10: v.yaml was written for ../other.yaml; it tailors {PROFILE} here, as given" \
        in result.output
