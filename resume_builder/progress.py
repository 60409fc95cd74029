"""A sign of life on a terminal: a spinner with a short status line while a command works.

Shown on stderr only when stderr is a terminal, and only once the work has taken longer
than :data:`DELAY` seconds, so quick commands print nothing extra and piped or captured
output (CI logs, ``2> file``, tests) never holds spinner frames. Rich's ``Status`` does the
drawing; while it runs, rich redirects our stdout/stderr prints above the spinner line.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:
    from rich.console import Console

#: Seconds of work before the spinner appears (about the point where a wait is noticed).
DELAY = 0.5


@contextmanager
def working(message: str, *, delay: float = DELAY,
            console: "Console | None" = None) -> Iterator[Callable[[str], None]]:
    """Show ``message`` with a spinner while the block runs (terminal only, after ``delay``).

    Yields ``update(text)`` to change the status line as the work moves on.
    """
    if console is None:
        from resume_builder.console import _console

        console = _console(True)
    if not console.is_terminal or console.is_dumb_terminal:
        yield lambda text: None
        return
    from resume_builder.console import shown

    status = console.status(shown(message), spinner="dots")  # a file name quoted in it, escaped
    lock = threading.Lock()
    state = {"started": False, "done": False}

    def start() -> None:
        with lock:
            if not state["done"]:
                status.start()
                state["started"] = True

    timer = threading.Timer(delay, start)
    timer.daemon = True
    if delay <= 0:
        start()
    else:
        timer.start()
    try:
        yield lambda text: status.update(shown(text))
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["started"]:
                status.stop()
