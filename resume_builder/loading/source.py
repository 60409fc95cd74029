"""Parse YAML and JSON into plain Python data plus a map of where each value came from.

Validation errors must point to ``file:line:column``. Both parsers therefore return a
:class:`SourceDocument`: the data as plain dicts/lists/scalars, and for every path in it
(a tuple of keys and indexes) the 1-based line and column of the value and of its key.

Safety: YAML is read with ruamel.yaml's round-trip loader, which never builds Python
objects; any explicit tag (``!!python/object``, ``!custom``, ``!!binary``, even ``!!str``) is
refused on the parser's events (:func:`check_yaml_events`). Aliases are
allowed, but expansion is bounded so a "billion laughs" document fails fast instead of
eating memory, and nesting depth is capped.

JSON is read by the standard library's ``json`` (exactly RFC 8259, with the place of a
syntax error) and its positions come from ruamel.yaml's libyaml parser walking the same
text (see :func:`parse_json`): no hand-written parser.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import shlex
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from resume_builder.errors import Location, Problem, UserError
from resume_builder.loading.yaml_errors import excerpt, explain, line_and_column, source_lines, stray_bom, utf16_bom
from resume_builder.limits import (MAX_DEPTH, MAX_FIELD_CHARS, MAX_FILE_BYTES, MAX_LIST_ITEMS, MAX_NUMBER_DIGITS,
                                   MAX_TEXT_CHARS, MAX_TOTAL_ITEMS, MAX_VALUES)
from resume_builder.schema.base import PathKey
from resume_builder.wording import article

#: (line, column), 1-based; a value read from an included file carries that file's name
#: as a third item (``loading/includes.py``), so every copy of the positions keeps it.
Position = tuple[int, int] | tuple[int, int, str]


_STANDARD_TAGS = {
    None,
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:omap",
}


@dataclass
class SourceDocument:
    """Plain data read from a file, with the position of every value and mapping key."""

    file: str
    data: Any
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)
    #: For a document read by the fast parser: computes the positions when first needed.
    deferred: Callable[[], "SourceDocument"] | None = field(default=None, repr=False, compare=False)
    #: A text or a list over its size limit, found by :func:`check_sizes` while sizes are
    #: gathered (:func:`gathered_sizes`): reported by the loader with the file's other
    #: problems, not alone before them.
    oversized: list[Problem] = field(default_factory=list, repr=False, compare=False)

    def locate(self, path: PathKey, *, prefer_key: bool = False) -> Location:
        """Best known location for ``path``: the value (or key), else the nearest parent."""
        if self.deferred is not None:
            positioned, self.deferred = self.deferred(), None
            self.values, self.keys = positioned.values, positioned.keys
        path = tuple(path)
        while True:
            primary, secondary = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            pos = primary.get(path) or secondary.get(path)
            if pos is not None:
                return Location(pos[2] if len(pos) > 2 else self.file, pos[0], pos[1])
            if not path:
                return Location(self.file, 1, 1)
            path = path[:-1]
            prefer_key = False


def nearby_name(path: Path, limit: int = 1000, suffixes: tuple[str, ...] = ()) -> str:
    """``did you mean 'profiles/example.yaml'?`` for a missing ``path``, or '' when nothing near
    exists or a folder cannot be listed. Suggested, first found wins:

    - in its folder, a file of a close name with the same extension (``difflib`` on the names
      without it, as every "did you mean"; ``.yml`` and ``.yaml`` are one kind);
    - in its folder, a file of the same name with one of ``suffixes``, the extensions the
      caller reads (``(".pdf", ".docx")`` for check): ``example.docs`` → ``example.docx``;
    - either of those in a folder of a close name beside its folder: ``outptu/example.pdf``
      → ``output/example.pdf``.

    Only the first ``limit`` names of a folder are looked at."""
    found = _near_in_folder(path, limit, suffixes)
    if found is None:
        found = _near_in_near_folder(path, limit, suffixes)
    return f"did you mean '{found}'?" if found is not None else ""


def _closest(word: str, choices: Any) -> str | None:
    """The choice :func:`~resume_builder.errors.did_you_mean` suggests for ``word``, or None."""
    from resume_builder.errors import did_you_mean

    match = did_you_mean(word, choices)
    return match[len("did you mean '"):-len("'?")] if match else None


def _near_in_folder(path: Path, limit: int, suffixes: tuple[str, ...]) -> Path | None:
    """A file in ``path``'s folder that ``path`` is a slip for (see :func:`nearby_name`), or None."""
    from itertools import islice

    from resume_builder.output import entry_is_file

    def kind(name: str) -> str:
        suffix = Path(name).suffix.lower()
        return ".yaml" if suffix == ".yml" else suffix

    try:
        files = [entry.name for entry in islice(os.scandir(path.parent), limit) if entry_is_file(entry)]
    except OSError:
        return None
    # names of the same kind (suffix), compared without it: '.yaml' alone makes no likeness
    stems = {Path(name).stem: name for name in files if kind(name) == kind(path.name)}
    if path.stem in stems:  # the same name with the other spelling of its extension (.yml, .yaml)
        return path.with_name(stems[path.stem])
    match = _closest(path.stem, stems)
    if match is not None:
        return path.with_name(stems[match])
    wanted = [suffix.lower() for suffix in suffixes]
    others = {Path(name).suffix.lower().lstrip("."): name for name in files
              if Path(name).stem == path.stem and Path(name).suffix.lower() in wanted}
    if others:  # the same name with another extension the caller reads, the likest first
        suffix = _closest(path.suffix.lower().lstrip("."), others) or sorted(
            others, key=lambda s: wanted.index("." + s))[0]
        return path.with_name(others[suffix])
    return None


def _near_in_near_folder(path: Path, limit: int, suffixes: tuple[str, ...]) -> Path | None:
    """``path``'s file (or a slip for it, :func:`_near_in_folder`) in a folder of a close name
    beside ``path``'s folder, or None."""
    from itertools import islice

    from resume_builder.output import entry_is_dir

    folder = path.parent
    if folder.name in ("", ".", ".."):
        return None
    try:
        folders = [entry.name for entry in islice(os.scandir(folder.parent), limit)
                   if entry_is_dir(entry) and entry.name != folder.name]
    except OSError:
        return None
    match = _closest(folder.name, folders)
    if match is None:
        return None
    moved = folder.parent / match / path.name
    return moved if moved.is_file() else _near_in_folder(moved, limit, suffixes)


def not_found(path: Path) -> str:
    """How to say that ``path`` does not exist: "file not found", or, for a symbolic link whose
    target is missing, "is a symbolic link to 'TARGET', which does not exist" (it was "file not
    found" beside an ``ls`` that lists the file: trial), or that the links lead in a loop
    (:func:`~resume_builder.output.path_kind`'s words)."""
    from resume_builder.output import path_kind

    found = path_kind(path)
    return found.said if found.link else "file not found"


