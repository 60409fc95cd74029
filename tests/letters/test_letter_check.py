"""`check` on letters: contact details in the body, clean text, fonts embedded, the company and
position named; no résumé section checks."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import FIXTURES

PROFILE = FIXTURES / "letters" / "profile.yaml"
POSTING = FIXTURES / "postings" / "sre-en.md"  # Senior Site Reliability Engineer at Northwind Pay
OTHER = FIXTURES / "postings" / "sre-fr.md"  # another company


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letters")
    runner = CliRunner()
    for fmt in ("pdf", "docx"):
        result = runner.invoke(app, ["letter", str(PROFILE), "-V", "sre", "--job", str(POSTING), "-f", fmt,
                                     "--out-dir", str(folder)])
        assert result.exit_code == 0, result.output
    return folder


def _check(*args):
    result = CliRunner().invoke(app, ["check", *map(str, args), "--json"])
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_a_letter_passes_its_checks_without_the_profile(written, suffix):
    code, report = _check(written / f"profile-sre-letter-short+sre-en.{suffix}")
    names = [c["name"] for c in report["checks"]]
    assert code == 0, report
    assert "headings" not in names and "entries" not in names  # a letter has no résumé sections
    assert {"name", "email", "phone", "links", "clean-text", "file-size"} <= set(names)
    assert ("fonts-embedded" in names) == (suffix == "pdf") and ("layout" in names) == (suffix == "docx")


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_with_the_profile_and_posting_the_company_and_position_are_named(written, suffix):
    file = written / f"profile-sre-letter-short+sre-en.{suffix}"
    code, report = _check(file, "--profile", PROFILE, "--job", POSTING)
    addressed = next(c for c in report["checks"] if c["name"] == "addressed")
    assert code == 0 and addressed["passed"]
    assert "Northwind Pay" in addressed["detail"] and "Senior Site Reliability Engineer" in addressed["detail"]
    assert "letter short" in report["compared_with"]
    # checked against another posting, the letter does not name that company or position
    code, report = _check(file, "--profile", PROFILE, "--job", OTHER)
    addressed = next(c for c in report["checks"] if c["name"] == "addressed")
    assert code == 1 and not addressed["passed"] and "Calanque Voyages" in addressed["detail"]


def test_render_check_runs_the_letter_checks(tmp_path):
    result = CliRunner().invoke(app, ["letter", str(PROFILE), "--letter", "short", "-f", "pdf", "--check",
                                      "--out-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "addressed: names the company 'Northwind Pay' and the position 'Senior SRE'" in result.output
    assert "headings" not in result.output


@pytest.mark.parametrize("dated_by_the_build", [False, True])
def test_the_undated_warning_is_said_once_by_letter_not_again_by_check(tmp_path, monkeypatch, dated_by_the_build):
    """``letter`` warns that a letter with no ``date:`` is undated; ``check`` of the file it wrote
    repeated the warning (said twice), and said it of a file dated by SOURCE_DATE_EPOCH too."""
    runner = CliRunner()
    if dated_by_the_build:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772409600")  # 2026-03-02
    else:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    file = tmp_path / "generic.pdf"
    written = runner.invoke(app, ["letter", str(PROFILE), "--letter", "generic", "-o", str(file)])
    assert written.exit_code == 0, written.output
    assert written.output.count("the letter is undated") == (0 if dated_by_the_build else 1)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # checked where the build's date is not set
    for json_output in ([], ["--json"]):
        checked = runner.invoke(app, ["check", str(file), "--profile", str(PROFILE), *json_output])
        assert checked.exit_code == 0, checked.output
        assert "the letter is undated" not in checked.output


@pytest.mark.parametrize(("body", "detail"), [
    ("I would like to join Northwind Pay.",
     "the position 'Senior SRE' is not named in the letter's text: a reader (and an ATS matching the letter to "
     "the job) looks for it"),
    ("I would like to join as Senior SRE.",
     "the company 'Northwind Pay' is not named in the letter's text: a reader (and an ATS matching the letter to "
     "the job) looks for it"),
    ("I would like to join you.",
     "the company 'Northwind Pay' and the position 'Senior SRE' are not named in the letter's text: a reader (and "
     "an ATS matching the letter to the job) looks for them"),
])
def test_addressed_agrees_with_what_is_missing(tmp_path, body, detail):
    """One thing missing was "the position '…' not named … looks for them"."""
    from types import SimpleNamespace

    from resume_builder.checking.extract import Extracted
    from resume_builder.checking.letters import check_addressed

    extracted = Extracted(tmp_path / "letter.pdf", "pdf", 1, body=["Robin Sample", body])
    result = check_addressed(extracted, SimpleNamespace(company="Northwind Pay", position="Senior SRE"))
    assert (result.passed, result.detail) == (False, detail)
