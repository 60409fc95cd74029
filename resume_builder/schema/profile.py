"""The profile: everything a résumé can say, validated.

Field names follow JSON Resume where they mean the same (``highlights``, ``keywords``,
``summary``), with clearer names where JSON Resume's are obscure (``headline`` for
``label``, ``degree`` for ``studyType``, ``start``/``end`` for ``startDate``/``endDate``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from resume_builder.schema.base import DateRange, Entry, PrivateFields, StrictModel, TextShorthand, check_private_name, private_field
from resume_builder.schema.types import (Date, Email, EntryId, LanguageTag, Line, Link, Markdown, MultiLine, Phone,
                                         PlainText, WebUrl)
from resume_builder.schema.letter import Letter
from resume_builder.schema.variant import Variant


class Highlight(StrictModel):
    """One bullet point, optionally with sub-points."""

    text: Markdown
    details: list[Markdown] = Field(default_factory=list, description="Sub-points shown under this bullet")


HighlightItem = Annotated[Highlight, TextShorthand("text", Highlight)]


class Location(StrictModel):
    """Where someone or something is; a plain string is read as ``address``."""

    address: MultiLine | None = Field(default=None, description="Street address; several lines allowed")
    postal_code: PlainText | None = None
    city: Line | None = None
    region: Line | None = None
    country_code: PlainText | None = None

    def display(self, country_name: Callable[[str], str | None] | None = None) -> str:
        """Everything given, on one line: address lines, city, region, postal code, country.

        Nothing the profile says is left out (JSON Resume's ``address`` and ``postalCode``
        included); the order is neutral rather than one country's postal convention.
        ``country_name`` turns ``country_code`` into the country's name for the reader
        (``PT`` → "Portugal", :func:`resume_builder.i18n.country_name`); a code it does not
        know stays as written, and a name the other parts already give is not repeated
        ("Lisbon, Portugal" with ``PT``).
        """
        lines = [line.strip() for line in (self.address or "").splitlines() if line.strip()]
        parts = [*lines, *(p.strip() for p in (self.city, self.region, self.postal_code) if p and p.strip())]
        code = (self.country_code or "").strip()
        country = (country_name(code) if country_name and code else None) or code
        said = {piece.strip().casefold() for part in parts for piece in part.split(",")}
        if country and country.casefold() not in said:
            parts.append(country)
        return ", ".join(parts)


LocationField = Annotated[Location, TextShorthand("address")]


class SocialProfile(StrictModel):
    network: Line = Field(description="GitHub, LinkedIn, Mastodon, ...")
    username: Line | None = None
    url: Link | None = None


class Basics(PrivateFields):
    name: Line = Field(description="Your name as it heads the résumé")
    headline: Line | None = Field(default=None, description="One line under the name, e.g. 'Platform Engineer'")
    email: Email | None = None
    phone: Phone | None = None
    location: LocationField | None = None
    website: WebUrl | None = None
    photo: PlainText | None = Field(default=None, description="Path to an image, relative to the profile")
    profiles: list[SocialProfile] = Field(default_factory=list, description="Links to online profiles")
    contact_url: WebUrl | None = Field(
        default=None, description="A contact page (a form, a booking link) printed instead of the e-mail address "
                                  "in public copies (render --public); not printed otherwise")
    private: list[str] = private_field()


class Role(Entry, DateRange):
    """One position held at a company that lists several (``experience[].roles[]``).

    The company (its name, link, location, description and summary) is written once on the
    experience entry; each role has its own title, dates, place, summary and highlights.
    """

    position: Line
    location: Line | None = Field(default=None, description="Where this role was, when not the company's location")
    start: Date | None = Field(default=None, description="Optional, as in JSON Resume; shown when given")
    summary: Markdown | None = None
    highlights: list[HighlightItem] = Field(default_factory=list)


#: Fields an experience entry with ``roles`` leaves to its roles (each role has its own).
ROLE_FIELDS = ("position", "start", "end", "highlights")


class _NoPosition:
    """Stands for a job written with neither ``position`` nor ``roles`` (see Experience)."""


def _position_given(value: Any) -> Any:
    if isinstance(value, _NoPosition):
        # reported as a missing field, beside the entry's other mistakes, like any required one
        raise PydanticCustomError("missing", "'position' is required (or 'roles', for several roles at this "
                                             "company)")
    return value


class Experience(Entry, DateRange):
    """A job: one position (the flat form), or a company with several ``roles``.

    With ``roles``, the company's dates are computed from its roles (:meth:`span`) and
    ``position``, ``start``, ``end`` and ``highlights`` belong to each role instead.
    """

    #: A required field that another one may stand in for (what a "did you mean" of that
    #: other one answers too: 'role:' meant 'roles', so 'position' was never missing).
    REQUIRED_OR: ClassVar[dict[str, tuple[str, ...]]] = {"position": ("roles",)}

    company: Line
    position: Annotated[Line | None, BeforeValidator(_position_given)] = Field(
        default=None, description="Your title; with 'roles', each role has its own")
    location: Line | None = None
    url: WebUrl | None = None
    start: Date | None = Field(default=None, description="Optional, as in JSON Resume; shown when given")
    description: Line | None = Field(default=None, description="What the company does, in a line")
    summary: Markdown | None = None
    highlights: list[HighlightItem] = Field(default_factory=list)
    keywords: list[Line] = Field(default_factory=list, description="Technologies used")
    # None (not []) when not given, so a flat job dumped and validated again stays valid
    # while a written 'roles: []' is still an error.
    roles: list[Role] | None = Field(
        default=None, description="Several positions held at this company (promotions, moves), "
                                          "each with its own dates; the company is shown once")

    @model_validator(mode="before")
    @classmethod
    def _needs_a_position(cls, data: Any) -> Any:
        if isinstance(data, dict) and "position" not in data and "roles" not in data:
            return {**data, "position": _NoPosition()}
        return data

    @model_validator(mode="after")
    def _one_form(self) -> "Experience":
        # Each mistake names the key it is about (ctx "at"): loading/errors_map.py places the
        # message on that key's line and column.
        if self.roles is not None and not self.roles:
            raise PydanticCustomError(
                "roles_empty", "'roles' is empty: list at least one role (position, start, end...), or "
                               "write the job without 'roles'", {"at": "roles"})
        if self.roles:
            for name in ROLE_FIELDS:
                if name in self.model_fields_set and getattr(self, name) not in (None, []):
                    raise PydanticCustomError(
                        "roles_and_flat", "'{field}' is given beside 'roles': with several roles, each role "
                                          "has its own {field} (move it into the role it belongs to)",
                        {"field": name, "at": name})
        elif self.position is None:
            raise PydanticCustomError(
                "position_missing", "an experience entry needs a 'position' (one role) or 'roles' "
                                    "(several roles at this company)", {"at": "company"})
        return self

    def all_roles(self) -> list["Role"]:
        """The roles, or the flat entry's one role (position, dates, place, summary, highlights)."""
        if self.roles:
            return list(self.roles)
        return [Role(id=self.id, tags=list(self.tags), position=self.position or "", location=self.location,
                     start=self.start, end=self.end, summary=self.summary, highlights=list(self.highlights))]

    def span(self) -> tuple[Any, Any]:
        """(start, end) of the job: its own dates, or for a company with roles the earliest
        start and the latest end of its roles (``'present'`` when any role is current, None
        when no role gives that date)."""
        if not self.roles:
            return self.start, self.end
        starts = [r.start for r in self.roles if r.start is not None]
        ends = [r.end for r in self.roles if r.end is not None]
        start = min(starts, key=lambda d: d.earliest()) if starts else None
        if "present" in ends or any(r.end is None and r.start is not None for r in self.roles):
            end: Any = "present"
        else:
            end = max(ends, key=lambda d: d.latest()) if ends else None
        return start, end


