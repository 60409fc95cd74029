"""Write a profile as a JSON Resume document (https://jsonresume.org, schema v1.0.0).

Everything JSON Resume can say is written under its own names (``experience`` → ``work``,
``headline`` → ``basics.label``, ``start`` → ``startDate``...), so JSON Resume themes and
tools read the document as it is; an entry's ``id`` is written on its item (JSON Resume
allows extra fields there), where a variant's reader finds it. What JSON Resume has no field for goes under
``meta.resume_builder``, so ``resume-builder import`` gives the profile back unchanged:

``profile``
    top-level fields JSON Resume lacks, whole: ``custom`` sections, ``variants``, ``theme``,
    ``lang``, ``locale``, ``headings``;
``basics``
    fields of ``basics`` that did not survive the trip (none, today);
``entries``
    per section, one object per entry (aligned with the JSON Resume list) holding the
    entry's fields JSON Resume lacks: ``tags``, a project's ``summary`` and
    ``outcome``, a job's ``keywords``, an ``end: present``...; a highlight's sub-points are
    kept as ``highlight_details`` (highlight index → sub-points), its text stays in the
    JSON Resume list;
``roles``
    companies with several roles (``experience[].roles``): JSON Resume has one ``work``
    item per role, each repeating the company's ``name`` (and ``url``, ``description``, and
    the role's place or else the company's); ``{"work_items": how many work items were
    written, "companies": [{"at": index of a company's first work item, "count": its roles,
    "name": the company's name as exported (``import`` notices a ``work`` item renamed since),
    "company": its own fields (id, tags, location, summary, keywords)}, ...]}``; the roles'
    own ids are on their work items and their tags kept under ``entries`` like any job's;
``keys``
    the profile's top-level keys in file order (so sections come back in their order);
``translations``
    texts given in several languages: ``{"path": [...], "text": {"en": null, "de": "..."}}``
    where ``null`` stands for the text written in the document itself.

Which fields go to ``meta`` is not listed by hand: the JSON Resume part is read back with
the same mapping ``render`` uses for JSON Resume files, and whatever comes back different
is kept. Fields of a JSON Resume file that the profile schema had no place for (kept by
``import`` under ``meta.jsonresume_unmapped``) are written back where they came from.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resume_builder.loading import jsonresume as jr_loading
from resume_builder.loading.source import value_at
from resume_builder.schema import jsonresume as jr
from resume_builder.schema.profile import Profile

EXTRAS_KEY = "resume_builder"
UNMAPPED_KEY = jr_loading.UNMAPPED_KEY
EXTRAS_VERSION = 1
SCHEMA_URL = jr.SCHEMA_URL
# Our section → (JSON Resume's name, its field table): the one table in schema/jsonresume.py.
SECTIONS = jr.SECTIONS
JSON_SECTION_ORDER = tuple(SECTIONS)  # JSON Resume's order (work, volunteer, education, ...)
_HANDLED = {"$schema", "basics", "summary", "meta", *SECTIONS}


@dataclass
class ExportResult:
    data: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def export_json_resume(profile_path: str | Path, *, lang: str | None = None,
                       input_format: str | None = None) -> ExportResult:
    """Load a profile (ours or JSON Resume) and convert it; ``lang`` picks the language.

    ``input_format`` (``--from``: profile or jsonresume) states the file's format.
    Raises :class:`UserError` for the profile's mistakes, and when free-form ``meta`` would
    make the document fail the official JSON Resume schema.
    """
    from resume_builder.loading import load_profile

    loaded = load_profile(profile_path, lang=lang, input_format=input_format)
    source = loaded.source.data if isinstance(loaded.source.data, dict) else {}
    result = profile_to_json_resume(loaded.profile, keys=list(source), translations=loaded.translations,
                                    picked=source)
    result.warnings[:0] = loaded.warnings
    if loaded.format == "jsonresume":
        from resume_builder.loading.source import parse, read_text

        original = parse(read_text(loaded.path), str(loaded.path)).data
        result = ExportResult(as_it_was(result.data, original if isinstance(original, dict) else {}),
                              result.warnings)
    return result


def as_it_was(out: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    """``out`` (exported from a JSON Resume file) shaped as the ``original`` document was:
    its top-level keys in their order, an empty section (``"awards": []``) kept, and no
    ``basics`` or ``$schema`` added that it did not have (JSON Resume requires neither)."""
    out = dict(out)
    if "basics" not in original and not out.get("basics"):
        out.pop("basics", None)
    if "$schema" not in original:
        out.pop("$schema", None)
    for key, value in original.items():
        if key in jr.TOP and key not in out and value in ([], {}):
            out[key] = copy.deepcopy(value)
    ordered = {key: out[key] for key in original if key in out}
    ordered.update((key, value) for key, value in out.items() if key not in ordered)
    return ordered


def json_resume_text(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def profile_to_json_resume(profile: Profile, *, keys: list[str] | None = None,
                           translations: dict[tuple, dict[str, Any]] | None = None,
                           picked: Any = None) -> ExportResult:
    """The JSON Resume document for ``profile``, with what JSON Resume lacks under meta.

    ``keys`` is the profile's top-level key order in its file; ``translations`` maps the path
    of each text given in several languages to all of them, and ``picked`` is the loaded
    data, to tell which language the document itself holds.
    """
    ours = profile.model_dump(mode="json", by_alias=True)
    short = _short(profile.model_dump(mode="json", by_alias=True, exclude_defaults=True))
    groups = _flatten_roles(ours, short)
    meta = dict(ours.get("meta") or {})
    unmapped = meta.pop(UNMAPPED_KEY, None)
    warnings: list[str] = []
    standard = _standard(ours, meta, warnings)
    back = _read_back(standard)
    extras = _extras(ours, back, short)
    if groups:
        extras["roles"] = {"work_items": len(ours.get("experience") or []), "companies": groups}
    order_differs = profile.section_order() != back.section_order()
    if keys and (extras or order_differs):
        extras["keys"] = list(keys)
    texts = _translations(translations or {}, picked)
    if texts:
        extras["translations"] = texts
    out = copy.deepcopy(standard)
    if extras:
        out.setdefault("meta", {})[EXTRAS_KEY] = {"version": EXTRAS_VERSION, **extras}
    warnings += _put_back_unmapped(out, unmapped)
    _check_official(out)
    return ExportResult(out, warnings)


def _flatten_roles(ours: dict[str, Any], short: dict[str, Any]) -> list[dict[str, Any]]:
    """Write each company with several roles as one job per role, in both dumps (``ours``
    whole, ``short`` without defaults), in place; return the groups to keep under meta.

    A role's job repeats the company's name, link and description; its place is its own or
    else the company's. The company's own fields (id, tags, location, summary, keywords)
    are returned with the index of its first job, so ``import`` puts the company back.
    """
    groups: list[dict[str, Any]] = []
    flat_full: list[Any] = []
    flat_short: list[Any] = []
    for full, compact in zip(ours.get("experience") or [], short.get("experience") or []):
        if not full.get("roles"):
            flat_full.append(full)
            flat_short.append(compact)
            continue
        company = {name: compact[name] for name in ("id", "tags", "location", "summary", "keywords")
                   if compact.get(name) not in (None, [], "")}
        groups.append({"at": len(flat_full), "count": len(full["roles"]), "name": compact.get("company"),
                       "company": company})
        for role_full, role_short in zip(full["roles"], compact["roles"]):
            for target, role, base in ((flat_full, role_full, full), (flat_short, role_short, compact)):
                job = {name: value for name, value in base.items()
                       if name not in ("roles", "id", "tags", "summary", "keywords", "location")}
                job.update({name: value for name, value in role.items() if name != "location"})
                job["location"] = role.get("location") or base.get("location")
                if target is flat_full:
                    job.setdefault("keywords", [])
                    job["roles"] = None
                    job.setdefault("summary", None)
                    job.setdefault("id", None)
                    job.setdefault("tags", [])
                target.append(job)
    if groups:
        ours["experience"], short["experience"] = flat_full, flat_short
    return groups


def _check_official(out: dict[str, Any]) -> None:
    """Every exported document passes the official JSON Resume schema, formats checked.

    Only what the profile carries as free-form data (``meta``) can break it; that is the
    user's to fix, so it is a :class:`UserError` naming the field.
    """
    from resume_builder.loading.source import SourceDocument

    problems = jr_loading.official_problems(SourceDocument("<exported JSON Resume>", out))
    if problems:
        from resume_builder.errors import UserError

        raise UserError([type(p)(p.message, None, f"exported {p.path}", p.hint) for p in problems])


# --------------------------------------------------------------------------- the JSON Resume part


def _given(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _fields(entry: dict[str, Any], table: jr.Table, *, full_dates: tuple[str, ...] = (),
            where: str = "", warnings: list[str] | None = None) -> dict[str, Any]:
    """An object of ours as JSON Resume writes it: the table's fields, in its order."""
    out: dict[str, Any] = {}
    for fld in table.fields:
        if isinstance(fld.kind, jr.Table):
            continue  # nested objects (basics.location, basics.profiles) are written by the caller
        value = entry.get(fld.ours)
        if fld.kind == jr.HIGHLIGHTS and isinstance(value, list):
            value = [h["text"] if isinstance(h, dict) else h for h in value]
        if fld.ours == "end" and value == "present":
            value = None  # JSON Resume: no end date means "until now"
        if fld.ours in full_dates and isinstance(value, str) and len(value) < 10:
            whole = _first_day(value)
            if warnings is not None:
                warnings.append(f"{where}.{fld.ours} {value} is written as {whole} ({fld.theirs} is a full date "
                                f"in JSON Resume); 'import' gives back {value}")
            value = whole
        if _given(value):
            out[fld.theirs] = value
    return out


