"""watch re-renders only when an input of the render changes (issue 12, item 16).

watchfiles is replaced by a scripted stand-in that offers each change to the watcher's
filter, as watchfiles does, and yields it when the filter keeps it: no timing involved.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import watchfiles

from resume_builder.watching import Watcher
from tests.conftest import REPO

PROFILE = "basics:\n  name: Sam Sample\n  photo: me.png\nsummary: First version.\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


class ScriptedWatch:
    """Stands in for watchfiles.watch: offers ``changes`` one by one to the filter."""

    def __init__(self, changes: list[Path]) -> None:
        self.changes = changes
        self.subscriptions: list[tuple[Path, ...]] = []
        self.offered: list[Path] = []

    def __call__(self, *paths, watch_filter, **_options):
        self.subscriptions.append(tuple(Path(p) for p in paths))
        while self.changes:
            path = self.changes.pop(0)
            self.offered.append(path)
            if not any(Path(p) == path.parent or Path(p) in path.parents for p in paths):
                continue  # not under a watched folder: watchfiles would not see it at all
            if watch_filter(watchfiles.Change.modified, str(path)):
                yield {(watchfiles.Change.modified, str(path))}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "me.yaml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "me.png").write_bytes(PNG)
    shutil.copytree(REPO / "themes" / "classic", tmp_path / "mytheme")
    return tmp_path


def _run(folder: Path, changes: list[Path], monkeypatch, **options) -> tuple[list[str], ScriptedWatch]:
    script = ScriptedWatch(changes)
    monkeypatch.setattr(watchfiles, "watch", script)
    messages: list[str] = []
    watcher = Watcher(folder / "me.yaml", formats=["txt"], out_dir=folder / "out", say=messages.append, **options)
    watcher.run()
    return [m for m in messages if m.startswith("rendered")], script


def test_a_log_file_beside_the_profile_does_not_rerender(folder, monkeypatch):
    log = folder / "watch.log"
    changes = [log, log, folder / "notes.txt", folder / "out" / "me.txt", folder / "other.yaml"]
    for path in changes:
        path.parent.mkdir(exist_ok=True)
        path.write_text("x", encoding="utf-8")
    renders, script = _run(folder, list(changes), monkeypatch)
    assert len(renders) == 1  # the first render only
    assert script.offered == changes


def test_each_input_of_the_render_rerenders(folder, monkeypatch):
    inputs = [folder / "me.yaml", folder / "me.png", folder / "mytheme" / "style.css",
              folder / "mytheme" / "templates" / "resume.html.j2"]
    renders, _ = _run(folder, [folder / "watch.log", *inputs], monkeypatch, theme_dir=folder / "mytheme")
    assert len(renders) == 1 + len(inputs)


def test_a_variant_file_and_the_profile_it_names_are_inputs(folder, monkeypatch):
    (folder / "variants").mkdir()
    (folder / "variants" / "short.yaml").write_text("profile: ../me.yaml\nname: short\n", encoding="utf-8")
    (folder / "variants" / "draft.log").write_text("x", encoding="utf-8")
    changes = [folder / "variants" / "draft.log", folder / "variants" / "short.yaml", folder / "me.yaml"]
    script = ScriptedWatch(changes)
    monkeypatch.setattr(watchfiles, "watch", script)
    messages: list[str] = []
    watcher = Watcher(folder / "me.yaml", formats=["txt"], variant=str(folder / "variants" / "short.yaml"),
                      out_dir=folder / "out", say=messages.append)
    watcher.run()
    renders = [m for m in messages if m.startswith("rendered")]
    assert len(renders) == 3, messages  # the first render, then the variant file and the profile