class Volunteering(Entry, DateRange):
    organization: Line
    position: Line | None = None
    location: Line | None = None
    url: WebUrl | None = None
    summary: Markdown | None = None
    highlights: list[HighlightItem] = Field(default_factory=list)


class Project(Entry, DateRange):
    name: Line
    description: Markdown | None = Field(default=None, description="What the project is, in a sentence")
    summary: Markdown | None = Field(default=None, description="Your part in it; paragraphs allowed")
    highlights: list[HighlightItem] = Field(default_factory=list)
    outcome: Markdown | None = Field(default=None, description="Shown after the highlights")
    keywords: list[Line] = Field(default_factory=list, description="Technologies used")
    url: WebUrl | None = None
    roles: list[Line] = Field(default_factory=list)
    entity: Line | None = None
    type: Line | None = None


class SkillGroup(Entry):
    name: Line
    level: Line | None = None
    keywords: list[Line] = Field(default_factory=list)


class Education(Entry, DateRange):
    institution: Line | None = None
    degree: Line | None = Field(default=None, description="e.g. 'M.Tech', 'Bachelor of Science'")
    area: Line | None = Field(default=None, description="Field of study")
    location: Line | None = None
    url: WebUrl | None = None
    score: Line | None = None
    summary: Markdown | None = None
    courses: list[Line] = Field(default_factory=list)
    highlights: list[HighlightItem] = Field(default_factory=list)

    @model_validator(mode="after")
    def _needs_a_name(self) -> "Education":
        # None, not empty: a JSON Resume entry without any of them is read with an empty
        # institution (JSON Resume requires none of these; see loading/jsonresume.py).
        if self.institution is None and self.degree is None and self.area is None:
            raise ValueError("an education entry needs at least an institution, a degree or an area")
        return self


class Award(Entry):
    title: Line
    date: Date | None = None
    awarder: Line | None = None
    summary: Markdown | None = None


class Certification(Entry):
    name: Line
    date: Date | None = None
    issuer: Line | None = None
    url: WebUrl | None = None
    summary: Markdown | None = None


class Publication(Entry):
    name: Line
    publisher: Line | None = None
    date: Date | None = None
    url: WebUrl | None = None
    summary: Markdown | None = None