def read_bytes(path: Path, kind: str = "profile", limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them; every problem a
    :class:`UserError` naming the file.

    ``kind`` says what the file is ("profile", "job posting", "build file"), so a missing
    file gets a hint that fits it (``init`` only makes profiles) and a large one names its limit.
    A named pipe, a device or a socket is refused before it is opened (opening a FIFO waits
    for a writer; ``/dev/zero`` never ends), and checked again on the opened descriptor, in
    case the path changed in between; at most ``limit + 1`` bytes are ever read, whatever
    the file's size said (a file that grows, ``/proc``).

    Raises:
        UserError: file not found (with a "did you mean"), a folder, not a regular file, more
            than ``limit`` bytes, no permission, any other I/O error.
    """
    import stat

    from resume_builder.output import file_kind, path_kind

    shown = str(path)
    found = path_kind(path)
    if found.link:
        raise UserError.at(shown, None, None, found.said, hint="point the link at the file, or name the file itself")
    if found.kind == "missing":
        near = nearby_name(path)
        raise UserError.at(shown, None, None, "file not found",
                           hint=(near + "; " if near else "") + (
                               "check the path, or run 'resume-builder init' to write profile.yaml, which "
                               "commands read when no profile is named"
                               if kind == "profile" else f"check the path of the {kind}"))
    if found.kind == "folder":
        raise UserError.at(shown, None, None, "is a folder, not a file")

    def not_regular(mode: int) -> UserError:
        return UserError.at(shown, None, None, f"is {file_kind(mode)}, not a regular file",
                            hint="save it to a file and name that file: pipes and devices are not read")

    def too_large(size: int | None) -> UserError:
        said = f"file is {size // 1024} KiB" if size else f"file is larger than {limit // 1024 // 1024} MiB"
        return UserError.at(shown, None, None, f"{said}; {article(kind)} is limited to {limit // 1024 // 1024} MiB")

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise not_regular(info.st_mode)
        if info.st_size > limit:
            raise too_large(info.st_size)
        # O_NONBLOCK: should the path have become a FIFO since, opening it does not wait for a writer
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                             | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
        with open(descriptor, "rb") as handle:
            opened = os.fstat(descriptor)
            if not stat.S_ISREG(opened.st_mode):
                raise not_regular(opened.st_mode)
            raw = handle.read(limit + 1)
    except PermissionError:
        raise UserError.at(shown, None, None, "permission denied while reading the file") from None
    except OSError as exc:
        raise UserError.at(shown, None, None, f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > limit:  # it grew since, or its size said nothing (a file of /proc)
        raise too_large(None)
    return raw


#: Magic bytes of the files people take for a résumé that no command reads as text, with what
#: each is (checking/extract.py names them too).
BINARY_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image", "it is a PNG image"),
          (b"\xff\xd8\xff", "image", "it is a JPEG image"),
          (b"GIF87a", "image", "it is a GIF image"), (b"GIF89a", "image", "it is a GIF image"),
          (b"II*\x00", "image", "it is a TIFF image"), (b"MM\x00*", "image", "it is a TIFF image"),
          (b"BM", "image", "it is a BMP image"),
          (b"{\\rtf", "word", "it is an RTF document"),
          (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "word", "it is an old Word document (.doc) or another "
                                                        "Office 97-2003 file"))


def binary_kind(raw: bytes) -> tuple[str, str] | None:
    """What a file whose first bytes are ``raw`` is, when it is a document or an image rather
    than text: ``(what it is, what to do)``, e.g. ``("a PDF file", "to read a PDF résumé into
    a profile, use 'resume-builder import FILE'")``; None for anything else."""
    importing = "use 'resume-builder import {file}'"
    if raw.startswith(b"%PDF-"):
        return "a PDF file", "to read a PDF résumé into a profile, " + importing
    if raw.startswith(b"PK\x03\x04"):
        length = int.from_bytes(raw[26:28], "little") if len(raw) >= 30 else 0
        first = raw[30:30 + length].decode("cp437", "replace")
        if first.startswith(("[Content_Types].xml", "_rels/", "word/", "docProps/", "customXml/")):
            return "a Word document (DOCX)", "to read a DOCX résumé into a profile, " + importing
        return "a ZIP archive", ("if it is LinkedIn's data export, " + importing + "; else unpack it and name "
                                 "the profile inside")
    for magic, kind, words in BINARY_MAGIC:
        if raw.startswith(magic) and (magic != b"BM" or len(raw) >= 14 and raw[6:10] == b"\x00" * 4):
            what = words.removeprefix("it is ")
            if kind == "image":
                return what, "a profile is text; import reads text, not pictures: import the PDF or DOCX the " \
                             "résumé was made from"
            return what, "open it in your word processor, save it as DOCX (or export a PDF), and " + importing
    return None


def read_text(path: Path, kind: str = "profile",
              declared: Callable[[bytes], str | None] | None = None) -> str:
    """Read a UTF-8 text file (:func:`read_bytes`, at most MAX_FILE_BYTES), turning every
    I/O problem into a :class:`UserError`.

    ``kind`` says what the file is ("profile", "job posting", "vocabulary file"), so a
    missing or empty file gets a hint that fits it (``init`` only makes profiles).
    ``declared``, given the file's bytes, names the Python codec the file declares for
    itself (a web page's ``<meta charset>``) or None; without a UTF-8 byte order mark, a
    file that declares one is decoded with it (a byte it cannot decode becomes U+FFFD, as a
    browser shows it), else the file must be UTF-8. A job posting with a UTF-16 byte order
    mark is read as UTF-16; any other file with one is refused.
    """
    shown = str(path)
    raw = read_bytes(path, kind)
    if utf16_bom(raw) and kind == "job posting":
        # A posting saved from a browser or Notepad ("Unicode") in UTF-16: its byte order mark
        # names the encoding, as a browser reads it (WHATWG Encoding, "decode": the BOM first).
        # A profile stays UTF-8: it is kept in git and diffed as text.
        text = raw.decode("utf-16", errors="replace")
        if not text.strip():
            raise UserError.at(shown, 1, 1, f"the {kind} is empty", hint=f"put the {kind}'s text in it")
        return text
    if utf16_bom(raw):
        raise UserError.at(shown, None, None, f"the file is saved as {utf16_bom(raw)}, not UTF-8",
                           hint="save it as UTF-8 in your editor: Save As…, Encoding: UTF-8")
    encoding = "utf-8"
    if raw.startswith(b"\xef\xbb\xbf"):  # the mark outranks what the file says (WHATWG's "decode")
        raw = raw[3:]
    elif declared is not None:
        encoding = declared(raw) or "utf-8"
    try:
        text = raw.decode("utf-8") if encoding == "utf-8" else raw.decode(encoding, errors="replace")
    except UnicodeDecodeError as exc:
        found = binary_kind(raw)
        if found is not None:  # a PDF or a picture named cv.yaml: not "not valid UTF-8 (byte 0xda)"
            what, todo = found
            name = path.name or shown
            if kind == "job posting":  # read as text, Markdown, a web page or JSON; never imported as a résumé
                # the text beside the PDF, never over it: posting.pdf -> posting.txt, posting.txt -> posting-text.txt
                text_file = path.with_name(path.stem + ("-text.txt" if path.suffix.lower() == ".txt" else ".txt"))
                raise UserError.at(shown, None, None, f"{name} is {what}, not a job posting written as text, "
                                                      "Markdown, a web page (.html) or a JSON Resume job (.json)",
                                   hint="copy the posting's text into a .txt or .md file"
                                        + (f"; for a PDF, pdftotext {shlex.quote(shown)} {shlex.quote(str(text_file))} "
                                           "does it" if what == "a PDF file" else "")) from None
            if kind != "profile":
                todo = f"give the {kind} as a text file"
            raise UserError.at(shown, None, None, f"{name} is {what}, not {article(kind)} written in YAML or JSON",
                               hint=todo.replace("{file}", shlex.quote(shown))) from None
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UserError.at(shown, line, col, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                           hint="save the file as UTF-8") from None
    if not text.strip():
        if kind != "profile":
            raise UserError.at(shown, 1, 1, f"the {kind} is empty", hint=f"put the {kind}'s text in it")
        raise UserError.at(shown, 1, 1, "the file is empty",
                           hint="run 'resume-builder init' for a starter profile")
    return text


def parse(text: str, file: str, judge: Callable[[str], int | None] | None = None) -> SourceDocument:
    """Parse ``text`` as JSON when the file name or content says so, else as YAML.

    The result is checked against the size limits (:func:`check_sizes`). ``judge``: see
    :func:`resume_builder.loading.yaml_errors.explain`.
    """
    bom = stray_bom(text, file)
    if bom is not None:
        raise UserError(bom)
    stripped = text.lstrip()
    if file.lower().endswith(".json") or (stripped[:1] in "{[" and not file.lower().endswith((".yaml", ".yml"))):
        doc = parse_json(text, file)
    else:
        doc = parse_yaml(text, file, judge)
        escaped = escaped_paths(text, doc)
        if escaped:
            raise UserError(escaped)
    check_sizes(doc)
    return doc


# A Windows path ("C:\temp\new") in a YAML double-quoted text: '\t' and '\n' are escapes, so it
# loads as "C:<tab>emp<line break>ew" without a word said (user trial: a highlight printed
# with a tab and a line break in it; a photo path "with a control character" never typed).
_DRIVE_PATH = re.compile(r"(?<![A-Za-z])[A-Za-z]:\\(?!\\)")
_ESCAPED_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\t\n]")


def escaped_paths(text: str, doc: SourceDocument) -> list[Problem]:
    """A problem at each double-quoted YAML text holding a Windows path whose backslashes
    made escapes of it (a control character in the value, ``X:\\`` in the source); a path
    whose escapes YAML refuses (``\\U``, ``\\d``) is a syntax error said in
    :mod:`resume_builder.loading.yaml_errors`."""
    from resume_builder.loading.yaml_errors import source_lines

    lines: list[str] | None = None
    problems: list[Problem] = []
    stack: list[tuple[PathKey, Any]] = [((), doc.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((path + (key,), item) for key, item in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((path + (index,), item) for index, item in reversed(list(enumerate(value))))
        elif isinstance(value, str) and _ESCAPED_CONTROL.search(value):
            where = doc.locate(path)
            if where is None or where.line is None or where.column is None:
                continue
            lines = lines if lines is not None else source_lines(text)
            source = lines[where.line - 1][where.column - 1:] if where.line <= len(lines) else ""
            closing = re.match(r'"(?:[^"\\]|\\.)*"?', source)
            quoted = closing.group() if source.startswith('"') and closing else ""
            drive = _DRIVE_PATH.search(quoted)
            if drive is None:
                continue
            backslash = where.column + drive.end() - 1
            escape = quoted[drive.end() - 1:drive.end() + 1]
            single = "'" + quoted.strip('"').replace("'", "''") + "'"
            problems.append(Problem(
                f"a Windows path in double quotes: '{escape}' here is an escape (a control character), "
                "not a backslash and a letter", Location(doc.file, where.line, backslash), dotted(path),
                f"write the text in single quotes, where a backslash is a backslash: {single}; or a path "
                f"with '/' instead: {quoted.replace(chr(92), '/')}"))
    return problems


#: Whether :func:`check_sizes` gathers a text or a list over its limit on the document
#: (``SourceDocument.oversized``) instead of raising it: set by :func:`gathered_sizes`.
_GATHER_SIZES: ContextVar[bool] = ContextVar("gather_sizes", default=False)


@contextmanager
def gathered_sizes() -> Iterator[None]:
    """Within the block, a text or a list over its limit does not end the load: :func:`check_sizes`
    keeps it on the document (``oversized``) for the loader to report with the file's other
    problems, in file order (user trial: a 20,001-character summary hid a 1,001-character
    name, told only once the summary was cut). A loader that reports ``oversized`` uses it;
    elsewhere (a variant file, an import, the fast path) such a document is refused at once."""
    token = _GATHER_SIZES.set(True)
    try:
        yield
    finally:
        _GATHER_SIZES.reset(token)


def check_sizes(doc: SourceDocument, *, gather: bool | None = None) -> None:
    """Refuse a text field, a list or a whole document larger than the limits.

    The limits (``resume_builder/limits.py``) are far above any résumé and keep every
    render within seconds; a hostile file (or YAML aliases repeating a long text) gets a
    located error naming the limit instead of a render that runs for minutes.

    Every text and list over its limit is found, in file order. ``gather`` (default: inside
    :func:`gathered_sizes`): keep them on ``doc.oversized`` rather than raise them, so the
    loader tells them with the schema's problems. A document over the whole-document limits
    is raised at once either way (see below).
    """
    problems: list[Problem] = []
    total = items = 0
    stack: list[tuple[PathKey, Any]] = [((), doc.data)]
    # The walk visits every value: the parser already bounded them (MAX_VALUES, MAX_DEPTH),
    # so telling every oversized text and list costs no more than the parse did.
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            total += len(value)
            if len(value) > MAX_FIELD_CHARS:
                problems.append(Problem(
                    f"this text is {len(value):,} characters long; a field may hold at most {MAX_FIELD_CHARS:,}",
                    doc.locate(path), dotted(path)))
        elif isinstance(value, dict):
            stack.extend((path + (key,), item) for key, item in reversed(list(value.items())))
        elif isinstance(value, list):
            items += len(value)
            if len(value) > MAX_LIST_ITEMS:
                problems.append(Problem(
                    f"this list has {len(value):,} items; a list may hold at most {MAX_LIST_ITEMS:,}",
                    doc.locate(path), dotted(path)))
            stack.extend((path + (index,), item) for index, item in reversed(list(enumerate(value))))
    whole: list[Problem] = []
    if total > MAX_TEXT_CHARS and not problems:
        whole.append(Problem(
            f"the document holds {total:,} characters of text; a profile may hold at most {MAX_TEXT_CHARS:,}",
            Location(doc.file, None, None), "",
            "YAML aliases (*name) that repeat long texts count every time they are used"))
    if items > MAX_TOTAL_ITEMS and not problems:
        whole.append(Problem(
            f"the document's lists hold {items:,} items together; a profile may hold at most {MAX_TOTAL_ITEMS:,}",
            Location(doc.file, None, None), "",
            "YAML aliases (*name) that repeat lists count every time they are used"))
    # An early stop, kept on purpose: a document over the whole-document limits ends the load
    # here, with what was found, even while sizes are gathered. Aliases repeat a text or a list
    # without it being written again, so such a document may expand to any size (250,000 uses
    # of a 20,000-character text are five billion characters); validating it, which reads every
    # text, would take time without bound. Below these limits validation reads at most a
    # million characters and ten thousand items, and a field or list over its own limit is
    # gathered with the file's other problems.
    if whole or total > MAX_TEXT_CHARS or items > MAX_TOTAL_ITEMS:
        raise UserError(problems + whole)
    if gather if gather is not None else _GATHER_SIZES.get():
        doc.oversized = problems
    elif problems:
        raise UserError(problems)


def with_oversized(problems: list[Problem], oversized: list[Problem], file: str) -> list[Problem]:
    """``problems`` (the schema's, of the document read from ``file``) and ``oversized`` (what
    :func:`check_sizes` gathered) as one list in file order: ``file``'s own first, then each
    other file's (an included one) in the order first met. A text over the field limit that
    the schema finds too long as well (a one-line field, whose own limit is lower) is said
    once, in the schema's words."""
    if not oversized:
        return problems
    long = {problem.path for problem in problems if "characters long" in problem.message}
    return in_file_order(problems + [problem for problem in oversized if problem.path not in long], file)


def in_file_order(problems: list[Problem], file: str) -> list[Problem]:
    """``problems`` by line and column: those in ``file`` first, then each other file's (an
    included one) in the order first met; a stable sort, those without a place first."""
    rank: dict[Any, int] = {file: 0}

    def place(problem: Problem) -> tuple[int, int, int]:
        where = problem.location
        if where is None:
            return (0, 0, 0)
        return rank.setdefault(where.file, len(rank)), where.line or 0, where.column or 0
    return sorted(problems, key=place)


# --------------------------------------------------------------------------- YAML


class _NotPlain(Exception):
    """The fast parser met something only the careful path handles (and reports)."""


class _NumberTooLong(Exception):
    """A whole number with more than MAX_NUMBER_DIGITS digits (raised by the constructors)."""

    def __init__(self, digits: int, mark: Any) -> None:
        super().__init__(digits)
        self.digits = digits
        self.mark = mark


def _number_too_long(file: str, digits: int, line: int | None, col: int | None) -> UserError:
    return UserError.at(file, line, col, f"this number has {digits:,} digits; a number may have at most "
                                         f"{MAX_NUMBER_DIGITS:,}", hint="put it in quotes if it is text")


def _yaml_constructor(base: type) -> type:
    """``base`` (a ruamel constructor class) changed in two ways, for both parsers:

    - a timestamp (``2021-02-30``, ``2021-03-15 10:00``) stays the text it is written as,
      so impossible dates get the schema's located "day 30 does not exist" message instead
      of a ValueError from ``datetime``, and valid ones read as they do from JSON;
    - a whole number longer than MAX_NUMBER_DIGITS is refused before ``int()`` (which
      raises ValueError past 4,300 digits, and takes quadratic time before that).
    """

    class Constructor(base):  # type: ignore[misc, valid-type]
        def construct_text(self, node: Any) -> str:
            return str(self.construct_scalar(node))

        def construct_bounded_int(self, node: Any) -> Any:
            text = str(self.construct_scalar(node))
            digits = sum(ch.isalnum() for ch in text)
            if digits > MAX_NUMBER_DIGITS:
                raise _NumberTooLong(digits, node.start_mark)
            return base.construct_yaml_int(self, node)

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_text)
    Constructor.add_constructor("tag:yaml.org,2002:int", Constructor.construct_bounded_int)
    return Constructor


_CONSTRUCTORS: dict[str, type] = {}


def _yaml(typ: str, *, pure: bool = False) -> Any:
    """A ruamel YAML loader of ``typ`` ("rt" or "safe") with our constructor (see above)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ=typ, pure=pure)
    if typ not in _CONSTRUCTORS:
        _CONSTRUCTORS[typ] = _yaml_constructor(yaml.Constructor)
    yaml.Constructor = _CONSTRUCTORS[typ]
    return yaml


_ONCE_VERSIONED: dict[type, type] = {}


def _once_versioned(resolver: type) -> type:
    """``resolver`` asking for the YAML version being read once per load instead of three times
    per scalar: ruamel's ``processing_version`` goes through two failing attribute lookups
    with the C parser every time (a twentieth of a warm re-render of the example). The version
    cannot change within a load with the C parser, which never exposes the scanner that
    lookup asks for, so the value is the same."""
    if resolver not in _ONCE_VERSIONED:
        looked_up = resolver.processing_version.fget

        def processing_version(self: Any) -> Any:
            known = self.__dict__.get("_resume_builder_version")
            if known is None:
                known = self.__dict__["_resume_builder_version"] = looked_up(self)
            return known

        _ONCE_VERSIONED[resolver] = type(f"Once{resolver.__name__}", (resolver,),
                                         {"processing_version": property(processing_version)})
    return _ONCE_VERSIONED[resolver]


def check_yaml_events(text: str, file: str) -> None:
    """Refuse, on the parser's events and before the document is composed, what a profile
    must never hold:

    - nesting deeper than MAX_DEPTH levels (libyaml's composer recurses in C and crashed the
      interpreter on 100,000);
    - an explicit tag (``!!binary``, ``!!str``, ``!!timestamp``, ``!custom``): profiles hold
      plain data (SECURITY.md: any tag is an error). ``!!binary aGVsbG8=`` read as the
      bytes "hello", ``!!str`` and ``!!timestamp`` were accepted by the fast path; a tag on a
      text (``summary: !important work``) is usually text that needs quotes, and says so;
    - an alias inside the value its anchor names (``meta: &m {x: *m}``, a merge ``<<: *b``
      inside ``basics: &b``): that value would contain itself without end. ruamel.yaml read
      null in its place (``export`` wrote ``"x": null``) or, for the merge, failed with an
      AttributeError;
    - a plain (unquoted) text that goes on over a line starting with a list's '-': a list
      item indented more than the one above it, which YAML reads as more words of that one
      (:func:`_swallowed_item`; newcomer trial: a highlight vanished into the one above).

    Walks the parser's events (libyaml's when available; its parser is a state machine and
    does not recurse) and stops at the first problem; the field's path is worked out only
    then. A syntax error ends the walk quietly: the loader reports it with its place.

    Raises:
        UserError: located at the collection that goes one level too deep, at the tag or at
            the alias, with the line quoted and a plain-words hint.
    """
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, MappingStartEvent, ScalarEvent

    pure = _pure_parser()
    from ruamel.yaml import YAML

    depth = 0
    named: dict[str, tuple[int, Any]] = {}  # anchor -> (index, event) of the node it names now
    opened: list[int] = []  # index of each open collection's event
    unfinished: set[int] = set()  # those of them an anchor names
    # each open collection: [its start event, nodes read in it so far, its last key's event]
    frames: list[list[Any]] = []
    lines: list[str] | None = None
    try:
        for index, event in enumerate(YAML(typ="safe", pure=pure).parse(text)):
            kind = type(event)
            frame = frames[-1] if frames else None
            if frame is not None and isinstance(event, (ScalarEvent, AliasEvent, CollectionStartEvent)):
                frame[1] += 1
                if isinstance(frame[0], MappingStartEvent) and frame[1] % 2:
                    frame[2] = event
            if kind is ScalarEvent:
                if event.tag is not None:
                    raise UserError(_tag_problem(event, text, file, _event_path(text, index, pure)))
                if not event.style and event.end_mark.line > event.start_mark.line and frame is not None \
                        and not frame[0].flow_style:
                    lines = lines if lines is not None else source_lines(text)
                    problem = _swallowed_item(event, frame, text, file, lines, lambda: _event_path(text, index, pure))
                    if problem is not None:
                        raise UserError(problem)
                if event.anchor:
                    named[event.anchor] = (index, event)
            elif kind is AliasEvent:
                target = named.get(event.anchor)
                if target is not None and target[0] in unfinished:
                    raise UserError(_alias_problem(event, target[1], text, file, _event_path(text, index, pure)))
            elif isinstance(event, CollectionStartEvent):
                if event.tag is not None:
                    raise UserError(_tag_problem(event, text, file, _event_path(text, index, pure)))
                depth += 1
                if depth > MAX_DEPTH:
                    line, column = _position(event.start_mark, text)
                    raise UserError.at(file, line + 1, column + 1,
                                       f"the document is nested too deeply (limit {MAX_DEPTH} levels)")
                opened.append(index)
                frames.append([event, 0, None])
                if event.anchor:
                    named[event.anchor] = (index, event)
                    unfinished.add(index)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
                unfinished.discard(opened.pop())
                frames.pop()
    except YAMLError:
        return


def _swallowed_item(event: Any, frame: list[Any], text: str, file: str, lines: list[str],
                    path: Callable[[], PathKey]) -> Problem | None:
    """The problem of a plain (unquoted) text ``event`` that goes on over lines starting with
    a list's '-': YAML reads such a line, indented more than the text's own start, as more
    words of the text, not as an item (newcomer trial: a highlight indented two spaces more
    than the one above became part of it, silently). ``frame``: the collection the text is in
    (its start event, the nodes read in it, its last key's event)."""
    from ruamel.yaml.events import MappingStartEvent

    from resume_builder.loading.yaml_levels import swallowed_item

    first = _position(event.start_mark, text)[0]
    last = line_and_column(text, max(event.end_mark.index - 1, 0))[0]
    found = swallowed_item(lines, first, last)
    if found is None:
        return None
    deeper = len(lines[found]) - len(lines[found].lstrip(" "))
    if isinstance(frame[0], MappingStartEvent):
        if str(event.value).startswith("-"):  # '-one' with no space: the list_text_hint of the schema's message
            return None
        key = frame[2]
        name = str(getattr(key, "value", "")) if key is not None else ""
        return Problem(f"this line starts with '- ', but YAML reads it as more text of '{name}:' on line {first + 1}, "
                       "not as a list item", Location(file, found + 1, deeper + 1), dotted(path()),
                       f"for a list, write '{name}:' alone on its line and each item under it; for one text, put it "
                       "in quotes", excerpt(text, found, deeper))
    column = _position(frame[0].start_mark, text)[1]
    items = [i for i in range(first + 1, last + 1) if re.match(r" *-( |$)", lines[i])]
    if frame[1] == 1 and deeper > column and all(len(lines[i]) - len(lines[i].lstrip(" ")) == deeper for i in items) \
            and (len(items) > 1 or _under_key_by_step(lines, first, deeper)):
        # the list's first item moved left: the items after it are where it should be
        return Problem(f"this list item is indented by {column} spaces, but the items after it are indented by "
                       f"{deeper} (line {found + 1}), so YAML reads them as more text of this one",
                       Location(file, first + 1, column + 1), dotted(path()),
                       f"indent it by {deeper} spaces, like the items after it", excerpt(text, first, column))
    return Problem(f"this list item is indented more than the item above it (line {first + 1}): {deeper} spaces "
                   f"instead of {column}, so YAML reads it as more text of that item",
                   Location(file, found + 1, deeper + 1), dotted(path()),
                   f"line up its '-' with the item above: indent it by {column} spaces", excerpt(text, found, deeper))


def _under_key_by_step(lines: list[str], first: int, deeper: int) -> bool:
    """Whether the item on line ``first`` is written at its key's column ('highlights:' then
    '- …' under its 'h') where this file puts a list's items one step deeper, at ``deeper``."""
    from resume_builder.loading.yaml_levels import indent_steps, owner

    above = owner(lines, first)
    if above is None or lines[above].lstrip().startswith("-") or not lines[above].rstrip().endswith(":"):
        return False
    column = len(lines[above]) - len(lines[above].lstrip(" "))
    return column == len(lines[first]) - len(lines[first].lstrip(" ")) and deeper - column == indent_steps(lines)[1]


def _position(mark: Any, text: str) -> tuple[int, int]:
    """The 0-based line and column of a parser event's ``mark`` in ``text``, lines counted as
    YAML 1.2 counts them: from the mark's offset, since libyaml (YAML 1.1) also ends a line
    at NEL, U+2028 and U+2029 in its own count."""
    return line_and_column(text, mark.index)


def _pure_parser() -> bool:
    """Whether events must come from ruamel.yaml's pure-Python parser (no libyaml extension)."""
    try:
        import _ruamel_yaml  # noqa: F401  (the C extension)
    except ImportError:
        return True
    return False


def _event_path(text: str, target: int, pure: bool) -> PathKey:
    """The path (keys and indexes) of the node of the ``target``-th parser event of ``text``.

    A key's own event gets the path of its value; a key that is not a plain text (a mapping
    used as a key) adds nothing to the path."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import (AliasEvent, CollectionEndEvent, CollectionStartEvent, MappingStartEvent,
                                    ScalarEvent)

    # one frame per open collection: [path, is a mapping, current key or next index, expecting a key]
    stack: list[list[Any]] = []
    for index, event in enumerate(YAML(typ="safe", pure=pure).parse(text)):
        if isinstance(event, CollectionEndEvent):
            stack.pop()
            continue
        if not isinstance(event, (ScalarEvent, AliasEvent, CollectionStartEvent)):
            continue
        here: PathKey = ()
        if stack:
            frame = stack[-1]
            if frame[1] and frame[3]:  # a key
                frame[2] = event.value if isinstance(event, ScalarEvent) else None
                frame[3] = False
                here = frame[0] + ((frame[2],) if frame[2] is not None else ())
            elif frame[1]:  # the value of the current key
                here = frame[0] + ((frame[2],) if frame[2] is not None else ())
                frame[3] = True
            else:
                here = frame[0] + (frame[2],)
                frame[2] += 1
        if index == target:
            return here
        if isinstance(event, CollectionStartEvent):
            mapping = isinstance(event, MappingStartEvent)
            stack.append([here, mapping, None if mapping else 0, True])
    return ()


def _alias_problem(alias: Any, anchored: Any, text: str, file: str, path: PathKey) -> Problem:
    """The located problem of ``alias`` (``*m``) inside the collection its anchor names (``anchored``)."""
    name = alias.anchor
    (line, column), (start, _) = _position(alias.start_mark, text), _position(anchored.start_mark, text)
    return Problem(f"the alias '*{name}' is inside the value its anchor '&{name}' names (line {start + 1}), "
                   "so that value would contain itself without end",
                   Location(file, line + 1, column + 1), dotted(path),
                   f"an alias repeats a value written before it, not the one it is in: remove '*{name}', "
                   "or write out what it should repeat", excerpt(text, line, column))


#: Tags of YAML's core schema, written as the '!!' shorthand (``!!str`` is ``tag:yaml.org,2002:str``).
_CORE_TAG = "tag:yaml.org,2002:"


def _tag_problem(event: Any, text: str, file: str, path: PathKey) -> Problem:
    """The located problem of a tag on ``event`` (a scalar or the start of a collection)."""
    from ruamel.yaml.events import ScalarEvent

    tag = str(event.tag)
    mark = event.start_mark
    line, column = _position(mark, text)
    written = text[mark.index:]
    anchor = re.match(r"&\S+\s+", written)  # '&name !!str x': the mark is at the anchor
    if anchor and written[anchor.end():].startswith("!"):
        column += anchor.end()
    shown = "!!" + tag[len(_CORE_TAG):] if tag.startswith(_CORE_TAG) else tag
    place = Location(file, line + 1, column + 1)
    quoted = excerpt(text, line, column)
    if isinstance(event, ScalarEvent) and tag.startswith("!") and not tag.startswith("!!"):
        whole = f"{tag} {event.value}".strip() if event.value else tag
        return Problem(f"the text starts with '!', which YAML reads as a tag ('{tag}'), a type written before a "
                       "value", place, dotted(path), f"put the whole text in quotes: \"{whole}\"", quoted)
    hint = "profiles hold plain data: remove the tag" + (
        "; quote the value if it must stay text" if isinstance(event, ScalarEvent) else "")
    return Problem(f"YAML tag '{shown}' is not allowed", place, dotted(path), hint, quoted)


def parse_yaml_fast(text: str, file: str) -> SourceDocument | None:
    """Plain data from libyaml (ruamel.yaml.clib), without positions, or None.

    Positions cost ten times the parse itself (the round-trip loader takes ~40 ms for the
    example, libyaml ~4 ms) and are needed only to point at a mistake. So a valid file is
    read fast and its positions are computed later, only if something must be located;
    anything unusual (a tag, an odd key, deep nesting, a size limit, a syntax error)
    returns None, and the careful path reads the file again and reports it precisely.
    Both use YAML 1.2 (``no`` is text, not false).
    """
    try:
        import _ruamel_yaml  # noqa: F401  (the C extension; without it the fast path is not fast)
    except ImportError:
        return None
    from resume_builder.loading.yaml_anchors import may_hold_anchors

    if "\ufeff" in text or may_hold_anchors(text) or _DRIVE_PATH.search(text):
        return None  # a stray byte-order mark, an anchor, a Windows path (escaped_paths): the careful path
    try:
        check_yaml_events(text, file)  # libyaml's composer recurses in C: check before loading
        yaml = _yaml("safe")
        yaml.Resolver = _once_versioned(yaml.Resolver)
        data = yaml.load(text)
        doc = SourceDocument(file, _plain(data, 0, [0]))
        check_sizes(doc, gather=False)  # anything over a limit: the careful path tells it
    except Exception:  # syntax errors, tags, limits: the careful path says exactly what and where
        return None
    return doc


def _plain(node: Any, depth: int, count: list[int]) -> Any:
    count[0] += 1
    if count[0] > MAX_VALUES or depth > MAX_DEPTH:
        raise _NotPlain
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if isinstance(key, bool) or not isinstance(key, (str, int, float)):
                raise _NotPlain
            out[str(key)] = _plain(value, depth + 1, count)
        return out
    if isinstance(node, list):
        return [_plain(item, depth + 1, count) for item in node]
    if isinstance(node, (_dt.datetime, _dt.date)):
        return node.isoformat()
    if node is None or isinstance(node, (str, bool, int, float)):
        return node
    raise _NotPlain  # sets, bytes (!!binary), anything constructed from a tag


#: Characters YAML 1.2 does not allow in a stream (§5.1): C0 controls other than tab, line
#: feed and carriage return, DEL, and C1 controls other than NEL.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")


def _check_raw_controls(text: str, file: str) -> None:
    """A control character written raw into the file (a NUL, an escape): located, in plain words.

    Raises:
        UserError: at the character's line and column, with the line quoted.
    """
    check_controls(text, file, _RAW_CONTROL, "which YAML does not allow",
                   "delete it (write \\t, \\n or \\u escapes inside double quotes if it was meant)")


#: Characters a text file to read as prose (a job posting) does not hold: C0 controls other
#: than tab, line feed, form feed (a page break, as pdftotext writes) and carriage return,
#: DEL, and C1 controls other than NEL. An escape (U+001B) printed back would drive the
#: terminal (a posting's title is printed).
TEXT_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")


def check_controls(text: str, file: str, pattern: re.Pattern[str], why: str, hint: str) -> None:
    """Raise a UserError at the first character of ``text`` that ``pattern`` matches: "the file
    holds the control character U+XXXX, ``why``", at its line and column in ``file``, with the
    line quoted (the character shown as a visible symbol) and ``hint``."""
    found = pattern.search(text)
    if found is None:
        return
    line, column = line_and_column(text, found.start())
    raise UserError(Problem(f"the file holds the control character U+{ord(found.group()):04X}, {why}",
                            Location(file, line + 1, column + 1), hint=hint, excerpt=excerpt(text, line, column)))


def parse_yaml(text: str, file: str, judge: Callable[[str], int | None] | None = None) -> SourceDocument:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from resume_builder.loading.yaml_anchors import check_scalar_anchors

    _check_raw_controls(text, file)
    check_yaml_events(text, file)
    check_scalar_anchors(text, file)
    yaml = _yaml("rt")
    try:
        root = yaml.load(text)
    except _NumberTooLong as exc:
        mark = exc.mark
        raise _number_too_long(file, exc.digits, mark.line + 1 if mark else None,
                               mark.column + 1 if mark else None) from None
    except MarkedYAMLError as exc:
        if exc.__class__.__name__ == "DuplicateKeyError":
            mark = exc.problem_mark or exc.context_mark
            message = (exc.problem or exc.context or "invalid YAML").strip()
            message = message.replace("found duplicate key", "duplicate key")
            message = re.sub(r' with value ".*', "", message, flags=re.S)  # a block value holds line breaks
            line = mark.line + 1 if mark else None
            col = mark.column + 1 if mark else None
            first = _first_of_duplicate(text, exc)
            if first is not None:
                message += f", also on line {first}"
            raise UserError.at(file, line, col, f"YAML syntax error: {message}",
                               hint="each key may appear once in a mapping: merge the two or delete one") from None
        raise UserError(explain(exc, text, file, judge)) from None
    except RecursionError:
        raise UserError.at(file, None, None, f"the document is nested too deeply (limit {MAX_DEPTH} levels)") from None
    except YAMLError as exc:
        raise UserError.at(file, None, None, f"YAML error: {exc}") from None
    doc = SourceDocument(file, None)
    try:
        doc.data = _plain_from_yaml(root, (), doc, [0], 0)
    except UserError as error:  # quote the offending line under a located problem
        raise UserError([_with_excerpt(p, text) for p in error.problems]) from None
    return doc


def _first_of_duplicate(text: str, exc: Any) -> int | None:
    """The 1-based line of the first of two equal keys that ruamel.yaml's ``DuplicateKeyError``
    ``exc`` reports (it marks the second key and the start of the mapping): the line between
    them with the same key at the same column, after nothing but indentation and list dashes
    (a block mapping); None when there is none (a flow mapping)."""
    start, second = exc.context_mark, exc.problem_mark
    found = re.search(r'duplicate key "(.*?)" with value', str(exc.problem or ""), re.DOTALL)
    if start is None or second is None or found is None:
        return None
    key, column = found.group(1), second.column
    lines = source_lines(text)
    for index in range(start.line, min(second.line, len(lines))):
        line = lines[index]
        if re.fullmatch(r"[ ]*(?:-[ ]+)*", line[:column]) and re.match(
                rf"""(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')[ ]*:(?:[ ]|$)""", line[column:]):
            return index + 1
    return None


def _with_excerpt(problem: Problem, text: str) -> Problem:
    import dataclasses

    from resume_builder.loading.yaml_errors import excerpt

    loc = problem.location
    if problem.excerpt or loc is None or loc.line is None:
        return problem
    return dataclasses.replace(problem, excerpt=excerpt(text, loc.line - 1, (loc.column or 1) - 1))


def _yaml_tag(node: Any) -> str | None:
    tag = getattr(node, "tag", None)
    if tag is None:
        return None
    value = getattr(tag, "value", tag)
    return value if isinstance(value, str) else None


def _plain_from_yaml(node: Any, path: PathKey, doc: SourceDocument, count: list[int], depth: int) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

    count[0] += 1
    if count[0] > MAX_VALUES:
        raise UserError.at(doc.file, None, None,
                           f"the document expands to more than {MAX_VALUES:,} values; "
                           "YAML aliases (*name) that repeat large blocks are the usual cause")
    if depth > MAX_DEPTH:
        loc = doc.locate(path)
        raise UserError.at(doc.file, loc.line, loc.column,
                           f"the document is nested too deeply (limit {MAX_DEPTH} levels)")
    tag = _yaml_tag(node)
    if isinstance(node, TaggedScalar) or tag not in _STANDARD_TAGS:
        loc = doc.locate(path)
        if isinstance(node, TaggedScalar) and str(tag).startswith("!") and not str(tag).startswith("!!"):
            text = f"{tag} {node.value}".strip() if node.value else str(tag)
            raise UserError.at(doc.file, loc.line, loc.column,
                               f"the text starts with '!', which YAML reads as a tag ('{tag}'), "
                               "a type written before a value", path=dotted(path),
                               hint=f"put the whole text in quotes: \"{text}\"")
        raise UserError.at(doc.file, loc.line, loc.column,
                           f"YAML tag '{tag}' is not allowed",
                           path=dotted(path), hint="profiles hold plain data: remove the tag")
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key in node:
            if not isinstance(key, (str, int, float, bool)) or isinstance(key, bool):
                loc = doc.locate(path)
                raise UserError.at(doc.file, loc.line, loc.column, "mapping keys must be plain text",
                                   path=dotted(path))
            child = path + (str(key),)
            try:
                kl, kc = node.lc.key(key)
                doc.keys[child] = (kl + 1, kc + 1)
                vl, vc = node.lc.value(key)
                doc.values[child] = (vl + 1, vc + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            out[str(key)] = _plain_from_yaml(node[key], child, doc, count, depth + 1)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, item in enumerate(node):
            child = path + (index,)
            try:
                il, ic = node.lc.item(index)
                doc.values[child] = (il + 1, ic + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            items.append(_plain_from_yaml(item, child, doc, count, depth + 1))
        return items
    if isinstance(node, (list, dict)):  # plain containers can appear after merges
        return node
    if isinstance(node, _dt.datetime):
        return node.isoformat()
    if isinstance(node, _dt.date):
        return node.isoformat()
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def value_at(data: Any, path: PathKey, *, strict: bool = False) -> Any:
    """The value at ``path`` (keys and list indexes) in parsed ``data``, or None where there is none.

    ``strict``: for a path that comes from a file rather than from the data itself (export's
    ``meta.jsonresume_unmapped``), only a text key of a mapping and an index of a list from 0
    (an int, not a bool) lead on; Python's own indexing would take ``-1`` for the last item,
    ``true`` for item 1 and an index of a text for one of its characters.
    """
    for part in path:
        if strict and not (isinstance(data, dict) and isinstance(part, str)
                           or isinstance(data, list) and type(part) is int and part >= 0):
            return None
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def dotted(path: PathKey) -> str:
    """A path as users write it: ``experience[2].highlights[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


# --------------------------------------------------------------------------- JSON
#
# The standard library's ``json`` reads the data: it is exactly JSON (no comments, trailing
# commas, single quotes or bare keys, which a YAML parser would quietly accept) and says
# where a syntax error is. ruamel.yaml's libyaml parser then walks the same text as events
# (JSON is YAML's flow style) and gives the line and column of every value and key; the
# walk also enforces the limits (depth, number of values, digits) and refuses duplicate
# keys, each at its place. Neither recurses in Python: ``json`` stops deep nesting with a
# RecursionError and libyaml's parser is a state machine, so 100,000 levels are refused
# with their position, not a crash.

#: What JSON allows in a string but libyaml refuses (C1 controls, DEL, U+FFFE/F, escaped
#: UTF-16 surrogates such as ``\ud83d``) or reads as a line break (NEL, U+2028, U+2029).
#: The walk sees a private-use character (U+E000-U+EFFF) in its place instead: same
#: length, so every position stays where it is; a key holding one is decoded from the text.
_YAML_UNSAFE = {code: 0xE000 + (code & 0xFFF) for code in (0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0xFFFE, 0xFFFF)}
_YAML_UNSAFE_CHARS = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_SURROGATE_ESCAPE = re.compile(r"\\(?:\\|u[dD][89a-fA-F][0-9a-fA-F]{2})")
_PRIVATE_USE = re.compile("[\ue000-\uefff]")


def _for_yaml(text: str) -> tuple[str, bool]:
    """``text`` as libyaml can walk it (see :data:`_YAML_UNSAFE`), and whether it changed."""
    walked = text
    if _YAML_UNSAFE_CHARS.search(walked):
        walked = walked.translate(_YAML_UNSAFE)
    if "\\u" in walked:
        walked = _SURROGATE_ESCAPE.sub(lambda m: m.group() if m.group() == "\\\\" else "\\ue" + m.group()[3:], walked)
    return walked, walked is not text and walked != text


_JSON_CONSTANTS = ("NaN", "Infinity", "-Infinity")

#: The standard library's messages, in our words (string errors keep theirs, lower-cased).
_JSON_MESSAGES = {
    "Expecting property name enclosed in double quotes": "expected a key in double quotes",
    "Expecting ':' delimiter": "expected ':' after the key",
    "Extra data": "extra data after the end of the document",
}


class _NotFollowed(Exception):
    """libyaml could not follow a document ``json`` read (see :func:`_json_positions`)."""


class _Offsets:
    """Line and column (1-based, in characters) of an offset into ``text``; a line ends at ``\\n``."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, mark: Any) -> Position:
        import bisect

        line = bisect.bisect_right(self.starts, mark.index) - 1
        return line + 1, mark.index - self.starts[line] + 1


def _json_syntax_message(exc: json.JSONDecodeError) -> str:
    text, pos = exc.doc, exc.pos
    if exc.msg == "Expecting value":
        if pos >= len(text.rstrip()):
            return "unexpected end of file: a value is missing"
        return f"unexpected character {text[pos]!r}: expected a value"
    if exc.msg == "Expecting ',' delimiter":
        opened = []  # the innermost open bracket says which closing one was expected
        for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text[:pos]):
            token = match.group()
            if token in "[{":
                opened.append(token)
            elif token in "]}" and opened:
                opened.pop()
        return "expected ',' or " + ("']'" if opened and opened[-1] == "[" else "'}'")
    return _JSON_MESSAGES.get(exc.msg, exc.msg)


def _json_error(file: str, text: str, line: int | None, column: int | None, message: str,
                hint: str = "") -> UserError:
    """A located "JSON syntax error", the line quoted under it, in plain words (``json_errors``)."""
    quoted = None
    rows = text.split("\n")
    if line and line > 1 and not "".join(rows[line - 1:]).strip():  # at the end, after blank lines:
        line = max(i for i, row in enumerate(rows[:line - 1], start=1) if row.strip()) \
            if any(row.strip() for row in rows[:line - 1]) else line
        column = len(rows[line - 1].rstrip()) + 1  # show the end of the last line with text
    if line:
        offset = sum(len(row) + 1 for row in text.split("\n")[:line - 1]) + (column or 1) - 1
        if not hint:
            from resume_builder.loading.json_errors import explain_json

            message, hint = explain_json(message, text, offset)
        if message.startswith("a comma before"):  # point at the comma to delete, not the bracket after it
            comma = text.rindex(",", 0, offset)
            line, column = text.count("\n", 0, comma) + 1, comma - text.rfind("\n", 0, comma)
        quoted = excerpt(text, line - 1, (column or 1) - 1, lone_cr=False)  # json counts line feeds only
    return UserError(Problem(f"JSON syntax error: {message}", Location(file, line, column), hint=hint,
                             excerpt=quoted))


def _json_positions(text: str, doc: SourceDocument) -> None:
    """Fill ``doc.values`` and ``doc.keys`` from libyaml's events; check the limits on the way.

    libyaml's own lines and columns are used when it reads the text as written. It cannot
    when a key and its ':' are on different lines (YAML wants an implicit key on one line)
    or a bare carriage return breaks a line (JSON's lines end at line feeds): then it walks
    the text with its line breaks as spaces (JSON whitespace either way; every offset
    stays) and positions come from the offsets.

    Raises:
        UserError: located, for nesting deeper than MAX_DEPTH, more than MAX_VALUES values,
            a whole number of more than MAX_NUMBER_DIGITS digits, ``NaN``/``Infinity``, or a
            key given twice in one object.
        _NotFollowed: libyaml cannot read this JSON as YAML (an object key of more than
            1,024 characters: YAML's limit on an implicit key).
    """
    from ruamel.yaml.error import YAMLError

    walked, translated = _for_yaml(text)
    bare_cr = "\r" in text and text.count("\r") != text.count("\r\n")
    if not bare_cr:
        try:
            _walk_json(text, walked, translated, doc, None)
            return
        except YAMLError:
            doc.values.clear()
            doc.keys.clear()
    try:
        _walk_json(text, walked.replace("\n", " ").replace("\r", " "), translated, doc, _Offsets(text))
    except YAMLError:
        raise _NotFollowed from None


def _walk_json(text: str, walked: str, translated: bool, doc: SourceDocument, offsets: _Offsets | None) -> None:
    """One pass of :func:`_json_positions` over ``walked``; YAMLError if libyaml cannot follow it.

    Positions are libyaml's lines and columns, or come from ``offsets`` when given.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.events import (MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
                                    SequenceStartEvent)

    try:
        import _ruamel_yaml  # noqa: F401  (the C extension)

        pure = False
    except ImportError:
        pure = True
    file, values, keys = doc.file, doc.values, doc.keys
    # one frame per open collection: [path, is_mapping, next index or current key, expecting a key]
    stack: list[list[Any]] = []
    count = 0
    for event in YAML(typ="safe", pure=pure).parse(walked):
        kind = type(event)
        if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            mark = event.start_mark
            here = (mark.line + 1, mark.column + 1) if offsets is None else offsets(mark)
            if stack:
                frame = stack[-1]
                if frame[1]:
                    if frame[3]:
                        key = event.value
                        if translated and _PRIVATE_USE.search(key):
                            key = json.loads(text[event.start_mark.index:event.end_mark.index])
                        child = frame[0] + (key,)
                        if child in keys:
                            raise _json_error(file, text, *here, f'duplicate key "{key}"')
                        keys[child] = here
                        frame[2], frame[3] = child, False
                        continue
                    child, frame[3] = frame[2], True
                else:
                    child = frame[0] + (frame[2],)
                    frame[2] += 1
            else:
                child = ()
            values[child] = where = here
            count += 1
            if count > MAX_VALUES:
                raise _json_error(file, text, *where, f"the document has more than {MAX_VALUES:,} values")
            if len(stack) > MAX_DEPTH:  # a value inside more than MAX_DEPTH objects and arrays
                raise _json_error(file, text, *where, f"the document is nested too deeply (limit {MAX_DEPTH} levels)")
            if kind is ScalarEvent:
                if not event.style:  # a number, true, false or null
                    _check_json_number(event.value, file, text, *where)
                continue
            stack.append([child, kind is MappingStartEvent, None if kind is MappingStartEvent else 0, True])
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()


def _check_json_number(value: str, file: str, text: str, line: int | None, column: int | None) -> None:
    if value in _JSON_CONSTANTS:
        raise _json_error(file, text, line, column, f"unexpected character {value[0]!r}: expected a value")
    digits = len(value.lstrip("-"))
    if digits > MAX_NUMBER_DIGITS and not any(c in value for c in ".eE"):
        raise _json_error(file, text, line, column, f"this number has {digits:,} digits; a number may have at most "
                                              f"{MAX_NUMBER_DIGITS:,} (put it in quotes if it is text)")


def _unfollowed_checks(text: str, data: Any, file: str) -> None:
    """The limits of :func:`_json_positions`, unlocated, for JSON libyaml cannot follow."""
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) != len(pairs):
            seen: set[str] = set()
            key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
            raise _json_error(file, text, None, None, f'duplicate key "{key}"')
        return out

    json.loads(text, object_pairs_hook=no_duplicates, parse_int=lambda s: _check_json_number(s, file, text, None, None),
               parse_constant=lambda s: _check_json_number(s, file, text, None, None))
    count = 0
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise _json_error(file, text, None, None, f"the document has more than {MAX_VALUES:,} values")
        if depth > MAX_DEPTH:
            raise _json_error(file, text, None, None, f"the document is nested too deeply (limit {MAX_DEPTH} levels)")
        if isinstance(value, (dict, list)):
            stack.extend((item, depth + 1) for item in (value.values() if isinstance(value, dict) else value))


def parse_json(text: str, file: str) -> SourceDocument:
    """``text`` as JSON (RFC 8259), with the line and column of every value and key.

    Raises:
        UserError: "JSON syntax error: ..." at the place of the first mistake, or of the
            first value over a limit (depth, values, digits; see ``limits.py``) or key given
            twice. JSON that libyaml cannot follow (an object key of more than 1,024
            characters) is read without positions: its problems are reported by file only.
    """
    data: Any = None
    unread: str | None = None  # why json could not build the data, when the walk is to say where
    try:
        data = json.loads(text, parse_constant=str)  # NaN and Infinity: refused, located, by the walk
    except json.JSONDecodeError as exc:
        from resume_builder.loading.json_errors import explain_json

        message, hint = explain_json(_json_syntax_message(exc), text, exc.pos)
        raise _json_error(file, text, exc.lineno, exc.colno, message, hint) from None
    except RecursionError:  # deeper than the interpreter allows: past MAX_DEPTH, which the walk locates
        unread = f"the document is nested too deeply (limit {MAX_DEPTH} levels)"
    except ValueError:  # a number longer than int() takes: past MAX_NUMBER_DIGITS, which the walk locates
        unread = f"a number has more than {MAX_NUMBER_DIGITS:,} digits (put it in quotes if it is text)"
    doc = SourceDocument(file, data)
    try:
        _json_positions(text, doc)
    except _NotFollowed:
        if unread is not None:
            raise _json_error(file, text, None, None, unread) from None
        doc = SourceDocument(file, data)
        _unfollowed_checks(text, data, file)
    if unread is not None:  # the walk found nothing to locate: say it all the same
        raise _json_error(file, text, None, None, unread)
    return doc
