"""Built-in themes are found through the same entry points as installed theme packages."""

from __future__ import annotations

import tomllib

from resume_builder import theming
from tests.conftest import REPO


def _folders() -> list[str]:
    return sorted(p.name for p in (REPO / "themes").iterdir() if (p / "theme.toml").is_file())


def test_pyproject_declares_every_built_in_theme_as_an_entry_point():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["entry-points"][theming.ENTRY_POINT_GROUP]
    assert declared == {name: f"{theming.BUILTIN_PACKAGE}.{name}" for name in _folders()}


def test_installed_built_in_themes_come_from_entry_points():
    found = theming.builtin_themes()
    assert [name for name, _ in found] == _folders()
    assert all(not isinstance(where, type(REPO)) for _, where in found), "found by folder, not entry point"
    theme = theming.find_theme("classic")
    assert theme.source == "built-in" and theme.folder == (REPO / "themes" / "classic").resolve()


def test_an_installed_package_of_the_same_name_comes_first(monkeypatch, tmp_path):
    folder = tmp_path / "classic"
    folder.mkdir()
    (folder / "theme.toml").write_text((REPO / "themes" / "classic" / "theme.toml").read_text(encoding="utf-8"))

    class FakeEntryPoint:
        name, value = "classic", "their_theme"

        def load(self):
            return str(folder)

    monkeypatch.setattr(theming, "_entry_points", lambda: {"classic": FakeEntryPoint()})
    candidates = [(name, source) for name, source, _ in theming.ThemeFinder().candidates() if name == "classic"]
    assert candidates == [("classic", "entry point their_theme"), ("classic", "built-in")]


def test_a_source_tree_that_is_not_installed_lists_the_built_in_folder(monkeypatch):
    monkeypatch.setattr(theming, "_builtin_entry_points", lambda: ())
    found = theming.builtin_themes()
    assert [(name, where) for name, where in found] == [(n, REPO / "themes" / n) for n in _folders()]


def test_a_theme_package_installed_while_the_process_runs_is_found(monkeypatch, tmp_path):
    """Entry points are read again when a folder on sys.path changes (a server or a build
    looks themes up on every render, and keeps what it read until then)."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    assert "late" not in theming._entry_points()
    (site / "late_theme").mkdir()
    (site / "late_theme" / "theme.toml").write_text((REPO / "themes" / "classic" / "theme.toml")
                                                    .read_text(encoding="utf-8"), encoding="utf-8")
    (site / "late_theme" / "__init__.py").write_text("", encoding="utf-8")
    info = site / "late_theme-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: late-theme\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[{theming.ENTRY_POINT_GROUP}]\nlate = late_theme\n", encoding="utf-8")
    assert "late" in theming._entry_points()
    assert theming.find_theme("late").folder == (site / "late_theme").resolve()
    info.rename(site / "late_theme-1.0.removed")  # uninstalled: its metadata folder is gone
    assert "late" not in theming._entry_points()


def test_entry_points_are_read_once_while_nothing_changes(monkeypatch):
    import importlib.metadata

    reads = []
    real = importlib.metadata.entry_points
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kw: reads.append(kw) or real(**kw))
    theming._ENTRY_POINTS.clear()
    first = theming._entry_points()
    for _ in range(3):
        assert theming._entry_points() == first
    assert len(reads) == 1
