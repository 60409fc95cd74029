"""A profile split over files: ``{include: FILE}`` anywhere a value or a list item goes.

The form (one key, ``include``, whose value is a relative path)::

    projects: {include: parts/projects.yaml}     # the value of a key: the file's content
    experience:
      - {include: parts/recent-jobs.yaml}        # a list item: a list file is spliced in,
      - company: Acme                            # any other content is one item
        ...

It is plain YAML and JSON (``{"include": "parts/projects.json"}``), so the YAML language
server and the profile's JSON Schema both describe it (``schema/json_schema.py`` allows it
at every key and list item). Included files may include others.

Rules, each a located :class:`~resume_builder.errors.UserError`:

- ``include`` is alone in its mapping: an include stands for the whole value (or list
  item, or file), so ``{include: b.yaml, extra: 1}``, and ``include:`` beside other keys at
  the top of a file, are refused at the first other key, not read as a mapping of fields;
- its value is one path: a number, a list, a mapping, ``null`` or an empty text is refused
  saying what was found; a key that is ``include`` in other letters (``Include:``), or
  close to it (``includes: parts/p.yaml`` alone in its mapping), gets "did you mean
  'include'?" rather than an unknown field;
- the path is relative to the including file; it must name a ``.yaml``, ``.yml`` or
  ``.json`` file inside the profile's folder tree after following symlinks (the folder of
  the profile file given, itself resolved). Absolute paths, ``..`` leading out, symlinks
  pointing out and URLs are refused; the refusal does not say whether the outside file
  exists. Nothing is ever fetched from the network;
- a file that includes itself, directly or through others, is a cycle (the chain is shown);
- at most :data:`~resume_builder.limits.MAX_INCLUDE_DEPTH` includes inside includes, at
  most :data:`~resume_builder.limits.MAX_INCLUDES` includes followed (a file included many
  times counts each time), at most :data:`~resume_builder.limits.MAX_INCLUDED_FILES` files in
  all, at most
  :data:`~resume_builder.limits.MAX_INCLUDED_BYTES` bytes together; each file is parsed
  with the same limits as a profile (size, depth, bounded YAML aliases) and the merged
  document is checked against the profile limits as one file would be
  (:func:`~resume_builder.loading.source.check_sizes`);
- every position keeps the file it was read from, so a mistake inside an included file is
  reported at that file's line and column, followed by the chain of includes that led
  there (:func:`with_chain`).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from resume_builder.containment import is_inside, real
from resume_builder.errors import Location, Problem, UserError
from resume_builder.limits import (MAX_DEPTH, MAX_FILE_BYTES, MAX_INCLUDE_DEPTH, MAX_INCLUDED_BYTES,
                                   MAX_INCLUDED_FILES, MAX_INCLUDES, MAX_VALUES)
from resume_builder.loading.source import PathKey, SourceDocument, check_sizes, dotted, parse, read_text
from resume_builder.output import path_kind
from resume_builder.wording import describe

INCLUDE_KEY = "include"
SUFFIXES = (".yaml", ".yml", ".json")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//|^\\\\")

#: How a file's text becomes a document: ``parse`` (positions) or a faster one without.
Parser = Callable[[str, str], SourceDocument]


def is_include(value: Any) -> bool:
    """Whether ``value`` is an include: a mapping whose one key is ``include``."""
    return isinstance(value, dict) and len(value) == 1 and INCLUDE_KEY in value


def _misspelt_include(key: Any, value: Any, alone: bool) -> bool:
    """Whether the mapping key ``key`` (with ``value``; ``alone``: the mapping's only key) is
    ``include`` mistyped: in other letters (``Include``), when alone or naming a YAML or JSON
    file, or a close typo (``includes``, ``inlcude``) alone and naming one. Free-form
    mappings (``meta``) keep any other key."""
    if not isinstance(key, str) or key == INCLUDE_KEY or not 5 <= len(key) <= 12:
        return False
    folded = key.strip().casefold()
    names_file = isinstance(value, str) and value.strip().lower().endswith(SUFFIXES)
    if folded == INCLUDE_KEY:
        return alone or names_file
    return alone and names_file and difflib.SequenceMatcher(None, folded, INCLUDE_KEY).ratio() >= 0.8


def _include_like(value: dict[Any, Any]) -> bool:
    """Whether the mapping ``value`` is, or was meant as, an include (well formed or not)."""
    if INCLUDE_KEY in value:
        return True
    alone = len(value) == 1
    return any(_misspelt_include(key, item, alone) for key, item in value.items())


def holds_includes(data: Any) -> bool:
    """Whether any value or list item of ``data`` is an include, or a mapping meant as one
    (``include`` beside other keys, ``Include:``: the resolver refuses those, located), walked
    without recursion."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict) and _include_like(value):
            return True
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


@dataclass
class Resolved:
    """A profile's document with every include replaced by the file's content.

    ``files``: each included file (symlinks resolved) → the SHA-256 of its bytes as read,
    in the order read (the profile itself is not in it); ``chains``: an included file's
    name as shown in messages → the include sites that led to it the first time, outermost
    first (a position's own :class:`IncludedFile` says which include it came through).
    """

    doc: SourceDocument
    files: dict[Path, str] = field(default_factory=dict)
    chains: dict[str, tuple[Location, ...]] = field(default_factory=dict)


class IncludedFile(str):
    """An included file's name as shown in messages, carrying the include sites that led
    to this inclusion of it (``sites``, outermost first).

    Each position read from an included file holds one as its file, so a file included
    twice reports each mistake with the include it came through. It is the name itself
    everywhere else (compares, hashes and prints as a ``str``).
    """

    sites: tuple[Location, ...]

    def __new__(cls, name: str, sites: tuple[Location, ...]) -> "IncludedFile":
        made = super().__new__(cls, name)
        made.sites = sites
        return made

    def __reduce__(self):  # pickled (cached profiles) with its sites
        return (IncludedFile, (str(self), self.sites))


@dataclass(frozen=True)
class _Frame:
    """The file being expanded: its real path, the path as given (for relative includes),
    the include sites that led here, its document, and its name as positions hold it."""

    real: Path
    given: Path
    sites: tuple[Location, ...]
    doc: SourceDocument
    root: bool
    label: str = ""

    def locate(self, path: PathKey, *, prefer_key: bool = False) -> Location:
        """Where ``path`` (its key, with ``prefer_key``) is written in this file, as a position
        read from it reports it."""
        where = self.doc.locate(path, prefer_key=prefer_key)
        return where if self.root else Location(self.label, where.line, where.column)


def resolve_includes(doc: SourceDocument, path: Path, *, parser: Parser = parse) -> Resolved:
    """``doc`` (the profile read from ``path``) with its includes resolved, recursively.

    ``parser`` reads each included file's text (``parse``: with positions). The input
    ``doc`` is not changed. Without any include, ``doc`` itself is returned.

    Raises:
        UserError: located where the include is written (a bad path, a cycle, a limit) or
            inside the included file (its own syntax or size errors), the include chain
            shown under it.
    """
    if not holds_includes(doc.data):
        return Resolved(doc)
    resolver = _Resolver(path, parser)
    try:
        return resolver.run(doc)
    except UserError as error:
        raise with_chain(error, resolver.chains) from None


def with_chain(error: UserError, chains: dict[str, tuple[Location, ...]]) -> UserError:
    """``error`` with "included from FILE:LINE:COL" lines under each problem located in an
    included file (innermost include first), so a reader sees how the file was reached.

    The sites are the ones the problem's position came through (its :class:`IncludedFile`);
    ``chains`` (by file name) serves problems located without one, such as a syntax error
    found when the file was first read.
    """
    if not chains:
        return error
    problems = []
    for problem in error.problems:
        file = problem.location.file if problem.location is not None else None
        sites = getattr(file, "sites", None) or (chains.get(file) if file is not None else None)
        if sites:
            note = "\n".join(f"  included from {site}" for site in reversed(sites))
            excerpt = f"{problem.excerpt}\n{note}" if problem.excerpt else note
            problem = Problem(problem.message, problem.location, problem.path, problem.hint, excerpt)
        problems.append(problem)
    return UserError(problems)


def included_files(path: Path) -> dict[Path, str]:
    """The files the profile at ``path`` includes (see :class:`Resolved`), read quickly.

    For content hashes (``build``): a profile that cannot be read or resolved gives what
    was found before the mistake; the render reports the mistake itself.
    """
    from resume_builder.loading.source import parse_yaml_fast

    resolver = _Resolver(path, _fast_or_careful)
    try:
        text = read_text(path)
        doc = (None if path.suffix.lower() == ".json" else parse_yaml_fast(text, str(path))) or parse(text, str(path))
        if holds_includes(doc.data):
            resolver.run(doc)
    except UserError:
        pass
    return dict(resolver.files)


def _shown(text: str) -> str:
    """``text`` as a message quotes it: at most 200 characters, unprintable ones escaped."""
    return text if text.isprintable() and len(text) <= 200 else text[:200].encode("unicode_escape").decode("ascii")


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes, or ``"missing"``: what a cached profile compares."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _fast_or_careful(text: str, file: str) -> SourceDocument:
    from resume_builder.loading.source import parse_yaml_fast

    return (None if file.lower().endswith(".json") else parse_yaml_fast(text, file)) or parse(text, file)


class _Resolver:
    def __init__(self, path: Path, parser: Parser) -> None:
        self.path = path
        self.boundary = real(path).parent
        self.parser = parser
        self.files: dict[Path, str] = {}
        self.chains: dict[str, tuple[Location, ...]] = {}
        self.bytes = 0
        self.values = 0
        self.followed = 0
        self.parsed: dict[tuple[Path, str], SourceDocument] = {}  # each file read and parsed once
        self.out = SourceDocument(str(path), None)

    def run(self, doc: SourceDocument) -> Resolved:
        frame = _Frame(real(self.path), self.path, (), doc, True)
        try:
            self.bytes = self.path.stat().st_size
        except OSError:
            pass
        self.out.data = self._value(doc.data, (), (), frame, (frame.real,))
        check_sizes(self.out)
        return Resolved(self.out, self.files, self.chains)

    # ------------------------------------------------------------------ walking

    def _position(self, pos: Any, frame: _Frame) -> Any:
        return pos if pos is None or frame.root else (pos[0], pos[1], frame.label)

    def _value(self, value: Any, merged: PathKey, local: PathKey, frame: _Frame, stack: tuple[Path, ...]) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise UserError(Problem(f"the profile and its included files hold more than {MAX_VALUES:,} values",
                                    frame.locate(local), dotted(merged)))
        if len(merged) > MAX_DEPTH:
            raise UserError(Problem(f"the profile and its included files are nested too deeply "
                                    f"(limit {MAX_DEPTH} levels)", frame.locate(local), dotted(merged)))
        pos = self._position(frame.doc.values.get(local), frame)
        if pos is not None:
            self.out.values[merged] = pos
        if isinstance(value, dict) and _include_like(value):
            self._check_form(value, merged, local, frame)
        if is_include(value):
            inner = self._open(value, merged, local, frame, stack)
            self.out.values[merged] = self._position(inner.doc.values.get(()) or (1, 1), inner)
            return self._value(inner.doc.data, merged, (), inner, stack + (inner.real,))
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                key_pos = self._position(frame.doc.keys.get(local + (key,)), frame)
                if key_pos is not None:
                    self.out.keys[merged + (key,)] = key_pos
                out[key] = self._value(item, merged + (key,), local + (key,), frame, stack)
            return out
        if isinstance(value, list):
            items: list[Any] = []
            self._items(value, items, merged, local, frame, stack)
            return items
        return value

    def _items(self, value: list[Any], items: list[Any], merged: PathKey, local: PathKey, frame: _Frame,
               stack: tuple[Path, ...]) -> None:
        """Append ``value``'s items to ``items``; an included list is spliced in, item by item."""
        for index, item in enumerate(value):
            if is_include(item):
                inner = self._open(item, merged + (len(items),), local + (index,), frame, stack)
                if isinstance(inner.doc.data, list):
                    self._items(inner.doc.data, items, merged, (), inner, stack + (inner.real,))
                    continue
                items.append(self._value(inner.doc.data, merged + (len(items),), (), inner, stack + (inner.real,)))
                continue
            items.append(self._value(item, merged + (len(items),), local + (index,), frame, stack))

    def _check_form(self, value: dict[Any, Any], merged: PathKey, local: PathKey, frame: _Frame) -> None:
        """Refuse a mapping meant as an include that is not one: ``include`` beside other keys
        (located at the first other key), or ``include`` mistyped (at that key)."""
        if INCLUDE_KEY in value and len(value) > 1:
            others = [key for key in value if key != INCLUDE_KEY]
            first = others[0]
            names = ", ".join(f"'{_shown(str(key))}'" for key in others[:3])
            if len(others) > 3:
                names += f" and {len(others) - 3} more"
            elif len(others) > 1:
                names = names.rsplit(", ", 1)[0] + f" and '{_shown(str(others[-1]))}'"
            target = value[INCLUDE_KEY]
            into = f"'{_shown(target.strip())}'" if isinstance(target, str) and target.strip() else "the included file"
            if local or not frame.root:
                hint = f"move {names} into {into}, or drop 'include' and write the whole value here"
            else:
                key = str(first) if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]{0,30}", str(first)) else "projects"
                hint = (f"a file that is an include holds nothing else: move {names} into {into}, or drop "
                        f"'include' and include each part at its own key, e.g. {key}: {{include: parts/{key}.yaml}}")
            raise UserError(Problem(f"an include must be alone in its mapping: {names} beside 'include'",
                                    frame.locate(local + (first,), prefer_key=True), dotted(merged + (first,)), hint))
        alone = len(value) == 1
        for key, item in value.items():
            if _misspelt_include(key, item, alone):
                said = ["keys are case-sensitive"] if key.strip().casefold() == INCLUDE_KEY else []
                if isinstance(item, str) and item.strip():
                    said.append(f"write {{include: {_shown(item.strip())}}}")
                hint = " ".join(["did you mean 'include'?", ": ".join(said)]).strip()
                raise UserError(Problem(f"unknown field '{_shown(key)}'", frame.locate(local + (key,), prefer_key=True),
                                        dotted(merged + (key,)), hint))

    # ------------------------------------------------------------------ opening a file

    def _open(self, include: dict[str, Any], merged: PathKey, local: PathKey, frame: _Frame,
              stack: tuple[Path, ...]) -> _Frame:
        site = frame.locate(local + (INCLUDE_KEY,))
        where = dotted(merged + (INCLUDE_KEY,))  # as the profile reads it, as validation errors say

        def fail(message: str, hint: str = "") -> UserError:
            return UserError(Problem(message, site, where, hint))

        target = include[INCLUDE_KEY]
        if not isinstance(target, str) or not target.strip():
            found = "an empty text" if isinstance(target, str) else "nothing" if target is None else describe(target)
            hint = ("an include names one file: to include several, write one include per list item, "
                    "e.g. - {include: parts/a.yaml}") if isinstance(target, list) \
                else "write a path relative to this file after 'include:', e.g. {include: parts/projects.yaml}"
            # nothing written has no place of its own (YAML puts it at the next line): the key's
            at = site if target is not None else frame.locate(local + (INCLUDE_KEY,), prefer_key=True)
            raise UserError(Problem(f"an include names a file: expected a path, found {found}", at, where, hint))
        target = target.strip()
        shown_target = _shown(target)
        if _URL.match(target) and not re.match(r"^[A-Za-z]:[\\/]", target):
            raise fail(f"'{shown_target}' is not a file: includes are read from files only, "
                       "never from the network", "copy the content into a file beside the profile and include that")
        if "\x00" in target or os.path.isabs(target) or target.startswith(("/", "\\")) \
                or re.match(r"^[A-Za-z]:", target):
            raise fail(f"'{shown_target}' is an absolute path; an include is relative to the file it is written in",
                       "keep included files in the profile's folder and write e.g. parts/projects.yaml")
        given = frame.given.parent / target
        resolved = real(given)
        if not target.lower().endswith(SUFFIXES):
            # a folder of the profile's ("is not a YAML or JSON file" was said of one: trial); an
            # outside one is not looked at, so that the refusal tells nothing about it
            if is_inside(resolved, self.boundary) and path_kind(given).kind == "folder":
                raise fail(f"'{shown_target}' is a folder, not a file",
                           f"include a file in it, e.g. {shown_target.rstrip('/')}/projects.yaml")
            raise fail(f"'{shown_target}' is not a YAML or JSON file", "include a .yaml, .yml or .json file")
        if not is_inside(resolved, self.boundary):
            raise fail(f"'{shown_target}' is outside the profile's folder",
                       "a profile may include only files inside its own folder, after following symlinks")
        if resolved in stack:
            names = [self._shown(p) for p in stack[stack.index(resolved):]] + [self._shown(resolved)]
            raise fail("include cycle: " + " → ".join(names), "a file may not include itself, directly or "
                                                               "through other files: remove one of these includes")
        self.followed += 1
        if self.followed > MAX_INCLUDES:
            raise fail(f"a profile may follow at most {MAX_INCLUDES:,} includes, counting a file each time it "
                       "is included", "include each file once, from the place that needs it")
        if len(frame.sites) >= MAX_INCLUDE_DEPTH:
            raise fail(f"includes are nested too deeply (limit {MAX_INCLUDE_DEPTH} levels of includes inside "
                       "includes)", "include the innermost files directly from the profile instead")
        if not resolved.is_file():
            found = path_kind(given)  # what the loader says of a profile that is no file, with the include's place
            if found.kind == "missing":
                raise fail(f"included file '{shown_target}' not found", self._suggest(target, given, stack))
            raise fail(f"included file '{shown_target}' {found.said}",
                       "point the link at the file, or include the file itself" if found.link
                       else "include a .yaml, .yml or .json file")
        if len(self.files) + 1 >= MAX_INCLUDED_FILES and resolved not in self.files:
            raise fail(f"a profile may read at most {MAX_INCLUDED_FILES} files with its includes",
                       "merge some of the included files")
        try:
            size = resolved.stat().st_size
        except OSError:
            size = 0
        if size <= MAX_FILE_BYTES:
            self.bytes += size
            if self.bytes > MAX_INCLUDED_BYTES:
                raise fail(f"the profile and its included files hold more than {MAX_INCLUDED_BYTES // 1024 // 1024} "
                           "MiB together", "included files count every time they are included")
        shown = os.path.normpath(str(given))
        self.chains.setdefault(shown, frame.sites + (site,))
        doc = self.parsed.get((resolved, shown))
        if doc is None:
            text = self._read(resolved, shown)
            self.files.setdefault(resolved, file_digest(resolved))
            doc = self.parsed[(resolved, shown)] = self.parser(text, shown)
        sites = frame.sites + (site,)
        return _Frame(resolved, given, sites, doc, False, IncludedFile(shown, sites))

    def _read(self, resolved: Path, shown: str) -> str:
        try:
            return read_text(resolved, kind="included file")
        except UserError as error:  # name the file as the profile names it
            raise UserError([Problem(p.message, Location(shown, p.location.line, p.location.column), p.path,
                                     p.hint, p.excerpt) if p.location is not None else p
                             for p in error.problems]) from None

    def _shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.boundary))
        except ValueError:
            return path.name

    def _suggest(self, target: str, given: Path, including: tuple[Path, ...] = ()) -> str:
        """A hint for a missing include: a close file name in its folder, never one of the files
        including it (that would be a cycle) nor a link leading out of the profile's folder
        (it would be refused as outside: trial), else what the folder holds."""
        folder = real(given.parent)
        names: list[str] = []
        if folder.is_dir() and is_inside(folder, self.boundary):
            # a link leading out of the profile's folder is no suggestion: it would be refused
            names = sorted(p.name for p in folder.iterdir() if p.name.lower().endswith(SUFFIXES) and p.is_file()
                           and real(p) not in including and is_inside(real(p), self.boundary))
        close = difflib.get_close_matches(given.name, names, n=1, cutoff=0.6)
        if close:
            return f"did you mean '{str(Path(target).with_name(close[0]))}'?"
        if names:
            shown = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
            return f"the path is relative to this file; its folder holds {shown}"
        return "the path is relative to the file the include is written in"
