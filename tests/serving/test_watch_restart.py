"""A save made while the preview's watcher restarts is not lost (serving/app.py ``_catch_up``).

After the first render (and after a switch to another theme) the watcher restarts on the
inputs it now knows; a save between the old watcher's stop and the new one's start is seen
by neither. The render loop then compares the inputs' modification times and sizes with
those taken as the render began, and renders again when one differs. No watcher runs in these tests: only that check
can start the second render.
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
        self.renders = 0

    def _given_files(self) -> set[Path]:
        return set(self.files)

    def watched_paths(self):
        return sorted(str(path) for path in self.files) if self.renders else []  # known after a render


class _Preview:
    def __init__(self, profile: Path, save_during_first: bool) -> None:
        self.watcher = _Watcher({profile})
        self.profile = profile
        self.save_during_first = save_during_first
        self.renders = 0

    def render(self) -> None:
        self.renders += 1
        self.watcher.renders = self.renders
        if self.renders == 1 and self.save_during_first:
            self.profile.write_text("saved while the watcher restarts\n", encoding="utf-8")

    def state(self) -> dict:
        return {}


def _run(tmp_path: Path, monkeypatch, save: bool) -> int:
    monkeypatch.setattr(memory, "release", lambda: None)
    monkeypatch.setattr(app_module, "CATCH_UP_SECONDS", (0.01, 0.05))  # both checks, without their waits
    profile = tmp_path / "cv.yaml"
    profile.write_text("before\n", encoding="utf-8")
    os.utime(profile, (1_700_000_000, 1_700_000_000))  # saved long before the server started
    preview = _Preview(profile, save)
    server = app_module.PreviewServer.__new__(app_module.PreviewServer)
    server.preview, server.listeners, server.busy, server.closing = preview, set(), False, False
    server._report = lambda seconds: None
    server._tasks, server._stamps = [], {}

    async def run() -> None:
        server._restart_watch = asyncio.Event()
        server._wanted = asyncio.Event()
        server._wanted.set()
        loop = asyncio.create_task(server._render_loop())

        async def caught_up() -> None:
            while not server._tasks:
                await asyncio.sleep(0.01)
            await server._tasks[0]  # the check after the restart, done
            while server._wanted.is_set() or server.busy:
                await asyncio.sleep(0.01)

        await asyncio.wait_for(caught_up(), 120)  # a guard against a hang, not a speed bound
        loop.cancel()
        await asyncio.gather(loop, return_exceptions=True)

    in_own_loop(run)
    return preview.renders


def test_a_save_while_the_watcher_restarts_is_rendered(tmp_path, monkeypatch):
    assert _run(tmp_path, monkeypatch, save=True) == 2


def test_without_a_save_the_restart_renders_nothing_more(tmp_path, monkeypatch):
    assert _run(tmp_path, monkeypatch, save=False) == 1
