"""An option that names a file to write refuses a name that ends in a slash, or is ``.`` or
``..``: ``render -o out/`` wrote a file named ``out`` (``Path`` drops the slash; trial)."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import EXAMPLE, JOB_SAMPLE

runner = CliRunner()

COMMANDS = {
    "render": (["render", str(EXAMPLE), "-f", "txt", "-o"], "'--output' / '-o'"),
    "letter": (["letter", str(EXAMPLE), "-f", "txt", "-o"], "'--output' / '-o'"),
    "export": (["export", str(EXAMPLE), "-o"], "'--output' / '-o'"),
    "import": (["import", str(EXAMPLE), "-o"], "'--output' / '-o'"),
    "schema": (["schema", "-o"], "'-o' / '--output'"),
    "tailor": (["tailor", str(EXAMPLE), "--job", str(JOB_SAMPLE), "--write-variant"], "'--write-variant'"),
    "init": (["init"], "'FILE'"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("name, example", [("out/", "out/NAME"), ("new/sub/", "new/sub/NAME"), (".", "./NAME"),
                                           ("out/..", "out/../NAME")])
def test_a_file_name_that_names_a_folder_is_refused_and_nothing_is_written(tmp_path, monkeypatch, command, name,
                                                                          example):
    monkeypatch.chdir(tmp_path)
    arguments, option = COMMANDS[command]
    result = runner.invoke(app, [*arguments, name], env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    assert f"Invalid value for {option}: '{name}' names a folder, not a file; give the file's name, e.g. {example}" \
        in " ".join(result.output.split())
    assert os.listdir(tmp_path) == []


def test_a_file_name_is_still_written_where_it_says(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", str(EXAMPLE), "-f", "txt", "-o", "out/cv.txt"])
    assert result.exit_code == 0, result.output
    assert os.listdir(tmp_path / "out") == ["cv.txt"]


@pytest.mark.parametrize("arguments, name", [
    (["validate", ""], "'PROFILE'"), (["validate", str(EXAMPLE), " "], "'PROFILE'"), (["render", ""], "'PROFILE'"),
    (["letter", ""], "'PROFILE'"), (["tailor", "", "--job", str(JOB_SAMPLE)], "'PROFILE'"), (["export", ""], "'PROFILE'"),
    (["bundle", ""], "'PROFILE'"), (["serve", ""], "'PROFILE'"), (["watch", ""], "'PROFILE'"),
    (["check", ""], "'FILE'"), (["import", ""], "'FILE'"),
])
def test_an_empty_file_name_is_said_to_be_empty(tmp_path, monkeypatch, arguments, name):
    """``validate ""`` said ".: is a folder, not a file": Path reads an empty name as '.' (trial)."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, arguments, env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    assert f"Invalid value for {name}: the name is empty; name the file" in " ".join(result.output.split())
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name, said", [
    ("/dev/null", "error: /dev/null is a device, not a regular file; outputs are only written to regular files "
                  "(name a file path)"),
    ("-", "error: init writes a file, not standard output (give a file name, e.g. profile.yaml)"),
])
def test_init_says_what_is_wrong_with_a_device_or_a_dash(tmp_path, monkeypatch, name, said):
    """``init /dev/null`` suggested /dev/null.yaml and ``init -`` -.yaml (trial)."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", name])
    assert result.exit_code == 2, result.output
    assert " ".join(result.output.split()) == said
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name, text, what", [
    ("posting.md", "# Data Engineer\n\nKvarn is hiring.\n\n- Python\n- Spark: 3 years\n", "a Markdown file"),
    ("notes.txt", "just words\n", "a text file"),
])
def test_a_prose_file_given_as_a_profile_is_named_for_what_it_is(tmp_path, name, text, what):
    """``render posting.md`` said "posting.md:6:1: YAML syntax error: this is not valid YAML",
    where a PDF or PNG given as a profile is named for what it is (trial)."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["render", str(tmp_path / name), "-f", "txt", "-o", "-"])
    assert result.exit_code == 2, result.output
    assert " ".join(result.stderr.split()) == (
        f"error: {tmp_path / name}: is {what}, not a profile (a profile is YAML or JSON (.yaml, .yml, .json; "
        "'resume-builder init' writes one); a job posting goes to --job)")


@pytest.mark.parametrize("arguments, option, said", [
    (["render", str(EXAMPLE), "--out-dir", ""], "'--out-dir'", "name a folder"),
    (["letter", str(EXAMPLE), "--out-dir", ""], "'--out-dir'", "name a folder"),
    (["bundle", str(EXAMPLE), "--out-dir", ""], "'--out-dir'", "name a folder"),
    (["watch", str(EXAMPLE), "--out-dir", ""], "'--out-dir'", "name a folder"),
    (["serve", str(EXAMPLE), "--out-dir", ""], "'--out-dir'", "name a folder"),
    (["render", str(EXAMPLE), "--theme-dir", ""], "'--theme-dir'", "name a folder"),
    (["render", str(EXAMPLE), "--max-pages", "2", "--job", ""], "'--job'", "name the file"),
    (["tailor", str(EXAMPLE), "--job", ""], "'--job'", "name the file"),
    (["build", "-c", ""], "'--config' / '-c'", "name the file"),
])
def test_an_empty_folder_or_file_option_is_said_to_be_empty(tmp_path, monkeypatch, arguments, option, said):
    """``--out-dir ""`` wrote into the current folder, ``--theme-dir ""`` was ignored, ``--job ""``
    said ".: is a folder" (trial): Path reads an empty name as '.'."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, arguments, env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    assert f"Invalid value for {option}: the name is empty; {said}" in " ".join(result.output.split())
    assert os.listdir(tmp_path) == []
