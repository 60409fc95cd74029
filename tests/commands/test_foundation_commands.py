"""validate, schema and init: exit codes, messages, and the committed schema copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.schema.json_schema import profile_schema_text
from tests.conftest import EXAMPLE, FIXTURES, REPO

runner = CliRunner()


def test_validate_example_passes():
    result = runner.invoke(app, ["validate", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_validate_json_resume_sample(jsonresume_sample):
    result = runner.invoke(app, ["validate", str(jsonresume_sample)])
    assert result.exit_code == 0, result.output
    assert "JSON Resume" in result.output


def test_validate_broken_profile_exits_2_with_located_messages():
    result = runner.invoke(app, ["validate", str(FIXTURES / "broken.yaml")])
    assert result.exit_code == 2
    assert "broken.yaml:4:3: basics.emial: unknown field 'emial' (did you mean 'email'?)" in result.output
    assert "Traceback" not in result.output


def test_validate_outline_lists_sections():
    result = runner.invoke(app, ["validate", str(EXAMPLE), "--outline"])
    assert "Experience: 7 entries (2 companies with 4 roles)" in result.output


def test_validate_several_files_reports_each(tmp_path):
    result = runner.invoke(app, ["validate", str(EXAMPLE), str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2
    assert "missing.yaml: file not found" in result.output


def test_committed_schema_is_current():
    committed = (REPO / "profiles" / "profile.schema.json").read_text(encoding="utf-8")
    assert committed == profile_schema_text(), "run 'make schema' to refresh profiles/profile.schema.json"


def test_schema_command_prints_json():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert "basics" in schema["properties"]


def test_example_points_editors_at_the_schema():
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=profile.schema.json"


def test_init_writes_a_valid_profile_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "me.yaml"
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0
    again = runner.invoke(app, ["init", str(target)])
    assert again.exit_code == 2 and "already exists" in again.output
    assert runner.invoke(app, ["init", str(target), "--force"]).exit_code == 0


def test_init_as_json_writes_the_same_starter_as_json(tmp_path):
    """``init me.json`` wrote YAML with comments into a .json file, which then failed to validate."""
    from ruamel.yaml import YAML

    target = tmp_path / "me.json"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert "JSON has no comments" in result.output
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0
    assert runner.invoke(app, ["init", str(tmp_path / "me.yaml")]).exit_code == 0
    starter = YAML(typ="safe", pure=True).load((tmp_path / "me.yaml").read_text(encoding="utf-8"))
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(json.dumps(starter, default=str))


@pytest.mark.parametrize("name, words", [("notes.txt", "a profile is a .yaml, .yml or .json file"),
                                         ("folder", "is a folder")])
def test_init_refuses_a_name_it_cannot_write_a_profile_to(tmp_path, name, words):
    (tmp_path / "folder").mkdir()
    result = runner.invoke(app, ["init", str(tmp_path / name)])
    assert result.exit_code == 2 and words in result.output and "--force" not in result.output
    assert not (tmp_path / "notes.txt").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_init_refuses_a_fifo_naming_only_options_it_has(tmp_path, force):
    """``init pipe.yaml`` suggested --force, which then refused it with the hint "'-o -' for standard
    output", an option init does not have (trial): a FIFO is said to be one, with or without --force."""
    os.mkfifo(tmp_path / "pipe.yaml")
    result = runner.invoke(app, ["init", str(tmp_path / "pipe.yaml"), *force])
    assert result.exit_code == 2
    assert " ".join(result.output.split()) == (
        f"error: {tmp_path / 'pipe.yaml'} is a named pipe (FIFO), not a regular file; outputs are only written to "
        "regular files (name a file path)")


def test_python_dash_m_entry_point_and_exit_code():
    proc = subprocess.run([sys.executable, "-m", "resume_builder", "validate", str(FIXTURES / "broken.yaml")],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "did you mean 'email'" in proc.stderr


def test_validate_shows_language_fallback_warnings(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("basics: {name: A}\nlang: en\nexperience: [{company: {de: Firma}, position: P, start: 2020}]\n",
                       encoding="utf-8")
    result = runner.invoke(app, ["validate", str(profile)])
    assert result.exit_code == 0
    assert "warning: no 'en' text for experience[0].company; used 'de'" in result.output


@pytest.mark.parametrize("command", [["schema", "-o", "-"],
                                     ["import", str(FIXTURES / "jsonresume" / "full.resume.json"), "-o", "-"]])
def test_dash_is_standard_output_for_schema_and_import_too(tmp_path, monkeypatch, command):
    """`schema -o -` and `import X -o -` wrote a file named '-' (then `validate -` failed), where
    render, letter and export write to standard output (trial)."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("{" if command[0] == "schema" else "# Imported from full.resume.json")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("arguments, hint", [
    (["init", "{blocked}/p.yaml"], "name another path"),
    (["schema", "-o", "{blocked}/x.json"], "choose another -o"),
    (["export", str(EXAMPLE), "-o", "{blocked}/x.json"], "choose another -o"),
    (["import", str(FIXTURES / "jsonresume" / "full.resume.json"), "-o", "{blocked}/x.yaml"], "choose another -o"),
    (["tailor", str(EXAMPLE), "--job", str(FIXTURES / "postings" / "sre-en.md"), "--write-variant",
      "{blocked}/v.yaml"], "give --write-variant another path"),
])
@pytest.mark.parametrize("blocker", ["file", "dangling link"])
def test_a_file_where_a_folder_must_be_names_only_options_the_command_has(tmp_path, monkeypatch, arguments, hint,
                                                                          blocker):
    """`init dd/p.yaml` (dd a file or a link to nothing) said "choose another --out-dir (or -o)":
    init, tailor --write-variant and schema, import and export -o have no --out-dir (trial)."""
    monkeypatch.chdir(tmp_path)
    blocked = tmp_path / "blocked"
    blocked.write_text("x") if blocker == "file" else blocked.symlink_to("nowhere")
    result = runner.invoke(app, [part.format(blocked=blocked) for part in arguments], env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert f"cannot write into {blocked}: {blocked} is " in said and hint in said, said
    assert "--out-dir" not in said
