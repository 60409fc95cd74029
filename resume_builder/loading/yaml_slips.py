"""Find the typing slip behind a YAML syntax error, even when the parser notices it lines later.

A YAML parser reports where its grammar broke, which is often not where the person slipped:

- an unclosed quote: a quoted text may legally go on over several lines, so the parser reads
  on to the next quote character in the file (maybe 170 lines further, in a comment) and fails
  there;
- a missing space after ``:`` (``position:Platform Engineer``): YAML reads one word, and the
  parser fails on the next line, where a key appears inside that word's continuation;
- a missing space after ``-`` (``-Promote …``): YAML reads more text of the item above, and the
  parser fails at the next line that cannot continue it;
- a missing colon after a key (``location Zaragoza`` among the keys of a mapping): YAML reads a
  text where a key belongs, and the parser fails at the next key, or at the next line less
  indented when it was the mapping's last line. Only a line whose first word is the name of a
  field (of any model of :mod:`resume_builder.schema`, or close to one) and that lines up with
  the keys above it is taken for one: a line of text that goes on at the level of the keys is not.

:func:`find_slip` lists the lines at or above the parser's error that hold one of these slips,
nearest first, repairs each in turn (closes the quote at the end of its line, inserts the
missing space) and parses the repaired text again. A repair that lets the parser get past the
line of the original error (or parse the whole file) confirms the slip: no guess about
indentation or layout is needed, so the rule holds for any line of any profile.

Returns ``(line, column, message, hint)`` with a 0-based line and column (the opening quote,
the colon, the dash, or where the missing colon belongs), or ``None`` when no single repair
explains the error.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["find_slip", "first_parse_error_line"]

#: Repairs tried at most (each is one parse of the file).
MAX_TRIES = 16
#: Characters parsed at most in all the repairs of one error, per parser: about a second with
#: either (the C parser reads some 14 MB/s, the pure-Python one under 2 MB/s; measured on the
#: example profile), so a huge broken file keeps the plain error without the wait.
BUDGET = {"C": 12_000_000, "pure": 1_500_000}

# A value that starts with a quote: after the indentation, list dashes and an optional plain key.
_QUOTED_VALUE = re.compile(r"""^(?P<head>[ ]*(?:-[ ]+)*(?:[^\s#'"\-?:][^:#]*?:[ ]+)?)(?P<quote>["'])""")
# 'position:Platform Engineer': a word key, a colon and no space (the value is not '//' of a URL).
_NO_SPACE_COLON = re.compile(r"^(?P<head>[ ]*(?:-[ ]+)*)(?P<key>[A-Za-z_][\w.-]*):(?P<value>[^\s:/#].*?)\s*$")
# '-Promote …': a list dash followed by text with no space between.
_NO_SPACE_DASH = re.compile(r"^(?P<head>[ ]*(?:-[ ]+)*)-(?P<value>[^\s\-].*?)\s*$")
# 'location Zaragoza': a word, spaces and a value, with no ': ' anywhere (not a key, not a list item).
_NO_COLON = re.compile(r"^(?P<head>[ ]*)(?P<key>[A-Za-z_][\w-]*)(?P<gap>[ ]+)(?P<value>[^\s#:].*?)\s*$")
# A key at the start of a line: indentation, list dashes, a plain word key and ':'.
_KEY_AT = re.compile(r"^(?P<head>[ ]*(?:-[ ]+)*)[^\s#'\"\-?:][^:#]*?:(?:[ ]|$)")
# A block scalar header at the end of a line: 'summary: |', '- >-', 'text: |2+'.
_BLOCK_HEADER = re.compile(r"(?:^|[ :])[|>][-+0-9]*\s*(?:#.*)?$")


def _short(text: str, limit: int = 40) -> str:
    """``text``, or its first words up to ``limit`` characters and '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut[: cut.rfind(" ")] if " " in cut[limit // 2:] else cut).rstrip(" ,;:") + "…"


def _closes(body: str, quote: str) -> bool:
    """Whether the quoted text starting right after ``quote`` closes within ``body``."""
    index = 0
    while index < len(body):
        char = body[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and body[index + 1: index + 2] == "'":
                index += 2
                continue
            return True
        index += 1
    return False


@lru_cache(maxsize=1)
def field_names() -> frozenset[str]:
    """The name of every field of every model of the inputs written in YAML: a profile (with its
    variants and letters), a variant file, a letter, a job posting."""
    import typing

    from pydantic import BaseModel

    from resume_builder.schema import Profile, VariantFile
    from resume_builder.schema.letter import LetterFile
    from resume_builder.schema.posting import JobPosting

    names: set[str] = set()
    seen: set[type] = set()

    def walk(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                return
            seen.add(annotation)
            for name, info in annotation.model_fields.items():
                names.add(info.alias or name)
                walk(info.annotation)
            return
        for arg in typing.get_args(annotation):
            walk(arg)

    for model in (Profile, VariantFile, LetterFile, JobPosting):
        walk(model)
    return frozenset(name for name in names if re.fullmatch(r"[a-z_][a-z0-9_]*", name))


def _field_meant(word: str) -> str | None:
    """The field name ``word`` is, or is a close typo of (one edit in a longer name), else None."""
    import difflib

    names = field_names()
    if word in names:
        return word
    if len(word) < 4:
        return None
    close = difflib.get_close_matches(word.lower(), names, n=1, cutoff=0.85)
    return close[0] if close else None


def _keys_line_up(lines: list[str], plain: list[bool], index: int, indent: int) -> bool:
    """Whether the line above ``index`` that is not deeper than ``indent`` holds a key at
    ``indent`` (a sibling key, or the first key of the same list item: ``- language: X``)."""
    for above in range(index - 1, -1, -1):
        if not plain[above]:
            continue
        line = lines[above]
        if len(line) - len(line.lstrip(" ")) > indent:
            continue
        key = _KEY_AT.match(line)
        return key is not None and key.end("head") == indent
    return False


def _plain_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it is outside a block scalar's content and not a comment."""
    out: list[bool] = []
    block_indent: int | None = None
    for line in lines:
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped.strip() or indent > block_indent:
                out.append(False)
                continue
            block_indent = None
        out.append(bool(stripped.strip()) and not stripped.startswith("#"))
        if _BLOCK_HEADER.search(line) and not _QUOTED_VALUE.match(line):
            block_indent = indent
    return out


def _candidates(lines: list[str], last: int) -> list[tuple[int, str, int, str]]:
    """Slips on lines ``0..last``, nearest to ``last`` first: (line, kind, column, repaired line)."""
    found: list[tuple[int, str, int, str]] = []
    plain = _plain_lines(lines)
    for index in range(min(last, len(lines) - 1), -1, -1):
        if not plain[index]:
            continue
        line = lines[index]
        quoted = _QUOTED_VALUE.match(line)
        if quoted and not _closes(line[quoted.end():], quoted.group("quote")):
            body = line.rstrip()
            if quoted.group("quote") == '"' and (len(body) - len(body.rstrip("\\"))) % 2:
                body += "\\"  # a trailing backslash would escape the added quote
            found.append((index, "quote", quoted.start("quote"), body + quoted.group("quote")))
            continue
        colon = _NO_SPACE_COLON.match(line)
        if colon:
            at = colon.end("key")
            found.append((index, "colon", at, line[: at + 1] + " " + line[at + 1:]))
            continue
        dash = _NO_SPACE_DASH.match(line)
        if dash:
            at = dash.end("head")
            found.append((index, "dash", at, line[: at + 1] + " " + line[at + 1:]))
            continue
        bare = _NO_COLON.match(line)
        if bare and not re.search(r":(?:[ ]|$)", line) and _field_meant(bare.group("key")) \
                and _keys_line_up(lines, plain, index, bare.end("head")):
            at = bare.end("key")
            found.append((index, "nocolon", at, line[:at] + ":" + line[at:]))
    return found


def _parsers() -> list[tuple[str, Any]]:
    """YAML event parsers to check syntax with, fastest first: ruamel.yaml's C parser (libyaml,
    about a millisecond for the example profile) when installed, then its pure-Python parser."""
    from ruamel.yaml import YAML

    out = []
    try:
        import _ruamel_yaml  # noqa: F401  (the C extension)

        out.append(("C", YAML(typ="safe")))
    except ImportError:
        pass
    out.append(("pure", YAML(typ="safe", pure=True)))
    return out


def first_parse_error_line(text: str, parser: Any = None) -> int | None:
    """The 0-based line where a YAML parser (``parser``, a ruamel.yaml ``YAML``; by default the
    pure-Python one) first fails on ``text``, or None when the whole text parses.

    Only syntax is checked (the event stream); anchors, aliases and types are not resolved."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    parser = parser or YAML(typ="safe", pure=True)
    try:
        for _ in parser.parse(text):
            pass
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark.line if mark is not None else 0
    except Exception:  # noqa: BLE001  (any other failure: no place to compare, so no repair is confirmed)
        return -1
    return None


def find_slip(text: str, error_line: int, parser_problem: str = "") -> tuple[int, int, str, str] | None:
    """The slip behind a parser error at 0-based ``error_line`` of ``text``, or None.

    Each repair is checked with the same parser that first failed on ``text`` (the C parser
    when it is installed and also fails, else the pure-Python one). ``parser_problem`` is the
    parser's own problem text ('found unexpected end of stream' ...), used only to word the
    message."""
    from resume_builder.loading.yaml_errors import LINE_BREAK

    lines = LINE_BREAK.split(text)  # the parser's lines (a repair is parsed joined by line feeds)
    for name, parser in _parsers():
        tries = min(MAX_TRIES, BUDGET[name] // max(len(text), 1))
        if tries < 1:
            continue
        failed_at = first_parse_error_line(text, parser)
        if failed_at is None or failed_at < 0:
            continue
        for index, kind, column, repaired in _candidates(lines, max(error_line, failed_at)):
            if tries < 1:
                break
            tries -= 1
            after = first_parse_error_line("\n".join(lines[:index] + [repaired] + lines[index + 1:]), parser)
            if after is None or after > failed_at:
                return _describe(lines[index], index, kind, column, error_line, parser_problem)
        # No repair confirmed: the next parser tries. libyaml (YAML 1.1) fails before the loader on
        # what YAML 1.2 allows, a ':' in a plain scalar of a flow mapping ({url: https://...}), and
        # judged every repair further down by that failure (fresh trial); the pure-Python parser,
        # the loader's own, does not.
    return None


def _describe(line: str, index: int, kind: str, column: int, error_line: int,
              parser_problem: str) -> tuple[int, int, str, str]:
    if kind == "quote":
        quote = line[column]
        inside = "write \\\" for a \" inside the text" if quote == '"' else "write '' for a ' inside the text"
        message = f"the quote {quote} that opens this text is never closed"
        if error_line != index and "end of stream" not in parser_problem:
            message += (f"; a quoted text may go on over several lines, so the parser noticed only at line "
                        f"{error_line + 1}")
        return index, column, message, f"add the closing {quote} at the end of the text; {inside}"
    if kind == "colon":
        match = _NO_SPACE_COLON.match(line)
        assert match is not None
        key, value = match.group("key"), match.group("value")
        return (index, column, f"'{key}:{_short(value)}' has no space after the ':', so YAML reads it as text, "
                               "not as a key", f"write '{key}: {_short(value)}'")
    if kind == "nocolon":
        match = _NO_COLON.match(line)
        assert match is not None
        key, value = match.group("key"), match.group("value")
        meant = _field_meant(key) or key
        return (index, column, f"'{key} {_short(value)}' has no colon after '{key}', so YAML does not read it "
                               "as a key", f"write '{meant}: {_short(value)}'")
    match = _NO_SPACE_DASH.match(line)
    assert match is not None
    value = match.group("value")
    return (index, column, "there is no space after this '-', so YAML does not read the line as a new list item",
            f"a list item needs a space after the '-': write '- {_short(value)}'")
