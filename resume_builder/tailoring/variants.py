"""Apply a variant to a profile: ``tailor(profile, variant) -> Profile``, a pure function.

Tailoring only ever removes, reorders or caps what the profile already says; the one way
to bring in new text is an explicit override. That keeps every tailored résumé honest and
traceable to the master profile. The input profile is never modified: the profile is
dumped to plain data, transformed, and validated again into a new ``Profile``.

Steps, in order:

1. entries are selected: an entry is dropped if its id is in ``drop``, kept if its id is in
   ``keep``, otherwise kept when its tags match the section's filter in ``select`` (or the
   ``'*'`` filter; no filter keeps everything). ``select.custom`` filters the custom
   sections themselves; ``select.<custom-section-id>`` filters that section's entries;
2. only the sections listed in ``sections`` are kept, in that order (custom sections are
   named by their ids);
3. each entry keeps at most ``max_highlights`` highlights (a custom section's bullet
   ``items`` are not entries' highlights and are not capped);
4. overrides replace fields (they are explicit, so they are never capped);
5. the variant's theme (name and options) is merged over the profile's.

Override paths
--------------
A path names one field from the top of the profile: field names joined by dots, and an
entry of a list picked **by its id** in square brackets (never by position, so a path
keeps pointing at the same entry when entries are added or reordered)::

    basics.headline
    basics.location.city
    summary
    experience[fresha-platform].highlights
    projects[argo-workflows].description
    custom[specialties].items
    custom[talks].entries[kubecon-2024].summary

The value replaces the field whole (a list of highlights replaces all of them) and is
validated like the profile. ``id``, ``variants``, ``theme`` (use the variant's ``theme``),
``meta`` and ``$schema`` cannot be overridden.

Every tag, id, section and path a variant names must exist in the profile and be shown by
the variant; otherwise :func:`check_variant` reports it, located, with "did you mean".
"""

from __future__ import annotations

import copy
import re
import types
import typing
from dataclasses import dataclass, field, replace
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from resume_builder.errors import Location, Problem, UserError, did_you_mean
from resume_builder.loading.errors_map import dotted, model_at, problems_from_validation
from resume_builder.loading.source import SourceDocument
from resume_builder.schema.profile import SECTION_FIELDS, Profile
from resume_builder.schema.variant import Variant

PathKey = tuple[Any, ...]
_LIST_SECTIONS = tuple(f for f in SECTION_FIELDS if f not in ("summary", "custom"))
_NOT_OVERRIDABLE = {
    "variants": "variants cannot tailor other variants",
    "theme": "use the variant's 'theme' instead",
    "meta": "meta is not shown on the résumé",
    "$schema": "the schema link is not shown on the résumé",
    "schema_": "the schema link is not shown on the résumé",
}
PATH_EXAMPLE = "write e.g. basics.headline, summary or experience[ENTRY-ID].highlights"


# --------------------------------------------------------------------------- public API


def tailor(profile: Profile, variant: Variant) -> Profile:
    """A new profile tailored by ``variant``; ``profile`` is left untouched.

    Raises :class:`UserError` (without file locations) when the variant names tags, ids,
    sections or paths the profile does not have; use :func:`check_variant` with the
    variant's source first to get located messages.
    """
    problems = check_variant(profile, variant)
    if problems:
        raise UserError(problems)
    data = _dump(profile)
    _select(data, variant)
    if variant.sections is not None:
        _choose_sections(data, variant.sections)
    if variant.max_highlights is not None:
        for entry in _entries(data):
            if isinstance(entry.get("highlights"), list):
                entry["highlights"] = entry["highlights"][:variant.max_highlights]
    for path_text, value in variant.overrides.items():
        target = resolve_path(parse_path(path_text), data)
        target.container[target.field] = copy.deepcopy(value)
    if variant.theme is not None:
        chosen = variant.theme.model_dump(mode="json", exclude_none=True)
        data["theme"] = {**(data.get("theme") or {}), **copy.deepcopy(chosen)}
    data["variants"] = {}
    try:
        tailored = Profile.model_validate(data)
    except ValidationError as exc:  # overrides are checked one by one; this is a safety net
        raise UserError([Problem(f"the tailored profile is invalid: {err['msg']}", path=dotted(tuple(err["loc"])))
                         for err in exc.errors(include_url=False)]) from None
    if variant.sections is not None:
        present = set(tailored.section_order())
        tailored._key_order = [s for s in variant.sections if s in present]
    else:
        tailored._key_order = list(profile._key_order)
    return tailored


