"""A file with none of JSON Resume's content is not imported as an empty résumé (user trial:
a RenderCV file, ``{"foo": 1}`` and ``title: notes`` were each written as a profile with
``name: ''`` and everything under ``meta.jsonresume_unmapped``, exit 0, and rendered blank);
a RenderCV file is converted by ``import`` (tests/importing/test_rendercv_import.py) and named
as one by ``validate`` and ``render``, whose message gives the ``import`` command."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app

runner = CliRunner()

RENDERCV = """\
cv:
  name: Agnieszka Wróblewska
  sections: {experience: [{company: Feedzai, position: Staff Data Engineer, start_date: 2023-04}]}
design: {theme: classic}
"""


def test_import_converts_a_rendercv_file(tmp_path):
    source = tmp_path / "rendercv.yaml"
    source.write_text(RENDERCV, encoding="utf-8")
    target = tmp_path / "p.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "company: Feedzai" in target.read_text(encoding="utf-8") and "Traceback" not in result.output


@pytest.mark.parametrize("command", [["validate"], ["render", "-f", "md"]])
def test_validate_and_render_name_a_rendercv_file_in_one_message(tmp_path, command):
    source = tmp_path / "rendercv.yaml"
    source.write_text("design: {theme: classic}\nlocale: {language: en}\n" + RENDERCV.replace("design: {theme: classic}\n", "")
                      + "rendercv_settings: {date: 2025-01-01}\n", encoding="utf-8")
    result = runner.invoke(app, [command[0], str(source), *command[1:], *(["--out-dir", str(tmp_path / "out")]
                                                                      if command[0] == "render" else [])])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {source}:3:1: rendercv.yaml is a RenderCV file (it has 'design', 'locale', 'cv' and "
                      "'rendercv_settings'), not a resume-builder profile or a JSON Resume: convert it into a profile "
                      f"first (resume-builder import {source} -o profile.yaml, then use profile.yaml)"]
    assert "basics" not in result.stderr and "unknown field" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_rendercv_file_stated_as_json_resume_is_refused_too(tmp_path):
    source = tmp_path / "cv.yaml"
    source.write_text(RENDERCV, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(source), "--from", "jsonresume"])
    assert result.exit_code == 2 and "is a RenderCV file" in result.stderr


@pytest.mark.parametrize("name, text, found, at", [
    ("foo.json", '{"foo": 1}', "at its top level, only 'foo'", "1:2"),
    ("notes.yaml", "title: notes\n", "at its top level, only 'title'", "1:1"),
    ("many.yaml", "a: 1\nb: 2\nc: 3\nd: 4\n", "at its top level, only 'a', 'b', 'c' and 1 more", "1:1"),
    ("two.yaml", "# notes\nmeta: {x: 1}\n$schema: https://example.com/s.json\n", "at its top level, only 'meta' and "
     "'$schema'", "2:1"),
    ("empty.json", "{}", "", "1:1"),
])
def test_import_refuses_a_document_with_no_json_resume_content(tmp_path, name, text, found, at):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "p.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 2, result.output
    said = (f"it has none of JSON Resume's sections (basics, work, education, skills...) {found}" if found
            else "it is empty, with none of JSON Resume's sections (basics, work, education, skills...)")
    assert result.stderr.splitlines()[0] == (
        f"error: {source}:{at}: {name} is not a JSON Resume: {said} (check that this is the file you meant; "
        "import also takes a PDF or DOCX résumé and LinkedIn's data export, a .zip file)")
    assert not target.exists() and "Traceback" not in result.output


@pytest.mark.parametrize("text", ['{"awards": []}', '{"basics": {"name": "Kit Sample"}}',
                                  '{"x-notes": 1, "skills": [{"name": "Go"}]}'])
def test_any_json_resume_section_is_enough_to_import(tmp_path, text):
    source = tmp_path / "resume.json"
    source.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 0, result.output
