"""`tailor` and `check` say the warnings reading the profile gives, as `render` does.

Before, both were silent: a variant file written for another profile tailored the profile
given without a word, and `check --locale zh-TW` compared with English headings unannounced
(newcomer trial).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app

runner = CliRunner()

PROFILE = """\
basics:
  name: Sam Sample
  email: sam@example.com
summary: Builds dependable services.
experience:
  - company: Example Works
    position: Engineer
    start: 2020-01
    highlights:
      - Ran the Python build farm
skills:
  - name: Languages
    keywords: [Python, Go]
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "apps").mkdir()
    for name in ("me.yaml", "other.yaml"):
        (tmp_path / name).write_text(PROFILE, encoding="utf-8")
    (tmp_path / "apps" / "short.yaml").write_text("profile: ../other.yaml\nmax_highlights: 2\n", encoding="utf-8")
    (tmp_path / "posting.txt").write_text("Senior Engineer\nRequired: Python, Go.\n", encoding="utf-8")
    return tmp_path


MISMATCH = "apps/short.yaml:1:10: short.yaml was written for ../other.yaml; it tailors me.yaml here, as given"


def test_tailor_says_the_variant_was_written_for_another_profile(project):
    result = runner.invoke(app, ["tailor", "me.yaml", "--job", "posting.txt", "--variant", "apps/short.yaml"])
    assert result.exit_code == 0, result.output
    assert f"warning: {MISMATCH}" in result.stderr
    assert "warning" not in runner.invoke(app, ["tailor", "other.yaml", "--job", "posting.txt",
                                                "--variant", "apps/short.yaml"]).stderr


def test_check_says_the_variant_was_written_for_another_profile(project):
    rendered = runner.invoke(app, ["render", "me.yaml", "-f", "pdf", "-o", "me.pdf", "--no-server"])
    assert rendered.exit_code == 0, rendered.output
    result = runner.invoke(app, ["check", "me.pdf", "--profile", "me.yaml", "--variant", "apps/short.yaml"])
    assert f"warning: {MISMATCH}" in result.stderr
    as_json = runner.invoke(app, ["check", "me.pdf", "--profile", "me.yaml", "--variant", "apps/short.yaml", "--json"])
    assert json.loads(as_json.stdout)["warnings"] == [MISMATCH] and "warning" not in as_json.stderr
    clean = runner.invoke(app, ["check", "me.pdf", "--profile", "me.yaml"])
    assert clean.exit_code == 0, clean.output
    assert "warning" not in clean.stderr


def test_check_says_a_locale_without_its_script_falls_back_to_english(project):
    rendered = runner.invoke(app, ["render", "me.yaml", "-f", "pdf", "-o", "me.pdf", "--no-server",
                                   "--locale", "zh-TW"])
    assert rendered.exit_code == 0, rendered.output
    said = [line for line in rendered.stderr.splitlines() if "zh-TW" in line]
    assert said and said[0].startswith("warning: ")
    result = runner.invoke(app, ["check", "me.pdf", "--profile", "me.yaml"])
    assert result.exit_code == 0, result.output
    assert said[0] in result.stderr.splitlines()


def test_check_with_another_locale_says_so_instead_of_failing_the_dates(project):
    """`check --locale en-GB` on a file rendered in en failed the entries ("dates 'Sept 2017 –
    Mar 2021' missing") with no word of the locale, where --lang names the language (newcomer trial)."""
    rendered = runner.invoke(app, ["render", "me.yaml", "-f", "pdf", "-o", "me.pdf", "--no-server"])
    assert rendered.exit_code == 0, rendered.output
    result = runner.invoke(app, ["check", "me.pdf", "--profile", "me.yaml", "--locale", "en-GB"])
    assert result.exit_code == 1
    failed = [line.strip() for line in result.output.splitlines() if line.strip().startswith("✗")]
    assert not any(line.startswith("✗ entries") for line in failed)  # the symptom is not listed
    assert failed[:1] == ["✗ locale: the file was rendered with locale en, but --locale en-GB was given: its dates "
                      "(Sep 2021 against Sept 2021) cannot match, so they were not compared; check it with "
                      "--locale en, or without --locale"]
    same = runner.invoke(app, ["check", "me.pdf", "--profile", "me.yaml", "--locale", "en-US"])  # writes dates alike
    assert "✗ locale" not in same.output and "✓ entries" in same.output, same.output
