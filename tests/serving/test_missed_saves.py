"""A save whose watcher event never comes is still rendered (serving/app.py ``_poll_loop``).

Once, in a full run on a loaded machine, the preview never showed a mistake saved one render
after an edit: the page waited its full two minutes. Under the watcher, the server compares the
last render's inputs (modification time, size, inode) with what they were as it began, every
``POLL_SECONDS``, and renders when one differs. No watcher runs here: only that comparison can
start another render.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from resume_builder.serving import app as app_module
from resume_builder.serving import memory
from tests.serving.server_process import in_own_loop


class _Watcher:
    def __init__(self, files: set[Path]) -> None:
        self.files = files

    def _given_files(self) -> set[Path]:
        return set(self.files)

    def watched_paths(self):
        return []  # never changes: no restart, so no catch-up check either


class _Preview:
    def __init__(self, profile: Path) -> None:
        self.watcher = _Watcher({profile})
        self.renders = 0

    def render(self) -> None:
        self.renders += 1

    def state(self) -> dict:
        return {}


def _renders(tmp_path: Path, monkeypatch, save) -> int:
    """Renders made by the render and poll loops when ``save(profile)`` runs after the first
    render, counted once the poll has looked five times since."""
    monkeypatch.setattr(memory, "release", lambda: None)
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.01)
    profile = tmp_path / "cv.yaml"
    profile.write_text("basics: {name: Ada}\n", encoding="utf-8")
    os.utime(profile, (1_700_000_000, 1_700_000_000))
    preview = _Preview(profile)
    server = app_module.PreviewServer.__new__(app_module.PreviewServer)
    server.preview, server.listeners, server.busy, server.closing = preview, set(), False, False
    server._report = lambda seconds: None
    server._tasks, server._stamps, server._restart_watch = [], {}, None
    looks = []
    changed = server._changed_since_render
    server._changed_since_render = lambda: looks.append(preview.renders) or changed()

    async def run() -> None:
        server._wanted = asyncio.Event()
        server._wanted.set()
        tasks = [asyncio.create_task(server._render_loop()), asyncio.create_task(server._poll_loop())]

        async def settled() -> None:
            while preview.renders < 1 or server.busy:
                await asyncio.sleep(0.01)
            save(profile)
            seen = len(looks)
            while len(looks) < seen + 5 or server.busy or server._wanted.is_set():
                await asyncio.sleep(0.01)

        await asyncio.wait_for(settled(), 120)  # a guard against a hang, not a speed bound
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    in_own_loop(run)
    return preview.renders


def _save_by_rename(profile: Path) -> None:
    """An editor's save: a new file of the same size renamed over the profile, its time unchanged."""
    temporary = profile.with_name("cv.yaml.saving")
    temporary.write_text("basics: {name: Bob}\n", encoding="utf-8")
    os.utime(temporary, (1_700_000_000, 1_700_000_000))
    os.replace(temporary, profile)


def test_a_save_the_watcher_missed_is_rendered(tmp_path, monkeypatch):
    assert _renders(tmp_path, monkeypatch, lambda profile: profile.write_text("basics: {name: Bo}\n")) == 2


def test_a_save_by_rename_of_the_same_size_and_time_is_rendered(tmp_path, monkeypatch):
    assert _renders(tmp_path, monkeypatch, _save_by_rename) == 2


def test_without_a_save_the_poll_renders_nothing_more(tmp_path, monkeypatch):
    assert _renders(tmp_path, monkeypatch, lambda profile: None) == 1
