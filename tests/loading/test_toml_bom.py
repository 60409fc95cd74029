"""A TOML file saved with a UTF-8 byte-order mark (Windows Notepad) is read like one without:
the build file gave "resume-builder.toml:1:1: TOML syntax error: Invalid statement" while a
profile with the mark was read (user trial). Every TOML file the tool reads is checked here:
the build file (named, found, in pyproject.toml), theme.toml and a keyword file; a mistake
in such a file is still at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from resume_builder.building.config import load_config
from resume_builder.errors import UserError
from resume_builder.loading.vocabulary import read_keyword_file
from resume_builder.theming import ThemeFinder, read_manifest
from tests.conftest import FIXTURES

BOM = "\ufeff"
BUILD = 'out_dir = "out"\n[[targets]]\nprofile = "cv.yaml"\nformats = ["md"]\n'


def _write(path: Path, text: str) -> Path:
    path.write_bytes((BOM + text).encode("utf-8"))
    return path


@pytest.fixture
def folder(tmp_path, monkeypatch):
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_build_file_with_a_byte_order_mark_is_read_named_or_found(folder):
    _write(folder / "resume-builder.toml", BUILD)
    for named in (folder / "resume-builder.toml", None):
        assert load_config(named)[1].out_dir == "out"


def test_pyproject_with_a_byte_order_mark_gives_its_section(folder):
    _write(folder / "pyproject.toml", '[project]\nname = "cv"\n[tool.resume-builder]\n' + BUILD.replace(
        "[[targets]]", "[[tool.resume-builder.targets]]"))
    for named in (folder / "pyproject.toml", None):
        assert load_config(named)[1].targets[0].formats == ["md"]


def test_a_mistake_on_the_first_line_after_the_mark_is_at_line_1(folder):
    _write(folder / "resume-builder.toml", 'out_dri = "out"\n' + BUILD)
    with pytest.raises(UserError) as caught:
        load_config(folder / "resume-builder.toml")
    assert [(p.location.line, p.location.column, p.hint) for p in caught.value.problems] == \
        [(1, 1, "did you mean 'out_dir'?")]


def test_a_syntax_error_after_the_mark_keeps_its_column(folder):
    _write(folder / "resume-builder.toml", 'out_dir = out\n' + BUILD)
    with pytest.raises(UserError) as caught:
        load_config(folder / "resume-builder.toml")
    assert (caught.value.problems[0].location.line, caught.value.problems[0].location.column) == (1, 11)


def test_a_mark_inside_the_file_is_still_a_syntax_error(folder):
    (folder / "resume-builder.toml").write_text(BUILD + BOM + 'check = false\n', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(folder / "resume-builder.toml")
    assert caught.value.problems[0].location.line == 5


def test_a_theme_toml_with_a_byte_order_mark_is_read_and_found_by_its_name(tmp_path):
    theme = tmp_path / "mine"
    theme.mkdir()
    _write(theme / "theme.toml", 'name = "mine"\ndescription = "Mine."\nextends = "classic"\n')
    assert read_manifest(theme).description == "Mine."
    assert ThemeFinder(theme_dir=theme).find(None).name == "mine"


def test_a_theme_toml_mistake_after_the_mark_is_at_its_line(tmp_path):
    _write(tmp_path / "theme.toml", 'nmae = "mine"\nextends = "classic"\n')
    with pytest.raises(UserError) as caught:
        read_manifest(tmp_path)
    assert [(p.location.line, p.path) for p in caught.value.problems if p.path == "nmae"] == [(1, "nmae")]


def test_a_toml_keyword_file_with_a_byte_order_mark_is_read(tmp_path):
    data, _ = read_keyword_file(_write(tmp_path / "words.toml", '[aliases]\nk8s = "Kubernetes"\n'))
    assert data == {"aliases": {"k8s": "Kubernetes"}}
