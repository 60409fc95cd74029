"""Terminal output: problems to stderr, results to stdout. Rich is imported only when used."""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from resume_builder.errors import UserError


@lru_cache(maxsize=None)
def _console(stderr: bool) -> "Console":
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """The reader closed the stream (``| head``). Rich's own answer is SystemExit(1), which
            the README gives to a failed check, and which broke a build off without recording the
            files its workers went on writing (trial). What is still to be printed goes nowhere,
            and standard output's closing stops the command (:data:`on_closed_output`)."""
            self.quiet = True
            if not stderr:
                stdout_closed()

    return _Console(stderr=stderr, highlight=False, soft_wrap=True)


def _stop_on_closed_output() -> None:
    from resume_builder.errors import EXIT_BROKEN_PIPE

    raise SystemExit(EXIT_BROKEN_PIPE)


#: Called once standard output is found closed by its reader: the command ends with exit 141,
#: as a Unix tool does. A build sets it to stop the way a signal does, once the results it is
#: recording are recorded (:class:`~resume_builder.errors.OutputClosed`, building/runner.py).
on_closed_output = _stop_on_closed_output


def shown(message: str) -> str:
    """``message`` as :func:`out` and :func:`err` print it: its lines as they are, but any control
    or invisible character in them shown as an escape (``\\x1b``, ``\\u202e``, ``\\u200b``:
    :func:`resume_builder.errors.visible`), so a value quoted from a file or the command line can
    neither drive the terminal nor read as something it is not. Only the line feeds between the
    lines stay; a value's own line break is escaped where the message is built (a
    :class:`~resume_builder.errors.Problem`'s fields). Documents (``-o -``) are written by
    :func:`write`, byte for byte."""
    from resume_builder.errors import visible_lines

    return visible_lines(message) if isinstance(message, str) else message


def out(message: str = "", *, style: str | None = None) -> None:
    """Print a line of results to stdout (no markup interpretation; :func:`shown`).

    When the reader has closed standard output (``| head``), what is still to be printed goes
    to the null device and :data:`on_closed_output` stops the command; so it does when the
    command started with standard output closed (``>&-``: an AttributeError traceback before)."""
    if sys.stdout is None:
        on_closed_output()
        return
    _console(False).print(shown(message), style=style, markup=False)


def write(text: str) -> None:
    """Write ``text`` as it is to stdout (a schema, a report laid out already), stopping the
    command as :func:`out` does when standard output is closed or its reader is gone."""
    if sys.stdout is None:
        on_closed_output()
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        stdout_closed()


def stdout_closed() -> None:
    """Standard output's reader is gone: what is still to be written goes to the null device
    (Python's flush at exit has nothing to fail on), and :data:`on_closed_output` stops the
    command."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    on_closed_output()


def err(message: str, *, style: str | None = None) -> None:
    """Print an error, warning or note to stderr (no markup interpretation; :func:`shown`)."""
    _console(True).print(shown(message), style=style, markup=False)


def user_error_lines(error: "UserError") -> list[str]:
    """The lines the CLI prints for a user error (the preview page shows the same lines):
    ``error: FILE:LINE:COL: field: message (hint)`` per problem, then how many there were."""
    lines = [line if line.startswith("…") else f"error: {line}" for line in error.shown()]
    if len(error.problems) > 1:
        lines.append(f"{len(error.problems)} problems found")
    return lines


def show_user_error(error: "UserError") -> None:
    """Print every problem of a user error, one per line, then how many there were."""
    for line in user_error_lines(error):  # at most SHOWN_PROBLEMS, then a count of the rest
        err(line, style="red")


def is_terminal() -> bool:
    return sys.stdout.isatty()


def program() -> str:
    """How to call this tool from the user's shell, for the commands our messages suggest.

    ``resume-builder`` when that name on ``PATH`` is the program running (an activated venv,
    pipx, a system install); else the path it was started by, e.g. ``.venv/bin/resume-builder``
    after ``make demo`` (relative to the working folder when inside it, quoted for a POSIX
    shell), so that a suggested command works when pasted. ``python -m resume_builder`` when
    started that way.
    """
    import os
    import shlex
    import shutil

    name = "resume-builder"
    started = sys.argv[0] if sys.argv else ""
    on_path = shutil.which(name)
    if started.endswith(os.path.join("resume_builder", "__main__.py")):
        return name if on_path else f"{shlex.quote(sys.executable)} -m resume_builder"
    if os.path.basename(started) != name:  # embedded (tests, python -c): the plain name
        return name
    try:
        if on_path and os.path.samefile(on_path, started):
            return name
    except OSError:
        pass
    path = os.path.abspath(started)
    try:
        relative = os.path.relpath(path)
        if not relative.startswith(".."):
            path = relative if os.sep in relative else os.path.join(".", relative)
    except ValueError:  # another drive (Windows)
        pass
    return shlex.quote(path)


def command(*arguments: object) -> str:
    """A command line our messages suggest: :func:`program` then ``arguments``, each quoted for
    a POSIX shell where needed (``validate 'my profile.yaml'``), to be shown unquoted as a whole."""
    import shlex

    return " ".join([program(), *(shlex.quote(str(argument)) for argument in arguments)])
