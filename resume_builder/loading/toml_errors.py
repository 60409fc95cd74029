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
from resume_builder.loading.toml_text import toml_file_lines, without_bom
from resume_builder.loading.yaml_errors import source_lines

__all__ = ["toml_line", "toml_location", "toml_place", "toml_syntax_error"]

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


def toml_syntax_error(path: Path | str, exc: Exception, source: str | None = None) -> UserError:
    """A located UserError for ``exc`` (a ``tomllib.TOMLDecodeError``) reading ``path``.

    tomllib places an error found at the end of the file at no line ("at end of document");
    with the file's text (``source``, else read from ``path``) it is placed at the line where
    the list left open begins ("Unclosed array"), else at the file's last line.
    """
    text = str(exc)
    found = _AT.search(text)
    line = column = None
    if found:
        text = text[:found.start()]
        if found.group(1):
            line, column = int(found.group(1)), int(found.group(2))
            lines = _lines(path, source) if text.startswith("Cannot overwrite a value") else None
            key = _key_at(lines, line) if lines else None
            if key:  # tomllib does not say which, and places the error after the value
                text, column = f"{text}: '{key[0]}' is given twice", key[1]
        elif (lines := _lines(path, source)) is not None:
            line, column, unclosed = _end_of_document(lines)
            text = "Unclosed array: the file ends before the list opened here is closed" if unclosed \
                else f"{text} (at the end of the file)"
    hint = next((words for start, words in _HINTS if text.startswith(start)), "")
    if text.startswith("Invalid value") and line is not None and column is not None:
        hint = _boolean_hint(_lines(path, source), line, column) or hint
    return UserError.at(str(path), line, column, f"TOML syntax error: {text}", hint=hint)


def _boolean_hint(lines: list[str] | None, line: int, column: int) -> str:
    """The hint for a bare word where a value goes that was meant as a boolean (``check = tru``,
    ``True``, ``yes``: "a text value goes in double quotes" was said: trial), else ""."""
    from resume_builder.errors import did_you_mean

    if not lines or not 0 < line <= len(lines):
        return ""
    found = re.match(r"[A-Za-z][A-Za-z_-]*", lines[line - 1][column - 1:])
    if found is None:
        return ""
    word = found.group()
    meant = {"true": "true", "false": "false", "yes": "true", "on": "true", "no": "false",
             "off": "false"}.get(word.lower())
    if meant is not None:
        return f"write {meant}: TOML's booleans are true and false, in lower case, without quotes"
    close = did_you_mean(word, ["true", "false"])
    return f"{close} TOML's booleans are true and false; a text value goes in double quotes" if close else ""


def _lines(path: Path | str, source: str | None) -> list[str] | None:
    """The TOML file's lines: of ``source`` when given, else read from ``path``; None when unreadable."""
    lines = source_lines(without_bom(source), lone_cr=False) if source is not None else toml_file_lines(path)
    return None if lines is None else lines or [""]


def _key_at(lines: list[str], line: int) -> tuple[str, int] | None:
    """The key assigned on ``line`` (1-based) of ``lines`` and its 1-based column, or None."""
    found = re.match(r"\s*([A-Za-z0-9_.\"' -]+?)\s*=", lines[line - 1]) if 0 < line <= len(lines) else None
    return (found.group(1).strip(), found.start(1) + 1) if found else None


def _end_of_document(lines: list[str]) -> tuple[int, int, bool]:
    """Where an error at the end of a TOML file (``lines``) is shown, and whether a list is
    still open there: the ``[`` of the outermost list open when the file ends, else the end
    of the last line."""
    opened: list[tuple[int, int]] = []  # (line, column) of each "[" of a value still open
    for number, text in enumerate(lines, start=1):
        if not opened and re.match(r"\s*\[", text):
            continue  # a [table] or [[array]] header
        quote, escaped = None, False
        for column, char in enumerate(text, start=1):
            if quote:
                if escaped:
                    escaped = False
                elif char == "\\" and quote == '"':  # an escape in a basic string
                    escaped = True
                elif char == quote:
                    quote = None
            elif char in "\"'":
                quote = char
            elif char == "#":
                break
            elif char == "[":
                opened.append((number, column))
            elif char == "]" and opened:
                opened.pop()
    if opened:
        return *opened[0], True
    last = max((number for number, text in enumerate(lines, start=1) if text.strip()), default=1)
    return last, len(lines[last - 1]) + 1, False


#: A ``[table]`` or ``[[array]]`` header: its brackets and its (dotted) name.
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
#: One part of a dotted key: bare, "basic" or 'literal' (TOML 1.0, Keys).
_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_KEY = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")


def _dotted(key: str) -> tuple[str, ...]:
    """The parts of a dotted key or table name as written (``tool."resume-builder".targets``),
    quotes taken off."""
    return tuple(part[1:-1] if part[:1] in "\"'" else part for part in re.findall(_PART, key))


