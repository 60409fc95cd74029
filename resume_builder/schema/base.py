"""Base classes for every profile model: unknown keys are errors, entries carry id and tags."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from resume_builder.schema.types import Date, EndDate, EntryId, PartialDate, Tag

#: A position in profile data: keys and list indexes from the top, e.g.
#: ``("experience", 0, "highlights", 1)`` (written ``experience[0].highlights[1]``).
PathKey = tuple[Any, ...]


class StrictModel(BaseModel):
    """A model that rejects unknown keys, so typos are caught and reported."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False)


#: The tag that keeps an entry out of public copies (``render --public``, a variant's ``public: true``).
PRIVATE_TAG = "private"
#: Field names that ``private:`` never names: they are not printed.
_NOT_PRINTED = ("id", "tags", "private")


def private_field() -> Any:
    """The ``private:`` field: names of fields left out of public copies (tailoring/public.py)."""
    return Field(default_factory=list, description="Fields of this entry left out of public copies (render --public)")


class PrivateFields(StrictModel):
    """A model with a ``private:`` field (declared last by each model), whose names are checked."""

    @classmethod
    def printed_fields(cls) -> list[str]:
        """The names ``private:`` may hold: every field but ``id``, ``tags`` and ``private``."""
        return [f.alias or n for n, f in cls.model_fields.items() if n not in _NOT_PRINTED]

    @field_validator("private", check_fields=False)
    @classmethod
    def _private_fields_exist(cls, names: list[str]) -> list[str]:
        if "fields" in cls.model_fields:  # a custom entry: its labels count too (checked by the entry)
            return names
        for name in names:
            check_private_name(name, cls.printed_fields())
        return names


def check_private_name(name: str, names: list[str]) -> None:
    """Raise the "not a field here" error unless ``name`` is one of ``names``."""
    from resume_builder.errors import did_you_mean

    if name not in names:
        hint = did_you_mean(name, names) or "fields: " + ", ".join(sorted(set(names)))
        raise PydanticCustomError("private", "'{name}' in private is not a field here ({hint})",
                                  {"name": name, "hint": hint})


class Entry(PrivateFields):
    """Anything a variant can select: it may carry an ``id`` and ``tags``."""

    id: EntryId | None = Field(default=None, description="Stable name for tailoring (keep/drop, overrides)")
    tags: list[Tag] = Field(default_factory=list, description="Labels that variants select by; an entry tagged "
                                                              "'private' is left out of public copies")
    private: list[str] = private_field()


class DateRange(StrictModel):
    """A start and an end; the end may be 'present' and is never before the start."""

    start: Date | None = None
    end: EndDate | None = None

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: Any, info: Any) -> Any:
        start = info.data.get("start")
        if isinstance(end, PartialDate) and isinstance(start, PartialDate):
            if end.latest() < start.earliest():
                raise PydanticCustomError("date_order", "end {end} is before start {start}: swap them, or "
                                          "correct the one that is wrong", {"end": str(end), "start": str(start)})
        return end


def _near_field(key: str, model: type[BaseModel]) -> bool:
    """Whether ``key`` reads as a typo of one of ``model``'s fields (``txt`` for ``text``): then
    the unknown-field message, with its "did you mean", is the right one."""
    import difflib

    return any(difflib.SequenceMatcher(None, key.lower(), name).ratio() >= 0.6 for name in model.model_fields)


def _text_to_mapping(key: str, model: type[BaseModel] | None = None):
    """Allow a bare string where a model with one main text field is expected.

    With ``model``, a mapping of one key that is none of its fields, to a text, a number or
    nothing, is the colon slip of an unquoted text (``- Led: the team``, which YAML reads as
    ``{'Led': 'the team'}``): one error saying so, with the text quoted as the fix, instead of
    "'text' is required" and "unknown field 'Led'" (newcomer trial). A key close to a field's
    name (``txt: x``) is a typo of that field and keeps the unknown-field message."""

    def convert(value: Any) -> Any:
        if isinstance(value, str):
            return {key: value}
        if model is not None and isinstance(value, dict) and len(value) == 1:
            (head, rest), = value.items()
            if isinstance(head, str) and head not in model.model_fields and not _near_field(head, model) and \
                    (rest is None or isinstance(rest, (str, int, float)) and not isinstance(rest, bool)) and \
                    "\n" not in str(rest).strip():  # "- Led: |" and a block: no one-line quoted fix
                text = f"{head}: {rest}" if rest is not None else f"{head}:"
                quoted = text.replace("\\", "\\\\").replace('"', '\\"')
                raise PydanticCustomError(
                    "colon_in_text", "this text contains ': ' (a colon and a space), which YAML reads as a key "
                    "and its value (put the whole text in quotes: \"{quoted}\")", {"quoted": quoted})
        return value

    return BeforeValidator(convert)


TextShorthand = _text_to_mapping


# --------------------------------------------------------------------------- introspection


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional/Annotated/list/dict wrappers."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def table_keys(root: type[BaseModel], loc: tuple[Any, ...]) -> dict[str, bool]:
    """The keys of the mapping at ``loc`` (validated by ``root``) whose value is a table, each
    with whether it is a list of them (TOML's ``[[fonts]]``) rather than one (``[fit]``): for a
    "did you mean" to an unknown table of a TOML file."""
    model = model_at(root, loc)
    if model is None:
        return {}
    tables: dict[str, bool] = {}
    for name, field in model.model_fields.items():
        for kind in _unwrap(field.annotation):
            if typing.get_origin(kind) in (list, tuple):
                if any(_is_table(item) for arg in typing.get_args(kind) for item in _unwrap(arg)):
                    tables[field.alias or name] = True
            elif _is_table(kind):
                tables.setdefault(field.alias or name, False)
    return tables


def _is_table(kind: Any) -> bool:
    return (isinstance(kind, type) and issubclass(kind, BaseModel)) or kind is dict or typing.get_origin(kind) is dict


def model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping found at ``loc``."""
    current: Any = root
    for part in loc:
        if isinstance(part, int):
            candidates = [t for t in _unwrap(current) if typing.get_origin(t) in (list, tuple)]
            if not candidates:
                return None
            current = typing.get_args(candidates[0])[0]
            continue
        models = [t for t in _unwrap(current) if isinstance(t, type) and issubclass(t, BaseModel)]
        if models:
            field = models[0].model_fields.get(part)
            if field is None:
                alias_hits = [f for f in models[0].model_fields.values() if f.alias == part]
                if not alias_hits:
                    return None
                field = alias_hits[0]
            current = field.annotation
            continue
        dicts = [t for t in _unwrap(current) if typing.get_origin(t) is dict]
        if dicts:
            current = typing.get_args(dicts[0])[1]
            continue
        return None
    models = [t for t in _unwrap(current) if isinstance(t, type) and issubclass(t, BaseModel)]
    return models[0] if models else None
