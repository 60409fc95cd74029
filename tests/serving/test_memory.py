"""The server gives each render's garbage back (serving/memory.py, issue 20).

What the peak memory comes to over 100 re-renders is measured in ``make bench``; here: that
``release`` frees cyclic garbage at once, and that the render loop calls it after publishing
a render (and not while another save waits to be rendered, nor when the watcher restarts).
"""

from __future__ import annotations

import asyncio
import gc
import sys
import weakref

import pytest

from resume_builder.serving import app as app_module
from resume_builder.serving import memory
from tests.serving.server_process import in_own_loop


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_release_frees_cyclic_garbage_at_once():
    gc.disable()
    try:
        cycle = _Cycle()
        gone = weakref.ref(cycle)
        del cycle
        assert gone() is not None  # only the cyclic collector can free it
        memory.release()
        assert gone() is None
    finally:
        gc.enable()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_glibc_trim_is_found_on_linux():
    assert memory._malloc_trim() is not None


class _Preview:
    """Stands in for Preview: counts renders; a second save arrives during the first render."""

    def __init__(self, server_box: list) -> None:
        self.renders = 0
        self.server_box = server_box

    def render(self) -> None:
        self.renders += 1
        if self.renders == 1:
            self.server_box[0]._wanted.set()  # saved again while rendering

    def state(self) -> dict:
        return {}


def test_the_render_loop_releases_after_a_render_when_no_save_waits(monkeypatch):
    calls: list[int] = []
    box: list = []
    preview = _Preview(box)
    monkeypatch.setattr(memory, "release", lambda: calls.append(preview.renders))
    server = app_module.PreviewServer.__new__(app_module.PreviewServer)
    server.preview, server.listeners, server.busy, server.closing = preview, set(), False, False
    server._restart_watch = asyncio.Event()
    server._tasks, server._stamps = [], {}
    server._report = lambda seconds: None
    box.append(server)

    class _Watcher:
        files: set = set()

        @staticmethod
        def _given_files() -> set:
            return set()

        @staticmethod
        def watched_paths():
            return ("profile.yaml",) if preview.renders else ()  # the first render finds the inputs

    preview.watcher = _Watcher()

    async def run() -> None:
        server._wanted = asyncio.Event()
        server._wanted.set()
        task = asyncio.create_task(server._render_loop())

        async def released() -> None:
            while not calls:
                await asyncio.sleep(0.01)

        await asyncio.wait_for(released(), 120)  # a guard against a hang, not a speed bound
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    in_own_loop(run)
    assert preview.renders == 2
    assert calls == [2]  # not between the two renders: the second save was waiting
    assert server._restart_watch.is_set()  # the first render's inputs are watched from then on


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mallopt is glibc's")
def test_the_server_makes_threads_share_one_arena():
    import subprocess

    done = subprocess.run([sys.executable, "-c", "from resume_builder.serving.memory import limit_arenas; "
                           "print(limit_arenas())"], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"
