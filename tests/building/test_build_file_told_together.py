"""A build file's mistakes are told all at once, in line order (README, "Release builds"): a
user trial found the names' checks told one per run. With an unknown placeholder, a name with
'..', an absolute name and two targets writing one file, `build -c` said only the placeholder,
then each of the others once the one before was fixed (four runs); a `documents = ["lettr"]`
typo hid the rest as well, and an unknown format or a missing profile hid every name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.building.config import check_targets, expand, load_config
from resume_builder.cli import app
from resume_builder.errors import UserError
from tests.building.test_build import SMALL

runner = CliRunner()

PROFILE = SMALL + "letters:\n  hi:\n    body: Hello.\n"  # a profile with a variant and a letter

TRIAL = '''out_dir = "output"

[[targets]]
profile = "cv.yaml"
name = "{nope}-x"

[[targets]]
profile = "cv.yaml"
name = "../escape"

[[targets]]
profile = "cv.yaml"
name = "/tmp/abs"

[[targets]]
profile = "cv.yaml"
name = "same"

[[targets]]
profile = "cv.yaml"
name = "same"
'''

USE = "use {profile}, {variant}, {theme}, {lang} or {document}"
OUTSIDE_HINT = "a name is a file name inside out_dir: no '..', no absolute path"
MEET_HINT = "add {variant}, {theme}, {lang} or {document} to 'name'"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    (tmp_path / "cv.yaml").write_text(PROFILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return Path(os.path.realpath(tmp_path))  # as the build names it: from the build file's real folder


def said(error: UserError) -> list[tuple[int | None, str, str]]:
    return [(p.location.line if p.location else None, p.path, p.message) for p in error.problems]


def test_the_trials_build_file_is_told_in_one_run(folder):
    (folder / "b3.toml").write_text(TRIAL, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(folder / "b3.toml")
    assert said(caught.value) == [
        (5, "targets[0].name", f"unknown placeholder {{nope}}; {USE}"),
        (9, "targets[1].name", f"the name puts escape.pdf in {folder}, outside the output folder "
                               f"{folder / 'output'}"),
        (13, "targets[2].name", f"the name puts abs.pdf in /tmp, outside the output folder {folder / 'output'}"),
        (19, "targets[4]", f"two targets write {folder / 'output' / 'same.pdf'}: this one (cv.yaml, no variant, pdf) "
                           f"and targets[3] at line 15 (cv.yaml, no variant, pdf)"),
    ]


def test_build_says_the_trials_four_mistakes_at_their_lines_and_builds_nothing(folder):
    (folder / "b3.toml").write_text(TRIAL, encoding="utf-8")
    result = runner.invoke(app, ["build", "-c", "b3.toml", "--no-server"])
    assert result.exit_code == 2, result.output
    out = folder / "output"
    assert " ".join(result.output.split()) == " ".join(f"""
