"""RenderCV's ``cv.sections`` as the profile's sections (``resume-builder import``).

RenderCV's sections are a mapping of a title (printed as written; a lowercase key such as
``work_experience`` as "Work Experience") to a list of entries, and an entry's type is told
by its keys (RenderCV's documentation, "Entry Types"): :data:`TYPES`. Which of the
profile's sections a RenderCV section becomes depends on its entries' type and, where the
type alone does not say, its title:

- ExperienceEntry → ``experience`` (``volunteering`` under a title like "Volunteering");
  jobs in a row at one company become its ``roles``, as ``import --group-roles`` groups
  them (:func:`resume_builder.loading.jsonresume.group_roles`);
- EducationEntry → ``education``; PublicationEntry → ``publications``;
- OneLineEntry under a title like "Skills" → ``skills`` (the label names the group, the
  details split at commas are its keywords), under "Languages" → ``languages``;
- NormalEntry under a title like "Projects" → ``projects``;
- TextEntry (a plain string) under a title like "Summary" or "About" → ``summary``;
- any other section, or a second section of a kind already placed → a custom section,
  whose entries keep every field the types share (title, place, dates, summary,
  highlights) and whose items hold the one-line, bullet, numbered and text entries.

Dates are RenderCV's ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` and ``present``; one that is no
such date (``Spring 2020``) is left out and kept (:mod:`.rendercv_fit`). A value no field
holds is kept the same way; an entry of no known type, or a section that is no list, is a
UserError at its line, since RenderCV refuses it too.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import PydanticCustomError

from resume_builder.importing.linkedin_text import one_line
from resume_builder.importing.rendercv_fit import Kept, fit, text
from resume_builder.loading.source import PathKey
from resume_builder.schema import profile as model

#: RenderCV's entry types, each told by the keys it requires, in the order they are tried.
TYPES = (("ExperienceEntry", ("company", "position")), ("EducationEntry", ("institution",)),
         ("PublicationEntry", ("title", "authors")), ("NormalEntry", ("name",)),
         ("OneLineEntry", ("label", "details")), ("BulletEntry", ("bullet",)), ("NumberedEntry", ("number",)),
         ("ReversedNumberedEntry", ("reversed_number",)))
_TYPE_KEYS = sorted({key for _, keys in TYPES for key in keys} | {"area"})

#: Section titles (lowercase, words split by spaces) that say which section of ours a
#: RenderCV section is, when its entries' type alone does not.
_SUMMARY = {"summary", "about", "about me", "profile", "professional summary", "objective", "career summary"}
_VOLUNTEERING = {"volunteering", "volunteer", "volunteer experience", "volunteer work"}
_LANGUAGES = {"languages", "language skills", "spoken languages"}
_SKILL_WORDS = {"technologies", "tech stack", "competencies", "core competencies", "expertise", "tools"}

#: The fields every dated type of RenderCV entry may have.
_DATES = ("start_date", "end_date", "date")


def title_of(key: str) -> str:
    """The heading RenderCV prints for the section key ``key``: a key written all in
    lowercase (``work_experience``) has its underscores as spaces and each word capitalized."""
    if key == key.lower():
        return " ".join(word[:1].upper() + word[1:] for word in key.replace("_", " ").split())
    return key


def _kind(key: str) -> str:
    return " ".join(key.replace("_", " ").replace("-", " ").casefold().split())


def entry_type(entry: Any) -> str | None:
    """RenderCV's name for the type of ``entry`` (``TextEntry`` for a string or a number), or None."""
    if isinstance(entry, (str, int, float)) and not isinstance(entry, bool):
        return "TextEntry"
    if isinstance(entry, dict):
        for name, keys in TYPES:
            if all(key in entry for key in keys):
                return name
    return None


