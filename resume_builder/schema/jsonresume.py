"""JSON Resume (https://jsonresume.org, schema v1.0.0) ↔ profile: the one field table.

Import (``resume-builder import``), export (``export --to jsonresume``) and the loader (a
``resume.json`` given to ``render``/``validate``) all read this table, in both directions:
JSON Resume's name of each field, ours, and what kind of value it holds. The order of the
fields is JSON Resume's own (``schema.json``), so exported documents read as the standard
writes them.

The official schema itself ships beside this module (``jsonresume-v1.0.0.schema.json``,
from github.com/jsonresume/resume-schema at commit b25e3f4, MIT licence): it decides which
documents are valid, so we accept exactly what the standard accepts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
SCHEMA_FILE = "jsonresume-v1.0.0.schema.json"

# Kinds of values: TEXT (a string), URL (a string with format "uri"), DATE (JSON Resume's
# iso8601: YYYY, YYYY-MM or YYYY-MM-DD), TEXTS (a list of strings), HIGHLIGHTS (a list of
# strings; ours may carry sub-points), OBJECT (kept as it is: ``meta``).
TEXT, URL, DATE, TEXTS, HIGHLIGHTS, OBJECT = "text", "url", "date", "texts", "highlights", "object"


@dataclass(frozen=True)
class Field:
    """One field: JSON Resume's name, ours, and the kind of value (or a nested table)."""

    theirs: str
    ours: str
    kind: "str | Table" = TEXT
    many: bool = False  # a list of ``kind`` objects (``basics.profiles``)


@dataclass(frozen=True)
class Table:
    """The fields of one JSON Resume object, in JSON Resume's order.

    ``legacy`` maps names older JSON Resume tools wrote to today's (``website`` → ``url``);
    ``title`` names the fields that title an entry (one of them is enough to show it).
    """

    fields: tuple[Field, ...]
    legacy: dict[str, str] = field(default_factory=dict)
    title: tuple[str, ...] = ()

    def theirs(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.theirs == name), None)

    def ours(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.ours == name), None)


def _same(*names: str, kind: "str | Table" = TEXT) -> tuple[Field, ...]:
    return tuple(Field(name, name, kind) for name in names)


LOCATION = Table((Field("address", "address"), Field("postalCode", "postal_code"), Field("city", "city"),
                  Field("countryCode", "country_code"), Field("region", "region")))
PROFILE = Table((Field("network", "network"), Field("username", "username"), Field("url", "url", URL)),
                legacy={"website": "url"})
BASICS = Table((Field("name", "name"), Field("label", "headline"), Field("image", "photo"),
                Field("email", "email"), Field("phone", "phone"), Field("url", "website", URL),
                Field("summary", "summary"),  # ours is the top-level ``summary``
                Field("location", "location", LOCATION), Field("profiles", "profiles", PROFILE, many=True)),
               legacy={"website": "url", "picture": "image"})
_DATES = (Field("startDate", "start", DATE), Field("endDate", "end", DATE))
#: An entry's id (what variants name it by: ``drop: [maple]``, ``experience[maple].highlights``).
#: JSON Resume has no such field but allows extra ones on every item, so an ``"id"`` written
#: on a ``work`` (``education``, ``skills``...) item is the entry's id, and export writes it there.
_ID = Field("id", "id")

# Our section → (JSON Resume's section, its table).
SECTIONS: dict[str, tuple[str, Table]] = {
    "experience": ("work", Table((
        _ID, Field("name", "company"), Field("location", "location"), Field("description", "description"),
        Field("position", "position"), Field("url", "url", URL), *_DATES, Field("summary", "summary"),
        Field("highlights", "highlights", HIGHLIGHTS)), legacy={"company": "name", "website": "url"},
        title=("company", "position"))),
    "volunteering": ("volunteer", Table((
        _ID, Field("organization", "organization"), Field("position", "position"), Field("url", "url", URL),
        *_DATES, Field("summary", "summary"), Field("highlights", "highlights", HIGHLIGHTS)),
        legacy={"website": "url"}, title=("organization", "position"))),
    "education": ("education", Table((
        _ID, Field("institution", "institution"), Field("url", "url", URL), Field("area", "area"),
        Field("studyType", "degree"), *_DATES, Field("score", "score"), Field("courses", "courses", TEXTS)),
        legacy={"website": "url"}, title=("institution", "degree", "area"))),
    "awards": ("awards", Table((
        _ID, Field("title", "title"), Field("date", "date", DATE), Field("awarder", "awarder"),
        Field("summary", "summary")), title=("title",))),
    "certifications": ("certificates", Table((
        _ID, Field("name", "name"), Field("date", "date", DATE), Field("url", "url", URL), Field("issuer", "issuer")),
        legacy={"website": "url"}, title=("name",))),
    "publications": ("publications", Table((
        _ID, Field("name", "name"), Field("publisher", "publisher"), Field("releaseDate", "date", DATE),
        Field("url", "url", URL), Field("summary", "summary")), legacy={"website": "url"}, title=("name",))),
    "skills": ("skills", Table((
        _ID, Field("name", "name"), Field("level", "level"), Field("keywords", "keywords", TEXTS)), title=("name",))),
    "languages": ("languages", Table((_ID, Field("language", "language"), Field("fluency", "fluency")),
                                     title=("language",))),
    "interests": ("interests", Table((_ID, Field("name", "name"), Field("keywords", "keywords", TEXTS)),
                                     title=("name",))),
    "references": ("references", Table((_ID, Field("name", "name"), Field("reference", "reference")),
                                       title=("name",))),
    "projects": ("projects", Table((
        _ID, Field("name", "name"), Field("description", "description"), Field("highlights", "highlights", HIGHLIGHTS),
        Field("keywords", "keywords", TEXTS), *_DATES, Field("url", "url", URL), Field("roles", "roles", TEXTS),
        Field("entity", "entity"), Field("type", "type")), legacy={"website": "url"}, title=("name",))),
}

