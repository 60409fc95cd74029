"""User mistakes versus bugs.

A :class:`UserError` is something the person running the tool can fix (a typo in the
profile, a missing file). The CLI prints it as one clear message and exits with code 2,
without a traceback. Every other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM: what a cancelled CI job sends
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of standard output closed it early, as for any Unix tool


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an interruption where a command stops cleanly on it (``build``):
    it unwinds as Ctrl-C does, and the command exits with :data:`EXIT_TERMINATED`."""


class OutputClosed(KeyboardInterrupt):
    """Standard output closed by its reader (``| head``): the command stops as on Ctrl-C (a
    build records what is complete and stops its workers), quietly, and exits with
    :data:`EXIT_BROKEN_PIPE`."""

# How many problems of one error are shown; the rest are counted. A person fixes the first
# few and runs again; 20,000 lines (a file of unknown keys) help no one (issue 12).
SHOWN_PROBLEMS = 50


@dataclass(frozen=True)
class Location:
    """A place in a source file; line and column are 1-based."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            parts.append(str(self.column if self.column is not None else 1))
        return ":".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where, which field, what, and how to fix it."""

    message: str
    location: Location | None = None
    path: str = ""
    hint: str = ""
    #: Lines shown under the message: e.g. the offending source line with a caret under it.
    excerpt: str = ""
    #: The mistake is in a value the command line gave (``--variant NAME``, ``-O KEY=VALUE``),
    #: not in a file: no save of a file fixes it (``serve`` exits on it at start).
    from_command_line: bool = False

    def __str__(self) -> str:
        head = f"{self.location}: " if self.location else ""
        field_part = f"{self.path}: " if self.path else ""
        text = f"{head}{field_part}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        if self.excerpt:
            text += "\n" + self.excerpt
        return text


class UserError(Exception):
    """An error the user can fix. Holds one or more located problems."""

    def __init__(self, problems: str | Problem | Iterable[Problem], *, hint: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, hint=hint)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__(self.render())

    @classmethod
    def at(cls, file: str | Path, line: int | None, column: int | None, message: str,
           *, path: str = "", hint: str = "") -> "UserError":
        """Build an error for a single place in a file."""
        return cls(Problem(message, Location(str(file), line, column), path, hint))

    def render(self) -> str:
        return "\n".join(self.shown())

    def shown(self) -> list[str]:
        """The first :data:`SHOWN_PROBLEMS` problems as lines, then how many more there are."""
        lines = [str(p) for p in self.problems[:SHOWN_PROBLEMS]]
        more = len(self.problems) - SHOWN_PROBLEMS
        if more > 0:
            lines.append(f"… and {more} more problem{'s' if more != 1 else ''} "
                         f"(only the first {SHOWN_PROBLEMS} are shown; fix these and run again)")
        return lines


class CheckFailed(Exception):
    """A check ran and found problems (exit code 1); its message is the report."""


def did_you_mean(word: str, choices: Iterable[str], shown: Callable[[str], str] = str) -> str:
    """Return ``"did you mean 'x'?"`` for the closest choice, or an empty string; ``shown``
    writes the choice as the user would (a table name as ``[[targets]]``)."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{shown(matches[0])}'?" if matches else ""


@dataclass
class ProblemList:
    """Collects problems so every error in a file is reported at once."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def raise_if_any(self) -> None:
        if self.problems:
            raise UserError(self.problems)