def convert_sections(sections: Any, kept: Kept) -> tuple[dict[str, Any], dict[str, str]]:
    """(the profile's sections in RenderCV's order, ``custom`` where the first custom
    section was; the titles of the sections of ours, by key) from ``cv.sections``.

    Raises:
        UserError: ``sections`` is no mapping, a section no list, an entry of no type.
    """
    base: PathKey = ("cv", "sections")
    if not isinstance(sections, dict):
        raise kept.error(base, "'sections' must be a mapping of section titles to lists of entries",
                         "write each section as 'Title:' followed by its entries, one '- ' item each")
    out: dict[str, Any] = {}
    titles: dict[str, str] = {}
    used_ids: set[str] = set(model.SECTION_FIELDS)
    for key, entries in sections.items():
        at = base + (key,)
        if not isinstance(entries, list):
            raise kept.error(at, f"section '{key}' must be a list of entries", "write each entry as a '- ' item "
                             "under the title; a single text as '- your text'")
        types = []
        for index, entry in enumerate(entries):
            found = entry_type(entry)
            if found is None:
                raise _no_type(entry, at + (index,), kept)
            types.append(found)
        if not entries:
            kept.report.append(f"note: {kept.where(at)}: {key}: an empty section; left out")
            continue
        target = _target(set(types), _kind(str(key)), out)
        shown = title_of(str(key))
        if target is None:
            section = _custom(shown, entries, types, at, kept, used_ids)
            out.setdefault("custom", []).append(section)
            continue
        titles[target] = shown
        out[target] = _placed(target, entries, at, kept)
    if "experience" in out:
        out["experience"] = _grouped(out["experience"], kept)
    return out, titles


def _no_type(entry: Any, at: PathKey, kept: Kept):
    from resume_builder.errors import did_you_mean
    from resume_builder.loading.errors_map import describe

    kinds = ("company and position (ExperienceEntry), institution and area (EducationEntry), title and authors "
             "(PublicationEntry), name (NormalEntry), label and details (OneLineEntry), bullet, number or "
             "reversed_number, or a plain text (TextEntry)")
    if not isinstance(entry, dict):
        return kept.error(at, f"an entry must be a text or a mapping of fields, found {describe(entry)}",
                          f"RenderCV tells an entry's type by its keys: {kinds}")
    guesses = [g for g in (did_you_mean(str(k), _TYPE_KEYS) for k in entry if k not in _TYPE_KEYS) if g]
    keys = ", ".join(f"'{k}'" for k in entry) or "no keys"
    return kept.error(at, f"this entry is none of RenderCV's entry types (it has {keys})",
                      (f"{guesses[0]} " if guesses else "") + f"RenderCV tells an entry's type by its keys: {kinds}")


def _target(types: set[str], kind: str, out: dict[str, Any]) -> str | None:
    """Which section of ours a RenderCV section of entries of ``types``, titled ``kind``,
    becomes; None for a custom section."""
    if len(types) != 1:
        return None
    (only,) = types
    target = {"ExperienceEntry": "volunteering" if kind in _VOLUNTEERING else "experience",
              "EducationEntry": "education", "PublicationEntry": "publications",
              "TextEntry": "summary" if kind in _SUMMARY else None,
              "NormalEntry": "projects" if "project" in kind else None,
              "OneLineEntry": "languages" if kind in _LANGUAGES else
              "skills" if "skill" in kind or kind in _SKILL_WORDS else None}.get(only)
    return None if target in out else target


# --------------------------------------------------------------------------- one entry