def _first_day(value: str) -> str:
    """A partial ISO date (YYYY or YYYY-MM) as its first day (YYYY-MM-DD)."""
    parts = value.split("-")
    return "-".join([parts[0], *(parts[1:2] or ["01"]), "01"])


def _standard(ours: dict[str, Any], meta: dict[str, Any], warnings: list[str] | None = None) -> dict[str, Any]:
    basics_in = ours.get("basics") or {}
    basics = _fields(basics_in, jr.BASICS)
    if _given(ours.get("summary")):
        basics["summary"] = ours["summary"]
    location = _fields(basics_in.get("location") or {}, jr.LOCATION)
    if location:
        basics["location"] = location
    profiles = [_fields(p, jr.PROFILE) for p in basics_in.get("profiles") or []]
    if profiles:
        basics["profiles"] = profiles
    out: dict[str, Any] = {"$schema": SCHEMA_URL, "basics": basics}
    for section in JSON_SECTION_ORDER:
        entries = ours.get(section) or []
        if entries:
            name, table = SECTIONS[section]
            out[name] = [_fields(entry, table, full_dates=jr.FULL_DATES.get(section, ()),
                                 where=f"{section}[{i}]", warnings=warnings) for i, entry in enumerate(entries)]
    if meta:
        out["meta"] = copy.deepcopy(meta)
    return out


