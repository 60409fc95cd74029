"""Turn pydantic validation errors into located, human messages with "did you mean"."""

from __future__ import annotations

import re

from pathlib import Path
from typing import Any, Callable, Iterable

from pydantic import BaseModel, ValidationError

from resume_builder.errors import Location, Problem, did_you_mean
from resume_builder.wording import describe
from resume_builder.schema.base import model_at  # noqa: F401  (re-exported)
from resume_builder.schema.numbers import AMOUNT_REFUSED, amount_refusal
from resume_builder.loading.toml_errors import toml_place
from resume_builder.loading.yaml_errors import list_text_hint, mapping_text_hint, source_lines
from resume_builder.loading.source import SourceDocument, dotted, value_at  # noqa: F401  (dotted re-exported)

#: How a message names the kind of value a field expects, by pydantic's error type.
TYPE_WORDS = {
    "string_type": "text", "list_type": "a list", "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)", "model_attributes_type": "a mapping (key: value)",
    "int_type": "a whole number", "int_parsing": "a whole number", "float_type": "a number",
    "int_from_float": "a whole number",  # 1.5 where a count is wanted: pydantic's own words were shown
    "float_parsing": "a number", "bool_type": "true or false", "bool_parsing": "true or false",
}


#: What one blank item of a list of texts is called ("empty highlight"), here and in
#: profile_loader.blank_texts.
BLANK_ITEM_NOUNS = {"highlights": "highlight", "details": "sub-point", "keywords": "keyword", "courses": "course",
                    "items": "item", "roles": "role", "body": "paragraph", "address": "address line"}
#: Lists whose items are written one to a line, so the fix is to remove the line.
ONE_PER_LINE = ("highlights", "details", "items", "body")


def _as_written(location: Any, files: dict[str, list[str] | None]) -> str | None:
    """The scalar at ``location`` as typed in its file (``3.10`` where YAML read 3.1), up to a
    ``,``, ``]``, ``}`` or comment; None when the file cannot be read there. ``files``: the
    lines of each file read so far (each is read once per validation)."""
    import re
    from pathlib import Path

    if location.file not in files:
        try:
            files[location.file] = Path(location.file).read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError, TypeError, ValueError):
            files[location.file] = None
    lines = files[location.file]
    if lines is None or not isinstance(location.line, int) or not 0 < location.line <= len(lines) \
            or not location.column:
        return None
    line = lines[location.line - 1]
    token = re.match(r"[^,\]}\n]*?(?=\s+#|[,\]}]|\s*$)", line[location.column - 1:])
    written = token.group().strip() if token else ""
    return written if written and written[0] not in "\"'" else None