#: For each section of ours: the model, RenderCV's keys → its fields, and the fields an
#: entry cannot do without.
_FIELDS: dict[str, tuple[type, dict[str, str], tuple[str, ...]]] = {
    "experience": (model.Experience, {"company": "company", "position": "position", "location": "location",
                                      "url": "url", "summary": "summary", "highlights": "highlights"},
                   ("company", "position")),
    "volunteering": (model.Volunteering, {"company": "organization", "position": "position", "location": "location",
                                          "url": "url", "summary": "summary", "highlights": "highlights"},
                     ("organization",)),
    "education": (model.Education, {"institution": "institution", "degree": "degree", "area": "area",
                                    "location": "location", "url": "url", "summary": "summary",
                                    "highlights": "highlights"}, ("institution",)),
    "publications": (model.Publication, {"title": "name", "journal": "publisher", "url": "url"}, ("name",)),
    "projects": (model.Project, {"name": "name", "url": "url", "summary": "summary", "highlights": "highlights"},
                 ("name",)),
    "skills": (model.SkillGroup, {"label": "name"}, ("name",)),
    "languages": (model.Language, {"label": "language", "details": "fluency"}, ("language",)),
    "custom": (model.CustomEntry, {"location": "location", "url": "url", "summary": "summary",
                                   "highlights": "highlights"}, ("title",)),
}
#: Fields of ours that hold one line: RenderCV's line breaks in them are spaces.
_LINES = {"company", "position", "location", "organization", "institution", "degree", "area", "name",
          "publisher", "title", "subtitle", "language", "fluency"}


def _placed(target: str, entries: list[Any], at: PathKey, kept: Kept) -> Any:
    if target == "summary":
        return "\n\n".join(str(text(entry)) for entry in entries)
    return [_entry(target, entry, at + (index,), kept) for index, entry in enumerate(entries)]


def _entry(target: str, source: dict[str, Any], at: PathKey, kept: Kept,
           titles: tuple[dict[str, tuple[Any, str]], tuple[str, ...]] = ({}, ())) -> dict[str, Any]:
    """One RenderCV entry as an entry of ``target`` (``titles``: a custom entry's title and
    subtitle, each with the RenderCV key it comes from, and every RenderCV key they use)."""
    schema, names, required = _FIELDS[target]
    entry: dict[str, Any] = {}
    origin: dict[str, PathKey] = {}
    for ours, (value, theirs) in titles[0].items():
        entry[ours], origin[ours] = text(value), at + (theirs,)
    done = {*_DATES, *titles[1], "authors", "doi", *(("details",) if target in ("skills", "languages") else ())}
    for key in source:
        if key in done or source[key] is None:
            continue
        if key in names:
            entry[names[key]], origin[names[key]] = text(source[key]), at + (key,)
        else:
            kept.leave_out(at + (key,), source[key], _why(key, target), entry=entry)
    _extras(target, source, at, entry, origin, kept)
    _dates(target, source, at, entry, origin, kept)
    for key in entry:
        if key in _LINES and isinstance(entry[key], str):
            entry[key] = one_line(entry[key])
    return fit(schema, entry, origin, kept, at, required=required)


def _why(key: str, target: str) -> str:
    known = {key for _, keys in TYPES for key in keys} | {"area", "degree", "location", "summary", "highlights",
                                                           "journal", "url"}
    if key in known:
        return f"{'a custom section' if target == 'custom' else target} has no field for it"
    return "a field of RenderCV's own choosing (printed only by a template that names it)"


def _extras(target: str, source: dict[str, Any], at: PathKey, entry: dict[str, Any], origin: dict[str, PathKey],
            kept: Kept) -> None:
    """The fields that are more than renamed: authors, DOI and a skill's details."""
    if "details" in source and target in ("skills", "languages"):
        details = text(source["details"])
        if target == "languages":
            entry["fluency"], origin["fluency"] = details, at + ("details",)
        elif isinstance(details, str):
            entry["keywords"] = [one_line(part) for part in _split(details) if part.strip()]
            origin["keywords"] = at + ("details",)
    if target not in ("publications", "custom"):
        for key in ("authors", "doi"):
            if source.get(key) is not None:
                kept.leave_out(at + (key,), source[key], _why(key, target), entry=entry)
        return
    authors = source.get("authors")
    if authors is not None:
        if isinstance(authors, list) and all(isinstance(a, (str, int)) for a in authors):
            names = ", ".join(str(a) for a in authors)
            entry["summary"] = f"{names}\n\n{entry['summary']}" if entry.get("summary") else names
            origin["summary"] = at + ("authors",)
        else:
            kept.leave_out(at + ("authors",), authors, "not a list of names", entry=entry)
    doi = source.get("doi")
    if doi is not None:
        link = f"https://doi.org/{str(doi).strip()}"
        if "url" not in entry:
            entry["url"], origin["url"] = link, at + ("doi",)
        else:
            line = f"DOI: [{str(doi).strip()}]({link})"
            entry["summary"] = f"{entry['summary']}\n\n{line}" if entry.get("summary") else line
            origin.setdefault("summary", at + ("doi",))


