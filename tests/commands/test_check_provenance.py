"""`render` records what it rendered; `check --profile` compares like with like.

A German rendering checked against the profile read in English fails on every heading and
date for one reason: the language. The check now reads the language (and variant, locale)
recorded in the file, or takes --variant/--lang/--locale like render, and says first when
the languages differ."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.provenance import PDF_KEY, Provenance
from tests.conftest import FIXTURES

runner = CliRunner()


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    """one_page.yaml rendered in German as DOCX and PDF, from inside its folder (out/cv-de.*)."""
    folder = tmp_path_factory.mktemp("de")
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", folder / "cv.yaml")
    result = runner.invoke(app, ["render", str(folder / "cv.yaml"), "--lang", "de", "-f", "docx", "-f", "pdf",
                                 "--out-dir", str(folder / "out")])
    assert result.exit_code == 0, result.output
    return folder


def test_provenance_round_trip():
    p = Provenance("cv.yaml", "variants/acme job.yaml", "de", "de-AT", "classic")
    assert Provenance.decode(p.encode()) == p
    assert Provenance("cv.yaml").encode() == "profile=cv.yaml"
    assert Provenance.decode("") is None and Provenance.decode("garbage") is None


def test_outputs_record_name_not_folder(german):
    docx = pytest.importorskip("docx")
    pypdf = pytest.importorskip("pypdf")
    expected = "profile=cv.yaml&lang=de&theme=classic&person=Jo+Short"  # the person, never the folder
    assert docx.Document(str(german / "out" / "cv-de.docx")).core_properties.identifier == expected
    info = pypdf.PdfReader(german / "out" / "cv-de.pdf").metadata
    assert info["/" + PDF_KEY] == expected
    assert str(german) not in json.dumps({k: str(v) for k, v in info.items()})


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_check_reads_the_recorded_language(german, ext):
    result = runner.invoke(app, ["check", str(german / "out" / f"cv-de.{ext}"), "--profile", str(german / "cv.yaml"),
                                 "--json"])
    report = json.loads(result.stdout)
    assert report["compared_with"] == "cv.yaml, language de"
    assert result.exit_code == 0, result.output
    assert {c["name"]: c["passed"] for c in report["checks"]}["entries"] is True


def test_language_mismatch_is_said_first_instead_of_symptoms(german):
    result = runner.invoke(app, ["check", str(german / "out" / "cv-de.docx"), "--profile", str(german / "cv.yaml"),
                                 "--lang", "en"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    first = next(line for line in lines if line.startswith("  "))
    assert first.startswith("  ✗ language: the file is in German (de), but cv.yaml was read in English (en)")
    assert "--lang de" in first
    assert "missing" not in result.stdout and "'Experience' is not" not in result.stdout


def test_explicit_options_match_render(german):
    result = runner.invoke(app, ["check", str(german / "out" / "cv-de.docx"), "--profile", str(german / "cv.yaml"),
                                 "--lang", "de", "--locale", "de"])
    assert result.exit_code == 0, result.output
    assert "compared with cv.yaml, language de, locale de" in result.stdout


def test_options_need_a_profile(german):
    result = runner.invoke(app, ["check", str(german / "out" / "cv-de.docx"), "--lang", "de"])
    assert result.exit_code == 2 and "--lang needs --profile" in result.output


def test_another_profile_name_is_noted_not_trusted(german, tmp_path):
    shutil.copy(german / "cv.yaml", tmp_path / "other.yaml")
    result = runner.invoke(app, ["check", str(german / "out" / "cv-de.docx"), "--profile", str(tmp_path / "other.yaml")])
    first = next(line for line in result.stdout.splitlines() if line.startswith("  "))
    assert first.startswith("  ✗ profile: this DOCX was rendered from cv.yaml, not other.yaml")  # the cause, first
    assert "✗ language" not in result.output  # nothing compared with other.yaml: no symptom of that cause


def test_a_file_is_parsed_once_and_a_changed_file_again(german, tmp_path, monkeypatch):
    """read_origin keys what it read by the bytes' digest, not the path: `check` and a render
    replacing an output ask twice for the same bytes, and pypdf takes about 0.1 s per parse."""
    import pypdf

    from resume_builder.checking import origin

    monkeypatch.setattr(origin, "_READ", origin.OrderedDict())
    parsed = []
    real = pypdf.PdfReader

    def counting(*arguments, **keywords):
        parsed.append(arguments)
        return real(*arguments, **keywords)

    monkeypatch.setattr(pypdf, "PdfReader", counting)
    pdf = tmp_path / "cv.pdf"
    shutil.copy(german / "out" / "cv-de.pdf", pdf)
    first = origin.read_origin(pdf)
    assert first.language == "de" and first.provenance.lang == "de"
    assert origin.read_origin(pdf) == first and origin.read_origin(tmp_path / "x.pdf", pdf.read_bytes()) == first
    assert len(parsed) == 1
    english = runner.invoke(app, ["render", str(german / "cv.yaml"), "-f", "pdf", "-o", str(pdf)])
    assert english.exit_code == 0, english.output
    again = origin.read_origin(pdf)
    assert again.language == "en" and again.provenance.lang is None and len(parsed) == 2
    docx = german / "out" / "cv-de.docx"
    assert origin.read_origin(docx).provenance.lang == "de" and origin.read_origin(docx.with_suffix(".pdf")) == first
    assert origin.read_origin(tmp_path / "missing.pdf") == origin.Origin()


def test_a_file_older_than_its_profile_is_said_to_be_out_of_date(tmp_path):
    """After an edit of the profile, check listed the edit as a missing entry with no hint
    that the file was simply not rendered again (newcomer trial)."""
    import os

    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    pdf = tmp_path / "cv.pdf"
    assert runner.invoke(app, ["render", str(tmp_path / "cv.yaml"), "-f", "pdf", "-o", str(pdf)]).exit_code == 0
    fresh = runner.invoke(app, ["check", str(pdf), "--profile", str(tmp_path / "cv.yaml")])
    assert "was changed after" not in fresh.output and fresh.exit_code == 0, fresh.output
    later = pdf.stat().st_mtime_ns + 5_000_000_000
    os.utime(tmp_path / "cv.yaml", ns=(later, later))
    stale = runner.invoke(app, ["check", str(pdf), "--profile", str(tmp_path / "cv.yaml"), "--json"])
    assert json.loads(stale.output)["notes"] == [f"cv.yaml was changed after {pdf} was written: render it again, "
                                                 "or what differs below may be only that change"]


def test_a_posting_given_to_check_is_read_whether_or_not_it_is_used(german, tmp_path):
    """`check cv.docx --profile cv.yaml --job missing.md` only noted that --job was not used (the
    file had no page budget), while the file it named was not there (trial). A posting given
    that cannot be read is a mistake, as in `render --job`; one that can is noted as unused."""
    docx = str(german / "out" / "cv-de.docx")
    missing = runner.invoke(app, ["check", docx, "--profile", str(german / "cv.yaml"), "--job", str(tmp_path / "gone.md")])
    assert missing.exit_code == 2
    assert f"{tmp_path / 'gone.md'}: file not found (check the path of the job posting)" in " ".join(missing.output.split())
    posting = tmp_path / "posting.md"
    posting.write_text("Platform engineer: Kubernetes, Terraform, Go.\n", encoding="utf-8")
    unused = runner.invoke(app, ["check", docx, "--profile", str(german / "cv.yaml"), "--job", str(posting)])
    assert unused.exit_code == 0, unused.output
    assert f"--job {posting} is not used" in " ".join(unused.output.split())