def field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def link_location(source: SourceDocument, path: tuple[Any, ...], target: str, after: Any = None):
    """Where the link ``target`` is written in the text at ``path``: its own line and column
    when the file shows it (a ``|`` or ``>`` block, a text over several lines), else the
    text's own location. ``after``: the location of the previous bad link of the same text
    (a link written twice is found twice). The file is read again, only for errors."""
    from pathlib import Path

    from resume_builder.errors import Location

    start = source.locate(path)
    if not target or not start.line:
        return start
    try:
        lines = source_lines(Path(start.file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return start
    # The text ends before the next value that starts on a later line.
    end = min((pos[0] for pos in source.values.values()
               if pos[0] > start.line and (pos[2] if len(pos) > 2 else source.file) == start.file), default=len(lines) + 1)
    line, column = (after.line, after.column) if after is not None and after.line else (start.line, 0)
    for number in range(line - 1, min(end - 1, len(lines))):
        found = lines[number].find("](" + target, column if number == line - 1 else 0)
        if found >= 0:
            return Location(start.file, number + 1, found + 3)
    return start


def problems_from_validation(exc: ValidationError, source: SourceDocument,
                             root: type[BaseModel], *, prefix: tuple[Any, ...] = ()) -> list[Problem]:
    """One located :class:`Problem` per pydantic error, in file order.

    Every problem is kept (the count is reported), but "did you mean" hints, which compare
    a key with every allowed name, are worked out only for the first
    :data:`~resume_builder.errors.SHOWN_PROBLEMS` in file order, the ones a person reads:
    20,000 unknown keys cost one dictionary look-up each, not 20,000 fuzzy matches.
    """
    from resume_builder.errors import SHOWN_PROBLEMS

    found: list[tuple[tuple[int, int, int], int, str, Any, tuple[Any, ...], Callable[[], str]]] = []
    seen: set[tuple[Any, ...]] = set()
    lines_of: dict[str, list[str] | None] = {}  # lines of the files values are quoted from (_as_written)
    escapes_of: dict[str, list[str] | None] = {}  # lines of the files escapes are found in (_surrogate_problem)
    files: dict[str, int] = {}

    def place(location: Any) -> tuple[int, int, int]:
        """Sort key: the profile's own problems first, then each included file's (loading/includes.py)."""
        rank = files.setdefault(location.file, 0 if location.file == source.file else len(files) + 1)
        return rank, location.line or 0, location.column or 0
    for index, err in enumerate(exc.errors(include_url=False)):
        loc = tuple(err["loc"])
        kind = err["type"]
        full = prefix + loc
        hint: Callable[[], str] = str
        if kind == "extra_forbidden":
            message = f"unknown field '{loc[-1]}'"
            hint = _unknown_key_hint(root, loc, err.get("input"), source, prefix)
            location = source.locate(full, prefer_key=True)
        elif kind == "missing":
            message = f"'{loc[-1]}' is required"
            location = source.locate(full[:-1])
        elif kind == "markdown_link" and (err.get("ctx") or {}).get("links"):
            after = None
            for number, (message, target) in enumerate(err["ctx"]["links"]):
                location = after = link_location(source, full, target, after)
                found.append((place(location), index + number / 1000, message, location, full, str))
            continue
        elif kind in _BOUNDS:
            message = _bound_message(kind, err.get("input"), err.get("ctx") or {})
            location = source.locate(full)
        elif kind in _LENGTHS:
            message, words = _length_message(kind, loc, err.get("input"), err.get("ctx") or {})
            hint = (lambda words=words: words)
            location = source.locate(full)
        elif kind == SURROGATE_ERROR and (surrogate := _surrogate_problem(err, full, source, escapes_of)):
            full, message, words, location = surrogate
            hint = (lambda words=words: words)
        elif kind in TYPE_WORDS and err.get("input") is None and len(loc) >= 2 and isinstance(loc[-1], int) \
                and loc[-2] in BLANK_ITEM_NOUNS and loc[-2] != "roles":
            # a bare "-" in a list of texts: an empty highlight (or keyword...), not a mapping
            # the user was meant to write (fresh trial: "expected a mapping (key: value), found nothing")
            message = f"empty {BLANK_ITEM_NOUNS[loc[-2]]}"
            hint = (lambda key=loc[-2]: "remove the line or write its text" if key in ONE_PER_LINE
                    else "remove it or write its text")  # as profile_loader.blank_texts says of a blank one
            location = source.locate(full)
        elif kind in TYPE_WORDS:
            message = f"expected {TYPE_WORDS[kind]}, found {describe(err.get('input'))}"
            location = source.locate(full)
            written = _as_written(location, lines_of) if kind == "string_type" and \
                isinstance(err.get("input"), (int, float, bool)) else None
            if written:  # a number or yes/no where text belongs: shown as typed (3.10, not 3.1)
                if isinstance(err.get("input"), (int, float)) and not isinstance(err.get("input"), bool):
                    message = f"expected text, found the number {written}"
                hint = (lambda written=written: f'put it in quotes to keep it as written: "{written}"')
            elif kind == "list_type":
                hint = (lambda value=err.get("input"), key=loc[-1] if loc else "":
                        list_text_hint(value) or _text_as_list_hint(key, value, source.file))
            elif kind in ("dict_type", "model_type", "model_attributes_type"):
                hint = (lambda value=err.get("input"): mapping_text_hint(value))
            elif isinstance(err.get("input"), dict):
                hint = (lambda value=err.get("input"): _language_keys_hint(value))
        else:
            message = err["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, "):]
            at = (err.get("ctx") or {}).get("at")
            if isinstance(at, str) and at:  # a rule about one key of the mapping: point at that key
                full = full + (at,)
                location = source.locate(full, prefer_key=True)
            else:
                location = source.locate(full)
        key = (full, message)
        if key in seen:
            continue
        seen.add(key)
        found.append((place(location), index, message, location, full, hint))
    found.sort(key=lambda item: item[:2])
    found = _without_typo_twins(found, root, prefix)
    excerpts: dict[tuple[Any, ...], str] = {}
    found = _items_indented_like_their_parents(found, source, excerpts)
    return [Problem(message, location, escape_surrogates(dotted(full)), hint() if shown < SHOWN_PROBLEMS else "",
                    excerpt=excerpts.get(full, ""))
            for shown, (_, _, message, location, full, hint) in enumerate(found)]


# --------------------------------------------------------------------------- lone surrogates
#
# YAML and JSON may escape a character by its UTF-16 code units (``"\ud800"``), and both parsers
# then give a text holding half of a surrogate pair: no character, which pydantic refuses
# as "unable to parse raw data as a unicode string" (user trial) and no file can hold. JSON
# joins a high half and the low half escaped right after it into one character; YAML reads
# every \u escape as a character of its own, so there a whole pair ("\ud83d\ude00") is two halves.

#: pydantic's error type for a text holding a lone surrogate.
SURROGATE_ERROR = "string_unicode"
_SURROGATE = re.compile("[\ud800-\udfff]")
_HEX = frozenset("0123456789abcdefABCDEF")


def escape_surrogates(text: str) -> str:
    """``text`` with each lone surrogate written as its escape (``\\ud800``), to be shown (a key in a path)."""
    return _SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text) if _SURROGATE.search(text) else text


def surrogate_words(text: str, json_text: bool) -> tuple[str, str] | None:
    """(message, hint) for the first lone surrogate of ``text``, or None when it has none.
    ``json_text``: the text is written in JSON, which has no ``\\U`` escape."""
    found = _SURROGATE.search(text) if isinstance(text, str) else None
    if found is None:
        return None
    code = ord(found.group())
    after = text[found.end():found.end() + 1]
    if 0xD800 <= code <= 0xDBFF and after and 0xDC00 <= ord(after) <= 0xDFFF:  # a pair YAML read as two halves
        char = 0x10000 + ((code - 0xD800) << 10) + (ord(after) - 0xDC00)
        return (f"'\\u{code:04x}\\u{ord(after):04x}' is a UTF-16 surrogate pair, which YAML reads as two halves, "
                "not one character", f'write the character itself or its \\U escape: "\\U{char:08X}"')
    message = f"'\\u{code:04x}' is half of a UTF-16 surrogate pair, not a character"
    if json_text:
        return message, ('write the character itself, or both halves of its pair one after the other, '
                         'e.g. "\\ud83d\\ude00"')
    return message, 'write the character itself or its \\U escape, e.g. "\\U0001F600"'


