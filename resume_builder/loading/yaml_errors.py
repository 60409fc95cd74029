"""YAML syntax errors in plain words.

The YAML parser (ruamel.yaml) reports what its grammar expected, e.g. ``expected <block end>,
but found '<block mapping start>'`` or ``found undefined alias '*Kubernetes**:'``. A person
needs to hear what they typed wrong and how to fix it. :func:`explain` looks at the parser's
error and at the source line it points to, recognises the common mistakes, and returns one
:class:`~resume_builder.errors.Problem`:

- the place of the mistake (1-based line:column, which may differ from the parser's mark:
  an unclosed quote is reported where it opens, a missing space after ``:`` on the line
  where it is missing);
- what is wrong and how to fix it;
- an excerpt: the offending line, a caret under the column, and the parser's own message.

Recognised (the golden file ``tests/golden/yaml-syntax-errors.txt`` holds one of each):
a tab in the indentation; a value starting with ``*  &  !  @  `  %  {  [`` that is not
quoted; ``key: value: more``; an unclosed quote; a line indented more or less than its
neighbours; a list item at the wrong level; a missing space after ``-`` or ``:``; text after
a closing quote. A byte-order mark inside the file and a UTF-16 file are reported before
parsing (:func:`stray_bom`, :func:`utf16_bom`). Anything else keeps a generic plain message
with the parser's words beneath it.

A line indented one level too far left or right is often noticed by the parser on another
line too: :func:`resume_builder.loading.yaml_levels.misplaced_line` names the line that moved and
the level of its siblings (the keys before and after it in the same mapping, the items of the
same list), confirmed by parsing the file again with the line put there.

An unclosed quote and a missing space after ``:`` or ``-`` are often noticed by the parser
lines later; :func:`resume_builder.loading.yaml_slips.find_slip` finds the line where they were
typed (by repairing each suspect line and parsing again) before the rules above look at the
parser's own line.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from resume_builder.errors import Location, Problem

__all__ = ["explain", "excerpt", "stray_bom", "utf16_bom", "list_text_hint", "mapping_text_hint", "source_lines",
           "line_and_column", "LINE_BREAK"]

#: What ends a line of YAML (1.2 §5.4), as its parser counts lines: a line feed, a carriage
#: return and line feed, or a carriage return alone. Not the other breaks ``str.splitlines()``
#: knows (NEL U+0085, U+2028, U+2029, VT, FF and FS, GS, RS U+001C-U+001E), which are
#: characters of a line here: splitting there too quoted another line than the one a message
#: names.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: What ends a line of JSON or TOML, as their parsers count lines: a line feed, after a
#: carriage return or not (a carriage return alone is whitespace in JSON, a mistake in TOML).
LF_LINE_BREAK = re.compile(r"\r?\n")

#: Characters that give a plain YAML value another meaning when it starts with them
#: (YAML 1.2 spec, §5.3 "Indicator Characters"), with what YAML reads them as.
INDICATORS = {
    "*": "an alias (a reference to an '&name' anchor)",
    "&": "an anchor (a name given to a value for reuse)",
    "!": "a tag (a type written before a value)",
    "@": "a reserved character",
    "`": "a reserved character",
    "%": "a directive",
    "{": "the start of a mapping written {key: value}",
    "[": "the start of a list written [a, b, c]",
}

# indentation, list dashes, an optional plain or quoted key and ': ', then the value.
_LINE = re.compile(
    r"""^(?P<indent>[ \t]*)
        (?P<dashes>(?:-[ \t]+)*)
        (?:(?P<key>[^\s#'"*&!@`%{}\[\]|>,-][^:#]*?|"[^"]*"|'[^']*'):(?:[ \t]+|$))?
        (?P<value>.*?)\s*$""",
    re.VERBOSE,
)
# 'name:Ada': a key with no space after its colon (the value is a URL-free word).
_NO_SPACE_COLON = re.compile(r"^(?P<indent>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z_][\w.-]*):(?P<value>[^\s:/][^\n]*)$")
# '-item': a list dash with no space after it.
_NO_SPACE_DASH = re.compile(r"^(?P<indent>[ \t]*)-(?P<value>[^\s-][^\n]*)$")


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _visible(text: str) -> str:
    """``text`` with invisible characters drawn: tab →, byte-order mark ◆, C0 controls and
    DEL as their Unicode Control Pictures (U+2400 block), other C1 controls as ¿."""
    text = text.replace("\t", "→").replace("\ufeff", "◆")
    return "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 else "␡" if c == "\x7f" else "¿" if 0x80 <= ord(c) <= 0x9f
                   else c for c in text)


def source_lines(text: str, *, lone_cr: bool = True) -> list[str]:
    """``text`` split into lines as its parser counts them (YAML's :data:`LINE_BREAK`, or with
    ``lone_cr=False`` JSON's and TOML's :data:`LF_LINE_BREAK`), without their line breaks: the
    i-th item is the parser's line i + 1. As ``str.splitlines()``, no empty line follows a
    final line break, and '' has no lines."""
    lines = (LINE_BREAK if lone_cr else LF_LINE_BREAK).split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def line_and_column(text: str, index: int, *, lone_cr: bool = True) -> tuple[int, int]:
    """The 0-based line and column (in characters) of ``text[index]``, lines counted as
    :func:`source_lines` counts them."""
    head = text[:index]
    if head.endswith("\r") and text[index:index + 1] == "\n":  # inside a CR LF: the CR's line
        head = head[:-1]
    line = start = 0
    for found in (LINE_BREAK if lone_cr else LF_LINE_BREAK).finditer(head):
        line, start = line + 1, found.end()
    return line, index - start


#: The most characters of a source line an excerpt quotes; a longer line is cut around the
#: caret's column, an ellipsis marking each cut.
EXCERPT_WIDTH = 100


def excerpt(text: str, line: int, column: int, parser_message: str = "", *, lone_cr: bool = True) -> str:
    """The source line ``line`` (0-based, as :func:`source_lines` counts lines; ``lone_cr``:
    see there) quoted, a caret under ``column`` (0-based), and the parser's message; lines
    are indented so they read as part of the error above them. Tabs show as '→' and a
    byte-order mark as '◆', so the caret stays under the right column. A line longer than
    :data:`EXCERPT_WIDTH` characters is quoted around the column only."""
    lines = source_lines(text, lone_cr=lone_cr) or [""]
    line = min(max(line, 0), len(lines) - 1)
    source = lines[line]
    column = min(max(column, 0), len(source))
    number = str(line + 1)
    gutter = " " * (len(number) + 3)
    head, tail = "", ""
    if len(source) > EXCERPT_WIDTH:  # a minified JSON file is one line: quote the part around the column
        start = max(0, min(column - EXCERPT_WIDTH // 3, len(source) - EXCERPT_WIDTH))
        head, tail = ("…" if start else ""), ("…" if start + EXCERPT_WIDTH < len(source) else "")
        source, column = source[start:start + EXCERPT_WIDTH], column - start
    out = [f"  {number} | {head}{_visible(source)}{tail}",
           f"{gutter}| {' ' * (len(head) + _width(_visible(source[:column])))}^"]
    if parser_message:
        out.append(f"{gutter}YAML parser: {parser_message}")
    return "\n".join(out)


def _quoted(value: str) -> str:
    """``value`` as a YAML quoted scalar: double quotes unless it holds '"' or '\\'."""
    if '"' in value or "\\" in value:
        return "'" + value.replace("'", "''") + "'"
    return f'"{value}"'


def _suggest_quotes(match: re.Match[str]) -> str:
    key = match.group("key")
    if key and match.group("dashes") and not re.fullmatch(r"[a-z_][a-z0-9_]*", key):
        # A list item "- Led migration: moved 400 apps": a text (field names are lowercase
        # words joined by '_'), so the whole item goes in quotes, its first ': ' included.
        whole = f"{key}: {match.group('value')}"
        return f"put the whole text in quotes: {match.group('dashes')}{_quoted(whole)}"
    head = match.group("dashes") + (f"{key}: " if key else "")
    return f"put the whole text in quotes: {head}{_quoted(match.group('value'))}"


def _parser_message(exc: Any) -> str:
    parts = [str(p).strip() for p in (getattr(exc, "context", None), getattr(exc, "problem", None)) if p]
    return ": ".join(parts) or str(exc).strip().splitlines()[0]


def _content_lines(lines: list[str], before: int) -> list[int]:
    """Indices of the non-blank, non-comment lines above ``before``, nearest first."""
    return [i for i in range(min(before, len(lines)) - 1, -1, -1)
            if lines[i].strip() and not lines[i].lstrip().startswith("#")]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(n: int) -> str:
    return f"{n} space{'s' if n != 1 else ''}"


def _first_word(line: str) -> str:
    stripped = line.strip()
    match = _LINE.match(line)
    if match and match.group("key"):
        return f"'{match.group('dashes')}{match.group('key')}:'"
    return f"'{stripped[:20]}'"


def _mark(exc: Any, name: str) -> tuple[int, int] | None:
    mark = getattr(exc, name, None)
    return (mark.line, mark.column) if mark is not None else None


def explain(exc: Any, text: str, file: str, judge: Any = None) -> Problem:
    """A plain-words :class:`Problem` for a ruamel.yaml ``MarkedYAMLError`` in ``text``.

    ``judge``: for a file whose schema is known (a profile), how many problems a text has;
    it tells apart two re-indentations that YAML reads equally well
    (:func:`resume_builder.loading.yaml_levels.misplaced_line`)."""
    lines = source_lines(text) or [""]
    parser = _parser_message(exc)
    problem = _mark(exc, "problem_mark") or _mark(exc, "context_mark") or (0, 0)
    context = _mark(exc, "context_mark")
    found = _diagnose_first(exc, lines, problem, context)
    if found is None and _is_syntax_error(exc):
        from resume_builder.loading.yaml_slips import find_slip

        found = find_slip(text, problem[0], str(getattr(exc, "problem", "") or ""))
    if found is None:
        found = _diagnose(exc, lines, problem, context, judge)
    if found is None:
        line, col = problem
        found = (line, col, "this is not valid YAML",
                 "look for a missing or extra quote, a stray character or a wrong indentation on this line "
                 "or the one above")
    line, col, message, hint = found
    line = min(max(line, 0), len(lines) - 1)
    return Problem(f"YAML syntax error: {message}", Location(file, line + 1, col + 1), hint=hint,
                   excerpt=excerpt(text, line, col, parser))


def _is_syntax_error(exc: Any) -> bool:
    """Whether ``exc`` comes from the scanner or parser (not from resolving anchors or types)."""
    return type(exc).__name__ in ("ScannerError", "ParserError")


# The escapes of YAML 1.2 double-quoted scalars (§5.7) and how many hexadecimal digits follow.
_ESCAPES = {**dict.fromkeys("0abtnvfre \"/\\N_LP\t\n", 0), "x": 2, "u": 4, "U": 8}


def _bad_escape(line: str, quote: int) -> int | None:
    """The column of the first backslash in the double-quoted text opening at ``line[quote]``
    that starts no escape YAML knows, or None."""
    i = quote + 1
    while i < len(line) and line[i] != '"':
        if line[i] == "\\":
            char = line[i + 1:i + 2]
            digits = _ESCAPES.get(char)
            if digits is None or not re.fullmatch(rf"[0-9A-Fa-f]{{{digits}}}", line[i + 2:i + 2 + digits]):
                return i
            i += 2 + digits
            continue
        i += 1
    return None


def _diagnose_first(exc: Any, lines: list[str], problem: tuple[int, int],
                    context: tuple[int, int] | None) -> tuple[int, int, str, str] | None:
    """Mistakes the parser reports on their own line: a tab in the indentation, a second document."""
    problem_text = str(getattr(exc, "problem", "") or "")
    context_text = str(getattr(exc, "context", "") or "")
    if "expected a single document" in context_text + problem_text:
        return _diagnose(exc, lines, problem, context)
    for index in ([min(problem[0], len(lines) - 1)] + ([context[0]] if context else [])):
        if index < len(lines) and "\t" in lines[index][: len(lines[index]) - len(lines[index].lstrip(" \t"))]:
            return _diagnose(exc, lines, problem, context)
    return None


def _diagnose(exc: Any, lines: list[str], problem: tuple[int, int],
              context: tuple[int, int] | None, judge: Any = None) -> tuple[int, int, str, str] | None:
    problem_text = str(getattr(exc, "problem", "") or "")
    context_text = str(getattr(exc, "context", "") or "")
    pline = min(problem[0], len(lines) - 1)

    # A second document: '---' (or '...' then more) after the first one (YAML 1.2 §9.2).
    if "expected a single document" in context_text + problem_text:
        return (pline, problem[1], "the file holds a second YAML document from this line on; a profile is one "
                                   "document",
                ("delete this '---' line and what follows it" if lines[pline].startswith("---") else
                 "delete the '...' line above and what follows it") + ", or merge the two parts into one document")

    # A tab in the indentation (YAML 1.2 §6.1: indentation is spaces only).
    for index in ([pline] + ([context[0]] if context else [])):
        if index < len(lines):
            lead = lines[index][: len(lines[index]) - len(lines[index].lstrip(" \t"))]
            if "\t" in lead:
                return (index, lead.index("\t"), "a tab is used to indent this line; YAML indents with spaces only",
                        "replace the tab with spaces, as many as the lines around it use")
    if "'\\t'" in problem_text:
        col = lines[pline].find("\t", max(problem[1] - 1, 0))
        return (pline, max(col, 0), "a tab character is not allowed here",
                "replace it with spaces")

    # A backslash in double quotes that starts no escape (YAML 1.2 §5.7): a Windows path
    # ("C:\Users\me.jpg": '\U' wants eight hexadecimal digits, '\d' is no escape at all).
    if "double-quoted scalar" in context_text and "escape" in problem_text and context is not None:
        line, col = context
        bad = _bad_escape(lines[line], col)
        if bad is not None:
            text = lines[line][col:]
            closing = text.find('"', 1)
            value = text[1:closing] if closing > 0 else text[1:]
            single = "'" + value.replace("'", "''") + "'"
            slashed = value.replace("\\", "/")
            return (line, bad, "a backslash in double quotes starts an escape (\\n, \\t, \\u00e9...), and "
                               f"'\\{lines[line][bad + 1:bad + 2]}' is not one",
                    f"write the text in single quotes, where a backslash is a backslash: {single}; or a path "
                    f"with '/' instead: \"{slashed}\"")

    # An unclosed quote: reported where it opens.
    if "quoted scalar" in context_text and context is not None:
        line, col = context
        quote = lines[line][col] if col < len(lines[line]) else '"'
        inside = "write \\\" for a \" inside the text" if quote == '"' else "write '' for a ' inside the text"
        return (line, col, f"the quote {quote} that opens this text is never closed",
                f"add the closing {quote} at the end of the text; {inside}")

    # A value starting with an indicator character, on the line the parser stopped at or
    # where the construct it was reading started (an unclosed '{' is noticed lines later).
    for line, col in [problem] + ([context] if context else []):
        if line >= len(lines):
            continue
        match = _LINE.match(lines[line])
        value = match.group("value") if match else ""
        if value[:1] in INDICATORS:
            start = match.start("value")
            char = value[0]
            closed = _closed_flow(value)
            if char in "{[" and closed and closed < len(value):
                what = "mapping" if char == "{" else "list"
                return (line, start, f"the text starts with '{char}', which YAML reads as {INDICATORS[char]}; "
                                     f"here the {what} ends at '{value[closed - 1]}' and more text follows",
                        _suggest_quotes(match))
            if "undefined alias" in problem_text or char not in "{[" or not closed:
                extra = ""
                if char in "{[":
                    extra = f"; if you meant a {'mapping' if char == '{' else 'list'}, close it with " \
                            f"'{'}' if char == '{' else ']'}' on this line"
                return (line, start, f"the text starts with '{char}', which YAML reads as {INDICATORS[char]}",
                        _suggest_quotes(match) + extra)

    # 'mapping values are not allowed here': a ': ' where YAML cannot start a key.
    if "mapping values are not allowed" in problem_text:
        line, col = pline, problem[1]
        above = _content_lines(lines, line)
        if above:
            previous = lines[above[0]]
            nospace = _NO_SPACE_COLON.match(previous)
            if nospace and _indent(previous) <= _indent(lines[line]):
                key, value = nospace.group("key"), nospace.group("value")
                return (above[0], nospace.end("key"),
                        f"'{key}:{value}' has no space after the ':', so YAML reads it as text, not as a key",
                        f"write '{key}: {value}'")
        match = _LINE.match(lines[line])
        if match and match.group("key") and match.end("key") < col:
            return (line, col, "this text contains ': ' (a colon and a space), which YAML reads as the start "
                               "of another key", _suggest_quotes(match))
        from resume_builder.loading.yaml_levels import misplaced_line

        moved = misplaced_line("\n".join(lines), lines, line, judge)
        if moved is not None:
            return moved
        if above:
            previous = lines[above[0]]
            here, there = _indent(lines[line]), _indent(previous)
            if here > there:
                return (line, here, f"this line is indented more than {_first_word(previous)} on line "
                                    f"{above[0] + 1} ({_spaces(here)} instead of {there}), so YAML reads it "
                                    "as more text of the value above",
                        f"indent it by {_spaces(there)}, like {_first_word(previous)}, if it is a key "
                        "of the same mapping")
        return (line, col, "this line has a 'key:' where YAML does not expect one",
                "check the indentation of this line and the one above")

    # The file's first key indented, the ones after it not: the parser expects a second document.
    if problem_text.startswith("expected '<document start>'"):
        from resume_builder.loading.yaml_levels import misplaced_line

        moved = misplaced_line("\n".join(lines), lines, pline, judge)
        if moved is not None:
            return moved

    # A line at an indentation that matches no level above it.
    if problem_text.startswith("expected <block end>") or "expected <block mapping start>" in problem_text:
        line = pline
        source = lines[line] if line < len(lines) else ""
        here = _indent(source)
        stripped = source.lstrip()
        match = _LINE.match(source)
        value = match.group("value") if match else ""
        if "'<scalar>'" in problem_text and value[:1] in "\"'" and value.find(value[0], 1) != -1:
            close = match.start("value") + value.find(value[0], 1)
            text = value.rstrip()
            if len(text) > 1 and text[-1] == value[0]:  # a quote inside the quoted text ended it early
                inner = text[1:-1]
                if value[0] == "'":
                    fixed = "'" + inner.replace("'", "''") + "'"
                    hint = f"inside single quotes write a ' twice: {fixed}"
                else:
                    fixed = '"' + inner.replace('\\', '\\\\').replace('"', '\\"') + '"'
                    hint = f'inside double quotes write \\" for a quote: {fixed}'
                return (line, close, f"the {'single' if value[0] == chr(39) else 'double'} quote here ends "
                                         "the quoted text early: the rest of the line is left over", hint)
            return (line, close + 1, "there is more text after the closing quote",
                    "put the whole text inside the quotes")
        from resume_builder.loading.yaml_levels import misplaced_line

        moved = misplaced_line("\n".join(lines), lines, line, judge)
        if moved is not None:
            return moved
        levels = _levels(lines, line)
        if stripped.startswith("-"):
            items = [i for i in _content_lines(lines, line) if lines[i].lstrip().startswith("- ")
                     or lines[i].lstrip() == "-"]
            sibling = next((i for i in items if _indent(lines[i]) != here), None)
            if sibling is not None:
                there = _indent(lines[sibling])
                return (line, here, f"this list item is indented by {_spaces(here)}, but the item on line "
                                    f"{sibling + 1} above it is indented by {_spaces(there)}",
                        "line up its '-' with the other items of the same list")
            return (line, here, "this list item is at the wrong level of indentation",
                    "indent it under the key the list belongs to, like any other item of that list")
        if levels:
            described = " or ".join(f"{_spaces(n)} ({_first_word(lines[i])}, line {i + 1})" for n, i in levels[:2])
            return (line, here, f"this line is indented by {_spaces(here)}, which matches no level above it",
                    f"indent it like the line it belongs with: {described}")
    return None


def _closed_flow(value: str) -> int:
    """Where a '{...}' or '[...]' value closes its brackets (index after the closer), or 0."""
    depth = 0
    quote = ""
    for index, char in enumerate(value):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return index + 1
    return 0


def _levels(lines: list[str], line: int) -> list[tuple[int, int]]:
    """The indentation levels open above ``line``: (indent, line index), innermost first."""
    out: list[tuple[int, int]] = []
    for index in _content_lines(lines, line):
        indent = _indent(lines[index])
        if not out or indent < out[-1][0]:
            out.append((indent, index))
        if indent == 0:
            break
    return out


def stray_bom(text: str, file: str) -> Problem | None:
    """A byte-order mark (U+FEFF) inside the text (one at the very start is dropped on reading).

    It is invisible in most editors and usually arrives by pasting from a file saved by
    another program; YAML reads it as part of a key or value."""
    index = text.find("\ufeff")
    if index < 0:
        return None
    line, col = line_and_column(text, index)
    return Problem("an invisible byte-order mark (U+FEFF, shown as ◆) is in the text",
                   Location(file, line + 1, col + 1),
                   hint="delete it: retype the start of this line, or save the file as UTF-8 without BOM",
                   excerpt=excerpt(text, line, col))


def utf16_bom(raw: bytes) -> str | None:
    """'UTF-16' when ``raw`` starts with a UTF-16 byte-order mark, else None."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    return None


def list_text_hint(value: Any) -> str:
    """A hint when a list was expected and the text (or a mapping's first key, ``-company: A``)
    looks like items missing the space after '-'."""
    if isinstance(value, dict) and value:
        first_key = next(iter(value))
        if isinstance(first_key, str) and len(first_key) > 1 and first_key[0] == "-" and first_key[1] not in " -":
            shown = value[first_key]
            shown = f": {shown}" if isinstance(shown, (str, int, float)) and not isinstance(shown, bool) else ":"
            return f"a list item needs a space after the '-': write '- {first_key[1:]}{shown}'"
        return ""
    if isinstance(value, str) and _NO_SPACE_DASH.match(value.split(" -")[0] if value.startswith("-") else ""):
        first = value.split(" -")[0]
        return f"a list item needs a space after the '-': write '- {first[1:]}'"
    return ""


def mapping_text_hint(value: Any) -> str:
    """A hint when a mapping was expected and the text looks like 'key:value' without a space."""
    if isinstance(value, str):
        match = _NO_SPACE_COLON.match(value.split("\n")[0])
        if match:
            shown = match.group("value")
            shown = shown if len(shown) <= 40 else shown[:39].rstrip() + "…"
            return f"a key needs a space after the ':': write '{match.group('key')}: {shown}'"
    return ""
