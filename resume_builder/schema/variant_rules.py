"""What a variant means on profile data: the override path language and entry selection.

Shared by loading (which checks a variant against a profile, with file positions:
:mod:`resume_builder.loading.variant_checks`) and tailoring (which applies it:
:func:`resume_builder.tailoring.variants.tailor`), so neither imports the other.
The functions here work on the profile dumped to plain data (:func:`profile_data`).

Override paths
--------------
A path names one field from the top of the profile: field names joined by dots, and an
entry of a list picked **by its id** in square brackets (never by position, so a path
keeps pointing at the same entry when entries are added or reordered)::

    basics.headline
    basics.location.city
    summary
    experience[fresha-platform].highlights
    experience[acme].roles[acme-lead].highlights    (a role of a company with several)
    projects[argo-workflows].description
    custom[specialties].items
    custom[talks].entries[kubecon-2024].summary

The value replaces the field whole (a list of highlights replaces all of them) and is
validated like the profile. ``id``, ``variants``, ``theme`` (use the variant's ``theme``),
``meta`` and ``$schema`` cannot be overridden.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Iterator

from pydantic import BaseModel

from resume_builder.errors import did_you_mean
from resume_builder.schema import jsonresume as jr
from resume_builder.schema.base import model_at
from resume_builder.schema.profile import SECTION_FIELDS, Profile
from resume_builder.schema.variant import Variant

LIST_SECTIONS = tuple(f for f in SECTION_FIELDS if f not in ("summary", "custom"))
NOT_OVERRIDABLE = {
    "variants": "variants cannot tailor other variants",
    "theme": "use the variant's 'theme' instead",
    "meta": "meta is not shown on the résumé",
    "$schema": "the schema link is not shown on the résumé",
    "schema_": "the schema link is not shown on the résumé",
}
PATH_EXAMPLE = "write e.g. basics.headline, summary or experience[ENTRY-ID].highlights"


# --------------------------------------------------------------------------- override paths


@dataclass
class PathStep:
    name: str
    entry_id: str | None = None


_STEP = re.compile(r"(\$?[A-Za-z_][A-Za-z0-9_]*)(?:\[([^\[\]]*)\])?")


def parse_path(text: str) -> list[PathStep]:
    """Split ``experience[fresha-platform].highlights`` into steps; ValueError if malformed."""
    steps: list[PathStep] = []
    pos = 0
    text = text.strip()
    while True:
        match = _STEP.match(text, pos)
        if not match or (match.group(2) is not None and not match.group(2).strip()):
            raise ValueError(f"'{text}' is not a field path")
        steps.append(PathStep(match.group(1), match.group(2).strip() if match.group(2) else None))
        pos = match.end()
        if pos == len(text):
            return steps
        if text[pos] != ".":
            raise ValueError(f"'{text}' is not a field path")
        pos += 1


class PathError(Exception):
    """What an override path names that the profile lacks; ``unnamed`` is set (to the
    section, e.g. ``experience``) when the entry is missing because no entry there has an
    id, so a caller that knows the file's format can say how to give one there."""

    def __init__(self, message: str, hint: str = "", *, unnamed: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.unnamed = unnamed


@dataclass
class Target:
    """Where an override lands: ``container[field]``, validated by ``model``."""

    container: dict[str, Any]
    field: str
    model: type[BaseModel]
    section: str | None  # top-level section (custom sections by id); None for basics
    entry_ids: list[str] = field(default_factory=list)


def resolve_path(steps: list[PathStep], data: dict[str, Any]) -> Target:
    """Follow ``steps`` through profile data; PathError says what does not exist."""
    model: type[BaseModel] = Profile
    node: dict[str, Any] = data
    section: str | None = None
    ids: list[str] = []
    where = "the profile"
    for index, step in enumerate(steps):
        last = index == len(steps) - 1
        names = _field_names(model)
        if step.name not in names:
            within = tuple(s.name for s in steps[:index])
            raise PathError(f"{where} has no field '{step.name}'",
                            jr.their_name_hint(step.name, within, names) or did_you_mean(step.name, names)
                            or "fields here: " + ", ".join(names))
        if model is Profile and step.name in NOT_OVERRIDABLE:
            raise PathError(f"'{step.name}' cannot be overridden", NOT_OVERRIDABLE[step.name])
        if step.name == "id":
            raise PathError("an entry's id cannot be overridden", "ids name entries for variants")
        if index == 0:
            section = None if step.name == "basics" else step.name
        annotation = model.model_fields[step.name].annotation
        is_list = _is_list(annotation)
        value = node.get(step.name)
        if step.entry_id is not None:
            item_model = model_at(model, (step.name, 0))
            if not is_list or item_model is None:
                raise PathError(f"'{step.name}' is not a list of entries; remove [{step.entry_id}]")
            if "id" not in item_model.model_fields:
                raise PathError(f"the items of '{step.name}' have no ids",
                                f"override the whole list: {_steps_text(steps[:index])}{step.name}")
            items = value if isinstance(value, list) else []
            found = [item for item in items if isinstance(item, dict) and item.get("id") == step.entry_id]
            if not found:
                known = [str(item["id"]) for item in items if isinstance(item, dict) and item.get("id")]
                hint = (_roles_elsewhere(steps, index, data, exact=True) or did_you_mean(step.entry_id, known)
                        or _roles_elsewhere(steps, index, data, exact=False) or
                        ("ids here: " + ", ".join(known) if known else
                         f"{_path_text(steps[:index])} has no {step.name}" if steps[:index] and not items else ""))
                raise PathError(f"no entry with id '{step.entry_id}' in {_steps_text(steps[:index])}{step.name}",
                                hint or "give the entry an 'id'",
                                unnamed=None if hint else f"{_steps_text(steps[:index])}{step.name}")
            ids.append(step.entry_id)
            if index == 0 and step.name == "custom":
                section = step.entry_id
            if last:
                raise PathError("an override replaces a field, not a whole entry",
                                f"name a field, e.g. {_steps_text(steps)}highlights")
            node, model = found[0], item_model
            where = f"entry '{step.entry_id}'"
            continue
        if last:
            return Target(node, step.name, model, section, ids)
        if is_list:
            raise PathError(f"'{step.name}' is a list: pick an entry by id",
                            f"write {_steps_text(steps[:index])}{step.name}[ENTRY-ID].{steps[index + 1].name}")
        sub_model = model_at(model, (step.name,))
        if sub_model is None:
            raise PathError(f"'{step.name}' has no fields to go into", f"override '{_path_text(steps[:index + 1])}' whole")
        if not isinstance(value, dict):
            raise PathError(f"'{_path_text(steps[:index + 1])}' is not set in the profile",
                            f"override '{_path_text(steps[:index + 1])}' whole")
        node, model, where = value, sub_model, f"'{step.name}'"
    raise AssertionError("unreachable")


def _roles_elsewhere(steps: list[PathStep], index: int, data: dict[str, Any], *, exact: bool) -> str:
    """The hint for an id not found at ``steps[index]`` that names a job or role in another
    scope: a role's id written as a company's (``experience[acme-lead]``), or a role of
    another company (``experience[acme].roles[globex-dev]``). ``exact``: that id itself;
    otherwise the closest id of the other scope (difflib, as :func:`did_you_mean`). The
    hint gives the whole path to write; empty when there is none."""
    step = steps[index]
    if steps[0].name != "experience" or index not in (0, 1) or (index == 1 and step.name != "roles"):
        return ""
    places: dict[str, tuple[PathStep, ...]] = {}  # id → the steps that reach it
    for company in data.get("experience") or []:
        if not isinstance(company, dict) or not company.get("id"):
            continue
        if index == 1:
            places.setdefault(str(company["id"]), (PathStep("experience", str(company["id"])),))
        for role in company.get("roles") or []:
            if isinstance(role, dict) and role.get("id"):
                places.setdefault(str(role["id"]), (PathStep("experience", str(company["id"])),
                                                    PathStep("roles", str(role["id"]))))
    here = tuple(steps[:index + 1])
    places = {key: where for key, where in places.items() if where != here}
    if exact:
        chosen = step.entry_id if step.entry_id in places else None
    else:
        close = difflib.get_close_matches(str(step.entry_id), list(places), n=1, cutoff=0.6)
        chosen = close[0] if close else None
    if chosen is None:
        return ""
    where = places[chosen]
    path = _path_text([*where, *steps[index + 1:]])
    what = f"a role of '{where[0].entry_id}'" if len(where) == 2 else "an entry of experience"
    return f"'{chosen}' is {what}: write {path}" if exact else f"did you mean {path}?"


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(arg) for arg in typing.get_args(annotation))
    return origin in (list, tuple)


