"""Where letters come from: the profile's ``letters:``, a letter file, the variant's ``letter:``;
every mistake a located error with "did you mean"."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile
from resume_builder.loading.letters import load_letter
from tests.conftest import EXAMPLE, FIXTURES

LETTERS = FIXTURES / "letters"
PROFILE = LETTERS / "profile.yaml"


def _copy(tmp_path: Path, replace: tuple[str, str] | None = None, name: str = "profile.yaml") -> Path:
    text = PROFILE.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_letter_by_name_from_the_profile():
    loaded = load_letter(PROFILE, "short")
    assert loaded.name == "short" and loaded.at == ("letters", "short")
    assert loaded.letter.recipient.company == "Northwind Pay"
    assert loaded.letter.recipient.address == ["1 Example Street", "London EC1A 1AA"]


def test_the_variants_letter_is_the_default():
    loaded = load_letter(PROFILE, None, "sre")
    assert loaded.name == "short" and loaded.chosen.name == "sre"


def test_a_profile_with_one_letter_needs_no_name(tmp_path):
    path = _copy(tmp_path, ("  generic:\n", "  zzz_unused:\n"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("  zzz_unused:")], encoding="utf-8")
    assert load_letter(path, None).name == "short"


def test_several_letters_and_no_name_says_which_exist():
    with pytest.raises(UserError) as error:
        load_letter(PROFILE, None)
    assert "which letter?" in str(error.value) and "short, generic" in str(error.value)


def test_an_unknown_letter_gets_did_you_mean():
    with pytest.raises(UserError) as error:
        load_letter(PROFILE, "shrot")
    message = str(error.value)
    assert "no letter 'shrot'" in message and "did you mean 'short'" in message
    assert "profile.yaml:" in message


def test_a_variant_naming_an_unknown_letter_is_located(tmp_path):
    path = _copy(tmp_path, ("    letter: short", "    letter: shrt"))
    with pytest.raises(UserError) as error:
        load_profile(path)
    message = str(error.value)
    assert "variants.sre.letter: the profile has no letter 'shrt'" in message
    line = path.read_text(encoding="utf-8").splitlines().index("    letter: shrt") + 1
    assert f"profile.yaml:{line}:13:" in message and "did you mean 'short'" in message


def test_a_placeholder_typo_is_located_at_its_brace(tmp_path):
    path = _copy(tmp_path, ("role at {company}", "role at {compnay}"))
    with pytest.raises(UserError) as error:
        load_profile(path)  # validate catches it before any render
    lines = path.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if "{compnay}" in line)
    column = lines[row].index("{compnay}") + 1
    assert f"profile.yaml:{row + 1}:{column}: letters.short.body[0]: unknown placeholder {{compnay}} " \
           "(did you mean {company}?)" in str(error.value)


def test_attribute_access_in_a_placeholder_is_refused(tmp_path):
    path = _copy(tmp_path, ("You can reach me at {basics.email}.", "{company.__class__.__init__}"))
    with pytest.raises(UserError) as error:
        load_profile(path)
    assert "attribute access" in str(error.value) and "letters.short.body[1]" in str(error.value)


def test_a_letter_file_names_its_profile_and_variant():
    loaded = load_letter(None, str(LETTERS / "acme.yaml"))
    assert loaded.name == "acme" and loaded.path == LETTERS / "acme.yaml"
    assert loaded.chosen.base.path.name == "profile.yaml" and loaded.chosen.name == "sre"
    assert loaded.at == ()


def test_a_letter_file_with_a_typo_is_located(tmp_path):
    shutil.copy(PROFILE, tmp_path / "profile.yaml")
    letter = tmp_path / "bad.yaml"
    letter.write_text("profile: profile.yaml\nbody:\n  - Hello {postion}\nsubjcet: x\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_letter(None, str(letter))
    message = str(error.value)
    assert "bad.yaml:4:1" in message and "subject" in message  # unknown key, with did you mean
    letter.write_text("profile: profile.yaml\nbody:\n  - Hello {postion}\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_letter(None, str(letter))
    assert "bad.yaml:3:11: body[0]: unknown placeholder {postion} (did you mean {position}?)" in str(error.value)


def _application(tmp_path: Path, letter_text: str) -> Path:
    """The trial's layout: the profile in a folder, a letter file in ``apps/`` beside it."""
    shutil.copy(PROFILE, tmp_path / "profile.yaml")
    (tmp_path / "apps").mkdir()
    letter = tmp_path / "apps" / "acme-letter.yaml"
    letter.write_text(letter_text, encoding="utf-8")
    return letter


def test_a_letter_files_variant_typo_is_located_in_the_letter_file(tmp_path, monkeypatch):
    """Trial: ``variant: backendd`` was reported as ``apps/../profile.yaml:156:1: variants``."""
    monkeypatch.chdir(tmp_path)
    _application(tmp_path, "profile: ../profile.yaml\nvariant: sr\nposition: Dev\nbody: [Hi]\n")
    with pytest.raises(UserError) as error:
        load_letter(None, "apps/acme-letter.yaml")
    assert error.value.shown() == [
        "apps/acme-letter.yaml:2:10: variant: profile.yaml has no variant 'sr' (did you mean 'sre'?)"]
    assert not error.value.problems[0].from_command_line  # a save of the letter file fixes it


