"""Cover letters: what a user writes under ``letters:`` in a profile, or in a letter file.

A letter says only what a letter adds to the résumé: whom it is for, its subject, its
paragraphs and how it is signed. The letterhead (name, headline, contact line) comes from
the profile, as the résumé's masthead does. Salutation, closing and date default to the
locale's words and the build's date (``resume_builder/locales/*.toml``, CLDR via Babel).

Texts may name values of the profile and the job posting with placeholders from a fixed
list (``{company}``, ``{position}``, ``{posting.title}``, ``{basics.name}``...; see
:mod:`resume_builder.schema.placeholders`); they are checked here, when the profile or
letter file is read, so a typo is a located error before anything renders.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, field_validator

from resume_builder.schema.base import StrictModel
from resume_builder.schema.numbers import PageBudget
from resume_builder.schema.types import EntryId, LanguageTag, Line, Markdown, PlainText, ProfileFile, parse_day



def _paragraph_list(value: Any) -> Any:
    """``body: |`` (one text, paragraphs at blank lines) or a list of paragraphs."""
    if isinstance(value, str):
        import re

        return [part.strip() for part in re.split(r"\n\s*\n", value.strip()) if part.strip()]
    return value


def _date_text(value: Any) -> Any:
    """A YAML date (``2026-03-01`` unquoted) is read as its ISO text."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return value


def _address_lines(value: Any) -> Any:
    """``address: "1 Main St\\nLondon"`` is read as its lines."""
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return value


class Recipient(StrictModel):
    """Whom the letter is for: each part optional, printed in this order above the date."""

    name: Line | None = Field(default=None, description="e.g. Dr Jane Roe")
    title: Line | None = Field(default=None, description="Their role, e.g. Head of Platform")
    company: Line | None = Field(default=None, description="The company; also {company} when no posting names one")
    address: Annotated[list[Line], BeforeValidator(_address_lines)] = Field(
        default_factory=list, description="Address lines, one per line")


class Signature(StrictModel):
    """How the letter is signed: a name (default: basics.name) and optionally an image of the signature."""

    name: Line | None = Field(default=None, description="Default: basics.name")
    image: PlainText | None = Field(
        default=None, description="A PNG, JPEG or SVG file in the profile's folder (the photo's limits)")


class Letter(StrictModel):
    """One cover letter."""

    description: str | None = Field(default=None, description="What this letter is for (not printed)")
    recipient: Recipient | None = None
    position: Line | None = Field(default=None, description="The position applied for; {position} when no "
                                                            "posting gives a title")
    date: Annotated[Line, BeforeValidator(_date_text)] | None = Field(
        default=None, description="YYYY-MM-DD (printed in the locale's long format) or any text printed as "
                                  "written. Default: the build's date (SOURCE_DATE_EPOCH), locale-formatted")
    locale: LanguageTag | None = Field(
        default=None, description="The letter's language or locale (e.g. pt, pt-BR, en-GB): its date, default "
                                  "salutation and closing, and the language its letterhead and texts are read in "
                                  "where the profile has texts in it (over the variant's lang; --lang wins). "
                                  "Default: the résumé's (--locale, --lang, the variant's and the profile's lang "
                                  "and locale)")
    subject: Line | None = Field(default=None, description="The subject line, e.g. 'Application: {position}'")
    salutation: Line | None = Field(default=None, description="Default: the locale's, e.g. 'Dear Hiring Manager,'")
    body: Annotated[list[Markdown], BeforeValidator(_paragraph_list)] = Field(
        min_length=1, description="Paragraphs (inline Markdown as in the résumé); one text with blank lines "
                                  "between paragraphs, or a list")
    closing: Line | None = Field(default=None, description="Default: the locale's, e.g. 'Yours sincerely,'")
    signature: Signature | None = None
    max_pages: PageBudget = Field(default=1, description="Page budget, 1 to 100: tightened to fit, never cut")

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        """A text written as a date, year first (``2026-02-30``, ``2026-13-01``, ``2026-3-2``),
        must be a real day in ``YYYY-MM-DD``; the error says what is wrong, in the profile's
        words (:func:`~resume_builder.schema.types.parse_day`). Other text is kept as written."""
        if value is not None:
            parse_day(value)
        return value

    def texts(self) -> list[tuple[tuple[Any, ...], str]]:
        """Every text that may hold placeholders, with its path in the letter: subject,
        salutation, body paragraphs, closing (in that order)."""
        out: list[tuple[tuple[Any, ...], str]] = []
        for key in ("subject", "salutation"):
            if getattr(self, key):
                out.append(((key,), getattr(self, key)))
        out += [(("body", index), text) for index, text in enumerate(self.body)]
        if self.closing:
            out.append((("closing",), self.closing))
        return out


class LetterFile(Letter):
    """A letter kept in its own file, beside the application it is for."""

    profile: ProfileFile = Field(
        description="The profile (a .yaml, .yml or .json file), relative to this file")
    name: EntryId | None = Field(default=None, description="Letter name; default: the file name")
    variant: PlainText | None = Field(default=None, description="The variant the résumé of this application "
                                                                "uses (a name, or a variant file relative to "
                                                                "this file)")
