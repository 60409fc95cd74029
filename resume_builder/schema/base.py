"""Base classes for every profile model: unknown keys are errors, entries carry id and tags."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from resume_builder.schema.types import Date, EndDate, EntryId, PartialDate, Tag


class StrictModel(BaseModel):
    """A model that rejects unknown keys, so typos are caught and reported."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False)


class Entry(StrictModel):
    """Anything a variant can select: it may carry an ``id`` and ``tags``."""

    id: EntryId | None = Field(default=None, description="Stable name for tailoring (keep/drop, overrides)")
    tags: list[Tag] = Field(default_factory=list, description="Labels that variants select by")


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
                raise PydanticCustomError("date_order", "end {end} is before start {start}",
                                          {"end": str(end), "start": str(start)})
        return end


def _text_to_mapping(key: str):
    """Allow a bare string where a model with one main text field is expected."""

    def convert(value: Any) -> Any:
        return {key: value} if isinstance(value, str) else value

    return BeforeValidator(convert)


TextShorthand = _text_to_mapping
