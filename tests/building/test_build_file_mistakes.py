"""Every mistake of a build file in one run: the schema's (unknown keys, a bad placeholder) and
what is checked before building (a missing profile, an unknown format or theme) used to come
in rounds, three runs for one file (newcomer trial)."""

from __future__ import annotations

import shutil

import pytest

from resume_builder.building.config import load_config
from resume_builder.errors import UserError
from tests.conftest import FIXTURES

BUILD = '''nme = "x"
[[targets]]
profile = "nothere.yaml"
name = "{thme}"
formats = ["docs"]
colour = 1
[[targets]]
profile = "cv.yaml"
themes = ["clasic"]
[[targets]]
profile = "cv.yaml"
formats = "pdf"
'''


def test_schema_and_target_mistakes_are_said_together_in_line_order(tmp_path):
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    (tmp_path / "resume-builder.toml").write_text(BUILD, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(tmp_path / "resume-builder.toml")
    said = [(p.location.line, p.path, p.message) for p in caught.value.problems]
    assert said == [
        (1, "nme", "unknown key 'nme'"),
        (3, "targets[0].profile", "profile nothere.yaml not found"),
        (4, "targets[0].name", "unknown placeholder {thme}; use {profile}, {variant}, {theme}, {lang} or {document}"),
        (5, "targets[0].formats[0]", "unknown format 'docs'"),
        (6, "targets[0].colour", "unknown key 'colour'"),
        (9, "targets[1].themes[0]", "no theme named 'clasic'"),
        (12, "targets[2].formats", "expected a list, found the text 'pdf'"),
    ]


def test_a_file_with_no_valid_target_says_only_what_the_schema_refused(tmp_path):
    (tmp_path / "resume-builder.toml").write_text('[[target]]\nprofile = "cv.yaml"\n', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(tmp_path / "resume-builder.toml")
    assert [(p.location.line, p.path, p.hint) for p in caught.value.problems] == \
        [(1, "target", "did you mean '[[targets]]'?")]


TABLES = '''out_dir = "out"
chek = true

[[targets]]
profile = "cv.yaml"
formats = ["pfd"]

[[target]]
profile = "cv.yaml"

[tagets]
x = 1

[output]
'''


def test_an_unknown_table_is_at_its_header_with_the_table_it_may_mean_in_line_order(tmp_path):
    """A misspelt [[target]] was "target: unknown key" with no line, listed before the
    mistakes that had one (user trial)."""
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    (tmp_path / "resume-builder.toml").write_text(TABLES, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(tmp_path / "resume-builder.toml")
    said = [(p.location.line, p.location.column, p.path, p.message, p.hint) for p in caught.value.problems]
    assert said == [
        (2, 1, "chek", "unknown key 'chek'", "did you mean 'check'?"),
        (6, 12, "targets[0].formats[0]", "unknown format 'pfd'", "did you mean 'pdf'?"),
        (8, 1, "target", "unknown table [[target]]", "did you mean '[[targets]]'?"),
        (11, 1, "tagets", "unknown table [tagets]", "did you mean '[[targets]]'?"),
        (14, 1, "output", "unknown table [output]", "tables here: [[targets]]"),
    ]


def test_mistakes_in_pyproject_are_at_their_lines_inside_its_section(tmp_path):
    """In pyproject.toml no mistake of [tool.resume-builder] had a line: its tables are
    written [[tool.resume-builder.targets]]."""
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "cv"\n\n[tool.resume-builder]\nchek = true\n\n[[tool.resume-builder.targets]]\n'
        'profile = "cv.yaml"\nformats = ["pfd"]\n\n[[tool.resume-builder.targets]]\nprofile = "gone.yaml"\n\n'
        '[[tool.resume-builder.target]]\nprofile = "cv.yaml"\n', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(tmp_path / "pyproject.toml")
    said = [(p.location.line, p.path, p.message, p.hint) for p in caught.value.problems]
    assert said == [
        (5, "chek", "unknown key 'chek'", "did you mean 'check'?"),
        (9, "targets[0].formats[0]", "unknown format 'pfd'", "did you mean 'pdf'?"),
        (12, "targets[1].profile", "profile gone.yaml not found",
         "give the profile's path relative to the build file's folder"),
        (14, "target", "unknown table [[tool.resume-builder.target]]",
         "did you mean '[[tool.resume-builder.targets]]'?"),
    ]


@pytest.mark.parametrize("key, value, message", [
    ("timeout", "true", "must be a number of seconds, not true"),
    ("timeout", "false", "must be a number of seconds, not false"),
    ("jobs", "true", "must be a whole number of worker processes, not true"),
])
def test_a_boolean_is_not_a_number_of_seconds_or_workers(tmp_path, key, value, message):
    """``timeout = true`` was a one-second time limit and ``jobs = true`` one worker: Python's bool
    is an int, and pydantic (lax) read true as 1."""
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    (tmp_path / "resume-builder.toml").write_text(f'check = false\n{key} = {value}\n[[targets]]\nprofile = "cv.yaml"\n',
                                                 encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(tmp_path / "resume-builder.toml")
    said = [(p.location.file, p.location.line, p.path, p.message) for p in caught.value.problems]
    assert said == [(str(tmp_path / "resume-builder.toml"), 2, key, message)]
    (tmp_path / "resume-builder.toml").write_text(f'{key} = 1\n[[targets]]\nprofile = "cv.yaml"\n', encoding="utf-8")
    assert getattr(load_config(tmp_path / "resume-builder.toml")[1], key) == 1  # a number still is one


def test_a_named_pipe_or_a_folder_named_as_a_targets_file_is_said_to_be_one(tmp_path):
    """A FIFO named as a target's profile was "not found" though it was there (trial); render
    and build -c say what it is, and so does the build file now."""
    import os

    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    os.mkfifo(tmp_path / "job.md")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "resume-builder.toml").write_text(
        '[[targets]]\nprofile = "pipe.yaml"\n[[targets]]\nprofile = "folder.yaml"\n'
        '[[targets]]\nprofile = "cv.yaml"\nposting = "job.md"\nmax_pages = 1\n'
        '[[targets]]\nprofile = "cv.yaml"\nvariants = ["pipe.yaml"]\n', encoding="utf-8")
    from resume_builder.building.config import check_targets

    source, config = load_config(tmp_path / "resume-builder.toml")
    with pytest.raises(UserError) as caught:
        check_targets(config, tmp_path, source)
    said = [(p.location.line, p.message) for p in caught.value.problems]
    assert said == [
        (2, "profile pipe.yaml is a named pipe (FIFO), not a regular file"),
        (4, "profile folder.yaml is a folder"),
        (7, "posting file job.md is a named pipe (FIFO), not a regular file"),
        (11, "variant file pipe.yaml is a named pipe (FIFO), not a regular file"),
    ], said