def test_a_letter_files_missing_variant_file_is_located_in_the_letter_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _application(tmp_path, "profile: ../profile.yaml\nvariant: sre.yaml\nbody: [Hi]\n")
    with pytest.raises(UserError) as error:
        load_letter(None, "apps/acme-letter.yaml")
    assert error.value.shown() == ["apps/acme-letter.yaml:2:10: variant: variant file 'sre.yaml' not found "
                                   "(looked for apps/sre.yaml) (the path is relative to the letter file)"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_letter_files_profile_or_variant_that_is_a_dangling_link_a_loop_a_folder_or_a_fifo_says_what_it_is(
        tmp_path, monkeypatch):
    """A letter file's ``profile:`` and ``variant:`` naming a symbolic link to a moved file, a loop
    of links, a folder or a FIFO said "not found": each says what the path is, at its key, as a
    variant file's ``profile:`` does."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    monkeypatch.chdir(tmp_path)
    letter = _application(tmp_path, "")
    (tmp_path / "moved.yaml").symlink_to("robin-old.yaml")
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    (tmp_path / "all.yaml").mkdir()
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "apps" / "sre.yaml").symlink_to("old-sre.yaml")
    (tmp_path / "apps" / "web.yaml").mkdir()
    os.mkfifo(tmp_path / "apps" / "pipe.yaml")
    said = {}
    for text in ("profile: ../moved.yaml", "profile: ../a.yaml", "profile: ../all.yaml", "profile: ../pipe.yaml",
                 "profile: ../profile.yaml\nvariant: sre.yaml", "profile: ../profile.yaml\nvariant: web.yaml",
                 "profile: ../profile.yaml\nvariant: pipe.yaml"):
        letter.write_text(f"{text}\nbody: [Hi]\n", encoding="utf-8")
        with pytest.raises(UserError) as error:
            load_letter(None, "apps/acme-letter.yaml")
        said[text.split("\n")[-1]] = error.value.shown()
    assert said == {
        "profile: ../moved.yaml": ["apps/acme-letter.yaml:1:10: profile: profile '../moved.yaml' is a symbolic link "
                                   "to 'robin-old.yaml', which does not exist (point the link at the profile, or name "
                                   "the profile itself)"],
        "profile: ../a.yaml": ["apps/acme-letter.yaml:1:10: profile: profile '../a.yaml' is a symbolic link to "
                               "'b.yaml', which leads back to it (a loop of links) (point the link at the profile, or "
                               "name the profile itself)"],
        "profile: ../all.yaml": ["apps/acme-letter.yaml:1:10: profile: profile '../all.yaml' is a folder (name the "
                                 "profile's file, relative to the letter file)"],
        "profile: ../pipe.yaml": ["apps/acme-letter.yaml:1:10: profile: profile '../pipe.yaml' is a named pipe "
                                  "(FIFO), not a regular file (name the profile's file, relative to the letter file)"],
        "variant: sre.yaml": ["apps/acme-letter.yaml:2:10: variant: variant file 'sre.yaml' is a symbolic link to "
                              "'old-sre.yaml', which does not exist (point the link at the variant file, or name the "
                              "variant file itself)"],
        "variant: web.yaml": ["apps/acme-letter.yaml:2:10: variant: variant file 'web.yaml' is a folder (name the "
                              "variant file, relative to the letter file)"],
        "variant: pipe.yaml": ["apps/acme-letter.yaml:2:10: variant: variant file 'pipe.yaml' is a named pipe (FIFO), "
                               "not a regular file (name the variant file, relative to the letter file)"],
    }
    result = CliRunner().invoke(app, ["letter", "-L", "apps/acme-letter.yaml", "-f", "txt", "-o", "x.txt"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert said["variant: pipe.yaml"][0] in " ".join(result.output.split())
    assert not (tmp_path / "x.txt").exists()


def test_every_mistake_of_a_letter_file_is_told_in_one_run(tmp_path, monkeypatch):
    """Trial: the placeholder typo came first, the variant typo only on a second run."""
    monkeypatch.chdir(tmp_path)
    _application(tmp_path, "profile: ../profile.yaml\nvariant: sr\nbody: ['Hello {compnay}']\n")
    with pytest.raises(UserError) as error:
        load_letter(None, "apps/acme-letter.yaml")
    assert error.value.shown() == [
        "apps/acme-letter.yaml:2:10: variant: profile.yaml has no variant 'sr' (did you mean 'sre'?)",
        "apps/acme-letter.yaml:3:15: body[0]: unknown placeholder {compnay} (did you mean {company}?)"]


def test_a_letter_files_profile_is_named_without_dot_dot(tmp_path, monkeypatch):
    """The profile's own mistakes name it as the user would: ``profile.yaml``, not
    ``apps/../profile.yaml``."""
    monkeypatch.chdir(tmp_path)
    _application(tmp_path, "profile: ../profile.yaml\nposition: Dev\nbody: [Hi]\n")
    (tmp_path / "profile.yaml").write_text(PROFILE.read_text(encoding="utf-8").replace("basics:", "basic:", 1),
                                           encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_letter(None, "apps/acme-letter.yaml")
    assert error.value.problems[0].location.file == "profile.yaml"
    assert "apps/.." not in str(error.value)


def test_a_variant_files_profile_is_named_without_dot_dot(tmp_path, monkeypatch):
    """The same kind for a variant file's ``profile: ../profile.yaml``."""
    from resume_builder.loading.variants import load_variant

    monkeypatch.chdir(tmp_path)
    _application(tmp_path, "profile: ../profile.yaml\nbody: [Hi]\n")
    (tmp_path / "apps" / "sre.yaml").write_text("profile: ../profile.yaml\nsections: [experience]\n",
                                                encoding="utf-8")
    assert str(load_variant(None, "apps/sre.yaml").base.path) == "profile.yaml"


def test_a_letter_file_whose_profile_is_missing(tmp_path):
    letter = tmp_path / "x.yaml"
    letter.write_text("profile: nowhere.yaml\nbody: [Hi]\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_letter(None, str(letter))
    assert "x.yaml:1:10: profile: profile 'nowhere.yaml' not found" in str(error.value)


def test_a_letter_file_names_a_profile_file_only(tmp_path):
    """As a variant file: ``profile: ../secret.env`` had any file read and quoted (security review)."""
    (tmp_path / "secret.env").write_text("foo: bar: baz\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    letter = tmp_path / "sub" / "x.yaml"
    letter.write_text("profile: ../secret.env\nbody: [Hi]\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_letter(None, str(letter))
    assert "x.yaml:1:10: profile: '../secret.env' is not a profile file: name a .yaml, .yml or .json file" \
        in str(error.value)
    assert "foo: bar" not in str(error.value)


def test_a_letter_needs_a_body(tmp_path):
    path = _copy(tmp_path, ("      Second paragraph, with a [link](https://robin.example.org) and `code`.\n", ""))
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    body: |\n      A letter with locale defaults and no placeholders.\n\n", "    body: []\n"), encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_profile(path)
    assert "letters.generic.body" in str(error.value)


def test_the_example_profile_has_a_letter_for_its_platform_variant():
    profile = load_profile(EXAMPLE).profile
    assert profile.variants["platform"].letter == "platform"
    assert "platform" in profile.letters


@pytest.mark.parametrize(("written", "message"), [
    ("2026-02-30", "date: day 30 does not exist in '2026-02-30': February 2026 has 28 days"),
    ("2025-02-29", "date: day 29 does not exist in '2025-02-29': February 2025 has 28 days"),
    ("2026-04-31", "date: day 31 does not exist in '2026-04-31': April 2026 has 30 days"),
    ("2026-13-01", "date: month 13 does not exist in '2026-13-01': months run from 01 to 12 "
                   "(write YYYY-MM-DD, e.g. 2026-03-01)"),
    ("'2026-00-10'", "date: month 0 does not exist in '2026-00-10': months run from 01 to 12 "
                     "(write YYYY-MM-DD, e.g. 2026-03-01)"),
    ("2026-3-2", "date: '2026-3-2' is not a date: write YYYY-MM-DD, with two digits for the month and the day "
                 "(2026-03-02)"),
    ("2301-01-01", "date: year 2301 is out of range in '2301-01-01': write a year from 1900 to 2200"),
])
def test_a_letter_date_that_is_no_day_says_what_is_wrong(tmp_path, written, message):
    shutil.copy(PROFILE, tmp_path / "profile.yaml")
    letter = tmp_path / "dated.yaml"
    letter.write_text(f"profile: profile.yaml\ndate: {written}\nbody: [Hello]\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_letter(None, str(letter))
    assert f"dated.yaml:2:7: {message}\n" in str(error.value) + "\n"
    assert "leave the day out" not in str(error.value)  # a letter's date names a day


@pytest.mark.parametrize("written", ["2026-03-02", "2024-02-29", "2 March 2026", "Spring 2026", "2026-03"])
def test_a_real_letter_date_or_other_text_is_kept(tmp_path, written):
    shutil.copy(PROFILE, tmp_path / "profile.yaml")
    letter = tmp_path / "dated.yaml"
    letter.write_text(f"profile: profile.yaml\ndate: {written}\nbody: [Hello]\n", encoding="utf-8")
    assert load_letter(None, str(letter)).letter.date == written


def test_a_letter_date_under_letters_is_checked_the_same(tmp_path):
    path = _copy(tmp_path, ("    date: 2026-03-02", "    date: 2026-02-30"))
    with pytest.raises(UserError) as error:
        load_profile(path)
    line = path.read_text(encoding="utf-8").splitlines().index("    date: 2026-02-30") + 1
    assert f"profile.yaml:{line}:11: letters.short.date: day 30 does not exist in '2026-02-30': " \
           "February 2026 has 28 days" in str(error.value)