# The top level: JSON Resume's name → ours, in JSON Resume's order.
TOP: dict[str, str] = {"$schema": "$schema", "basics": "basics",
                       **{theirs: ours for ours, (theirs, _) in SECTIONS.items()}, "meta": "meta"}
JSON_NAME: dict[str, str] = {ours: theirs for theirs, ours in TOP.items()}
OUR_NAME: dict[str, str] = dict(TOP)

# Fields JSON Resume wants as a full date (YYYY-MM-DD) in stricter published versions of the
# v1.0.0 schema (certificates[].date is ``"format": "date"`` there); export writes these whole.
FULL_DATES: dict[str, tuple[str, ...]] = {"certifications": ("date",)}


@lru_cache(maxsize=1)
def official_schema() -> dict[str, Any]:
    """The JSON Resume v1.0.0 schema (Draft 7), as shipped with this package."""
    text = resources.files("resume_builder.schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def their_path(path: tuple) -> tuple:
    """Our field path as JSON Resume names it: ``("experience", 0, "start")`` → ``("work", 0, "startDate")``.

    ``summary`` (ours, top level) is ``basics.summary``; paths the table does not know keep
    their names.
    """
    if not path:
        return path
    head = path[0]
    if head == "summary":
        return ("basics", "summary", *path[1:])
    if head == "basics":
        return ("basics", *_their_rest(BASICS, path[1:]))
    if head in SECTIONS:
        theirs, table = SECTIONS[head]
        if len(path) >= 2 and isinstance(path[1], int):
            return (theirs, path[1], *_their_rest(table, path[2:]))
        return (theirs, *path[1:])
    return path


def _their_rest(table: Table, rest: tuple) -> tuple:
    if not rest or not isinstance(rest[0], str):
        return rest
    found = table.ours(rest[0])
    if found is None:
        return rest
    tail = rest[1:]
    if isinstance(found.kind, Table):
        if found.many and tail and isinstance(tail[0], int):
            return (found.theirs, tail[0], *_their_rest(found.kind, tail[1:]))
        return (found.theirs, *_their_rest(found.kind, tail))
    if found.kind == HIGHLIGHTS and len(tail) >= 2 and tail[1] == "text":
        tail = tail[:1]  # a highlight's text is the string itself in JSON Resume
    return (found.theirs, *tail)


def _table_within(within: tuple[str, ...]) -> dict[str, str]:
    """JSON Resume's field names → ours, for the object at ``within`` (our field names from
    the top, no ids: ``()``, ``("basics",)``, ``("experience",)`` for a job, ``("experience",
    "roles")`` for a role); empty where JSON Resume has no such object."""
    if not within:
        return {theirs: ours for theirs, ours in TOP.items() if theirs not in ("$schema", "meta")}
    table: Table | None = BASICS if within[0] == "basics" else SECTIONS[within[0]][1] if within[0] in SECTIONS \
        else None
    for name in within[1:]:
        if table is None:
            return {}
        if within[0] == "experience" and name == "roles":
            continue  # a role holds a job's own fields (position, startDate...)
        found = table.ours(name)
        table = found.kind if found is not None and isinstance(found.kind, Table) else None
    return {f.theirs: f.ours for f in table.fields} if table is not None else {}


def their_name_hint(name: str, within: tuple[str, ...], names: list[str]) -> str:
    """The hint for ``name``, not a field of ours at ``within`` (see :func:`_table_within`),
    when it is JSON Resume's name for one: ``JSON Resume's 'label' is 'headline' here: did you
    mean 'headline'?``; ``names`` are the fields there. JSON
    Resume's ``basics.summary`` is our top-level ``summary``. Empty for any other name."""
    if within == ("basics",) and name == "summary":
        return "JSON Resume's basics.summary is the top-level 'summary' here: write summary"
    ours = _table_within(within).get(name)
    if ours is None or ours == name or ours not in names:
        return ""
    return f"JSON Resume's '{name}' is '{ours}' here: did you mean '{ours}'?"
