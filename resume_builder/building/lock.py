"""One build at a time per output folder: an advisory lock on the folder itself.

Two builds writing the same folder would interleave their files and each write a manifest
describing the other's half (issue 12: 6 of 14 hashes wrong, both exiting 0). The second
build waits for the first, saying so once; ``wait=False`` makes it stop with a UserError.

The lock is ``flock(2)``: the kernel releases it when the holder exits, however it exits
(``kill -9`` included), so a crashed build never leaves a stale lock. Build workers forked
while it is held share it, so the folder stays locked while any process of the build could
still write there. The lock is taken on the folder (no lock file is left in it). On systems without ``fcntl`` (Windows) there is no lock.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from resume_builder.errors import UserError

@contextmanager
def output_lock(out_dir: Path, *, wait: bool = True,
                on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock on ``out_dir`` (created if missing) for the block.

    When another build holds it: with ``wait``, call ``on_wait(message)`` once and block
    until it is free; without, raise UserError. Raises UserError when the folder cannot be
    created or opened.
    """
    try:
        import fcntl
    except ImportError:  # no advisory locks on this system
        yield
        return
    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # it said 'cannot lock the output folder …: Permission denied'
        parent = next((p for p in Path(out_dir).parents if p.exists()), Path(out_dir).parent)
        raise UserError(f"cannot create the output folder {_shown(Path(out_dir))}: {exc.strerror or exc}",
                        hint=f"check that you may write in {_shown(parent)}, or set out_dir to a folder "
                             "you can write") from None
    try:
        fd = os.open(out_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UserError(f"cannot lock the output folder {out_dir}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message = f"another build is writing to {out_dir}"
            if not wait:
                raise UserError(message, hint="wait for it to finish, or build into another out_dir") from None
            if on_wait is not None:
                on_wait(f"{message}; waiting for it to finish…")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock (workers holding a copy have exited by now)


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when inside it (as the build file names it)."""
    try:
        return str(path.absolute().relative_to(Path.cwd())) or "."
    except ValueError:
        return str(path)