def _split(details: str) -> list[str]:
    """``details`` split at the commas outside brackets: ``Python (NumPy, pandas), Go`` is
    two keywords."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(details):
        depth += char in "([{"
        depth -= char in ")]}" and depth > 0
        if char == "," and depth == 0:
            parts.append(details[start:index])
            start = index + 1
    parts.append(details[start:])
    return parts


def _dates(target: str, source: dict[str, Any], at: PathKey, entry: dict[str, Any], origin: dict[str, PathKey],
           kept: Kept) -> None:
    """RenderCV's ``start_date``, ``end_date`` and ``date`` as the entry's ``start``, ``end``
    and ``date`` (a target with no ``date``: a start and an end on the same day)."""
    from resume_builder.schema.types import parse_date

    if target in ("skills", "languages"):
        for key in _DATES:
            if source.get(key) is not None:
                kept.leave_out(at + (key,), source[key], f"{target} have no dates", entry=entry)
        return
    read: dict[str, Any] = {}
    for key in _DATES:
        value = text(source.get(key))
        if value is None:
            continue
        try:
            parse_date(value, allow_present=key == "end_date")
        except PydanticCustomError as exc:
            why = str(exc) + ("" if key != "date" else " (RenderCV prints such a date as written)")
            kept.leave_out(at + (key,), source[key], why, entry=entry)
            continue
        value = value.strip()
        # a year as a number, as profiles write it (a text '2018' would be quoted in the YAML)
        read[key] = "present" if value.lower() == "present" else int(value) if value.isdecimal() else value
    if "end_date" in source and source["end_date"] is not None and "end_date" not in read and "start_date" in read:
        kept.leave_out(at + ("start_date",), source["start_date"], "left out with the end date, which was not kept "
                       "(a start alone would read as 'to present')", entry=entry)
        del read["start_date"]
    if source.get("start_date") is not None and "start_date" not in read and "end_date" in read:
        # the mirror case: 'start_date: 2020-13, end_date: present' read "Engineer – present" (trial)
        kept.leave_out(at + ("end_date",), source["end_date"], "left out with the start date, which was not kept "
                       "(an end alone would read as the whole span)", entry=entry)
        del read["end_date"]
    dated = target in ("publications", "custom")
    if "date" in read and (dated and target == "publications" or not ({"start_date", "end_date"} & set(read))):
        if dated:
            entry["date"], origin["date"] = read.pop("date"), at + ("date",)
        else:
            date = read.pop("date")
            entry["start"], entry["end"] = date, date
            origin["start"] = origin["end"] = at + ("date",)
    if "date" in read:
        kept.leave_out(at + ("date",), source["date"], "RenderCV prints this instead of start_date and end_date; "
                       "the profile shows those", entry=entry)
    for key, ours in (("start_date", "start"), ("end_date", "end")):
        if key in read:
            if target == "publications":
                kept.leave_out(at + (key,), source[key], "a publication has one date", entry=entry)
                continue
            entry[ours], origin[ours] = read[key], at + (key,)


# --------------------------------------------------------------------------- custom sections


def _custom(title: str, entries: list[Any], types: list[str], at: PathKey, kept: Kept,
            used: set[str]) -> dict[str, Any]:
    """A custom section: structured entries as its ``entries``, the rest as its ``items``."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"
    if slug in used:  # the name of a section of ours, or of a custom section before it
        slug = f"{slug}-section"
    section_id, number = slug, 2
    while section_id in used:
        section_id, number = f"{slug}-{number}", number + 1
    used.add(section_id)
    section: dict[str, Any] = {"id": section_id, "title": title}
    items, out = [], []
    numbered = False
    for index, (entry, kind) in enumerate(zip(entries, types)):
        where = at + (index,)
        if kind == "TextEntry":
            _item(text(entry), where, items, kept, section)
        elif kind == "OneLineEntry":
            label, details = text(entry["label"]), text(entry["details"])
            if isinstance(label, str) and isinstance(details, str):
                _item(f"**{one_line(label)}:** {details}", where, items, kept, section)
            else:
                kept.leave_out(where, entry, "a label and details that are not texts", entry=section)
            _leave_rest(entry, where, ("label", "details"), kept, section)
        elif kind in ("BulletEntry", "NumberedEntry", "ReversedNumberedEntry"):
            key = {"BulletEntry": "bullet", "NumberedEntry": "number"}.get(kind, "reversed_number")
            _item(text(entry[key]), where + (key,), items, kept, section)
            numbered = numbered or kind != "BulletEntry"
            _leave_rest(entry, where, (key,), kept, section)
        else:
            out.append(_entry("custom", entry, where, kept, _custom_titles(kind, entry)))
    if items:
        section["items"] = items
    if out:
        section["entries"] = out
    if numbered:
        kept.notes.comment(section, "items", "numbered in RenderCV; bullet points here")
    return section


