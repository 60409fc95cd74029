"""User mistakes versus bugs.

A :class:`UserError` is something the person running the tool can fix (a typo in the
profile, a missing file). The CLI prints it as one clear message and exits with code 2,
without a traceback. Every other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from resume_builder.invisible import first_invisible

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
        head = f"{visible(str(self.location))}: " if self.location else ""
        field_part = f"{visible(self.path)}: " if self.path else ""
        text = f"{head}{field_part}{visible(self.message)}"
        if self.hint:
            text += f" ({visible(self.hint)})"
        if self.excerpt:
            text += "\n" + visible_excerpt(self.excerpt)
        return text


# Characters a message shows escaped (:func:`visible`): where a file name, a key or a value the
# user gave holds one, printed raw it drives the terminal (ESC starts an escape sequence: colours,
# a moved cursor, a rewritten line), reorders the line (bidi embeddings, overrides, isolates) or
# draws nothing (zero-width spaces and joiners, soft hyphens), so that what is read differs from
# what was typed: ``no variant 'plat\u200bform' (did you mean 'platform'?)`` read as the same
# word twice (user trial).
_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_SHOWN_AS_IS = re.compile(r"[\x20-\x7e]*")


def _hidden(char: str) -> bool:
    """Whether ``char`` is shown escaped: C0 and C1 controls and DEL, the line and paragraph
    separators, a lone surrogate (a byte of a file name that is not UTF-8), and every character
    that draws nothing (:mod:`resume_builder.invisible`: bidi controls and marks, zero-width
    spaces and joiners, the byte-order mark, the soft hyphen, variation selectors...)."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return True
    if code < 0xA0:
        return False
    return char in "\u2028\u2029" or 0xD800 <= code <= 0xDFFF or first_invisible(char) is not None


def _escape(char: str) -> str:
    """``char`` as a Python (and Bash ``$'...'``) string escape: ``\\t \\n \\r``, else
    ``\\x1b`` up to U+00FF, ``\\u202e`` up to U+FFFF, ``\\U000e0041`` beyond."""
    code = ord(char)
    if char in _ESCAPES:
        return _ESCAPES[char]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str) -> str:
    """``text`` as one line of a message: every control and invisible character (:func:`_hidden`),
    line breaks included, shown as its escape (``\\x1b``, ``\\n``, ``\\u202e``, ``\\u200b``);
    all else, a backslash included, as it is. Applying it twice changes nothing more."""
    if _SHOWN_AS_IS.fullmatch(text):  # printable ASCII: most messages
        return text
    return "".join(_escape(char) if _hidden(char) else char for char in text)


def visible_lines(text: str) -> str:
    """``text``, a message of one or more lines: :func:`visible` for each line, the line feeds
    between them kept."""
    return "\n".join(visible(line) for line in text.split("\n"))


#: An excerpt's quoted source line (``  12 | text``) and the caret line under it (``     |   ^``).
_QUOTED_LINE = re.compile(r"( *\d+ \| )(.*)")
_CARET_LINE = re.compile(r"( *\| )( *)(\^.*)")


def visible_excerpt(excerpt: str) -> str:
    """:func:`visible_lines` for an excerpt (loading/yaml_errors.py: ``excerpt``), keeping its
    caret under the character it points at: where the quoted line above it had characters
    escaped, the caret moves right by the width the escapes added."""
    lines: list[str] = []
    quoted = ""  # the source text of the line just above, as it came
    for line in excerpt.split("\n"):
        caret = _CARET_LINE.fullmatch(line)
        if caret and quoted and not _SHOWN_AS_IS.fullmatch(quoted):
            lines.append(f"{caret[1]}{' ' * _shifted(quoted, len(caret[2]))}{visible(caret[3])}")
            quoted = ""
            continue
        found = _QUOTED_LINE.fullmatch(line)
        quoted = found[2] if found else ""
        lines.append(visible(line))
    return "\n".join(lines)


def _shifted(quoted: str, columns: int) -> int:
    """The columns of ``quoted`` up to ``columns`` (counted as the excerpt counts them: two for a
    wide East Asian character, one for any other) once its hidden characters are escaped."""
    import unicodedata

    seen = shown = 0
    for char in quoted:
        if seen >= columns:
            break
        width = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        seen += width
        shown += len(_escape(char)) if _hidden(char) else width
    return shown + max(0, columns - seen)


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
