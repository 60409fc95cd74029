"""What a RenderCV import could not place: kept under ``meta``, listed in the report, and
each value checked by the profile's own model before it is written.

Shared by :mod:`.rendercv` (the header, ``design``, ``locale``) and
:mod:`.rendercv_sections` (the entries). Every value left out is kept, as RenderCV's file
holds it, under ``meta.rendercv_unmapped`` (``{path: cv.sections.Talks[0].venue, value:
...}``), named in the report with its line and column, and in a YAML comment where it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from resume_builder.errors import UserError
from resume_builder.importing.linkedin_fields import Notes
from resume_builder.loading.source import PathKey, SourceDocument, dotted

#: Where the values no field of the profile holds are kept.
UNMAPPED_KEY = "rendercv_unmapped"


@dataclass
class Kept:
    """One import's report: the RenderCV file, what was left out, and the YAML comments."""

    doc: SourceDocument
    name: str  # the file's name, as messages show it
    notes: Notes = field(default_factory=Notes)
    unmapped: list[dict[str, Any]] = field(default_factory=list)  # meta.rendercv_unmapped
    report: list[str] = field(default_factory=list)  # one line per value left out, or per note
    #: What was left out, for the YAML's header: ``name:line:col: path: why`` (the file's
    #: name only, so the profile written does not depend on the folder it was read from).
    left_out: list[str] = field(default_factory=list)

    def where(self, path: PathKey) -> str:
        """``rendercv.yaml:12:9`` for the value (else key) at ``path`` of the RenderCV file."""
        return str(self.doc.locate(path))

    def leave_out(self, path: PathKey, value: Any, why: str, *, entry: dict[str, Any] | None = None) -> None:
        """Keep ``value`` (at ``path`` of the RenderCV file) under meta, report it, and say so
        in a comment on ``entry`` (the profile dict it would have gone into), if any."""
        shown = dotted(path)
        self.unmapped.append({"path": shown, "value": value})
        self.report.append(f"not placed: {self.where(path)}: {shown}: {why}; kept under meta.{UNMAPPED_KEY}")
        location = self.doc.locate(path)
        self.left_out.append(f"{self.name}:{location.line}:{location.column}: {shown}: {why}")
        if entry is not None:
            self.notes.comment(entry, None, f"{shown}: {why} (kept under meta.{UNMAPPED_KEY})")

    def error(self, path: PathKey, message: str, hint: str = "", *, key: bool = False) -> UserError:
        """A UserError at ``path`` of the RenderCV file, named as RenderCV names it."""
        location = self.doc.locate(path, prefer_key=key)
        return UserError.at(location.file, location.line, location.column, message, path=dotted(path), hint=hint)


def text(value: Any) -> Any:
    """A RenderCV text as the profile takes it: a number (``2020``) as its digits; anything
    else unchanged, for the model to accept or refuse."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def fit(model: type[BaseModel], entry: dict[str, Any], origin: dict[str, PathKey], kept: Kept, at: PathKey, *,
        required: tuple[str, ...] = ()) -> dict[str, Any]:
    """``entry`` with every field ``model`` refuses left out (kept, reported, commented).

    ``origin`` gives, for each of the entry's keys, the path in the RenderCV file it came
    from; ``at`` is the entry's own path there. A refused end date takes its start along (a
    start alone reads "to present"), and a refused item of a list only that item.

    Raises:
        UserError: a field in ``required`` is refused (the entry would be nothing without
            it), or a rule about the whole entry is broken; located in the RenderCV file.
    """
    for _round in range(len(entry) * 2 + 2):
        try:
            model.model_validate(entry)
            return entry
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        # deepest and last first, so that leaving one item out moves no other
        errors.sort(key=lambda e: [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in e["loc"]],
                    reverse=True)
        done: set[tuple[Any, ...]] = set()
        for error in errors:
            loc = tuple(error["loc"])
            error["msg"] = _message(error)
            key = loc[0] if loc else None
            if key not in entry or key not in origin:
                raise kept.error(at, error["msg"])
            if key in required:
                raise kept.error(origin[key], f"{error['msg']}", "RenderCV needs this field too: correct it")
            if key == "end" and "start" in entry and ("start",) not in done:
                kept.leave_out(origin["start"], entry.pop("start"), "left out with the end date, which was not "
                               "kept (a start alone would read as 'to present')", entry=entry)
                done.add(("start",))
            if len(loc) > 1 and isinstance(loc[1], int) and isinstance(entry[key], list):
                if loc[:2] in done:
                    continue
                done.add(loc[:2])
                item = entry[key].pop(loc[1])
                kept.leave_out(origin[key] + (loc[1],), item, error["msg"], entry=entry)
                if not entry[key]:
                    del entry[key]
            elif (key,) not in done:
                done.add((key,))
                kept.leave_out(origin[key], entry.pop(key), error["msg"], entry=entry)
    raise AssertionError(f"the RenderCV import kept building an entry the profile refuses: {entry}")


def _message(error: dict[str, Any]) -> str:
    """The model's message, or for a value of the wrong kind what was expected and found
    (pydantic's own words, "Input should be a valid list", say neither plainly)."""
    from resume_builder.loading.errors_map import TYPE_WORDS, describe

    expected = TYPE_WORDS.get(error["type"])
    return f"expected {expected}, found {describe(error.get('input'))}" if expected else error["msg"]