def _read_back(standard: dict[str, Any]) -> Profile:
    """The profile ``render`` would read from the JSON Resume part alone."""
    from resume_builder.loading.jsonresume import to_profile_source
    from resume_builder.loading.source import SourceDocument

    bare = {key: value for key, value in standard.items() if key != "meta"}  # meta is checked on the result
    data = to_profile_source(SourceDocument("<export>", copy.deepcopy(bare)), warnings=[]).data
    return Profile.model_validate(data)


# --------------------------------------------------------------------------- meta.resume_builder


def _extras(ours: dict[str, Any], back_profile: Profile, short: dict[str, Any]) -> dict[str, Any]:
    """What differs between the profile and its JSON Resume part read back.

    ``ours`` and the read-back are full dumps (compared field by field); the values kept
    come from ``short``, the dump without default values, so meta stays readable.
    """
    back = back_profile.model_dump(mode="json", by_alias=True)
    extras: dict[str, Any] = {}
    top = {key: short.get(key, value) for key, value in ours.items()
           if key not in _HANDLED and key in back and value != back[key]}
    if ours.get("$schema"):  # the profile's own schema link; JSON Resume's is written anyway
        top["$schema"] = ours["$schema"]
    if ours.get("summary") != back.get("summary"):
        top["summary"] = ours.get("summary")
    if top:
        extras["profile"] = top
    short_basics = short.get("basics") or {}
    basics = {key: short_basics.get(key, value) for key, value in (ours.get("basics") or {}).items()
              if value != (back.get("basics") or {}).get(key)}
    if basics:
        extras["basics"] = basics
    entries: dict[str, list[dict[str, Any]]] = {}
    for section in SECTIONS:
        mine, theirs, compact = ours.get(section) or [], back.get(section) or [], short.get(section) or []
        per_entry = [_entry_extras(a, b, c) for a, b, c in zip(mine, theirs, compact)]
        if any(per_entry):
            entries[section] = per_entry
    if entries:
        extras["entries"] = entries
    return extras