def check_variant(profile: Profile, variant: Variant, *, source: SourceDocument | None = None,
                  at: PathKey = ()) -> list[Problem]:
    """Everything ``variant`` names that ``profile`` lacks or the variant itself hides.

    ``source`` and ``at`` locate the problems: the document the variant was read from and
    the variant's path in it (``("variants", "platform")`` inside a profile, ``()`` for a
    variant file).
    """
    return _Checker(profile, variant, source, tuple(at)).run()


def check_profile_variants(profile: Profile, source: SourceDocument | None = None) -> list[Problem]:
    """Check every variant declared in the profile (for ``validate``)."""
    problems: list[Problem] = []
    for name, variant in profile.variants.items():
        problems.extend(check_variant(profile, variant, source=source, at=("variants", name)))
    return problems


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
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


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
            raise PathError(f"{where} has no field '{step.name}'",
                            did_you_mean(step.name, names) or "fields here: " + ", ".join(names))
        if model is Profile and step.name in _NOT_OVERRIDABLE:
            raise PathError(f"'{step.name}' cannot be overridden", _NOT_OVERRIDABLE[step.name])
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
                raise PathError(f"no entry with id '{step.entry_id}' in {_steps_text(steps[:index])}{step.name}",
                                did_you_mean(step.entry_id, known) or
                                ("ids here: " + ", ".join(known) if known else "give the entry an 'id'"))
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


# --------------------------------------------------------------------------- transforming data


def _dump(profile: Profile) -> dict[str, Any]:
    return profile.model_dump(mode="json", by_alias=True)


def _kept(entry: dict[str, Any], section: str, variant: Variant) -> bool:
    entry_id = entry.get("id")
    if entry_id is not None and entry_id in variant.drop:
        return False
    if entry_id is not None and entry_id in variant.keep:
        return True
    rule = variant.select.get(section) or variant.select.get("*")
    return rule is None or rule.matches(entry.get("tags") or [])


def _select(data: dict[str, Any], variant: Variant) -> None:
    for key in _LIST_SECTIONS:
        data[key] = [entry for entry in data.get(key) or [] if _kept(entry, key, variant)]
    sections = [s for s in data.get("custom") or [] if _kept(s, "custom", variant)]
    for section in sections:
        section["entries"] = [e for e in section.get("entries") or [] if _kept(e, section["id"], variant)]
    data["custom"] = sections


def _choose_sections(data: dict[str, Any], chosen: list[str]) -> None:
    rank = {name: i for i, name in enumerate(chosen)}
    if "summary" not in rank:
        data["summary"] = None
    for key in _LIST_SECTIONS:
        if key not in rank:
            data[key] = []
    custom = [s for s in data.get("custom") or [] if s["id"] in rank]
    data["custom"] = sorted(custom, key=lambda s: rank[s["id"]])


