"""One profile entry built from one row of a LinkedIn CSV file, field by field.

Each value is checked as the profile will check it (the schema's own types) before it is
written, so the profile validates; a value that would not (a link without ``https://`` that
is no web address, a date this tool cannot read, a title over the line limit) is left out,
named in a warning, and kept, as LinkedIn wrote it, in a YAML comment on the entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from resume_builder.importing.linkedin_csv import Row
from resume_builder.importing.linkedin_dates import DateProblem, is_present, parse_linkedin_date
from resume_builder.importing.linkedin_text import literal, one_line, split_description

#: Longest value shown in a comment or a warning (the whole value stays in the CSV file).
_SHOWN_CHARS = 80


def shown(text: str) -> str:
    """``text`` on one line, cut to :data:`_SHOWN_CHARS` characters for a message or comment."""
    text = one_line(text)
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS - 1] + "…"


@lru_cache(maxsize=None)
def _adapter(kind: str):
    from pydantic import TypeAdapter

    from resume_builder.schema import types

    return TypeAdapter({"line": types.Line, "markdown": types.Markdown, "url": types.WebUrl,
                        "email": types.Email, "phone": types.Phone}[kind])


def problem(kind: str, value: str) -> str | None:
    """Why the profile would refuse ``value`` as a field of this kind, else None."""
    from pydantic import ValidationError

    from resume_builder.limits import MAX_FIELD_CHARS

    if kind == "markdown" and len(value) > MAX_FIELD_CHARS:
        return f"longer than {MAX_FIELD_CHARS:,} characters"
    try:
        _adapter(kind).validate_python(value)
    except ValidationError as exc:
        return exc.errors(include_url=False)[0]["msg"]
    return None


@dataclass
class Notes:
    """Comments for the YAML and messages for the person importing, shared by a whole import."""

    warnings: list[str] = field(default_factory=list)
    #: What was not imported and why ("Positions.csv line 7 (no Company Name and no Title)").
    skipped: list[str] = field(default_factory=list)
    #: id() of a dict of the profile data -> [(key or None for the entry itself, comment)]
    comments: dict[int, list[tuple[str | None, str]]] = field(default_factory=dict)

    #: Every dict commented, kept alive so that no other dict can take its id().
    annotated: list[dict[str, Any]] = field(default_factory=list)

    def comment(self, entry: dict[str, Any], key: str | None, text: str) -> None:
        if id(entry) not in self.comments:
            self.annotated.append(entry)
        self.comments.setdefault(id(entry), []).append((key, text))

    def move(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        """The comments on ``old`` now belong to ``new`` (a copy that replaces it)."""
        for key, text in self.comments.pop(id(old), []):
            self.comment(new, key, text)

    def by_path(self, data: Any) -> dict[tuple[Any, ...], list[str]]:
        """The comments on the dicts inside ``data``, by the path of what each is about
        (the key it names, else the dict itself), as the YAML writer takes them."""
        out: dict[tuple[Any, ...], list[str]] = {}
        stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
        while stack:
            path, node = stack.pop()
            if isinstance(node, dict):
                for key, text in self.comments.get(id(node), []):
                    out.setdefault(path + (key,) if key is not None and key in node else path, []).append(text)
                stack.extend((path + (key,), value) for key, value in reversed(node.items()))
            elif isinstance(node, list):
                stack.extend((path + (index,), value) for index, value in reversed(list(enumerate(node))))
        return {path: texts for path, texts in out.items() if path}


@dataclass
class Rec:
    """The entry being built from ``row`` of ``file``."""

    file: str
    row: Row
    notes: Notes
    data: dict[str, Any] = field(default_factory=dict)

    def where(self, column: str) -> str:
        return f"{self.file} line {self.row.line}, {column}"

    def drop(self, column: str, value: str, why: str) -> None:
        self.notes.warnings.append(f"{self.where(column)}: '{shown(value)}' {why}; left out (kept in a comment)")
        self.notes.comment(self.data, None, f"{column} '{shown(value)}' {why}")

    def line(self, key: str, column: str) -> str | None:
        """A one-line field (name, title, place); returns what was written."""
        raw = self.row.get(column)
        value = literal(one_line(raw))
        if not value:
            return None
        why = problem("line", value)
        if why:
            self.drop(column, raw, f"is refused: {why}")
            return None
        self.data[key] = value
        return value

    def paragraphs(self, key: str, column: str) -> None:
        """Free text kept whole: each line a paragraph (for fields with no bullet points)."""
        raw = self.row.get(column)
        lines = [literal(one_line(line)) for line in raw.splitlines() if line.strip()]
        value = "\n\n".join(lines)
        if value:
            why = problem("markdown", value)
            if why:
                self.drop(column, raw, f"is refused: {why}")
            else:
                self.data[key] = value

    def description(self, column: str, *, summary_key: str = "summary") -> None:
        """Free text as a summary and highlights (bullet lines), see split_description."""
        raw = self.row.get(column)
        if not raw:
            return
        summary, highlights = split_description(raw)
        for text in [summary or "", *highlights]:
            why = problem("markdown", text)
            if why:
                self.drop(column, raw, f"is refused: {why}")
                return
        if summary:
            self.data[summary_key] = summary
        if highlights:
            self.data.setdefault("highlights", []).extend(highlights)

    def bullets(self, column: str) -> None:
        """Free text as highlights only: each paragraph and each bullet line one highlight."""
        raw = self.row.get(column)
        if not raw:
            return
        summary, highlights = split_description(raw)
        items = [*(summary.split("\n\n") if summary else []), *highlights]
        for text in items:
            why = problem("markdown", text)
            if why:
                self.drop(column, raw, f"is refused: {why}")
                return
        self.data.setdefault("highlights", []).extend(items)

    def url(self, key: str, column: str, raw: str | None = None) -> str | None:
        raw = self.row.get(column) if raw is None else raw
        value = raw.strip()
        if not value:
            return None
        if "://" not in value and "." in value and " " not in value and not value.lower().startswith(("mailto:", "tel:")):
            value = "https://" + value
        why = problem("url", value)
        if why:
            self.drop(column, raw, "is not a web address")
            return None
        if value != raw.strip():
            self.notes.comment(self.data, key, f"'{shown(raw)}' in {self.file}")
        self.data[key] = value
        return value

    def date(self, column: str) -> str | None:
        """The column's date as YYYY[-MM[-DD]], or None (a warning and a comment when unreadable)."""
        raw = self.row.get(column)
        if not raw.strip():
            return None
        try:
            return parse_linkedin_date(raw)
        except DateProblem as exc:
            self.notes.warnings.append(f"{self.where(column)}: {exc}; left out (kept in a comment)")
            self.notes.comment(self.data, None, f"{column} '{shown(raw)}' not read as a date")
            return None

    def dates(self, start_column: str, end_column: str, *, current: bool) -> None:
        """``start`` and ``end``. ``current``: no end after a start means today (``present``),
        as LinkedIn leaves the end of a position held today empty. An end that cannot be read
        takes the start with it (a start alone would read as "to present")."""
        start, end_raw = self.date(start_column), self.row.get(end_column)
        end = None
        if end_raw.strip():
            end = "present" if is_present(end_raw) else self.date(end_column)
            if end is None and start and current:  # a start alone would read as "to present"
                raw = shown(self.row.get(start_column))
                self.notes.warnings.append(f"{self.where(start_column)}: '{raw}' left out too, as its "
                                           f"{end_column} could not be read (it would read as 'to present')")
                self.notes.comment(self.data, None, f"{start_column} '{raw}' left out with it")
                start = None
        elif start and current:
            end = "present"
        if start and end and end != "present" and _before(end, start):
            self.notes.warnings.append(f"{self.where(end_column)}: ends ({end}) before it starts ({start}); "
                                       "both dates left out (kept in a comment)")
            self.notes.comment(self.data, None, f"{start_column} {start}, {end_column} {end}: end before start")
            start = end = None
        if start:
            self.data["start"] = start
        if end and (start or end != "present"):
            self.data["end"] = end


def _before(end: str, start: str) -> bool:
    """True when the end (its last day) comes before the start (its first day)."""
    from resume_builder.schema.types import parse_date

    return parse_date(end).latest() < parse_date(start).earliest()
