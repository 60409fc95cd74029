"""Application bundles and letter build targets: contents, application.json, reproducible bytes."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.building.config import BuildConfig, expand
from resume_builder.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()
POSTING = FIXTURES / "postings" / "sre-en.md"  # Senior Site Reliability Engineer at Northwind Pay
NAMES = ["robin-sample-cover-letter.docx", "robin-sample-cover-letter.pdf", "robin-sample-cover-letter.txt",
         "robin-sample-resume.docx", "robin-sample-resume.pdf", "robin-sample-resume.txt"]


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copy(FIXTURES / "letters" / "profile.yaml", tmp_path / "profile.yaml")
    shutil.copy(POSTING, tmp_path / "sre-en.md")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772409600")
    return tmp_path


def _bundle(*args):
    result = runner.invoke(app, ["bundle", "profile.yaml", "-V", "sre", "--job", "sre-en.md", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.slow
def test_a_folder_bundle_holds_both_documents_and_application_json(project):
    output = _bundle()
    folder = project / "output" / "profile-sre+sre-en-application"
    assert sorted(p.name for p in folder.iterdir()) == sorted([*NAMES, "application.json"])
    assert "for Northwind Pay, Senior Site Reliability Engineer" in output and "coverage of the posting" in output
    report = json.loads((folder / "application.json").read_text(encoding="utf-8"))
    import jsonschema

    from tests.conftest import REPO

    schema = json.loads((REPO / "schemas" / "application.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)  # the documented shape (schemas/application.schema.json)
    assert report["schema"] == "resume-builder/application/v1"
    assert (report["profile"], report["variant"], report["letter"]) == ("profile.yaml", "sre", "short")
    assert report["posting"] == {"file": "sre-en.md", "title": "Senior Site Reliability Engineer",
                                 "company": "Northwind Pay"}
    assert report["tailored"]["variant"] == {"sections": ["summary", "experience"]}
    cover = report["coverage"]
    assert 0 < cover["covered"] <= cover["total"] and cover["percent"] == round(100 * cover["covered"] / cover["total"])
    assert cover["required_covered"] <= cover["required_total"] and set(cover) >= {"covered_terms", "missing_terms"}
    for entry in report["files"]:
        data = (folder / entry["name"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)
    assert [f["name"] for f in report["files"]] == [
        "robin-sample-resume.pdf", "robin-sample-resume.docx", "robin-sample-resume.txt",
        "robin-sample-cover-letter.pdf", "robin-sample-cover-letter.docx", "robin-sample-cover-letter.txt"]
    letter_text = (folder / "robin-sample-cover-letter.txt").read_text(encoding="utf-8")
    assert "Senior Site Reliability Engineer role at Northwind Pay" in letter_text
    assert "Robin Sample" in (folder / "robin-sample-resume.txt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_zip_bundle_is_reproducible(project):
    _bundle("--zip")
    path = project / "output" / "profile-sre+sre-en-application.zip"
    first = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        names = archive.namelist()
        assert names == sorted(f"profile-sre+sre-en-application/{n}" for n in [*NAMES, "application.json"])
        assert {info.date_time for info in archive.infolist()} == {(2026, 3, 2, 0, 0, 0)}
    path.unlink()
    from resume_builder.render import pdf

    pdf._RECENT.clear()  # a fresh layout, as another process would make
    _bundle("--zip")
    assert path.read_bytes() == first


def test_a_bundle_with_a_mistake_writes_nothing(project):
    text = (project / "profile.yaml").read_text(encoding="utf-8").replace("role at {company}", "role at {compnay}")
    (project / "profile.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["bundle", "profile.yaml", "-V", "sre", "--job", "sre-en.md"])
    assert result.exit_code == 2 and "did you mean {company}?" in result.output
    assert not (project / "output").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_fifo_or_a_file_where_the_bundle_goes_names_no_option_bundle_lacks(project):
    """A FIFO where the bundle's zip or application.json goes was refused with "or '-o -' for
    standard output", and a file where its folder goes with "choose another --out-dir (or -o)":
    bundle has no -o."""
    (project / "output" / "profile-sre-application").mkdir(parents=True)
    os.mkfifo(project / "output" / "profile-sre-application.zip")
    os.mkfifo(project / "output" / "profile-sre-application" / "application.json")
    said = []
    for zipped in (["--zip"], []):
        result = runner.invoke(app, ["bundle", "profile.yaml", "-V", "sre", "-L", "short", *zipped])
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        said.append(" ".join(result.output.split()))
    assert said == [f"error: {Path('output', name)} is a named pipe (FIFO), not a regular file; outputs are only "
                    "written to regular files (name a file path)"
                    for name in ("profile-sre-application.zip", "profile-sre-application/application.json")]
    shutil.rmtree(project / "output")
    (project / "output").mkdir()
    (project / "output" / "profile-sre-application").write_text("in the way", encoding="utf-8")
    result = runner.invoke(app, ["bundle", "profile.yaml", "-V", "sre", "-L", "short"])
    assert result.exit_code == 2, result.output
    assert " ".join(result.output.split()) == (
        f"error: cannot write into {Path('output', 'profile-sre-application')}: "
        f"{Path('output', 'profile-sre-application')} is a file, not a folder (choose another --out-dir, "
        "or move that file away)")


def test_build_targets_expand_letters_and_bundles(project):
    config = BuildConfig.model_validate({"targets": [
        {"profile": "profile.yaml", "variants": ["sre"], "documents": ["resume", "letter"], "formats": ["pdf", "docx"],
         "posting": "sre-en.md", "max_pages": 2, "bundle": True},
        {"profile": "profile.yaml", "variants": ["plain"], "documents": ["letter"], "letter": "generic",
         "formats": ["txt"], "bundle": True, "zip": True, "name": "{profile}-{variant}-{document}"}]})
    targets = expand(config, project)
    assert [(t.output.relative_to(project / "output").as_posix(), t.document) for t in targets] == [
        ("profile-sre+sre-en-2pages.pdf", "resume"),  # as render --job names them
        ("profile-sre+sre-en-2pages.docx", "resume"),
        ("profile-sre-letter.pdf", "letter"), ("profile-sre-letter.docx", "letter"),
        ("profile-sre+sre-en-application/application.json", "bundle"),
        ("profile-plain-letter.txt", "letter"), ("profile-plain-application.zip", "bundle")]
    assert targets[2].posting == targets[0].posting == project / "sre-en.md"  # the résumé's cuts are ranked by it
    assert targets[5].letter == "generic" and targets[6].zip


def test_build_rejects_an_unknown_document_kind(project):
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        BuildConfig.model_validate({"targets": [{"profile": "profile.yaml", "documents": ["resume", "cv"]}]})


@pytest.mark.slow
def test_build_makes_letters_and_a_bundle_and_skips_them_when_up_to_date(project):
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = true\n\n[[targets]]\nprofile = "profile.yaml"\nvariants = ["sre"]\n'
        'documents = ["letter"]\nformats = ["pdf", "txt"]\nposting = "sre-en.md"\nbundle = true\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    out = project / "out"
    assert (out / "profile-sre-letter.pdf").is_file() and (out / "profile-sre-letter.txt").is_file()
    assert (out / "profile-sre+sre-en-application" / "application.json").is_file()
    assert "Senior Site Reliability Engineer role at Northwind Pay" in (out / "profile-sre-letter.txt").read_text()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    by_file = {entry["file"]: entry for entry in manifest["files"]}
    assert by_file["profile-sre-letter.pdf"]["check"]["passed"]
    again = runner.invoke(app, ["build", "--jobs", "1"])
    assert "0 built" in again.output, again.output
    (project / "sre-en.md").write_text(POSTING.read_text(encoding="utf-8").replace("Northwind Pay", "Southwind Pay"),
                                       encoding="utf-8")
    third = runner.invoke(app, ["build", "--jobs", "1"])
    assert third.exit_code == 0, third.output
    assert "Southwind Pay" in (out / "profile-sre-letter.txt").read_text()  # the posting is an input


def test_a_bundle_of_a_named_letter_never_replaces_another_letters(project):
    """``bundle --letter l1.yaml`` then ``--letter l2.yaml`` wrote one output/...-application.zip,
    the second replacing the first, silently (trial): a letter named on the command line, other
    than the one the variant takes, names the bundle as `letter` names its files."""
    written = []
    for letter in ("short", "generic"):
        result = runner.invoke(app, ["bundle", "profile.yaml", "-V", "sre", "-L", letter, "--zip"])
        assert result.exit_code == 0, result.output
        written.append(result.output.split("wrote ", 1)[1].split(" ", 1)[0])
    # short is the sre variant's own letter: its bundle keeps the variant's name
    assert written == ["output/profile-sre-application.zip", "output/profile-sre-letter-generic-application.zip"]
    assert sorted(p.name for p in (project / "output").iterdir()) == [
        "profile-sre-application.zip", "profile-sre-letter-generic-application.zip"]