class Language(Entry):
    language: Line
    fluency: Line | None = None


class Interest(Entry):
    name: Line
    keywords: list[Line] = Field(default_factory=list)


class Reference(Entry):
    name: Line
    reference: Markdown | None = None


class CustomEntry(Entry, DateRange):
    """An entry of a section the schema does not know; ``fields`` holds any extra labels."""

    title: Line
    subtitle: Line | None = None
    location: Line | None = None
    url: WebUrl | None = None
    date: Date | None = None
    summary: Markdown | None = None
    highlights: list[HighlightItem] = Field(default_factory=list)
    fields: dict[PlainText, Markdown] = Field(default_factory=dict, description="Extra 'Label: value' lines")

    @model_validator(mode="after")
    def _private_labels_exist(self) -> "CustomEntry":
        for name in self.private:
            check_private_name(name, [*self.printed_fields(), *self.fields])
        return self


class CustomSection(Entry):
    """A section with its own title: a bullet list (``items``), entries, or both."""

    id: EntryId = Field(description="Names the section for ordering and tailoring")
    title: Line
    items: list[HighlightItem] = Field(default_factory=list, description="Bullet points")
    entries: list[CustomEntry] = Field(default_factory=list)


class ThemeSettings(StrictModel):
    """The theme and its options; options are validated against the chosen theme."""

    model_config = ConfigDict(extra="allow")
    name: PlainText | None = Field(default=None, description="Theme name: classic, modern, compact, ...")


def _check_heading_keys(value: dict[str, str]) -> dict[str, str]:
    from resume_builder.errors import did_you_mean
    from resume_builder.i18n import HEADING_KEYS

    for key in value:
        if key not in HEADING_KEYS:
            hint = did_you_mean(key, HEADING_KEYS) or "sections: " + ", ".join(HEADING_KEYS)
            raise PydanticCustomError("heading", "no section '{key}' has a heading to override ({hint})",
                                      {"key": key, "hint": hint})
    return value


SECTION_FIELDS: tuple[str, ...] = (
    "summary", "experience", "projects", "skills", "education", "awards", "certifications",
    "publications", "languages", "volunteering", "interests", "references", "custom",
)


class Profile(StrictModel):
    """A whole résumé source."""

    schema_: str | None = Field(default=None, alias="$schema", description="JSON Schema URL for editors")
    basics: Basics
    summary: Markdown | None = None
    experience: list[Experience] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    skills: list[SkillGroup] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    certifications: list[Certification] = Field(default_factory=list)
    publications: list[Publication] = Field(default_factory=list)
    languages: list[Language] = Field(default_factory=list)
    volunteering: list[Volunteering] = Field(default_factory=list)
    interests: list[Interest] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    custom: list[CustomSection] = Field(default_factory=list, description="Sections with your own titles")
    theme: ThemeSettings | None = None
    meta: dict[str, Any] = Field(default_factory=dict, description="Free-form data kept on import/export")
    lang: LanguageTag | None = Field(
        default=None, description="Language of the profile's text, and the one used where a text is given "
                                  "in several languages ({en: ..., de: ...}) and --lang is not. Default: "
                                  "the locale's language, else en")
    locale: LanguageTag | None = Field(
        default=None, description="Locale for headings, month names, 'present' and the date format, "
                                  "e.g. de, en-GB, ar. Default: the language")
    headings: Annotated[dict[str, Line], AfterValidator(_check_heading_keys)] = Field(
        default_factory=dict, description="Section headings to print instead of the locale's, "
                                          "e.g. {experience: Work history}")
    variants: dict[EntryId, Variant] = Field(
        default_factory=dict, description="Named tailoring recipes: name → variant (see resume_builder.tailoring)")
    letters: dict[EntryId, Letter] = Field(
        default_factory=dict, description="Named cover letters: name → letter (resume-builder letter --letter NAME)")

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)

    _key_order: list[str] = PrivateAttr(default_factory=list)
    SECTION_FIELDS: ClassVar[tuple[str, ...]] = SECTION_FIELDS

    @model_validator(mode="wrap")
    @classmethod
    def _remember_key_order(cls, data: Any, handler: Any) -> "Profile":
        profile = handler(data)
        if isinstance(data, dict):
            profile._key_order = [k for k in data if k in SECTION_FIELDS]
        return profile

    def section_order(self) -> list[str]:
        """Section keys in file order; custom sections are named by their ids."""
        order = self._key_order or [f for f in SECTION_FIELDS if f != "custom"] + ["custom"]
        out: list[str] = []
        custom_ids = {section.id for section in self.custom}
        for key in order:
            if key == "custom":
                out.extend(section.id for section in self.custom if section.id not in order)
            elif key in custom_ids and key not in SECTION_FIELDS:  # placed by a variant
                out.append(key)
            elif getattr(self, key):
                out.append(key)
        for key in SECTION_FIELDS:  # sections set after loading (tailoring) come last
            if key not in order and key != "custom" and getattr(self, key):
                out.append(key)
        return out