def _path_text(steps: list[PathStep]) -> str:
    """The path the steps spell: ``experience[web-job].position``."""
    return ".".join(s.name + (f"[{s.entry_id}]" if s.entry_id else "") for s in steps)


def _steps_text(steps: list[PathStep]) -> str:
    """The steps as a prefix to write another step after: ``experience[web-job].`` ('' for none)."""
    text = _path_text(steps)
    return text + "." if text else ""


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


# --------------------------------------------------------------------------- selecting entries


def profile_data(profile: Profile) -> dict[str, Any]:
    """``profile`` as plain JSON data (by alias), the form variants are applied to."""
    return profile.model_dump(mode="json", by_alias=True)


def kept(entry: dict[str, Any], section: str, variant: Variant) -> bool:
    entry_id = entry.get("id")
    if section == "experience" and entry.get("roles"):
        return bool(kept_roles(entry, section, variant))
    if entry_id is not None and entry_id in variant.drop:
        return False
    if entry_id is not None and entry_id in variant.keep:
        return True
    rule = variant.select.get(section) or variant.select.get("*")
    return rule is None or rule.matches(entry.get("tags") or [])


def kept_roles(entry: dict[str, Any], section: str, variant: Variant) -> list[dict[str, Any]]:
    """The roles of a company (``experience[].roles``) that ``variant`` keeps.

    The id that names the role decides over its company's (the more specific wins): a
    role is kept if its id is in ``keep``, dropped if in ``drop``; otherwise it goes with a
    company whose id is in ``drop`` and stays with one whose id is in ``keep``; otherwise it
    is kept when its tags, together with the company's (a role inherits its company's
    tags), match the section's filter. A company is shown when at least one of its roles is
    kept (``drop: [acme]`` with ``keep: [acme-lead]`` shows Acme with that one role).
    """
    company_id = entry.get("id")
    company_kept = company_id is not None and company_id in variant.keep
    company_dropped = company_id is not None and company_id in variant.drop
    company_tags = list(entry.get("tags") or [])
    rule = variant.select.get(section) or variant.select.get("*")
    out = []
    for role in entry.get("roles") or []:
        role_id = role.get("id")
        if role_id is not None and role_id in variant.keep:
            out.append(role)
        elif (role_id is not None and role_id in variant.drop) or company_dropped:
            continue
        elif company_kept or rule is None or rule.matches(company_tags + list(role.get("tags") or [])):
            out.append(role)
    return out