def _places(lines: list[str]) -> list[tuple[tuple[Any, ...], int, bool, int, int]]:
    """Where each key and table of ``lines`` (a TOML file) is written: (its path as pydantic
    gives a ``loc``, an ``[[array]]``'s entries numbered from 0; its 1-based line; whether
    it is a header; the 1-based column of the key or of the header's ``[``; the column of
    the value after ``=``, a header's own)."""
    places: list[tuple[tuple[Any, ...], int, bool, int, int]] = []
    entries: dict[tuple[str, ...], int] = {}  # each [[array]] written so far: its last entry
    table: tuple[Any, ...] = ()

    def resolved(names: tuple[str, ...]) -> tuple[Any, ...]:  # [a.b] after [[a]]: b of a's last entry
        path: tuple[Any, ...] = ()
        for end in range(1, len(names) + 1):
            path += (names[end - 1],)
            if names[:end] in entries:
                path += (entries[names[:end]],)
        return path

    for number, text in enumerate(lines, start=1):
        header = _HEADER.match(text)
        if header:
            names = _dotted(header.group(2))
            if not names:
                continue
            table = resolved(names[:-1]) + (names[-1],)
            if header.group(1) == "[[":
                entries[names] = entries.get(names, -1) + 1
                table += (entries[names],)
            places.append((table, number, True, header.start(1) + 1, header.start(1) + 1))
            continue
        key = _KEY.match(text)
        if key:
            value = key.end() + len(text[key.end():]) - len(text[key.end():].lstrip(" \t"))
            places.append((table + _dotted(key.group(1)), number, False, key.start(1) + 1, value + 1))
    return places


def toml_line(lines: list[str], loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of ``lines`` (a TOML file) where ``loc`` is written: the key, a
    ``[table]`` or the n-th ``[[array]]`` header (an array's name alone: its first header),
    else the nearest of them that holds it (the key of an inline table or list, the header
    of a table a key is missing from); None when nothing of it is written there."""
    place = toml_place(lines, loc, at_value=False)
    return place[0] if place else None


def toml_place(lines: list[str], loc: tuple[Any, ...], *, at_value: bool = True) -> tuple[int, int] | None:
    """The 1-based line and column of ``lines`` (a TOML file) where ``loc`` is written, found
    as :func:`toml_line` finds its line. The column is its value's (``at_value``: the first
    character after ``=``; an item of a list, ``formats[1]``, its own, also on a later line of
    the list), else its key's (an unknown key); a table's, its header's ``[``. None when
    nothing of it is written there. (Every build-file error was at column 1.)"""
    best: tuple[int, tuple[Any, ...], int, bool, int, int] | None = None  # the longest match, then the first
    for path, number, is_header, key_column, value_column in _places(lines):
        named = [path, path[:-1]] if is_header and path and isinstance(path[-1], int) else [path]
        for written in named:
            if written and loc[:len(written)] == written and (best is None or len(written) > best[0]):
                best = (len(written), path, number, is_header, key_column, value_column)
    if best is None:
        return None
    length, _, number, is_header, key_column, value_column = best
    if is_header or not at_value:
        return number, key_column
    rest = loc[length:]
    if rest and isinstance(rest[0], int):  # an item of the list written here
        item = _item(lines, number, value_column, rest[0])
        if item is not None:
            return item
    return number, value_column


def _item(lines: list[str], line: int, column: int, index: int) -> tuple[int, int] | None:
    """Where item ``index`` of the list that opens at ``line``, ``column`` (1-based) begins
    (the list may go on over later lines, with comments), or None when the value there is not
    a list or has no such item."""
    if not lines[line - 1][column - 1:column].startswith("["):
        return None
    depth, count, quote, escaped = 0, -1, None, False
    waiting = False  # after "[" or ",": the next character that is not blank starts an item
    for number in range(line, len(lines) + 1):
        text = lines[number - 1]
        for position in range(column - 1 if number == line else 0, len(text)):
            char = text[position]
            if quote:
                if escaped:
                    escaped = False
                elif char == "\\" and quote == '"':
                    escaped = True
                elif char == quote:
                    quote = None
                continue
            if char == "#":
                break
            if waiting and depth == 1 and not char.isspace() and char not in ",]":
                count += 1
                waiting = False
                if count == index:
                    return number, position + 1
            if char in "\"'":
                quote = char
            elif char in "[{":
                depth += 1
                if depth == 1:
                    waiting = True
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return None
            elif char == "," and depth == 1:
                waiting = True
    return None


def toml_location(path: Path | str, loc: tuple[Any, ...], *, at_value: bool = True) -> Location:
    """``path`` at the line and column where ``loc`` is written (:func:`toml_place`); no
    line when the file cannot be read or ``loc`` is not written the simple way."""
    lines = toml_file_lines(path)
    place = toml_place(lines, loc, at_value=at_value) if lines is not None else None
    return Location(str(path), *place) if place else Location(str(path))