def _entries(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every entry dict that may carry highlights."""
    for key in _LIST_SECTIONS:
        yield from data.get(key) or []
    for section in data.get("custom") or []:
        yield from section.get("entries") or []


# --------------------------------------------------------------------------- checking


@dataclass
class _EntryInfo:
    section: str  # the section that shows it: a field name or a custom section id
    tags: list[str]


def entry_index(profile: Profile) -> dict[str, _EntryInfo]:
    """Every id in the profile with the section it is shown in."""
    out: dict[str, _EntryInfo] = {}
    for key in _LIST_SECTIONS:
        for entry in getattr(profile, key):
            if entry.id:
                out.setdefault(entry.id, _EntryInfo(key, list(entry.tags)))
    for section in profile.custom:
        out.setdefault(section.id, _EntryInfo(section.id, list(section.tags)))
        for entry in section.entries:
            if entry.id:
                out.setdefault(entry.id, _EntryInfo(section.id, list(entry.tags)))
    return out


def all_tags(profile: Profile) -> list[str]:
    tags: dict[str, None] = {}
    for key in _LIST_SECTIONS:
        for entry in getattr(profile, key):
            tags.update(dict.fromkeys(entry.tags))
    for section in profile.custom:
        tags.update(dict.fromkeys(section.tags))
        for entry in section.entries:
            tags.update(dict.fromkeys(entry.tags))
    return list(tags)


class _Checker:
    def __init__(self, profile: Profile, variant: Variant, source: SourceDocument | None, at: PathKey) -> None:
        self.profile, self.variant, self.source, self.at = profile, variant, source, at
        self.problems: list[Problem] = []
        self.shown = profile.section_order()
        self.visible = set(variant.sections) if variant.sections is not None else set(self.shown)
        self.entries = entry_index(profile)
        self.tags = all_tags(profile)
        self.data = _dump(profile)
        selected = copy.deepcopy(self.data)
        _select(selected, variant)
        self.selected_ids = set(_ids_in(selected))

    def locate(self, path: PathKey, *, key: bool = False) -> Location | None:
        return self.source.locate(self.at + path, prefer_key=key) if self.source else None

    def add(self, message: str, path: PathKey, hint: str = "", *, key: bool = False) -> None:
        self.problems.append(Problem(message, self.locate(path, key=key), dotted(self.at + path), hint))

    def run(self) -> list[Problem]:
        self.sections()
        self.select()
        self.ids()
        self.pins()
        self.overrides()
        return sorted(self.problems, key=lambda p: (p.location.line or 0, p.location.column or 0)
                      if p.location else (0, 0))

    def sections(self) -> None:
        seen: set[str] = set()
        for i, name in enumerate(self.variant.sections or []):
            if name in seen:
                self.add(f"section '{name}' is listed twice", ("sections", i))
            elif name == "custom":
                ids = [s.id for s in self.profile.custom]
                self.add("name custom sections by their ids", ("sections", i),
                         "custom sections here: " + ", ".join(ids) if ids else "this profile has none")
            elif name not in self.shown:
                self.add(f"the profile has no section '{name}'", ("sections", i),
                         did_you_mean(name, self.shown) or "sections here: " + ", ".join(self.shown))
            seen.add(name)

    def select(self) -> None:
        with_entries = [key for key in _LIST_SECTIONS if getattr(self.profile, key)]
        with_entries += [s.id for s in self.profile.custom if s.entries]
        choices = ["*"] + with_entries + (["custom"] if self.profile.custom else [])
        custom_ids = {s.id for s in self.profile.custom}
        for name, rule in self.variant.select.items():
            if name not in choices:
                if name in custom_ids:
                    message = f"custom section '{name}' has no entries to select"
                    hint = "to keep or drop whole custom sections, use 'custom'"
                elif name == "summary":
                    message, hint = "the summary has no entries to select", "leave it out of 'sections' to hide it"
                else:
                    message = f"the profile has no section '{name}' with entries"
                    hint = did_you_mean(name, choices) or "sections here: " + ", ".join(choices)
                self.add(message, ("select", name), hint, key=True)
            elif not (any(s.id in self.visible for s in self.profile.custom) if name == "custom"
                      else name == "*" or name in self.visible):
                self.add(f"section '{name}' is not shown by this variant", ("select", name),
                         "add it to 'sections' or remove this filter", key=True)
            for kind in ("any", "all", "none"):
                for i, tag in enumerate(getattr(rule, kind)):
                    if tag not in self.tags:
                        self.add(f"no entry in the profile has tag '{tag}'", ("select", name, kind, i),
                                 did_you_mean(tag, self.tags))

    def pins(self) -> None:
        for i, entry_id in enumerate(self.variant.pin):
            if entry_id not in self.entries:
                self.add(f"no entry has id '{entry_id}'", ("pin", i), did_you_mean(entry_id, list(self.entries)))
        for i, tag in enumerate(self.variant.pin_tags):
            if tag not in self.tags:
                self.add(f"no entry in the profile has tag '{tag}'", ("pin_tags", i), did_you_mean(tag, self.tags))

    def ids(self) -> None:
        keep = set(self.variant.keep)
        for kind in ("keep", "drop"):
            for i, entry_id in enumerate(getattr(self.variant, kind)):
                info = self.entries.get(entry_id)
                if info is None:
                    self.add(f"no entry has id '{entry_id}'", (kind, i), did_you_mean(entry_id, list(self.entries)))
                elif kind == "drop" and entry_id in keep:
                    self.add(f"'{entry_id}' is both kept and dropped", (kind, i), "remove it from one list")
                elif info.section not in self.visible:
                    self.add(f"'{entry_id}' is in section '{info.section}', which this variant does not show",
                             (kind, i), f"add '{info.section}' to 'sections'")
                elif kind == "keep" and entry_id not in self.selected_ids:
                    self.add(f"'{entry_id}' is kept, but its section '{info.section}' is left out by this variant",
                             (kind, i), "keep the section too, or remove this entry from 'keep'")

    def overrides(self) -> None:
        data = self.data
        kept_ids = {eid for eid, info in self.entries.items() if info.section in self.visible}
        kept_ids &= self.selected_ids
        for path_text, value in self.variant.overrides.items():
            where = ("overrides", path_text)
            try:
                target = resolve_path(parse_path(path_text), data)
            except ValueError as exc:
                self.add(str(exc), where, PATH_EXAMPLE, key=True)
                continue
            except PathError as exc:
                self.add(exc.message, where, exc.hint, key=True)
                continue
            if target.section is not None and target.section not in self.visible:
                self.add(f"section '{target.section}' is not shown by this variant, so this override has no effect",
                         where, f"add '{target.section}' to 'sections'", key=True)
                continue
            hidden = [eid for eid in target.entry_ids if eid not in kept_ids]
            if hidden:
                self.add(f"entry '{hidden[0]}' is left out by this variant, so this override has no effect",
                         where, "keep it with 'keep', or remove the override", key=True)
                continue
            self.check_value(target, value, where)

    def check_value(self, target: Target, value: Any, where: PathKey) -> None:
        try:
            target.model.model_validate({**target.container, target.field: value})
        except ValidationError as exc:
            self.problems.extend(self.value_problems(exc, target, where))

    def value_problems(self, exc: ValidationError, target: Target, where: PathKey) -> list[Problem]:
        """Validation errors of an override value, located in the variant's source."""
        base = self.at + where
        doc = SourceDocument(self.source.file if self.source else "<variant>", None)
        if self.source:
            for mine, theirs in ((doc.values, self.source.values), (doc.keys, self.source.keys)):
                for path, pos in theirs.items():
                    if path[:len(base)] == base:
                        mine[(target.field,) + path[len(base):]] = pos
            doc.values[()] = self.source.values.get(base) or self.source.keys.get(base) or (1, 1)
        out = []
        for problem in problems_from_validation(exc, doc, target.model):
            suffix = problem.path[len(target.field):] if problem.path.startswith(target.field) else ""
            out.append(replace(problem, path=dotted(base) + suffix,
                               location=problem.location if self.source else None))
        return out


def _ids_in(data: dict[str, Any]) -> Iterator[str]:
    for key in _LIST_SECTIONS:
        yield from (e["id"] for e in data.get(key) or [] if e.get("id"))
    for section in data.get("custom") or []:
        yield section["id"]
        yield from (e["id"] for e in section.get("entries") or [] if e.get("id"))
