"""Runs of a render step whose cache keeps what the last two runs used (issue 20: warm re-render).

The style reuse (one layout is a run, resume_builder/render/style_reuse.py) and the kept draw
layouts (drawing one PDF is a run, resume_builder/render/draw_layouts.py) keep entries made
in one run for the next. Each entry records the number of the last run that used it; only
the thread running the step uses or adds entries (WeasyPrint is called from other threads
too, by the preview server). :meth:`Runs.run` numbers the run, marks its thread, and at
its end drops every entry the last two runs did not use, or every entry when the run failed
or ``kept()`` says the run's entries cannot be trusted.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

__all__ = ["Runs"]


class Runs:
    """The number of the run under way (``number``, from 1) and its thread (``active``)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.number = 0
        self.active: int | None = None

    def here(self) -> bool:
        """Whether the calling thread is the one running."""
        return self.active == threading.get_ident()

    @contextmanager
    def run(self, entries: dict[Any, Any], last_used: Callable[[Any], int],
            kept: Callable[[], bool] = lambda: True) -> Iterator[None]:
        """One run (under ``lock``): afterwards ``entries`` holds only those whose
        ``last_used(entry)`` is this run or the one before, or nothing if the block raised or
        ``kept()`` is false."""
        with self.lock:
            self.number += 1
            self.active = threading.get_ident()
            ok = False
            try:
                yield
                ok = kept()
            finally:
                self.active = None
                if not ok:
                    entries.clear()
                else:
                    for key in [key for key, entry in entries.items() if last_used(entry) < self.number - 1]:
                        del entries[key]
