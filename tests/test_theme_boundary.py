"""The theme boundary (issue 12, items 2 and 3): the folder as named, and no silent swap of a built-in theme.

Item 1 (every path a theme names) is covered by the hostile-theme folder in
``tests/test_hostile_inputs.py`` and ``tests/test_no_reads_outside.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.errors import UserError
from resume_builder.theming import ThemeFinder, find_theme
from tests.conftest import FIXTURES

runner = CliRunner()
ONE_PAGE = FIXTURES / "profiles" / "one_page.yaml"


def _theme(folder: Path, name: str, description: str = "", extends: str | None = "classic") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f'name = "{name}"', f'description = "{description}"'] + ([f'extends = "{extends}"'] if extends else [])
    (folder / "theme.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def received(tmp_path, monkeypatch):
    """A profile folder received from someone else, with its own themes/, used as the working directory."""
    folder = tmp_path / "received"
    folder.mkdir()
    shutil.copy(ONE_PAGE, folder / "cv.yaml")
    monkeypatch.chdir(folder)
    return folder


# ----------------------------------------------------------------------------- item 2


def test_a_parents_templates_symlink_does_not_move_the_boundary(tmp_path, received):
    """child extends parent, whose templates/ is a symlink to a folder outside; the child includes
    a file from it. Before: the file was printed in the résumé."""
    outside = tmp_path / "outside"
    (outside / "etc").mkdir(parents=True)
    (outside / "etc" / "secret").write_text("TOP-SECRET-VALUE", encoding="utf-8")
    parent = _theme(received / "themes" / "parent", "parent")
    (parent / "templates").symlink_to(outside)
    child = _theme(received / "themes" / "child", "child", extends="parent")
    shutil.copytree(FIXTURES.parent.parent / "themes" / "classic" / "templates", child / "templates")
    resume = child / "templates" / "resume.html.j2"
    resume.write_text(resume.read_text(encoding="utf-8").replace("<main>", "{% include 'etc/secret' %}<main>"),
                      encoding="utf-8")
    out = received / "out.html"
    result = runner.invoke(app, ["render", "cv.yaml", "--theme", "child", "-f", "html", "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "the templates folder 'templates' is outside the theme folder" in result.output
    assert "TOP-SECRET-VALUE" not in result.output and not out.exists()


def test_a_templates_symlink_inside_the_theme_folder_is_fine(tmp_path):
    theme = _theme(tmp_path / "tidy", "tidy")
    (theme / "src" / "templates").mkdir(parents=True)
    (theme / "src" / "templates" / "section.html.j2").write_text("<p>tidy section</p>\n", encoding="utf-8")
    (theme / "templates").symlink_to(theme / "src" / "templates")
    out = tmp_path / "out.html"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(theme), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "tidy section" in out.read_text(encoding="utf-8")


def test_a_local_theme_symlinked_out_of_its_themes_folder_is_not_used(tmp_path, received):
    elsewhere = _theme(tmp_path / "elsewhere" / "fancy", "fancy", "from elsewhere")
    (received / "themes").mkdir()
    (received / "themes" / "fancy").symlink_to(elsewhere)
    with pytest.raises(UserError, match="is a symlink out of"):
        find_theme("fancy")
    assert find_theme("fancy", theme_dir=received / "themes" / "fancy").description == "from elsewhere"
    result = runner.invoke(app, ["themes"])
    assert result.exit_code == 0 and "BROKEN" in result.output and "symlink out of" in result.output


# ----------------------------------------------------------------------------- item 3


@pytest.mark.parametrize("where", ["working directory", "profile folder"])
def test_a_received_themes_folder_does_not_replace_a_built_in_theme(where, tmp_path, monkeypatch, received):
    """A profile folder shipping themes/classic: a plain render uses the built-in classic and says so."""
    if where == "profile folder":
        monkeypatch.chdir(tmp_path)
    local = _theme(received / "themes" / "classic", "classic", "not the real classic", extends=None)
    (local / "templates").mkdir()
    (local / "templates" / "resume.html.j2").write_text("SWAPPED {{ css }}", encoding="utf-8")
    (local / "templates" / "style.css.j2").write_text("", encoding="utf-8")
    out = tmp_path / "out.html"
    result = runner.invoke(app, ["render", str(received / "cv.yaml"), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "SWAPPED" not in out.read_text(encoding="utf-8")
    assert f"{local} has the name of the built-in theme 'classic' and is not used" in result.output
    assert f"--theme-dir {local}" in result.output

    asked = runner.invoke(app, ["render", str(received / "cv.yaml"), "--theme-dir", str(local), "-f", "html",
                                "-o", str(out)])
    assert asked.exit_code == 0, asked.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>") and "SWAPPED" in out.read_text("utf-8")


def test_a_local_theme_with_a_new_name_is_found_by_name(received):
    _theme(received / "themes" / "mine", "mine", "my own")
    assert find_theme("mine").description == "my own"
    assert find_theme("mine").notes == []


def test_themes_shows_which_is_which(received):
    _theme(received / "themes" / "classic", "classic", "a local copy")
    _theme(received / "themes" / "mine", "mine", "my own")
    result = runner.invoke(app, ["themes"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    classic = [line for line in lines if line.startswith("classic")]
    assert classic[0].rstrip().endswith("[built-in]")
    assert "a local copy" in classic[1] and "NOT USED: shadows the built-in theme 'classic'" in classic[1]
    mine = [line for line in lines if line.startswith("mine")]
    assert len(mine) == 1 and "my own" in mine[0] and "NOT USED" not in mine[0]


def test_a_local_theme_may_still_extend_the_built_in_one_of_its_name(received):
    local = _theme(received / "themes" / "classic", "classic", "tweaked", extends="classic")
    theme = ThemeFinder(theme_dir=local, search_dirs=[received]).find(None)
    assert theme.description == "tweaked" and len(theme.folders) == 2


def test_build_input_hashes_never_read_a_theme_file_linked_from_outside(tmp_path):
    """An incremental build hashes the theme's folders; a symlink out of one is not read."""
    from resume_builder.building.inputs import folder_digest

    outside = tmp_path / "secret.css"
    outside.write_text("one", encoding="utf-8")
    themes = tmp_path / "themes"
    theme = _theme(themes / "mine", "mine")
    (theme / "leak.css").symlink_to(outside)
    before = folder_digest(theme)
    outside.write_text("two", encoding="utf-8")
    assert folder_digest(theme) == before
    (theme / "own.css").write_text("x", encoding="utf-8")
    assert folder_digest(theme) != before