error: b3.toml:5:8: targets[0].name: unknown placeholder {{nope}}; {USE}
error: b3.toml:9:8: targets[1].name: the name puts escape.pdf in {folder}, outside the output folder {out} ({OUTSIDE_HINT})
error: b3.toml:13:8: targets[2].name: the name puts abs.pdf in /tmp, outside the output folder {out} ({OUTSIDE_HINT})
error: b3.toml:19:1: targets[4]: two targets write {out / 'same.pdf'}: this one (cv.yaml, no variant, pdf) and targets[3] at line 15 (cv.yaml, no variant, pdf) ({MEET_HINT})
4 problems found
""".split()), result.output
    assert not out.exists()


def test_a_documents_typo_hides_neither_its_own_name_nor_the_other_targets(folder):
    """The target whose ``documents`` is refused still has its name checked for leaving
    out_dir; its files are not compared with the others' (a default stands in for the refused
    key), nor are those of a target whose ``formats`` is refused: ``formats = "md"`` beside
    targets[3]'s ``cv.md`` is no collision to report, the ``"md"`` is the mistake."""
    (folder / "resume-builder.toml").write_text('''[[targets]]
profile = "cv.yaml"
documents = ["lettr"]
name = "../up"
[[targets]]
profile = "cv.yaml"
formats = ["md", "txt"]
name = "same"
[[targets]]
profile = "cv.yaml"
formats = ["txt", "md"]
name = "same"
[[targets]]
profile = "cv.yaml"
formats = ["md"]
[[targets]]
profile = "cv.yaml"
formats = "md"
''', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(folder / "resume-builder.toml")
    assert said(caught.value) == [
        (3, "targets[0].documents[0]", "the text 'lettr' is not one of: resume, letter"),
        (4, "targets[0].name", f"the name puts up.pdf in {folder}, outside the output folder "
                               f"{folder / 'output'}"),
        # said once for the two targets, not once for each of the files they share
        (9, "targets[2]", f"two targets write {folder / 'output' / 'same.txt'}: this one (cv.yaml, no variant, txt) "
                          f"and targets[1] at line 5 (cv.yaml, no variant, txt)"),
        (18, "targets[4].formats", "expected a list, found the text 'md'"),
    ]


def test_names_are_checked_beside_an_unknown_format_a_missing_profile_and_a_blocked_folder(folder):
    """No schema mistake: the checks of the targets (unknown format, missing profile) and the
    names' used to be two runs, and a folder that cannot be written a third."""
    (folder / "out").mkdir()
    (folder / "out" / "cv-web-application").write_text("in the way", encoding="utf-8")
    (folder / "resume-builder.toml").write_text('''out_dir = "out"

[[targets]]
profile = "cv.yaml"
formats = ["pfd", "md", "txt"]
name = "../escape"

[[targets]]
profile = "missing.yaml"
name = "same"

[[targets]]
profile = "cv.yaml"
variants = ["web"]
bundle = true
formats = ["md"]

[[targets]]
profile = "cv.yaml"
name = "same"
''', encoding="utf-8")
    source, config = load_config(folder / "resume-builder.toml")
    with pytest.raises(UserError) as caught:
        check_targets(config, folder, source)
    assert said(caught.value) == [
        (1, "out_dir", "cannot write in out/cv-web-application: it is a file, not a folder; nothing was built"),
        (5, "targets[0].formats[0]", "unknown format 'pfd'"),
        (6, "targets[0].name", f"the name puts escape.md in {folder}, outside the output folder {folder / 'out'}"),
        (9, "targets[1].profile", "profile missing.yaml not found"),
        (18, "targets[3]", f"two targets write {folder / 'out' / 'same.pdf'}: this one (cv.yaml, no variant, pdf) "
                           f"and targets[1] at line 8 (missing.yaml, no variant, pdf)"),
    ]
    with pytest.raises(UserError) as caught:  # expand, for its callers, says all of the names' too
        expand(config, folder, source=source)
    assert [p.path for p in caught.value.problems] == ["targets[0].name", "targets[3]"]


def test_every_unknown_placeholder_is_named_and_a_lone_brace_is_refused_not_a_traceback(folder):
    """Only the first unknown placeholder was named; ``{profile`` and ``a}`` passed the check
    and ended the build in a ValueError traceback, ``{variant.x}`` in an AttributeError."""
    (folder / "resume-builder.toml").write_text('''[[targets]]
profile = "cv.yaml"
name = "{variant.x}-{nope}-{nope}-{profile!r}"
[[targets]]
profile = "cv.yaml"
name = "{profile"
[[targets]]
profile = "cv.yaml"
name = "a}"
''', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(folder / "resume-builder.toml")
    brace = "a '{' or '}' without its other half; a placeholder is written {profile}, and a brace itself as {{ or }}"
    assert said(caught.value) == [
        (3, "targets[0].name", f"unknown placeholders {{variant.x}}, {{nope}}, {{profile!r}}; {USE}"),
        (6, "targets[1].name", brace),
        (9, "targets[2].name", brace),
    ]
