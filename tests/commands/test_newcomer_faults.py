"""Faults a new user found on main: each test failed before its fix (branch fixes1)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import EXAMPLE

runner = CliRunner()

MINIMAL = {"basics": {"name": "Ada Example", "label": "Engineer"},
           "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01"}]}


def _json(tmp_path, data, name="cv.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


# 1. no silent overwrite ----------------------------------------------------------------------

def test_export_refuses_an_existing_file_without_force(tmp_path):
    target = tmp_path / "taken.json"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["export", str(EXAMPLE), "-o", str(target)])
    assert result.exit_code == 2
    assert "already exists" in result.output and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "keep me"
    result = runner.invoke(app, ["export", str(EXAMPLE), "-o", str(target), "--force"])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["basics"]


def test_export_never_writes_over_its_own_input(tmp_path):
    source = _json(tmp_path, MINIMAL)
    before = source.read_bytes()
    for extra in ([], ["--force"]):
        result = runner.invoke(app, ["export", str(source), "-o", str(source), *extra])
        assert result.exit_code == 2
        assert "being read" in result.output
        assert source.read_bytes() == before


def test_schema_refuses_an_existing_file_without_force(tmp_path):
    target = tmp_path / "schema.json"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["schema", "-o", str(target)])
    assert result.exit_code == 2 and "already exists" in result.output
    assert target.read_text(encoding="utf-8") == "keep me"
    assert runner.invoke(app, ["schema", "-o", str(target), "--force"]).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))


def test_import_never_writes_over_its_own_input_even_with_force(tmp_path):
    source = _json(tmp_path, MINIMAL)
    before = source.read_bytes()
    result = runner.invoke(app, ["import", str(source), "-o", str(source), "--force"])
    assert result.exit_code == 2 and "being read" in result.output
    assert source.read_bytes() == before


def _render_txt(path, *extra):
    result = runner.invoke(app, ["render", str(path), "-f", "txt", "-o", "-", *extra])
    return result


# 2. a bad or missing date is never shown as something else ------------------------------------

def test_end_before_start_never_reads_as_a_current_job(tmp_path):
    source = _json(tmp_path, {"basics": {"name": "Ada Example"}, "work": [
        {"name": "Acme", "position": "Engineer", "startDate": "2022-05", "endDate": "2021-01"}]})
    result = _render_txt(source)
    assert result.exit_code == 0, result.output
    assert "present" not in result.output and "May 2022" not in result.output
    assert "work[0].endDate" in result.output and "dates are left out" in result.output
    imported = runner.invoke(app, ["import", str(source)])
    experience = imported.output.split("experience:")[1].split("meta:")[0]
    assert "start:" not in experience  # a past job never becomes a current one on import


def test_a_job_with_only_an_end_shows_it_as_an_end(tmp_path):
    source = _json(tmp_path, {"basics": {"name": "Ada Example"}, "work": [
        {"name": "Acme", "position": "Engineer", "endDate": "2020-01"}]})
    result = _render_txt(source)
    assert result.exit_code == 0, result.output
    assert "– Jan 2020" in result.output


# 9. a missing or empty job posting is not a profile -------------------------------------------

def test_missing_or_empty_posting_gets_a_posting_hint(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    for posting in (tmp_path / "nope.txt", empty):
        result = runner.invoke(app, ["render", str(EXAMPLE), "--max-pages", "2", "--job", str(posting),
                                     "-o", str(tmp_path / "cv.pdf")])
        assert result.exit_code == 2
        assert "init" not in result.output and "job posting" in result.output, result.output


# 15. a skill titled by its keywords --------------------------------------------------------------

def test_keyword_only_skill_warning_says_what_is_shown(tmp_path):
    source = _json(tmp_path, {"basics": {"name": "Ada Example"}, "skills": [{"keywords": ["Python", "Go"]}]})
    result = _render_txt(source, "--from", "jsonresume")
    assert result.exit_code == 0, result.output
    assert "Python, Go" in result.output
    assert "skills[0] has no name: its keywords are shown without a title" in result.output