def select_entries(data: dict[str, Any], variant: Variant) -> None:
    for key in LIST_SECTIONS:
        data[key] = [entry for entry in data.get(key) or [] if kept(entry, key, variant)]
        if key == "experience":  # a project's 'roles' are words; a job's are entries
            shown = []
            for entry in data[key]:
                if entry.get("roles"):
                    entry["roles"] = kept_roles(entry, key, variant)
                    if not entry["roles"]:  # a kept company whose every role was dropped by id
                        continue
                shown.append(entry)
            data[key] = shown
    sections = [s for s in data.get("custom") or [] if kept(s, "custom", variant)]
    for section in sections:
        section["entries"] = [e for e in section.get("entries") or [] if kept(e, section["id"], variant)]
    data["custom"] = sections


def choose_sections(data: dict[str, Any], chosen: list[str]) -> None:
    rank = {name: i for i, name in enumerate(chosen)}
    if "summary" not in rank:
        data["summary"] = None
    for key in LIST_SECTIONS:
        if key not in rank:
            data[key] = []
    custom = [s for s in data.get("custom") or [] if s["id"] in rank]
    data["custom"] = sorted(custom, key=lambda s: rank[s["id"]])


def entries_with_highlights(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every entry dict that may carry highlights."""
    for key in LIST_SECTIONS:
        for entry in data.get(key) or []:
            yield entry
            if key == "experience":  # a company's roles each have their highlights
                yield from entry.get("roles") or []
    for section in data.get("custom") or []:
        yield from section.get("entries") or []


@dataclass
class EntryInfo:
    section: str  # the section that shows it: a field name or a custom section id
    tags: list[str]


def entry_index(profile: Profile) -> dict[str, EntryInfo]:
    """Every id in the profile with the section it is shown in."""
    out: dict[str, EntryInfo] = {}
    for key in LIST_SECTIONS:
        for entry in getattr(profile, key):
            if entry.id:
                out.setdefault(entry.id, EntryInfo(key, list(entry.tags)))
            for role in getattr(entry, "roles", None) or []:
                if isinstance(role, BaseModel) and role.id:
                    out.setdefault(role.id, EntryInfo(key, list(role.tags)))
    for section in profile.custom:
        out.setdefault(section.id, EntryInfo(section.id, list(section.tags)))
        for entry in section.entries:
            if entry.id:
                out.setdefault(entry.id, EntryInfo(section.id, list(entry.tags)))
    return out


def all_tags(profile: Profile) -> list[str]:
    tags: dict[str, None] = {}
    for key in LIST_SECTIONS:
        for entry in getattr(profile, key):
            tags.update(dict.fromkeys(entry.tags))
            for role in getattr(entry, "roles", None) or []:
                if isinstance(role, BaseModel):
                    tags.update(dict.fromkeys(role.tags))
    for section in profile.custom:
        tags.update(dict.fromkeys(section.tags))
        for entry in section.entries:
            tags.update(dict.fromkeys(entry.tags))
    return list(tags)


def ids_in(data: dict[str, Any]) -> Iterator[str]:
    for key in LIST_SECTIONS:
        for entry in data.get(key) or []:
            if entry.get("id"):
                yield entry["id"]
            for role in entry.get("roles") or [] if key == "experience" else []:
                if isinstance(role, dict) and role.get("id"):
                    yield role["id"]
    for section in data.get("custom") or []:
        yield section["id"]
        yield from (e["id"] for e in section.get("entries") or [] if e.get("id"))
