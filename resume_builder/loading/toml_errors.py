"""TOML syntax errors (build files, theme.toml) at file:line:col, with a fix in plain words.

Python's ``tomllib`` says where it stopped inside its message ("... (at line 3, column 33)");
the place becomes the location and the rest the message, with a hint for the slips people
make most (TOML 1.0: https://toml.io/en/v1.0.0).
"""

from __future__ import annotations

import re
from pathlib import Path

from resume_builder.errors import UserError

__all__ = ["toml_syntax_error"]

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