def _custom_titles(kind: str, entry: dict[str, Any]) -> tuple[dict[str, tuple[Any, str]], tuple[str, ...]]:
    """A custom entry's title and subtitle, each with the RenderCV key it comes from, and
    the RenderCV keys they use."""
    if kind == "ExperienceEntry":
        return ({"title": (entry["company"], "company"), "subtitle": (entry["position"], "position")},
                ("company", "position"))
    if kind == "EducationEntry":
        given = [k for k in ("degree", "area") if entry.get(k) is not None]
        out = {"title": (entry["institution"], "institution")}
        if given:
            out["subtitle"] = (", ".join(str(text(entry[k])) for k in given), given[0])
        return out, ("institution", *given)
    if kind == "PublicationEntry":
        out = {"title": (entry["title"], "title")}
        if entry.get("journal") is not None:
            out["subtitle"] = (entry["journal"], "journal")
        return out, ("title", "journal")
    return {"title": (entry["name"], "name")}, ("name",)


def _item(value: Any, at: PathKey, items: list[Any], kept: Kept, section: dict[str, Any]) -> None:
    """``value`` as a bullet point of a custom section, when the profile takes it as one."""
    from resume_builder.importing.linkedin_fields import problem

    why = "not a text" if not isinstance(value, str) else problem("markdown", value)
    if why:
        kept.leave_out(at, value, why, entry=section)
    else:
        items.append(value)


def _leave_rest(entry: Any, at: PathKey, used: tuple[str, ...], kept: Kept, section: dict[str, Any]) -> None:
    if isinstance(entry, dict):
        for key, value in entry.items():
            if key not in used and value is not None:
                kept.leave_out(at + (key,), value, "a bullet point has no other fields", entry=section)


# --------------------------------------------------------------------------- roles


def _grouped(jobs: list[dict[str, Any]], kept: Kept) -> list[dict[str, Any]]:
    """Jobs in a row at one company as that company's roles; each job's comments go to its role."""
    from resume_builder.loading.jsonresume import group_roles

    out = group_roles(jobs)
    remaining = iter(jobs)
    for company in out:
        for role in company.get("roles") or [company]:
            kept.notes.move(next(remaining), role)
        if company.get("roles"):
            kept.notes.comment(company, "company", f"{len(company['roles'])} jobs in a row at this company in "
                                                   f"{kept.name}: its roles")
    return out
