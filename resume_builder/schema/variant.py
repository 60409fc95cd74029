"""Variants: recipes that turn the one master profile into a résumé for one application.

A variant only says what to keep, drop, reorder, cap or override; it never holds a copy of
the résumé, so the master profile stays the single source of truth. This module checks
the variant's own shape (unknown keys are errors, like in profiles); whether its tags, ids,
sections and override paths exist in a profile is checked against that profile by
:func:`resume_builder.loading.variant_checks.check_variant`, with "did you mean" suggestions.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field, field_validator, model_validator

from resume_builder.schema.base import StrictModel
from resume_builder.schema.numbers import PageBudget
from resume_builder.schema.types import EntryId, PlainText, ProfileFile, Tag

SectionName = Annotated[EntryId, Field(description="A section key (experience, projects, ...) or a custom section id")]
Count = Annotated[int, Field(strict=True, ge=0)]


class TagFilter(StrictModel):
    """Which entries of a section to keep, by their tags; every given condition must hold."""

    any: list[Tag] = Field(default_factory=list, description="Keep entries with at least one of these tags")
    all: list[Tag] = Field(default_factory=list, description="Keep entries with every one of these tags")
    none: list[Tag] = Field(default_factory=list, description="Drop entries with any of these tags")

    @model_validator(mode="after")
    def _not_empty(self) -> "TagFilter":
        if not (self.any or self.all or self.none):
            raise ValueError("an empty filter keeps everything: give 'any', 'all' or 'none'")
        return self

    def matches(self, tags: list[str]) -> bool:
        have = set(tags)
        if self.any and not have.intersection(self.any):
            return False
        if not have.issuperset(self.all):
            return False
        return not have.intersection(self.none)


class ThemeChoice(StrictModel):
    """The theme for this variant and its options (merged over the profile's ``theme``)."""

    model_config = ConfigDict(extra="allow")
    name: PlainText | None = Field(default=None, description="Theme name: classic, modern, compact, ...")


class Variant(StrictModel):
    """How to tailor the profile for one kind of application."""

    description: str | None = Field(default=None, description="What this variant is for (not printed)")
    sections: list[SectionName] | None = Field(
        default=None, description="Sections to show, in this order; others are left out. Default: all, in file order")
    select: dict[str, TagFilter] = Field(
        default_factory=dict,
        description="Per section (or '*' for every section): keep only entries whose tags match. "
                    "'custom' filters the custom sections themselves; a custom section id filters its entries")
    keep: list[EntryId] = Field(default_factory=list, description="Entry ids kept even if a tag filter drops them")
    drop: list[EntryId] = Field(default_factory=list, description="Entry ids always left out")
    overrides: dict[str, Any] = Field(
        default_factory=dict,
        description="Field path → new value, e.g. 'basics.headline', 'summary', "
                    "'experience[fresha-platform].highlights' (entries are picked by id)")
    max_highlights: Count | None = Field(default=None, description="Keep at most this many highlights per entry")
    theme: ThemeChoice | None = Field(default=None, description="Theme and options for this variant")
    max_pages: PageBudget | None = Field(default=None, description="Page budget for the rendered résumé, 1 to 100")
    pin: list[EntryId] = Field(default_factory=list,
                               description="Entry ids the page budget never cuts (nor their highlights)")
    pin_tags: list[Tag] = Field(default_factory=list,
                                description="Entries with any of these tags are never cut by the page budget")
    lang: PlainText | None = Field(default=None, description="Language of texts given in several, e.g. de")
    public: bool = Field(default=False, description="A public copy: no phone, e-mail (the contact_url instead), "
                                                    "street address, photo, references, nor anything marked private")
    output: EntryId | None = Field(default=None, description="Output file name without extension. "
                                                             "Default: <profile>-<variant>")
    letter: PlainText | None = Field(default=None, description="The cover letter of this application: a name "
                                                               "under 'letters:' or a letter file")

    @field_validator("lang")
    @classmethod
    def _one_spelling(cls, value: str | None) -> str | None:
        """``lang: DE`` is ``de``, as ``--lang DE`` is (:func:`resume_builder.i18n.canonical_tag`):
        recorded, named and compared in one spelling."""
        from resume_builder.i18n import canonical_tag

        return canonical_tag(value)


class VariantFile(Variant):
    """A variant kept in its own file, next to (or away from) the profile it tailors."""

    profile: ProfileFile = Field(
        description="The base profile (a .yaml, .yml or .json file), relative to this file")
    name: EntryId | None = Field(default=None, description="Variant name; default: the file name")
