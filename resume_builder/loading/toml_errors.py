"""TOML files' errors at their place: syntax errors at file:line:col with a fix in plain
words, and the line of a key (:func:`toml_line`) for schema errors, as tomllib gives no positions.

Python's ``tomllib`` says where it stopped inside its message ("... (at line 3, column 33)");
the place becomes the location and the rest the message, with a hint for the slips people
make most (TOML 1.0: https://toml.io/en/v1.0.0).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from resume_builder.errors import Location, UserError

__all__ = ["toml_line", "toml_location", "toml_syntax_error"]

_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")

#: (start of tomllib's message, hint).
_HINTS = (
    ("Illegal character '\\n'", "a quoted text ends on its line: add the closing quote"),
    ("Unterminated string", "add the closing quote"),
    ("Expected '=' after a key", "write key = value (a text value in double quotes)"),
    ("Invalid value", 'a text value goes in double quotes: key = "text"; lists are ["a", "b"]'),
    ("Unclosed array", "close the list with ]"),
    ("Cannot declare", "each key and table may be given once"),
    ("Cannot overwrite a value", "each key may be given once"),
)


def toml_syntax_error(path: Path | str, exc: Exception) -> UserError:
    """A located UserError for ``exc`` (a ``tomllib.TOMLDecodeError``) reading ``path``."""
    text = str(exc)
    found = _AT.search(text)
    line = column = None
    if found:
        text = text[:found.start()]
        if found.group(1):
            line, column = int(found.group(1)), int(found.group(2))
    hint = next((words for start, words in _HINTS if text.startswith(start)), "")
    return UserError.at(str(path), line, column, f"TOML syntax error: {text}", hint=hint)


def toml_line(lines: list[str], loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of ``lines`` (a TOML file) where ``loc`` is written: a top-level key,
    a ``[table]`` or ``[[array]]`` (its n-th header for an index) and a key in it; None when
    it is not written the simple way (inline tables, dotted keys)."""
    if not loc:
        return None
    header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
    table, count, start, end = None, -1, 0, len(lines)
    if len(loc) >= 2:  # a key in a [table], or in the n-th [[array]] entry
        wanted, index = str(loc[0]), loc[1] if isinstance(loc[1], int) else None
        for number, line in enumerate(lines):
            found = header.match(line)
            if found is None:
                continue
            if table is not None:
                end = number
                break
            if found.group(1) == wanted:
                count += 1
                if index is None or count == index:
                    table, start = wanted, number
        if table is None:
            return None
        rest = loc[2:] if index is not None else loc[1:]
        if not rest:
            return start + 1
        key = str(rest[0])
        scope = range(start + 1, end)
    else:
        key = str(loc[0])
        first = next((n for n, line in enumerate(lines) if header.match(line)), len(lines))
        scope = range(0, first)
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    return next((number + 1 for number in scope if pattern.match(lines[number])), None)


def toml_location(path: Path | str, loc: tuple[Any, ...]) -> Location:
    """``path`` at the line where ``loc`` is written (:func:`toml_line`); no line when the
    file cannot be read or ``loc`` is not written the simple way."""
    try:
        line = toml_line(Path(path).read_text(encoding="utf-8").splitlines(), loc)
    except (OSError, UnicodeDecodeError):
        line = None
    return Location(str(path), line, 1 if line else None)

