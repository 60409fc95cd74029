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
    ("timeout", "true", "must be a number of seconds, e.g. 30 or 2.5 (0: no limit), not true"),
    ("timeout", "false", "must be a number of seconds, e.g. 30 or 2.5 (0: no limit), not false"),
    ("jobs", "true", "must be a whole number of worker processes, e.g. 4 (0: one per core), not true"),
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


@pytest.mark.parametrize("top, target, expected", [
    # pydantic (lax) read a number in quotes as the number
    ('timeout = "30"', "", (1, "timeout", "must be a number of seconds written without quotes, e.g. 30 or 2.5 (0: no "
                                           "limit), not the text '30'", "write timeout = 30")),
    ('jobs = "2"', "", (1, "jobs", "must be a whole number of worker processes written without quotes, e.g. 4 (0: one "
                                   "per core), not the text '2'", "write jobs = 2")),
    ("", 'max_pages = "2"', (4, "targets[0].max_pages", "must be a whole number of pages written without quotes, "
                                                        "e.g. 2, not the text '2'", "write max_pages = 2")),
    ('jobs = "many"', "", (1, "jobs", "must be a whole number of worker processes written without quotes, e.g. 4 (0: "
                                      "one per core), not the text 'many'", "")),
    ('timeout = "{key}"', "", (1, "timeout", "must be a number of seconds written without quotes, e.g. 30 or 2.5 (0: "
                                             "no limit), not the text '{key}'", "")),  # quoted as written
    # pydantic's own words ("Input should be a finite number"); "found date" (no article)
    ("jobs = nan", "", (1, "jobs", "must be a whole number of worker processes, e.g. 4 (0: one per core), not nan",
                        "")),
    ("", "max_pages = inf", (4, "targets[0].max_pages", "must be a whole number of pages, e.g. 2, not inf", "")),
    ("jobs = 2024-01-01", "", (1, "jobs", "must be a whole number of worker processes, e.g. 4 (0: one per core), not a "
                                          "date", "")),
    # as typed, not as TOML reads it: 1e400 was said to be "inf seconds"
    ("timeout = 1e400", "", (1, "timeout", "1e400 seconds is more than a time limit may be (86,400 seconds, a day); "
                                           "give 0 for no limit", "")),
    # TOML reads 1e-400 as 0.0, which is no limit at all: refused as --timeout 1e-400 is
    ("timeout = 1e-400", "", (1, "timeout", "1e-400 seconds is too small to tell from 0, which means no limit; give 0 "
                                            "for no limit, or a number of seconds such as 30", "")),
    ("timeout = -0.5e-4_00", "", (1, "timeout", "-0.5e-4_00 seconds is too small to tell from 0, which means no "
                                                "limit; give 0 for no limit, or a number of seconds such as 30", "")),
    ('timeout = "1e-400"', "", (1, "timeout", "must be a number of seconds written without quotes, e.g. 30 or 2.5 (0: "
                                              "no limit), not the text '1e-400'", "")),  # no hint to write what is refused
    ("", "max_pages = 2.0", (4, "targets[0].max_pages", "must be a whole number of pages, e.g. 2, not 2.0", "")),
    # no upper bound: a 99999999999999999999-page budget was built
    ("jobs = 99999999999999999999", "", (1, "jobs", "99999999999999999999 worker processes is more than a build may "
                                                    "start (256); give at most 256 (0: one per core)", "")),
    ("", "max_pages = 99999999999999999999", (4, "targets[0].max_pages", "99999999999999999999 pages is more than a "
                                                                         "page budget may be (100 pages); give 1 to "
                                                                         "100", "")),
])
def test_a_wrong_number_is_located_and_said_as_the_command_line_says_it(tmp_path, top, target, expected):
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    (tmp_path / "resume-builder.toml").write_text(f'{top}\n[[targets]]\nprofile = "cv.yaml"\n{target}\n',
                                                 encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(tmp_path / "resume-builder.toml")
    said = [(p.location.line, p.path, p.message, p.hint) for p in caught.value.problems]
    assert said == [expected]


@pytest.mark.parametrize("option, key, value", [
    ("--jobs", "jobs", "300"), ("--jobs", "jobs", "-1"), ("--timeout", "timeout", "1e400"),
    ("--timeout", "timeout", "1e-400"),
    ("--timeout", "timeout", "-1"), ("--timeout", "timeout", "nan"), ("--max-pages", "max_pages", "101"),
    ("--max-pages", "max_pages", "0"),
])
def test_the_command_line_and_the_build_file_say_a_wrong_number_in_the_same_words(tmp_path, monkeypatch, option, key,
                                                                                    value):
    """``--jobs -1`` was "must be at least 0", ``jobs = -1`` "-1 is out of range: use a number of at
    least 0", ``--timeout -1`` "-1 seconds is negative; give 0 for no limit" (trial)."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    line = f"{key} = {value}"
    (tmp_path / "resume-builder.toml").write_text(
        f'{line}\n[[targets]]\nprofile = "cv.yaml"\n' if key != "max_pages" else
        f'[[targets]]\nprofile = "cv.yaml"\n{line}\n', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(tmp_path / "resume-builder.toml")
    (in_file,) = caught.value.problems
    command = ["build"] if key != "max_pages" else ["render", "cv.yaml"]
    result = CliRunner().invoke(app, [*command, option, value], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.output and f": {in_file.message}\n" in result.output, \
        (result.output, in_file.message)


def test_the_largest_page_budget_and_number_of_workers_are_allowed(tmp_path):
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    (tmp_path / "resume-builder.toml").write_text('jobs = 256\ntimeout = 86400\n[[targets]]\nprofile = "cv.yaml"\n'
                                                 'max_pages = 100\n', encoding="utf-8")
    config = load_config(tmp_path / "resume-builder.toml")[1]
    assert (config.jobs, config.timeout, config.targets[0].max_pages) == (256, 86400, 100)


def test_a_time_limit_that_toml_reads_as_zero_is_refused_in_pyproject_too_and_zero_is_no_limit(tmp_path,
                                                                                                 monkeypatch):
    """The build file found beside the profile (pyproject.toml's [tool.resume-builder]) is read
    as -c's is: ``timeout = 1e-400`` is no "no limit"; ``0.0`` and a tiny number that is one are."""
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    monkeypatch.chdir(tmp_path)
    for written, expected in [("1e-400", None), ("0.0", 0.0), ("0e-400", 0.0), ("1e-300", 1e-300)]:
        (tmp_path / "pyproject.toml").write_text(f'[tool.resume-builder]\ntimeout = {written}\n[[tool.resume-builder'
                                                 f'.targets]]\nprofile = "cv.yaml"\n', encoding="utf-8")
        if expected is None:
            with pytest.raises(UserError) as caught:
                load_config()
            said = [(p.location.line, p.location.column, p.message) for p in caught.value.problems]
            assert said == [(2, 11, f"{written} seconds is too small to tell from 0, which means no limit; give 0 "
                                    "for no limit, or a number of seconds such as 30")]
        else:
            assert load_config()[1].timeout == expected


def test_a_date_where_text_belongs_is_found_a_date(tmp_path):
    """"expected text, found date": the words named the type, without an article."""
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    (tmp_path / "resume-builder.toml").write_text('out_dir = 2024-01-01\n[[targets]]\nprofile = "cv.yaml"\n'
                                                 'lang = 2024-01-01T10:00:00\n', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(tmp_path / "resume-builder.toml")
    said = [(p.location.line, p.path, p.message) for p in caught.value.problems]
    assert said == [(1, "out_dir", "expected text, found a date"),
                    (4, "targets[0].lang", "expected text, found a date and time")]


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


def test_a_targets_file_that_is_a_dangling_link_says_where_it_points_not_to_fix_the_path(tmp_path):
    """A target's profile that is a symbolic link to a moved file got the hint "give the profile's
    path relative to the build file's folder", which it was (trial): the link is what to fix."""
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    (tmp_path / "old.yaml").symlink_to("moved/old.yaml")
    (tmp_path / "job.md").symlink_to("job.md")
    (tmp_path / "resume-builder.toml").write_text(
        '[[targets]]\nprofile = "old.yaml"\n'
        '[[targets]]\nprofile = "cv.yaml"\nposting = "job.md"\nmax_pages = 1\n', encoding="utf-8")
    from resume_builder.building.config import check_targets

    source, config = load_config(tmp_path / "resume-builder.toml")
    with pytest.raises(UserError) as caught:
        check_targets(config, tmp_path, source)
    said = [(p.location.line, p.message, p.hint) for p in caught.value.problems]
    assert said == [
        (2, "profile old.yaml is a symbolic link to 'moved/old.yaml', which does not exist",
         "point the link at the profile, or name the profile itself"),
        (5, "posting file job.md is a symbolic link to 'job.md', which leads back to it (a loop of links)",
         "point the link at the posting file, or name the posting file itself"),
    ], said