def _entry_extras(mine: dict[str, Any], theirs: dict[str, Any], short: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in mine.items():
        other = theirs.get(key)
        if value == other:
            continue
        if key == "highlights" and isinstance(value, list) and isinstance(other, list) \
                and [h.get("text") for h in value] == [h.get("text") for h in other]:
            out["highlight_details"] = {str(i): h["details"] for i, h in enumerate(value) if h.get("details")}
        else:
            out[key] = short.get(key, value)
    return out


def _short(value: Any) -> Any:
    """Highlights that are only a text (``{"text": ...}``) written as the bare text."""
    if isinstance(value, dict):
        return {key: _short(item) for key, item in value.items()}
    if isinstance(value, list):
        return [item["text"] if isinstance(item, dict) and set(item) == {"text"} and isinstance(item["text"], str)
                else _short(item) for item in value]
    return value


def _translations(translations: dict[tuple, dict[str, Any]], picked: Any) -> list[dict[str, Any]]:
    out = []
    for path, texts in translations.items():
        if any(path[:n] in translations for n in range(len(path))):
            continue  # inside another text given in several languages: kept with that one
        current = value_at(picked, path, strict=True)
        chosen = next((lang for lang, text in texts.items() if text == current), None)
        out.append({"path": list(path),
                    "text": {lang: (None if lang == chosen else text) for lang, text in texts.items()}})
    return out


def _put_back_unmapped(out: dict[str, Any], unmapped: Any) -> list[str]:
    """Fields ``import`` found no place for go back to where they were in the JSON Resume file.

    An item with ``shown`` is a text whose refused links the résumé shows as plain text
    (``loading/jsonresume.py``): it is written back as it was while the text is still the one
    shown; a text edited since stays as edited. A list item left out is put back at its
    index. Shorter paths go first, and a list's items in order, so each index is the one the
    file had."""
    if not isinstance(unmapped, list):
        return [] if unmapped is None else [f"meta.{UNMAPPED_KEY} is not a list; left out"]
    warnings = []
    items = []
    for item in unmapped:
        path = item.get("path") if isinstance(item, dict) else None
        if not isinstance(path, list) or not path or "value" not in item:
            warnings.append(f"meta.{UNMAPPED_KEY}: an item without 'path' and 'value' was left out")
            continue
        items.append(item)
    for item in sorted(items, key=lambda item: (len(item["path"]), [_order(part) for part in item["path"]])):
        path = item["path"]
        parent = value_at(out, tuple(path[:-1]), strict=True)  # a path from the file
        key = path[-1]
        if "shown" in item and value_at(out, tuple(path), strict=True) is not None:
            if value_at(out, tuple(path), strict=True) == item["shown"]:
                parent[key] = copy.deepcopy(item["value"])
            else:
                warnings.append(f"meta.{UNMAPPED_KEY}: {_dotted(path)} was edited since import; written as edited "
                                "(remove its item from meta.{UNMAPPED_KEY})".replace("{UNMAPPED_KEY}", UNMAPPED_KEY))
        elif "shown" not in item and isinstance(parent, dict) and isinstance(key, str) and key not in parent:
            parent[key] = copy.deepcopy(item["value"])
        elif "shown" not in item and isinstance(parent, list) and type(key) is int and 0 <= key <= len(parent):
            parent.insert(key, copy.deepcopy(item["value"]))
        else:
            warnings.append(f"meta.{UNMAPPED_KEY}: nowhere to put back {_dotted(path)}; left out")
    return warnings


def _order(part: Any) -> tuple[int, Any]:
    """Sort key of one part of a path: list indices by number (10 after 9), keys by name."""
    return (0, part) if type(part) is int else (1, str(part))


def _dotted(path: list[Any]) -> str:
    from resume_builder.loading.source import dotted

    return dotted(tuple(path))
