"""`resume-builder themes`: every theme that can be found, where from, first match wins."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder import theming
from resume_builder.cli import app
from tests.conftest import FakeEntryPoint, FIXTURES

runner = CliRunner()




def make_theme(folder: Path, name: str, description: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "theme.toml").write_text(f'name = "{name}"\ndescription = "{description}"\n', encoding="utf-8")
    return folder


def rows(output: str) -> dict[str, str]:
    """theme name -> its whole line (the first line naming it)."""
    found: dict[str, str] = {}
    for line in output.splitlines():
        if line.strip():
            found.setdefault(line.split()[0], line)
    return found


@pytest.fixture
def cwd(tmp_path, monkeypatch):
    monkeypatch.setattr(theming, "_entry_points", dict)
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_lists_classic_as_built_in(cwd):
    result = runner.invoke(app, ["themes"])
    assert result.exit_code == 0, result.output
    line = rows(result.output)["classic"]
    assert line.rstrip().endswith("[built-in]")
    description = theming.read_manifest(theming.builtin_themes_folder() / "classic").description
    assert description and description in line


def test_every_built_in_theme_is_listed(cwd):
    result = runner.invoke(app, ["themes"])
    built_in = sorted(p.name for p in theming.builtin_themes_folder().iterdir() if (p / "theme.toml").is_file())
    listed = rows(result.output)
    for name in built_in:
        assert name in listed and listed[name].rstrip().endswith("[built-in]"), name


def test_theme_dir_is_listed_first(cwd):
    result = runner.invoke(app, ["themes", "--theme-dir", str(FIXTURES / "themes" / "child")])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("child") and first.rstrip().endswith("[--theme-dir]")
    assert "green accent" in first
    assert "classic" in rows(result.output)


def test_local_and_entry_point_themes_with_shadowing(cwd, tmp_path, monkeypatch):
    make_theme(cwd / "themes" / "local", "local", "A local theme")
    make_theme(cwd / "themes" / "classic", "classic", "Local classic")
    plugin = make_theme(tmp_path / "plugin" / "fancy", "fancy", "From a package")
    monkeypatch.setattr(theming, "_entry_points", lambda: {"fancy": FakeEntryPoint("fancy", plugin)})
    result = runner.invoke(app, ["themes"])
    assert result.exit_code == 0, result.output
    listed = rows(result.output)
    assert "A local theme" in listed["local"] and str(cwd / "themes") in listed["local"]
    assert "From a package" in listed["fancy"] and "entry point fake_fancy:folder" in listed["fancy"]
    classic_rows = [line for line in result.output.splitlines() if line.split()[:1] == ["classic"]]
    assert len(classic_rows) == 2  # the built-in one, used, and the local one, listed as not used
    assert classic_rows[0].rstrip().endswith("[built-in]")
    assert "Local classic" in classic_rows[1] and "NOT USED: shadows the built-in theme 'classic'" in classic_rows[1]
    assert f"--theme-dir {cwd / 'themes' / 'classic'}" in classic_rows[1]


def test_broken_manifest_is_listed_as_broken_and_the_others_still_listed(cwd):
    folder = cwd / "themes" / "broken"
    folder.mkdir(parents=True)
    (folder / "theme.toml").write_text('name = "broken"\ndescription = \n', encoding="utf-8")
    make_theme(cwd / "themes" / "fine", "fine", "A fine theme")
    result = runner.invoke(app, ["themes"])
    assert result.exit_code == 0, result.output
    listed = rows(result.output)
    assert "BROKEN" in listed["broken"] and "theme.toml:2:" in listed["broken"]
    assert "A fine theme" in listed["fine"] and "classic" in listed and "BROKEN" not in listed["classic"]
    assert "Traceback" not in result.output


def test_broken_entry_point_and_theme_dir_are_listed_as_broken(cwd, tmp_path, monkeypatch):
    class Exploding:
        name, value = "exploding", "exploding_theme:folder"

        def load(self):
            raise ImportError("No module named 'exploding_theme'")

    monkeypatch.setattr(theming, "_entry_points", lambda: {"exploding": Exploding()})
    not_a_theme = tmp_path / "empty"
    not_a_theme.mkdir()
    result = runner.invoke(app, ["themes", "--theme-dir", str(not_a_theme)])
    assert result.exit_code == 0, result.output
    listed = rows(result.output)
    assert "BROKEN" in listed["exploding"] and "exploding_theme" in listed["exploding"]
    assert "BROKEN" in listed["empty"] and "theme.toml is missing" in listed["empty"]
    assert "classic" in listed


def test_a_theme_whose_own_defaults_render_refuses_is_listed_as_broken(cwd, tmp_path):
    """A theme.toml with ``font_size = 40`` was listed as fine; render then refused it (newcomer trial)."""
    import shutil

    folder = tmp_path / "loud"
    shutil.copytree(theming.find_theme("classic").folders[0], folder)
    toml = folder / "theme.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('name = "classic"', 'name = "loud"', 1)
                    .replace("font_size = 9.2", "font_size = 40", 1), encoding="utf-8")
    result = runner.invoke(app, ["themes", "--theme-dir", str(folder)])
    assert result.exit_code == 0, result.output
    listed = rows(result.output)
    assert "BROKEN" in listed["loud"] and "options.font_size: 40 is out of range" in listed["loud"]
    assert "BROKEN" not in listed["modern"]


def _broken(path: Path, kind: str) -> None:
    import os

    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "dangling":
        path.symlink_to("nowhere")
    elif kind == "loop":
        path.symlink_to(path.name + "-2")
        path.with_name(path.name + "-2").symlink_to(path.name)
    else:
        path.write_text("x", encoding="utf-8")


TEMPLATE_SAID = {"fifo": ("is a named pipe (FIFO), not a regular file",
                          "a template must be a file: remove it, or replace it with the template"),
                 "folder": ("is a folder, not a file", "a template must be a file: remove it, or replace it with the "
                                                       "template"),
                 "dangling": ("is a symbolic link to 'nowhere', which does not exist",
                              "point the link at the template file, or remove it"),
                 "loop": ("is a symbolic link to 'style.css.j2-2', which leads back to it (a loop of links)",
                          "point the link at the template file, or remove it")}


@pytest.mark.parametrize("kind", sorted(TEMPLATE_SAID))
def test_a_template_that_is_no_file_is_said_not_passed_over_for_the_parents(cwd, kind):
    """A child theme's style.css.j2 that was a FIFO, a folder or a link to nothing was passed
    over for its parent's, silently, and `themes` listed it as "BROKEN: PATH: style.css.j2" (trial)."""
    from tests.conftest import EXAMPLE

    folder = make_theme(cwd / "themes" / "mine", "mine", "Mine.")
    (folder / "theme.toml").write_text('name = "mine"\nextends = "classic"\n', encoding="utf-8")
    (folder / "templates").mkdir()
    _broken(folder / "templates" / "style.css.j2", kind)
    said, hint = TEMPLATE_SAID[kind]
    result = runner.invoke(app, ["render", str(EXAMPLE), "--theme", "mine", "-f", "html", "-o", "cv.html"])
    assert result.exit_code == 2
    assert " ".join(result.output.split()) == \
        f"error: theme 'mine': {folder / 'templates' / 'style.css.j2'} {said} ({hint})"
    assert not (cwd / "cv.html").exists()
    listed = rows(runner.invoke(app, ["themes"]).output)
    assert " ".join(listed["mine"].split()) == \
        f"mine BROKEN: {folder / 'templates' / 'style.css.j2'} {said} [{cwd / 'themes'}]"


@pytest.mark.parametrize("kind, said", [
    ("file", "is a file, not a folder (a theme's templates/ must be a folder of templates)"),
    ("fifo", "is a named pipe (FIFO), not a folder (a theme's templates/ must be a folder of templates)"),
    ("dangling", "is a symbolic link to 'nowhere', which does not exist (point the link at the templates folder)"),
    ("loop", "is a symbolic link to 'templates-2', which leads back to it (a loop of links) (point the link at the "
             "templates folder)"),
])
def test_a_templates_folder_that_is_no_folder_is_said(cwd, kind, said):
    from tests.conftest import EXAMPLE

    folder = make_theme(cwd / "themes" / "mine", "mine", "Mine.")
    (folder / "theme.toml").write_text('name = "mine"\nextends = "classic"\n', encoding="utf-8")
    _broken(folder / "templates", kind)
    result = runner.invoke(app, ["render", str(EXAMPLE), "--theme", "mine", "-f", "html", "-o", "cv.html"])
    assert result.exit_code == 2
    assert " ".join(result.output.split()) == f"error: theme 'mine': {folder / 'templates'} {said}"
    assert "BROKEN" in rows(runner.invoke(app, ["themes"]).output)["mine"]
