"""A real `resume-builder serve` in a child process, for the server and browser tests."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from tests.conftest import REPO, as_from_a_terminal

# Generous: the first render imports WeasyPrint; on a loaded 2-core machine that can take long.
START_TIMEOUT = 120.0


@contextmanager
def running_server(profile: Path, cwd: Path, *arguments: str, stop: int = signal.SIGINT,
                   exits: list[int] | None = None) -> Iterator[str]:
    """Start ``resume-builder serve PROFILE --port 0 ARGUMENTS`` in ``cwd``; yield its address.

    The server is stopped with ``stop`` (SIGINT, as Ctrl-C would; SIGTERM, as ``kill`` or a
    service manager would) when the block ends; what it printed is in the assertion message
    if it does not start or stop. ``exits``: its exit status is appended to it once it stopped.
    """
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "resume_builder", "serve", str(profile), "--port", "0",
                                *arguments], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, preexec_fn=as_from_a_terminal)
    lines: "queue.Queue[str | None]" = queue.Queue()
    printed: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    address = None
    try:
        while address is None:
            try:
                line = lines.get(timeout=START_TIMEOUT)
            except queue.Empty:
                break
            if line is None:
                break
            printed.append(line)
            found = re.search(r"http://127\.0\.0\.1:\d+/", line)
            address = found.group(0) if found else None
        assert address is not None, "serve did not start:\n" + "".join(printed)
        yield address
    finally:
        if process.poll() is None:
            process.send_signal(stop)
            try:
                code = process.wait(timeout=START_TIMEOUT)  # generous: a loaded machine may be finishing a render
                if exits is not None:
                    exits.append(code)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                raise AssertionError(f"serve did not stop on {signal.Signals(stop).name}:\n" + "".join(printed)) from None


def in_own_loop(coroutine_function) -> None:
    """``asyncio.run(coroutine_function())`` in a thread of its own, its exception re-raised here.

    A Playwright session in the same xdist worker keeps an event loop running in the test's
    thread, where asyncio.run would refuse to start another.
    """
    import asyncio

    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coroutine_function())
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            failure.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