def validation_words(err: Any, file: str) -> str:
    """One pydantic error's message for a line of its own (a warning), in plain words where
    pydantic's are jargon (a lone surrogate: "unable to parse raw data as a unicode string"),
    with the fix; else pydantic's own, without its "Value error, ". ``file``: where the text
    is written (``.json``: JSON's fix)."""
    found = first_surrogate(err.get("input")) if err.get("type") == SURROGATE_ERROR else None
    words = surrogate_words(found[2], str(file).lower().endswith(".json")) if found else None
    return f"{words[0]} ({words[1]})" if words else str(err.get("msg", "")).removeprefix("Value error, ")


def first_surrogate(value: Any) -> tuple[tuple[Any, ...], bool, str] | None:
    """The first text in ``value`` (a text, or a mapping or list of them, keys included) that
    holds a lone surrogate: (its path in ``value``, whether it is a mapping's key, the text);
    None when there is none."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return path, False, item
        elif isinstance(item, dict):
            for key in item:
                if isinstance(key, str) and _SURROGATE.search(key):
                    return path + (key,), True, key
            stack.extend((path + (key,), child) for key, child in reversed(list(item.items())))
        elif isinstance(item, (list, tuple)):
            stack.extend((path + (index,), child) for index, child in reversed(list(enumerate(item))))
    return None


def _surrogate_problem(err: dict[str, Any], full: tuple[Any, ...], source: SourceDocument,
                       files: dict[str, list[str] | None]) -> tuple[tuple[Any, ...], str, str, Location] | None:
    """(path, message, hint, location) for pydantic's :data:`SURROGATE_ERROR`: the text (or key)
    that holds the lone surrogate, at its escape when the file shows it, else at the text.
    pydantic places the error at the text; at ``[key]`` after a key of a mapping, itself
    written with U+FFFD for the half (the key is the input); at the mapping a key of a model
    is in (``()`` for a top-level key), the key being the input."""
    value = err.get("input")
    key = bool(full) and full[-1] == "[key]"
    if key:
        full = full[:-2] + (value,)
    elif isinstance(value, str) and isinstance(mapping := value_at(source.data, full), dict) and value in mapping:
        full, key = full + (value,), True
    found = first_surrogate(value)
    if found is None:
        return None
    within, is_key, text = found
    full, key = full + within, key or is_key
    location = source.locate(full, prefer_key=key)
    json_text = str(location.file).lower().endswith(".json")
    message, hint = surrogate_words(text, json_text) or ("", "")
    if location.line and location.column:  # a highlight written as a text: its 'text' is the text's place
        escape = _escape_place(location, files, json_text, ord(_SURROGATE.search(text).group()))
        if escape is not None:
            location = Location(location.file, *escape)
    return full, message, hint, location


def _escape_place(location: Location, files: dict[str, list[str] | None], json_text: bool,
                  code: int) -> tuple[int, int] | None:
    """The line and column of the first escape of a lone surrogate in the double-quoted text
    that starts at ``location``, when it is the escape of ``code``; None when the file shows
    no such text there. ``files``: the lines of each file read so far (read once per validation)."""
    if location.file not in files:
        try:
            text = Path(location.file).read_text(encoding="utf-8-sig")
            files[location.file] = source_lines(text, lone_cr=not json_text)
        except (OSError, UnicodeDecodeError, TypeError, ValueError):
            files[location.file] = None
    lines = files[location.file]
    row, column = (location.line or 0) - 1, (location.column or 0) - 1
    if lines is None or not 0 <= row < len(lines) or lines[row][column:column + 1] != '"':
        return None
    column += 1
    pending: tuple[int, int, int] | None = None  # a JSON high half, its low half may follow
    while row < len(lines):
        line = lines[row]
        while column < len(line):
            char = line[column]
            if char != "\\" or pending is not None and line[column + 1:column + 2] != "u":
                if pending is not None or char == '"':
                    return pending[:2] if pending is not None and pending[2] == code else None
                column += 1
                continue
            digits = 4 if line[column + 1:column + 2] == "u" else 8 if line[column + 1:column + 2] == "U" else 0
            written = line[column + 2:column + 2 + digits]
            if digits and len(written) == digits and set(written) <= _HEX:
                unit = int(written, 16)
                if pending is not None:  # JSON: a high half and a low one escaped right after it are one character
                    if 0xDC00 <= unit <= 0xDFFF:
                        pending = None
                        column += 2 + digits
                        continue
                    return pending[:2] if pending[2] == code else None
                if json_text and 0xD800 <= unit <= 0xDBFF:
                    pending = (row + 1, column + 1, unit)
                elif 0xD800 <= unit <= 0xDFFF:
                    return (row + 1, column + 1) if unit == code else None
                column += 2 + digits
                continue
            column += 2  # any other escape; a backslash that ends the line goes on to the next (YAML)
        if pending is not None:
            return pending[:2] if pending[2] == code else None
        row, column = row + 1, 0
    return None


#: What one item of a list is called in messages ("highlights of the role above"); any other
#: list's is "an item of 'NAME'".
_ITEM_NOUNS = {"roles": "role", "experience": "job", "projects": "project", "skills": "skill group",
               "education": "school", "entries": "entry", "custom": "section", "awards": "award",
               "certifications": "certification", "publications": "publication", "volunteering": "role",
               "references": "reference", "interests": "interest", "languages": "language", "profiles": "profile"}
_TEXT_FOR_MAPPING = "expected a mapping (key: value), found the text "


def _items_indented_like_their_parents(found: list[Any], source: SourceDocument,
                                       excerpts: dict[tuple[Any, ...], str]) -> list[Any]:
    """One problem, not one per line, for list items indented like the entries of the list
    above them instead of under the key they belong to (newcomer trial: a role's highlights
    written at the roles' '-' gave "roles[3]: expected a mapping (key: value), found the
    text …" eight times, and "roles[2].highlights: expected a list, found nothing (null)").

    Texts where a list expects mappings, one after another, right after an entry whose last
    key is empty or a list of texts, and indented less than that key: they are that key's items."""
    from resume_builder.loading.yaml_errors import excerpt

    texts: dict[tuple[Any, ...], list[int]] = {}
    for item in found:
        full = item[4]
        if item[2].startswith(_TEXT_FOR_MAPPING) and full and isinstance(full[-1], int) and full[-1] > 0:
            texts.setdefault(full[:-1], []).append(full[-1])
    if not texts:
        return found
    try:
        text = Path(source.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, TypeError, ValueError):
        return found
    lines = source_lines(text)
    drop: set[tuple[Any, ...]] = set()
    merged: list[Any] = []
    for parent, indices in texts.items():
        indices.sort()
        runs: list[list[int]] = []
        for index in indices:
            if runs and index == runs[-1][-1] + 1:
                runs[-1].append(index)
            else:
                runs.append([index])
        for run in runs:
            problem = _misplaced_run(parent, run, source, lines)
            if problem is None:
                continue
            location, message, hint, covered = problem
            drop |= covered
            full = parent + (run[0],)
            excerpts[full] = excerpt(text, location.line - 1, location.column - 1)
            merged.append(((0, location.line, location.column), -1, message, location, full, lambda hint=hint: hint))
    if not merged:
        return found
    kept = [item for item in found if item[4] not in drop]
    return sorted(kept + merged, key=lambda item: item[:2])


def _misplaced_run(parent: tuple[Any, ...], run: list[int], source: SourceDocument,
                   lines: list[str]) -> tuple[Location, str, str, set[tuple[Any, ...]]] | None:
    """(where, message, hint, the paths of the problems it stands for) for the texts at
    ``parent[run...]`` when they are the items of the entry above's last key, else None."""
    entries = value_at(source.data, parent)
    above = entries[run[0] - 1] if isinstance(entries, list) and len(entries) >= run[0] else None
    if not isinstance(above, dict) or not above:
        return None
    key = list(above)[-1]
    value = above[key]
    if not (value is None or isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return None
    key_at = source.keys.get(parent + (run[0] - 1, key))
    first = source.values.get(parent + (run[0],))
    last = source.values.get(parent + (run[-1],))
    if key_at is None or first is None or last is None or len(first) > 2 and first[2] != source.file:
        return None
    key_line, key_column = key_at[0] - 1, key_at[1] - 1
    line = first[0] - 1
    dash = re.match(r"( *)- ", lines[line]) if line < len(lines) else None
    if dash is None or not key_line < line or len(dash.group(1)) >= key_column:
        return None
    column = len(dash.group(1))
    if value:
        at = source.values.get(parent + (run[0] - 1, key, 0))
        item = re.match(r"( *)- ", lines[at[0] - 1]) if at and at[0] - 1 < len(lines) else None
        target = len(item.group(1)) if item else key_column + 2
    else:
        own = source.keys.get(parent)
        step = column - (own[1] - 1) if own is not None and column >= own[1] - 1 else 2
        target = key_column + step
    name = str(parent[-1]) if parent and isinstance(parent[-1], str) else ""
    noun = _ITEM_NOUNS.get(name, f"item of '{name}'" if name else "item")
    article = "an" if noun[:1] in "aeiou" else "a"
    count = len(run)
    these = "this line" if count == 1 else f"these {count} lines (to line {last[0]})"
    they, them, look = ("it", "it", "looks") if count == 1 else ("they", "them", "look")
    if count == 1:
        like = f"one of the {key} of the {noun} above"
    else:
        like = f"{key} of the {noun} above" if value is None else f"more {key} of the {noun} above"
    message = (f"{these} {look} like {like}, but {they} {'is' if count == 1 else 'are'} indented like {article} {noun} "
               f"({column} spaces), so YAML reads {'it as' if count == 1 else 'each as'} {article} {noun}")
    hint = f"indent {them} by {target} spaces, under '{key}:' (line {key_line + 1})"
    covered = {parent + (index,) for index in run}
    if value is None:
        covered.add(parent + (run[0] - 1, key))
    return Location(source.file, line + 1, column + 1), message, hint, covered


def _text_as_list_hint(key: Any, value: Any, file: Any) -> str:
    """For a text where a list belongs, the line written as a list: ``keywords: Go, PostgreSQL``
    as ``keywords: [Go, PostgreSQL]`` (newcomer trial: the message gave no fix). Only for short
    items (a sentence with commas is one highlight, not a list) on one line; "" otherwise."""
    if not isinstance(key, str) or not isinstance(value, str) or "\n" in value.strip() or not value.strip():
        return ""
    items = [item.strip() for item in value.split(",")]
    if any(not item or len(item.split()) > 4 for item in items):
        return ""
    if str(file).lower().endswith(".json"):
        shown = ", ".join('"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"' for item in items)
        return f'write it as a list: "{key}": [{shown}]'
    plain = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:#\[\]{}]|:(?! )|(?<! )#)*")
    shown = ", ".join(item if plain.fullmatch(item) else
                      '"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"' for item in items)
    return f"write it as a list: {key}: [{shown}]"


def _language_keys_hint(value: dict[Any, Any]) -> str:
    """For a mapping where text was expected: when some of its keys are language codes, the
    ones that are not (a text in several languages is keyed by language codes only); when it
    is one key and a text or number, the colon slip of an unquoted text (newcomer trial)."""
    from resume_builder.i18n import is_language_tag, replacement_hint

    keys = [str(key) for key in value]
    tags = [key for key in keys if is_language_tag(key)]
    others = [key for key in keys if key not in tags]
    old = next((key for key in others if replacement_hint(key)), None)
    if old is not None and tags:  # ``iw:`` for Hebrew beside ``en:`` (alone, ``In: 2019 ...`` is a colon slip)
        return f"a text in several languages is keyed by language codes; '{old}' is not one: {replacement_hint(old)}"
    if len(value) == 1 and not tags:  # ``- AWS: advanced``: the colon slip of an unquoted text
        (head, rest), = value.items()
        if rest is None or isinstance(rest, (str, int, float)) and not isinstance(rest, bool):
            text = f"{head}: {rest}" if rest is not None else f"{head}:"
            return ("the text contains ': ' (a colon and a space), which YAML reads as a key and its value: "
                    f"put the whole text in quotes: \"{text}\"")
    if not tags or not others:
        return ""
    wrong = others[0]
    from resume_builder.i18n import built_in_languages

    close = did_you_mean(wrong, tags + built_in_languages())
    return (f"a text in several languages is keyed by language codes, like {' and '.join(tags[:2])} here; "
            f"'{wrong}' is not one" + (f": {close}" if close else ""))


#: pydantic's number bounds, as the words after "use a number".
_BOUNDS = {"greater_than_equal": ("ge", "of at least {}"), "greater_than": ("gt", "above {}"),
           "less_than_equal": ("le", "of at most {}"), "less_than": ("lt", "below {}")}


def _bound_message(kind: str, value: Any, ctx: dict[str, Any]) -> str:
    """"0 is out of range (use a number of at least 1)" for a pydantic bound error, instead of
    its own "Input should be greater than or equal to 1"."""
    name, words = _BOUNDS[kind]
    shown = f"'{value}'" if isinstance(value, str) else repr(value)
    return f"{shown} is out of range: use a number {words.format(ctx.get(name))}"


#: pydantic's length errors: list, tuple, set or mapping (``too_short``/``too_long``) and text.
_LENGTHS = ("too_short", "too_long", "string_too_short", "string_too_long")

#: What the items of a list field are called in messages, and how to fix one left empty;
#: any other list's are "items", a mapping's "entries", a text's "characters".
_ITEM_WORDS = {"body": ("paragraph", "write the letter's paragraphs under 'body:', as a list or as one text "
                                     "with a blank line between paragraphs")}


def _length_message(kind: str, loc: tuple[Any, ...], value: Any, ctx: dict[str, Any]) -> tuple[str, str]:
    """(message, hint) for a pydantic length error, in plain words: "needs at least 1
    paragraph, has none" instead of "List should have at least 1 item after validation, not 0"."""
    from resume_builder.wording import count

    field = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
    if kind.startswith("string_"):
        noun, hint = "character", ""
    elif ctx.get("field_type") == "Dictionary":
        noun, hint = "entry", ""
    else:
        noun, hint = _ITEM_WORDS.get(field, ("item", ""))
    actual = ctx.get("actual_length")
    if actual is None:
        try:
            actual = len(value)
        except TypeError:
            actual = None
    if kind in ("too_short", "string_too_short"):
        bound = ctx.get("min_length")
        has = "" if actual is None else (", has none" if actual == 0 else f", has {actual:,}")
        return f"needs at least {count(bound, noun)}{has}", hint if not actual else ""
    bound = ctx.get("max_length")
    has = "" if actual is None else f", has {actual:,}"
    return f"allows at most {count(bound, noun)}{has}", ""


def _unknown_key_hint(root: type[BaseModel], loc: tuple[Any, ...], value: Any = None,
                      source: SourceDocument | None = None, prefix: tuple[Any, ...] = ()) -> Callable[[], str]:
    def hint() -> str:
        parent = model_at(root, loc[:-1])
        choices = field_names(parent) if parent else []
        key = str(loc[-1])
        head, colon, rest = key.partition(":")
        if colon and rest[:1] not in ("", " ") and head in choices:  # 'theme:{name: modern}'
            shown = value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
            fixed = f"{head}: {rest}" + (f": {shown}" if shown != "" else ":")
            return f"a key needs a space after the ':', so YAML read '{key}' as one key: write '{fixed}'"
        moved = _moved_key_hint(root, loc, source, prefix) if source is not None else ""
        if moved:
            return moved
        placed = _section_field_hint(parent, key) if len(loc) == 1 else ""
        if placed.startswith("did you mean 'basics."):
            return placed
        ours = JSON_RESUME_NAMES.get(key)
        if ours in choices:  # 'studyType' in a profile of ours: said as JSON Resume's name for 'degree'
            return f"did you mean '{ours}'? ('{key}' is JSON Resume's name for it; a profile writes '{ours}')"
        suggestion = did_you_mean(key, choices) or placed
        if not suggestion and choices:
            suggestion = "allowed here: " + ", ".join(sorted(choices))
        return suggestion

    return hint


#: JSON Resume (schema v1.0.0) field names and this profile's for the same field, for a
#: profile that uses one (a person moving their résumé over by hand): "unknown field
#: 'studyType'" listed the allowed fields without saying 'degree' was the one (fresh trial).
JSON_RESUME_NAMES = {"startDate": "start", "endDate": "end", "studyType": "degree", "releaseDate": "date",
                     "label": "headline", "work": "experience", "volunteer": "volunteering",
                     "certificates": "certifications"}


def _section_field_hint(model: type[BaseModel] | None, key: str) -> str:
    """For an unknown top-level key that is a field of ``basics`` (``name: Lucía`` at column 0),
    where it goes (newcomer trial: "unknown field 'name'" listed the top-level keys only); for
    one that is a field of the entries of a section (``company:``), which sections have it."""
    fields = model.model_fields if model is not None else {}
    if "basics" not in fields:
        return ""
    basics = model_at(model, ("basics",))
    if basics is not None and key in field_names(basics):
        return f"did you mean 'basics.{key}'? write it under 'basics:', indented like its other fields"
    sections = [name for name in field_names(model)
                if (entry := model_at(model, (name, 0))) is not None and key in field_names(entry)]
    if not sections or len(sections) > 3:
        return ""
    named = " or ".join(f"'{name}'" for name in sections)
    return f"'{key}' is a field of each entry of {named}: write it in an entry there, indented like its other fields"


def _moved_key_hint(root: type[BaseModel], loc: tuple[Any, ...], source: SourceDocument,
                    prefix: tuple[Any, ...]) -> str:
    """For an unknown key that is a field one level up or one level down, where it was meant
    to be (newcomer trial: basics' last key moved to column 0 got "unknown field 'location'
    (did you mean 'education'?)"): the key of the mapping above it whose own model has it
    (it moved left), or the mapping it is in, when the one around that has it (it moved right).
    Said only for a YAML file, whose lines show the indentation."""
    key = str(loc[-1])
    parent = loc[:-1]
    mapping = value_at(source.data, prefix + parent)
    here = source.keys.get(prefix + loc)
    if not isinstance(mapping, dict) or here is None or str(source.file).lower().endswith(".json"):
        return ""
    names = list(mapping)
    position = names.index(key) if key in names else -1
    if position > 0:  # moved left: the mapping of the key above it has it
        above = names[position - 1]
        value = mapping[above]
        inner: tuple[Any, ...] = parent + (above,)
        if isinstance(value, list) and value and isinstance(value[-1], dict):
            value, inner = value[-1], inner + (len(value) - 1,)
        model = model_at(root, inner) if isinstance(value, dict) and value else None
        first = source.keys.get(prefix + inner + (next(iter(value)),)) if model is not None else None
        if model is not None and key in field_names(model) and first is not None and first[1] > here[1]:
            return (f"'{key}' is a field of '{above}' above it, not of the mapping it is in: indent it by "
                    f"{first[1] - 1} spaces, like the other keys of '{above}' (line {first[0]})")
    outer = parent[:-2] if len(parent) > 1 and isinstance(parent[-1], int) else parent[:-1]
    if parent and model_at(root, outer) is not None and key in field_names(model_at(root, outer)):
        holder = parent[:-1] if isinstance(parent[-1], int) else parent
        at = source.keys.get(prefix + holder)
        if at is not None and at[1] < here[1]:
            return (f"'{key}' is a field beside '{holder[-1]}' (line {at[0]}), not inside it: indent it by "
                    f"{at[1] - 1} spaces, like '{holder[-1]}:'")
    return ""


def _meant_field(root: type[BaseModel], parent: tuple[Any, ...], key: str) -> str | None:
    """The field of the model at ``parent`` that the unknown ``key`` was meant to be: its
    closest name (as "did you mean" gives it) or the word before a ':' with no space."""
    model = model_at(root, parent)
    choices = field_names(model) if model else []
    head, colon, _ = key.partition(":")
    if colon and head in choices:
        return head
    suggestion = did_you_mean(key, choices)
    return suggestion.split("'")[1] if suggestion else None


def _without_typo_twins(found: list[Any], root: type[BaseModel], prefix: tuple[Any, ...]) -> list[Any]:
    """Drop "'position' is required" when the same mapping has an unknown key that was meant
    to be it ('postion:', 'position:Engineer'): the typo is the one mistake, reported once.

    Only unknown keys beside a missing field, and close to its name, are fuzzy-matched (at most
    :data:`~resume_builder.errors.SHOWN_PROBLEMS` of them), so thousands of unknown keys cost
    no more than before."""
    import difflib

    from resume_builder.errors import SHOWN_PROBLEMS

    # parent mapping -> missing field -> the names that would give it: itself, any its model
    # lets stand in for it (``REQUIRED_OR``), and any its message offers ("(or 'roles', ...")
    missing: dict[tuple[Any, ...], dict[str, set[str]]] = {}
    for item in found:
        if _is_required(item):
            name, parent = str(item[4][-1]), item[4][:-1]
            model = model_at(root, parent[len(prefix):])
            instead = getattr(model, "REQUIRED_OR", {}).get(name, ()) if model is not None else ()
            missing.setdefault(parent, {})[name] = {name, *instead, *_ALTERNATIVE.findall(item[2])}
    if not missing:
        return found
    # 'name:' written at the top level instead of under 'basics:': the one mistake is said there
    top = {str(item[4][len(prefix)]) for item in found
           if len(item[4]) == len(prefix) + 1 and item[2].startswith("unknown field ")}
    moved = {(prefix + ("basics",), name) for name in missing.get(prefix + ("basics",), {}) if name in top}
    if moved:
        found = [item for item in found if not (_is_required(item) and (item[4][:-1], str(item[4][-1])) in moved)]
    meant: set[tuple[tuple[Any, ...], str]] = set()
    budget = SHOWN_PROBLEMS
    for item in found:
        parent, key = item[4][:-1], str(item[4][-1])
        open_fields = {field: names for field, names in missing.get(parent, {}).items() if (parent, field) not in meant}
        names = set().union(*open_fields.values()) if open_fields else set()
        if not names or not item[2].startswith("unknown field ") or budget < 1:
            continue
        if not any(key.partition(":")[0] == name or difflib.SequenceMatcher(None, key, name).ratio() >= 0.6
                   for name in names):
            continue
        budget -= 1
        name = _meant_field(root, parent[len(prefix):], key)
        meant |= {(parent, field) for field, given_by in open_fields.items() if name in given_by}
    return [item for item in found if (item[4][:-1], str(item[4][-1])) not in meant or not _is_required(item)]


#: A missing field's message naming another field that would do instead: "(or 'roles', ...".
_ALTERNATIVE = re.compile(r"\(or '(\w+)'")


def _is_required(item: Any) -> bool:
    """Whether a found problem is "'FIELD' is required" (with or without what may do instead)."""
    if not item[4]:  # a problem of the whole document (a lone surrogate in a top-level key, before its fix)
        return False
    return item[2] == f"'{item[4][-1]}' is required" or item[2].startswith(f"'{item[4][-1]}' is required (or '")


class TomlDocument(SourceDocument):
    """A TOML file's data (``tomllib``), located as a YAML or JSON one is: tomllib gives no
    positions, so a path's place is found in the file's lines when a problem asks for it
    (:func:`resume_builder.loading.toml_errors.toml_place`): a value's (an item of a list,
    its own), a key's with ``prefer_key``. The file is read again only then."""

    def locate(self, path: Any, *, prefer_key: bool = False) -> Location:
        from resume_builder.loading.toml_text import toml_file_lines

        if not hasattr(self, "_lines"):
            self._lines = toml_file_lines(self.file)
        path = tuple(path)
        if not path:
            return Location(self.file, 1, 1)
        place = toml_place(self._lines, path, at_value=not prefer_key) if self._lines is not None else None
        return Location(self.file, *place) if place else Location(self.file)


def problems_from_toml_validation(exc: ValidationError, file: str | Any,
                                  names_at: Callable[[tuple[Any, ...]], Iterable[str]], *,
                                  tables_at: Callable[[tuple[Any, ...]], dict[str, bool]] | None = None,
                                  within: tuple[str, ...] = ()) -> list[Problem]:
    """Problems for a TOML file (theme manifest, build file), at the line of the key (or of
    the table header for a missing key), found by :func:`resume_builder.loading.toml_errors.toml_place`; tomllib gives no positions.
    The column is the value's (an item of a list: the item's), an unknown key's its key's.

    ``names_at(loc)`` gives the keys allowed where an unknown key was found, for "did you mean".
    A missing key whose name an unknown key in the same table is a typo of is reported once,
    as the unknown key with its "did you mean" (``profle`` for ``profile``). An unknown table
    (``[[target]]``) is said as written, with a "did you mean" among the tables allowed there,
    ``tables_at(loc)`` (each with whether it is a list of tables: :func:`resume_builder.schema.base.table_keys`).
    ``within``: the table the validated data is in (``("tool", "resume-builder")`` in pyproject.toml).
    """
    from resume_builder.loading.toml_text import toml_file_lines

    lines = toml_file_lines(str(file)) or []
    errors = exc.errors(include_url=False)
    typos = {(tuple(err["loc"][:-1]), did_you_mean(str(err["loc"][-1]), names_at(tuple(err["loc"][:-1]))))
             for err in errors if err["type"] == "extra_forbidden"}
    problems = []
    for err in errors:
        loc = tuple(err["loc"])
        hint = ""
        header = _header(within + loc, err.get("input")) if err["type"] == "extra_forbidden" else None
        if header is not None:
            message, hint = f"unknown table {header(str(loc[-1]), None)}", ""
            tables = tables_at(loc[:-1]) if tables_at is not None else {}
            if tables:
                hint = did_you_mean(str(loc[-1]), tables, lambda name: header(name, tables[name])) \
                    or "tables here: " + ", ".join(header(name, tables[name]) for name in tables)
        elif err["type"] == "extra_forbidden":
            allowed = list(names_at(loc[:-1]))
            hint = did_you_mean(str(loc[-1]), allowed) or ("keys here: " + ", ".join(allowed) if allowed else "")
            message = f"unknown key '{loc[-1]}'"
        elif err["type"] == "literal_error":
            expected = _literal_choices((err.get("ctx") or {}).get("expected", ""))
            value = err.get("input")
            message = f"{describe(value)} is not one of: {', '.join(expected)}" if expected else err["msg"]
            hint = did_you_mean(str(value), expected) if isinstance(value, str) else ""
        elif err["type"] == "missing":
            if (loc[:-1], f"did you mean '{loc[-1]}'?") in typos:
                continue  # its typo is reported, with the fix
            message = f"'{loc[-1]}' is required"
        elif err["type"] in _BOUNDS:
            message = _bound_message(err["type"], err.get("input"), err.get("ctx") or {})
        elif err["type"] in _LENGTHS:
            message, hint = _length_message(err["type"], loc, err.get("input"), err.get("ctx") or {})
        elif err["type"] == AMOUNT_REFUSED:  # a number the command line gives too: in its words
            message, hint = err["msg"], (err.get("ctx") or {}).get("hint", "")
        elif err["type"] == "string_pattern_mismatch":
            message = _pattern_message(err.get("input"), (err.get("ctx") or {}).get("pattern", ""))
        elif err["type"] in TYPE_WORDS:
            value = err.get("input")
            message = f"expected {TYPE_WORDS[err['type']]}, found {describe(value)}"
            if err["type"] == "list_type" and isinstance(value, str):
                hint = f'write {loc[-1]} = ["{value}"]'
        else:
            message = err["msg"].removeprefix("Value error, ")
        # at the value that is wrong; at the key of an unknown key, the header of a missing one
        place = toml_place(lines, within + (loc if err["type"] != "missing" else loc[:-1]),
                           at_value=err["type"] != "extra_forbidden")
        if err["type"] == AMOUNT_REFUSED and place:
            message, hint = _amount_as_written(err, lines, place) or (message, hint)
        problems.append(Problem(message, Location(str(file), *place) if place else Location(str(file)),
                                dotted(loc), hint))
    return problems


def _amount_as_written(err: dict[str, Any], lines: list[str], place: tuple[int, int]) -> tuple[str, str] | None:
    """An :data:`~resume_builder.schema.numbers.AMOUNT_REFUSED` error's (message, hint) again, with
    the number as written at ``place`` (``timeout = 1e400`` was said to be ``inf`` seconds, as
    TOML reads it); None when the value is no number or cannot be read there."""
    value, ctx = err.get("input"), err.get("ctx") or {}
    line, column = place
    if not isinstance(value, (int, float)) or isinstance(value, bool) or "amount" not in ctx \
            or not 0 < line <= len(lines):
        return None
    written = re.match(r"[^\s,\]}#]+", lines[line - 1][column - 1:])
    return amount_refusal(ctx["amount"], ctx.get("key", ""), value, shown=written.group()) if written else None


def _header(loc: tuple[Any, ...], value: Any) -> Callable[[str, bool | None], str] | None:
    """For an unknown key at ``loc`` whose ``value`` is a table (or a list of tables), how a
    table there is written: ``header("targets", True)`` gives ``[[targets]]`` (``None``: as
    the unknown one was); None when ``value`` is no table."""
    if isinstance(value, dict):
        written = False
    elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        written = True
    else:
        return None
    parent = ".".join(str(part) for part in loc[:-1] if not isinstance(part, int))

    def header(name: str, array: bool | None) -> str:
        brackets = ("[[", "]]") if (written if array is None else array) else ("[", "]")
        return brackets[0] + (f"{parent}.{name}" if parent else name) + brackets[1]

    return header


def _literal_choices(expected: str) -> list[str]:
    """pydantic's ``ctx['expected']`` of a literal error (``"'resume' or 'letter'"``) as a list."""
    import re

    return re.findall(r"'((?:[^'\\]|\\.)*)'", expected)


#: The patterns of our TOML schemas (theming.py), in words.
_PATTERN_WORDS = {
    r"^[A-Za-z_][A-Za-z0-9_]*$": "must be one Python package name: letters, digits and '_', not starting with a "
                                 "digit, no dots (finding 'a.b' would import 'a')",
    r'^[^\x00-\x1f\x7f-\x9f"\\]+$': "must be a font family name without quotes, backslashes or control characters",
}


def _pattern_message(value: Any, pattern: str) -> str:
    shown = f"'{value}'" if isinstance(value, str) else repr(value)
    return f"{shown} {_PATTERN_WORDS.get(pattern, f'does not have the form {pattern}')}"
