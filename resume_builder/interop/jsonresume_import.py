"""Turn a JSON Resume document into a readable YAML profile (``resume-builder import``).

The document is judged and renamed exactly as ``render`` reads JSON Resume files (the one
table in :mod:`resume_builder.schema.jsonresume`, applied by
:mod:`resume_builder.loading.jsonresume`); what this adds:

- what ``export`` kept under ``meta.resume_builder`` is put back (ids, tags, custom
  sections, sub-points, variants, theme, texts in other languages, the section order...),
  so export then import gives the same profile;
- keys the profile has no field for, and values the standard accepts but a profile cannot
  hold (a date ``2021-13``), are kept under ``meta.jsonresume_unmapped`` with their JSON
  Resume path (a warning names each value left out), and ``export`` writes them back;
- the YAML says, in comments, where the profile differs from the file: a field that was
  empty and is left out, ``basics.summary`` moved to the top-level ``summary``, fields
  kept under ``meta``.

What the official schema rejects, and our own mistakes (an id used twice), are reported
like any profile error, located in the JSON file.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from resume_builder.wording import count
from resume_builder.errors import Problem, UserError
from resume_builder.interop.jsonresume_export import EXTRAS_KEY, EXTRAS_VERSION, SECTIONS, UNMAPPED_KEY
from resume_builder.loading.errors_map import dotted
from resume_builder.loading.source import PathKey, SourceDocument, value_at
from resume_builder.schema import jsonresume as jr
from resume_builder.schema.profile import Profile

_JSON_NAME = {ours: theirs for ours, (theirs, _) in SECTIONS.items()}
#: JSON Resume's names for what a company's roles share (``work[].name``...).
_JSON_WORK = {"company": "name"}


@dataclass
class ImportResult:
    data: dict[str, Any]  # the profile, as plain data in file order
    text: str  # the same as commented YAML
    profile: Profile  # validated (in the profile's default language)
    notes: dict[PathKey, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _refuse_our_profile(doc: Any, path: Path) -> None:
    """Raises UserError, at its first such key, when ``doc`` is one of our profiles rather
    than a JSON Resume: it has keys only a profile has (``experience``, a top-level
    ``summary``, an entry's ``start`` or ``degree``) and is no JSON Resume by
    :func:`resume_builder.loading.jsonresume.json_resume_reason`. Read as a JSON Resume, such
    a file gave errors about fields that are right (``basics.location: expected a mapping``)
    or a profile with its sections left out."""
    from resume_builder.loading.jsonresume import json_resume_reason, profile_only_keys

    data = doc.data
    if not isinstance(data, dict) or json_resume_reason(data) is not None:
        return
    found = profile_only_keys(data)
    if not found:
        return
    from resume_builder.console import command
    from resume_builder.loading.source import dotted

    located = sorted(((doc.locate(key, prefer_key=True), key) for key in found),
                     key=lambda pair: (pair[0].line or 0, pair[0].column or 0))
    location = located[0][0]
    shown = " and ".join(f"'{dotted(key)}'" for _, key in located[:2])
    raise UserError.at(location.file, location.line, location.column,
                       f"{path.name} is already a resume-builder profile, not a JSON Resume (it has {shown}): "
                       "there is nothing to import", hint=f"use it as it is: {command('validate', path)}")


#: JSON Resume's top-level fields that hold a résumé's content (``$schema`` and ``meta`` do not).
_CONTENT = tuple(key for key in jr.TOP if key not in ("$schema", "meta"))


def _refuse_no_resume(doc: SourceDocument, path: Path) -> None:
    """Raises UserError when ``doc`` holds none of JSON Resume's content fields (``basics``,
    ``work``, ``education``...): a RenderCV file (:mod:`resume_builder.loading.other_tools`),
    or any other YAML or JSON (``{"foo": 1}``, ``title: notes``). JSON Resume requires no
    field, so such a file passes its schema; imported, it gave a profile with an empty name
    and everything under meta, and a blank résumé (user trial). The message names the keys
    found, located at the first."""
    from resume_builder.loading.other_tools import refuse_rendercv

    data = doc.data
    if any(key in data for key in _CONTENT):
        return
    refuse_rendercv(doc, path)
    keys = [f"'{key}'" for key in data]
    sections = "JSON Resume's sections (basics, work, education, skills...)"
    if keys:
        shown = (", ".join(keys[:3]) + f" and {len(keys) - 3} more" if len(keys) > 3
                 else " and ".join([", ".join(keys[:-1]), keys[-1]] if len(keys) > 1 else keys))
        found = f"it has none of {sections} at its top level, only {shown}"
        where = doc.locate((next(iter(data)),), prefer_key=True)
    else:
        found, where = f"it is empty, with none of {sections}", doc.locate(())
    raise UserError.at(where.file, where.line, where.column, f"{path.name} is not a JSON Resume: {found}",
                       hint="check that this is the file you meant; import also takes a PDF or DOCX résumé "
                            "and LinkedIn's data export, a .zip file")


def import_json_resume(path: str | Path, *, group_roles: bool = False,
                       original: SourceDocument | None = None) -> ImportResult:
    """Read a JSON Resume file as a profile (see the module docstring).

    ``group_roles`` (``--group-roles``): consecutive ``work`` items with the same ``name``
    (and link and description) become one company with ``roles``
    (:func:`resume_builder.loading.jsonresume.group_roles`). Companies that ``export`` wrote
    from a profile's ``roles`` come back as they were either way. ``original``: the file as
    already read, if it was.
    """
    from resume_builder.interop.yaml_writer import profile_yaml
    from resume_builder.loading.jsonresume import to_profile_source
    from resume_builder.loading.profile_loader import load_source

    path = Path(path)
    original = load_source(path) if original is None else original
    _refuse_our_profile(original, path)
    _refuse_no_resume(original, path)
    warnings: list[str] = []
    mapped = to_profile_source(original, warnings=warnings)
    data = mapped.data
    name = path.name
    notes: dict[PathKey, list[str]] = {}
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    extras = meta.pop(EXTRAS_KEY, None)
    _note_changes(original, mapped, notes, name, moved_summary=extras is None)
    if extras is None:
        # A JSON Resume from elsewhere: what the standard accepts but a profile cannot hold
        # (a date 2021-13, an ftp:// link) moves to meta.jsonresume_unmapped, with a warning.
        from resume_builder.loading.jsonresume import validate_json_resume

        validate_json_resume(mapped, warnings)
        data = mapped.data
    if isinstance(data.get("meta"), dict) and data["meta"].get(UNMAPPED_KEY):
        notes.setdefault(("meta", UNMAPPED_KEY), []).append(
            f"fields of {name} with no place in the profile; 'export' writes them back")
    if extras is not None:
        data = _apply_extras(data, extras, mapped, warnings)
    if group_roles and isinstance(data.get("experience"), list):
        from resume_builder.loading.jsonresume import group_roles as grouped

        before = len(data["experience"])
        data["experience"] = grouped(data["experience"])
        if len(data["experience"]) != before:
            notes.setdefault(("experience",), []).append(
                f"jobs in a row at the same company are grouped as its roles (--group-roles); "
                f"'export' writes one work item per role again")
    schema = data.get("$schema")
    if isinstance(schema, str) and "jsonresume" in schema.lower():
        del data["$schema"]  # JSON Resume's schema link; the profile has its own schema
    doc = SourceDocument(mapped.file, data, mapped.values, mapped.keys)
    profile = _validate(doc, notes, name, warnings)
    if not data.get("meta"):
        data.pop("meta", None)
    header = [f"Imported from {name} (JSON Resume) by 'resume-builder import'.",
              "Field names are this tool's: work → experience, basics.label → headline, startDate → start,",
              "studyType → degree, certificates → certifications; check it with 'resume-builder validate'."]
    text = profile_yaml(data, header=header, notes=notes)
    return ImportResult(data, text, profile, notes, warnings)


# --------------------------------------------------------------------------- notes


def _note_changes(original: SourceDocument, mapped: SourceDocument, notes: dict[PathKey, list[str]],
                  name: str, *, moved_summary: bool = True) -> None:
    """Notes for the fields the mapping dropped (blank) or changed (links given https://)."""
    new_at = {pos: path for path, pos in mapped.values.items()}
    for old, pos in original.values.items():
        value = value_at(original.data, old)
        new = new_at.get(pos)
        if new is None and old and (value is None or (isinstance(value, str) and not value.strip())):
            parent = new_at.get(original.values.get(old[:-1]))
            if parent is not None:
                what = f"'{old[-1]}'" if isinstance(old[-1], str) else f"item {old[-1]} of '{old[-2]}'"
                notes.setdefault(parent, []).append(f"{what} was empty in {name}; left out")
        elif new is not None and isinstance(value, str):
            now = value_at(mapped.data, new)
            if isinstance(now, str) and now != value:
                notes.setdefault(new, []).append(f"was '{value}' in {name}")
    if moved_summary and ("basics", "summary") in original.values and ("summary",) in mapped.values:
        notes.setdefault(("summary",), []).append("JSON Resume keeps this in basics.summary")


# --------------------------------------------------------------------------- meta.resume_builder


def _apply_extras(data: dict[str, Any], extras: Any, mapped: SourceDocument, warnings: list[str]) -> dict[str, Any]:
    where = f"meta.{EXTRAS_KEY}"
    location = mapped.locate(("meta", EXTRAS_KEY))
    if not isinstance(extras, dict):
        raise UserError(Problem("expected a mapping (written by 'resume-builder export')", location, where))
    version = extras.get("version", EXTRAS_VERSION)
    if not isinstance(version, int) or version > EXTRAS_VERSION:
        raise UserError(Problem(f"version {version!r} is newer than this resume-builder reads ({EXTRAS_VERSION})",
                                location, where + ".version", "upgrade resume-builder"))
    extras = copy.deepcopy(extras)
    for key, value in _mapping(extras.get("profile"), where + ".profile", location).items():
        data[key] = value
    basics_extras = _mapping(extras.get("basics"), where + ".basics", location)
    if basics_extras:
        basics = data.setdefault("basics", {})
        if isinstance(basics, dict):
            basics.update(basics_extras)
    for section, per_entry in _mapping(extras.get("entries"), where + ".entries", location).items():
        entries = data.get(section) or []
        if not isinstance(per_entry, list) or len(per_entry) != len(entries):
            warnings.append(f"{where}.entries.{section} no longer matches the {count(len(entries), 'entry')} of "
                            f"'{_JSON_NAME.get(section, section)}' (entries added or removed?); "
                            "the tags and other fields kept there were not restored (ids on the items are kept)")
            continue
        order = _field_order(section)
        for index, (entry, patch) in enumerate(zip(entries, per_entry)):
            if isinstance(entry, dict) and isinstance(patch, dict) and patch:
                _patch_entry(entry, patch)
                entries[index] = {**{k: entry[k] for k in order if k in entry}, **entry}
    _regroup(data, extras.get("roles"), where, warnings)
    keys = extras.get("keys")
    if isinstance(keys, list):
        data = {**{k: data[k] for k in keys if k in data}, **{k: v for k, v in data.items() if k not in keys}}
    for item in extras.get("translations") or []:
        if not _restore_translation(data, item):
            warnings.append(f"{where}.translations: no field at {dotted(tuple(item.get('path') or ()))} "
                            "any more; its other languages were not restored")
    return data


def _regroup(data: dict[str, Any], groups: Any, where: str, warnings: list[str]) -> None:
    """Companies with several roles, put back from the work items ``export`` wrote for them."""
    from resume_builder.loading.jsonresume import company_of

    if groups is None:
        return
    jobs = data.get("experience")
    count = groups.get("work_items") if isinstance(groups, dict) else None
    groups = groups.get("companies") if isinstance(groups, dict) else None
    valid = isinstance(groups, list) and isinstance(jobs, list) and count == len(jobs) and all(
        isinstance(g, dict) and isinstance(g.get("at"), int) and isinstance(g.get("count"), int)
        and g["count"] >= 1 and 0 <= g["at"] and g["at"] + g["count"] <= len(jobs)
        and isinstance(g.get("company", {}), dict) for g in groups)
    spans = sorted((g["at"], g["at"] + g["count"]) for g in groups) if valid else []
    if not valid or any(a[1] > b[0] for a, b in zip(spans, spans[1:])):
        warnings.append(f"{where}.roles no longer matches the work items (items added or removed?); "
                        "companies with several roles were imported as one job per role")
        return
    for group in sorted(groups, key=lambda g: g["at"], reverse=True):
        at, count = group["at"], group["count"]
        if not all(isinstance(job, dict) for job in jobs[at:at + count]):
            continue
        jobs[at:at + count] = _company_from_items(jobs[at:at + count], group, at, where, warnings)


def _company_from_items(items: list[dict[str, Any]], group: dict[str, Any], at: int, where: str,
                        warnings: list[str]) -> list[dict[str, Any]]:
    """The experience entries for one company ``export`` wrote as ``items`` (its roles).

    ``export`` repeats the company's name, link and description in every role's ``work``
    item, so items that no longer agree on them were edited since: the file decides. The
    items that still name the company as exported (``group["name"]``; files exported
    before it was kept: the first item's) stay its roles; each other item becomes a job
    of its own, with a warning naming it. A company renamed in every item is one company
    under its new name.
    """
    from resume_builder.loading.jsonresume import COMPANY_FIELDS, company_of

    def shared(item: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(item.get(name) for name in COMPANY_FIELDS)

    exported = group.get("name")
    reference = next((item for item in items if item.get("company") == exported), items[0])
    kept = [item for item in items if shared(item) == shared(reference)]
    if len(kept) == len(items):
        return [company_of(items, group.get("company") or {})]
    company = reference.get("company")
    out: list[dict[str, Any]] = []
    for offset, item in enumerate(items):
        if shared(item) == shared(reference):
            if item is kept[0]:
                out.append(company_of(kept, group.get("company") or {}))
            continue
        differs = [f"{_JSON_WORK.get(name, name)} '{item.get(name)}'" for name in COMPANY_FIELDS
                   if item.get(name) != reference.get(name)]
        warnings.append(f"work[{at + offset}] ({item.get('position') or 'no position'}) now has "
                        f"{', '.join(differs)}, unlike the other roles of '{company}' exported with it; "
                        f"imported as a job of its own, not as a role of '{company}'")
        out.append(item)
    return out


def _mapping(value: Any, where: str, location) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise UserError(Problem("expected a mapping", location, where))
    return value


def _field_order(section: str) -> list[str]:
    """How a profile writes an entry's fields: id and tags, the texts, dates last."""
    from resume_builder.loading.errors_map import model_at

    model = model_at(Profile, (section, 0))
    names = list(model.model_fields) if model else []
    dates = [n for n in ("start", "end", "date") if n in names]
    return ["id", "tags", *[n for n in names if n not in ("id", "tags", *dates)], *dates]


def _patch_entry(entry: dict[str, Any], patch: dict[str, Any]) -> None:
    for key, value in patch.items():
        if key == "highlight_details" and isinstance(value, dict):
            highlights = entry.get("highlights")
            for index, details in value.items():
                i = int(index) if str(index).isdecimal() else -1
                if isinstance(highlights, list) and 0 <= i < len(highlights):
                    text = highlights[i]["text"] if isinstance(highlights[i], dict) else highlights[i]
                    highlights[i] = {"text": text, "details": details}
        else:
            entry[key] = value


def _restore_translation(data: dict[str, Any], item: Any) -> bool:
    if not isinstance(item, dict) or not isinstance(item.get("path"), list) or not isinstance(item.get("text"), dict):
        return False
    path = tuple(item["path"])
    if not path:
        return False
    parent = value_at(data, path[:-1], strict=True)  # the path comes from the file: work[-1] is no job
    last = path[-1]
    if isinstance(parent, dict) and isinstance(last, str) and last in parent:
        current = parent[last]
    elif isinstance(parent, list) and type(last) is int and 0 <= last < len(parent):
        current = parent[last]
    else:
        return False
    parent[last] = {lang: (current if text is None else text) for lang, text in item["text"].items()}
    return True


# --------------------------------------------------------------------------- validation


def _validate(doc: SourceDocument, notes: dict[PathKey, list[str]], name: str, warnings: list[str]) -> Profile:
    """Validate as ``validate`` would; fields with no place in the profile move to
    meta.jsonresume_unmapped, and what a variant names that the file no longer has is left
    out with a warning each (see :func:`_drop_dangling`), so the profile written validates."""
    from resume_builder.loading.errors_map import problems_from_validation
    from resume_builder.loading.languages import select_language
    from resume_builder.loading.letter_checks import check_profile_letters
    from resume_builder.loading.profile_loader import cross_check
    from resume_builder.loading.variant_checks import variant_problems_at

    data = doc.data
    moved = False
    # Each round leaves out at least one reference, so the variants' references bound it.
    for _round in range(_references(data.get("variants")) + 2):
        chosen = select_language(doc)
        try:
            profile = Profile.model_validate(chosen.source.data)
        except ValidationError as exc:
            unknown = [tuple(e["loc"]) for e in exc.errors(include_url=False) if e["type"] == "extra_forbidden"]
            if unknown and len(unknown) == len(exc.errors()) and not moved:
                _move_unmapped(data, unknown, notes, name)
                moved = True
                continue
            raise UserError(problems_from_validation(exc, chosen.source, Profile)) from None
        problems = cross_check(profile, chosen.source)
        if problems:
            raise UserError(problems)
        dangling = variant_problems_at(profile)
        if dangling:
            _drop_dangling(data, dangling, warnings)
            continue
        problems = check_profile_letters(profile, chosen.source)
        if problems:
            raise UserError(problems)
        return profile
    raise AssertionError("unreachable: every round leaves out a variant's reference")


def _references(variants: Any) -> int:
    """How many references (list items and keys, at any depth) ``variants`` holds."""
    if isinstance(variants, dict):
        return len(variants) + sum(_references(value) for value in variants.values())
    if isinstance(variants, list):
        return len(variants) + sum(_references(value) for value in variants)
    return 0


def _drop_dangling(data: dict[str, Any], dangling: list[tuple[PathKey, Problem]], warnings: list[str]) -> None:
    """Leave out of ``data`` what each problem is about: a variant's id, tag or section
    (a list item), a ``select`` rule or an ``override`` (a key); a list or mapping left
    empty goes too (an empty ``sections`` would show nothing). One warning per reference:
    the variant's path and the problem, from :mod:`resume_builder.loading.variant_checks`
    (its hint, how to fix the reference by hand, no longer applies)."""
    by_container: dict[PathKey, list[Any]] = {}
    for path, problem in dangling:
        if path[-1] in by_container.setdefault(path[:-1], []):
            continue
        by_container[path[:-1]].append(path[-1])
        warnings.append(f"{problem.path}: {problem.message}; left out of the imported profile")
    for container, keys in by_container.items():
        parent = value_at(data, container)
        for key in sorted(keys, key=lambda k: (isinstance(k, int), k if isinstance(k, int) else 0), reverse=True):
            if isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent):
                del parent[key]
            elif isinstance(parent, dict):
                parent.pop(key, None)
    for container in sorted(by_container, key=len, reverse=True):
        for depth in range(len(container), 1, -1):
            path = container[:depth]
            value, parent = value_at(data, path), value_at(data, path[:-1])
            if value in ([], {}) and isinstance(parent, dict) and path[-1] in parent:
                del parent[path[-1]]
                if depth == 2:  # the profile's YAML cannot hold an empty variant
                    warnings.append(f"variants.{path[-1]}: nothing of it is left; left out of the imported profile")
    if data.get("variants") == {}:
        del data["variants"]


def _move_unmapped(data: dict[str, Any], paths: list[PathKey], notes: dict[PathKey, list[str]], name: str) -> None:
    kept = []
    for path in sorted(set(paths), key=len, reverse=True):
        parent = value_at(data, path[:-1])
        if not isinstance(parent, dict) or path[-1] not in parent:
            continue
        value = parent.pop(path[-1])
        theirs = list(path)
        if theirs and theirs[0] in _JSON_NAME:
            theirs[0] = _JSON_NAME[theirs[0]]
        kept.append({"path": theirs, "value": value})
        notes.setdefault(path[:-1] if path[:-1] else ("meta",), []).append(
            f"'{path[-1]}' moved to meta.{UNMAPPED_KEY}")
    if not kept:
        return
    meta = data.setdefault("meta", {})
    meta.setdefault(UNMAPPED_KEY, []).extend(sorted(kept, key=lambda item: str(item["path"])))
    notes.setdefault(("meta", UNMAPPED_KEY), []).append(
        f"fields of {name} with no place in the profile; 'export' writes them back")
