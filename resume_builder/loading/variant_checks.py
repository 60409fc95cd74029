"""Check a variant against the profile it tailors, every problem located in its file.

Every tag, id, section and override path a variant names must exist in the profile and be
shown by the variant; otherwise :func:`check_variant` reports it at its line and column,
with "did you mean". A variant that leaves the résumé with no section at all (by its
``sections``, selection, overrides or ``public``, alone or together) is a problem too (an
empty résumé, only the name and contact line, is never what anyone sends); one that
empties some of the sections the profile fills is told as a warning, at the rule that did
it (:func:`emptied_sections`). Loading runs these checks (for variants declared in a
profile and for variant files); tailoring runs them again without positions as a safety
net.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from resume_builder.errors import Location, Problem, did_you_mean
from resume_builder.loading.errors_map import dotted, problems_from_validation
from resume_builder.loading.source import SourceDocument
from resume_builder.schema import jsonresume as jr
from resume_builder.schema.base import PRIVATE_TAG, PathKey
from resume_builder.schema.profile import Profile
from resume_builder.schema.variant import Variant
from resume_builder.schema.variant_rules import (LIST_SECTIONS, PATH_EXAMPLE, PathError, Target, all_tags,
                                                 choose_sections, entry_index, ids_in, parse_path, profile_data,
                                                 resolve_path, select_entries)
from resume_builder.wording import count


def check_variant(profile: Profile, variant: Variant, *, source: SourceDocument | None = None,
                  at: PathKey = (), json_resume: bool = False) -> list[Problem]:
    """Everything ``variant`` names that ``profile`` lacks or the variant itself hides.

    ``source`` and ``at`` locate the problems: the document the variant was read from and
    the variant's path in it (``("variants", "platform")`` inside a profile, ``()`` for a
    variant file). ``json_resume``: the profile is a JSON Resume file, so an id the profile
    lacks is given there (``"id": "maple"`` on its ``work`` item), not as a profile's ``id:``.
    """
    return _Checker(profile, variant, source, tuple(at), json_resume).run()


def emptied_sections(profile: Profile, variant: Variant, *, source: SourceDocument | None = None,
                     at: PathKey = ()) -> list[str]:
    """Warnings, one per section the profile fills that ``variant``'s ``select`` (or
    ``drop``) leaves with no entry, located at that rule and saying why: ``profile.yaml:182:7:
    variants.x.select.experience: keeps none of the profile's 3 experience entries: tag
    'hobby' is only on projects``. A section the variant leaves out with ``sections`` is
    meant and not told. Empty when the whole résumé is emptied: that is
    :func:`check_variant`'s problem."""
    checker = _Checker(profile, variant, source, tuple(at))
    checker.run()
    return [] if checker.all_emptied else [str(problem) for problem in checker.emptied]


def check_profile_variants(profile: Profile, source: SourceDocument | None = None, *,
                           json_resume: bool = False) -> list[Problem]:
    """Check every variant declared in the profile (for ``validate``); ``json_resume``: as
    for :func:`check_variant`."""
    problems: list[Problem] = []
    for name, variant in profile.variants.items():
        problems.extend(check_variant(profile, variant, source=source, at=("variants", name),
                                      json_resume=json_resume))
    return problems


def variant_problems_at(profile: Profile) -> list[tuple[PathKey, Problem]]:
    """Every problem of every variant declared in ``profile``, each with the path of what
    it is about in the profile's data (``("variants", "web", "drop", 0)``, or
    ``("variants", "web", "overrides", "experience[acme].highlights")`` for an override),
    unlocated: for ``import``, which leaves such references out."""
    found: list[tuple[PathKey, Problem]] = []
    for name, variant in profile.variants.items():
        checker = _Checker(profile, variant, None, ("variants", name))
        checker.run()
        found.extend(checker.found)
    return found


class _Checker:
    def __init__(self, profile: Profile, variant: Variant, source: SourceDocument | None, at: PathKey,
                 json_resume: bool = False) -> None:
        self.profile, self.variant, self.source, self.at = profile, variant, source, at
        self.json_resume = json_resume
        self.problems: list[Problem] = []
        self.found: list[tuple[PathKey, Problem]] = []  # each problem with its path (self.at + path)
        self.shown = profile.section_order()
        self.visible = set(variant.sections) if variant.sections is not None else set(self.shown)
        self.entries = entry_index(profile)
        self.tags = all_tags(profile)
        self.data = profile_data(profile)
        selected = copy.deepcopy(self.data)
        select_entries(selected, variant)
        self.selected = selected
        self.selected_ids = set(ids_in(selected))
        self.emptied: list[Problem] = []  # sections the selection empties (warnings)
        self.emptied_by: dict[str, Problem] = {}  # the same, by section (custom sections by id)
        self.all_emptied = False

    def locate(self, path: PathKey, *, key: bool = False) -> Location | None:
        return self.source.locate(self.at + path, prefer_key=key) if self.source else None

    def add(self, message: str, path: PathKey, hint: str = "", *, key: bool = False) -> None:
        self.problems.append(Problem(message, self.locate(path, key=key), dotted(self.at + path), hint))
        self.found.append((self.at + path, self.problems[-1]))

    def run(self) -> list[Problem]:
        self.sections()
        self.select()
        self.ids()
        self.pins()
        self.overrides()
        if not self.problems:
            self.emptiness()
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
                         self.their_section(name) or did_you_mean(name, self.shown)
                         or "sections here: " + ", ".join(self.shown))
            seen.add(name)

    def select(self) -> None:
        with_entries = [key for key in LIST_SECTIONS if getattr(self.profile, key)]
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
                    hint = self.their_section(name) or did_you_mean(name, choices) \
                        or "sections here: " + ", ".join(choices)
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

    def emptiness(self) -> None:
        """The sections the profile fills and the variant shows that its selection empties;
        a problem when that leaves no section at all (the profile having some)."""
        data, selected = self.data, self.selected
        shown = [name for name in self.shown if name in self.visible or
                 (name == "summary" and self.variant.sections is None)]
        for name in shown:
            if name in LIST_SECTIONS and data.get(name) and not selected.get(name):
                self.empty(name, len(data[name]), f"entry in {name}", _tag_sets(data[name], name))
        custom = {s["id"]: s for s in selected.get("custom") or []}
        for section in data.get("custom") or []:
            if section["id"] not in shown:
                continue
            if section["id"] not in custom:
                if section.get("items") or section.get("entries"):
                    self.empty("custom", len(data["custom"]), "custom section",
                               [list(s.get("tags") or []) for s in data["custom"]])
            elif section.get("entries") and not custom[section["id"]].get("entries") \
                    and not custom[section["id"]].get("items"):
                self.empty(section["id"], len(section["entries"]), f"entry in {section['id']}",
                           [list(e.get("tags") or []) for e in section["entries"]])
        self.whole_resume(shown)

    def whole_resume(self, shown: list[str]) -> None:
        """A problem when the variant leaves the résumé with no section, the profile filling
        some: whatever did it (``sections: []``, a selection or ``drop``, an override that
        empties a section, ``public: true`` leaving out references and private entries, or
        several of these), told at the rule that emptied the first section it shows."""
        if not _filled(self.data):
            return  # an empty profile is the profile's problem, not the variant's
        final = copy.deepcopy(self.selected)
        if self.variant.sections is not None:
            choose_sections(final, self.variant.sections)
        before = set(_filled(final))
        by_override: dict[str, str] = {}  # section -> the override path that emptied it
        for path_text, value in self.variant.overrides.items():
            try:
                target = resolve_path(parse_path(path_text), final)
            except (ValueError, PathError):  # told by overrides(); this runs only without problems
                continue
            target.container[target.field] = copy.deepcopy(value)
            if target.section is not None:
                by_override[target.section] = path_text
        if self.variant.public:
            _public_sections(final)
        if _filled(final):
            return
        self.all_emptied = True
        prefix = len(dotted(self.at)) + 1 if self.at else 0
        causes: list[tuple[PathKey, str, str]] = []  # (where, why, hint)
        for name in shown:
            if name not in before:
                rule = self.emptied_by.get(name) or (None if name in LIST_SECTIONS or name == "summary"
                                                     else self.emptied_by.get("custom"))
                if rule is not None:
                    where = ("select",) if rule.path[prefix:].startswith("select") else ("drop",)
                    causes.append((where, f"{rule.path[prefix:]} {rule.message}",
                                   "loosen 'select' or 'drop', or show other sections in 'sections'"))
            elif name in by_override:
                causes.append((("overrides", by_override[name]),
                               f"overrides.{by_override[name]} empties {'the summary' if name == 'summary' else name}",
                               "remove that override, or show other sections in 'sections'"))
            elif self.variant.public:
                causes.append((("public",), f"'public: true' leaves out {name}",
                               "show other sections in 'sections', or render the full résumé"))
        if not causes:  # nothing shown: 'sections' names none of the sections the profile fills
            causes.append((("sections",), "'sections' names none of the profile's sections" if not shown
                           else "none of the sections it names has anything left",
                           "list the sections to show (here: " + ", ".join(_filled(self.data)) +
                           "), or remove 'sections' to show them all"))
        who = f"variant '{self.at[1]}'" if self.at[:1] == ("variants",) and len(self.at) > 1 else "this variant"
        why = "; ".join(dict.fromkeys(why for _, why, _ in causes))
        where, _, hint = causes[0]
        self.add(f"{who} leaves the résumé with no section, only the name and contact line: {why}", where, hint,
                 key=True)

    def empty(self, name: str, total: int, noun: str, tag_sets: list[list[str]]) -> None:
        """Record that the selection empties section ``name`` (``total`` entries, each with its
        tags in ``tag_sets``), at the rule that did it and saying why."""
        rule_name = name if name in self.variant.select else "*" if "*" in self.variant.select else None
        rule = self.variant.select.get(rule_name) if rule_name else None
        what = f"keeps none of the profile's {count(total, noun, noun.replace('entry', 'entries', 1))}"
        if rule is not None and not any(rule.matches(tags) for tags in tag_sets):
            path, why = ("select", rule_name), self.why(rule, tag_sets, name, f"entry in {name}" if name != "custom"
                                                         else "custom section")
        else:  # the tags keep some; 'drop' names them all
            path, why = ("drop",), "'drop' names every one of them"
        problem = Problem(f"{what}: {why}", self.locate(path, key=path[0] == "select"), dotted(self.at + path),
                          "the section is left out of this variant's résumé")
        self.emptied.append(problem)
        self.emptied_by[name] = problem

    def why(self, rule: Any, tag_sets: list[list[str]], name: str, singular: str) -> str:
        """Why ``rule`` keeps none of the entries with ``tag_sets``, in the rule's words."""
        candidates = tag_sets
        if rule.any:
            candidates = [tags for tags in tag_sets if set(tags) & set(rule.any)]
            if not candidates:
                quoted = ", ".join(f"'{t}'" for t in rule.any)
                elsewhere = sorted({key for key in LIST_SECTIONS for tags in _tag_sets(self.data.get(key) or [], key)
                                    if set(tags) & set(rule.any)}
                                   | {s["id"] for s in self.data.get("custom") or [] for tags in
                                      [s.get("tags") or []] + [e.get("tags") or [] for e in s.get("entries") or []]
                                      if set(tags) & set(rule.any)})
                elsewhere = [s for s in elsewhere if s != name]
                subject = f"tag {quoted} is" if len(rule.any) == 1 else f"tags {quoted} are"
                return f"{subject} only on {', '.join(elsewhere)}" if elsewhere else \
                    f"no {singular} has {'it' if len(rule.any) == 1 else 'any of them'}"
        if rule.all:
            matching = [tags for tags in candidates if set(rule.all) <= set(tags)]
            if not matching:
                tags = ", ".join(f"'{t}'" for t in rule.all)
                return f"no {singular}{' it would keep' if rule.any else ''} has " + \
                    (f"tag {tags}" if len(rule.all) == 1 else f"all of {tags}")
            candidates = matching
        return f"every {singular}{' it would keep' if rule.any or rule.all else ''} has one of the tags in " \
               "'none' (" + ", ".join(f"'{t}'" for t in rule.none) + ")"

    def their_section(self, name: str) -> str:
        """The hint for ``name`` when it is JSON Resume's name of a section of ours (``work``):
        ``JSON Resume's 'work' is 'experience' here: did you mean 'experience'?``, or that the
        profile has none."""
        ours = jr.OUR_NAME.get(name)
        if ours is None or ours == name or name in ("$schema", "basics", "meta"):
            return ""
        if ours in self.shown:
            return f"JSON Resume's '{name}' is '{ours}' here: did you mean '{ours}'?"
        return f"JSON Resume's '{name}' is '{ours}' here, and this profile has none"

    def unknown_id(self, entry_id: str) -> str:
        """The hint for an id no entry has: the closest one, or, in a JSON Resume file, how
        to give an entry an id there (JSON Resume allows extra fields on every item)."""
        if not self.json_resume:
            return did_you_mean(entry_id, list(self.entries))
        return did_you_mean(entry_id, list(self.entries)) or (
            f'write "id": "{entry_id}" on the JSON Resume item you mean: any work, education, projects... '
            "item may carry one")

    def unnamed_in_json_resume(self, path_text: str, unnamed: str) -> str:
        """The hint for an override path whose entry is missing from ``unnamed`` (a section of
        ours, or a company's roles), no entry there having an id, in a JSON Resume file."""
        step = parse_path(path_text)[0]
        theirs = jr.JSON_NAME.get(unnamed)
        if theirs is None or step.entry_id is None:  # a company's roles: export wrote each as a work item
            return 'write "id": "ENTRY-ID" on the JSON Resume item you mean, and name it by that id'
        entries = self.data.get(unnamed) or []
        if step.entry_id.isdecimal() and int(step.entry_id) < len(entries):
            index = int(step.entry_id)
            suggested = _suggested_id(entries[index], unnamed)
            rest = path_text.strip()[len(f"{unnamed}[{step.entry_id}]"):]
            return (f'entries are named by id, not by position: write "id": "{suggested}" in {theirs}[{index}] '
                    f"of the JSON Resume file, then {unnamed}[{suggested}]{rest}")
        return f'give the entry an id in the JSON Resume file: write "id": "{step.entry_id}" in its {theirs} item'

    def pins(self) -> None:
        for i, entry_id in enumerate(self.variant.pin):
            if entry_id not in self.entries:
                self.add(f"no entry has id '{entry_id}'", ("pin", i), self.unknown_id(entry_id))
        for i, tag in enumerate(self.variant.pin_tags):
            if tag not in self.tags:
                self.add(f"no entry in the profile has tag '{tag}'", ("pin_tags", i), did_you_mean(tag, self.tags))

    def ids(self) -> None:
        keep = set(self.variant.keep)
        for kind in ("keep", "drop"):
            for i, entry_id in enumerate(getattr(self.variant, kind)):
                info = self.entries.get(entry_id)
                if info is None:
                    self.add(f"no entry has id '{entry_id}'", (kind, i), self.unknown_id(entry_id))
                elif kind == "drop" and entry_id in keep:
                    self.add(f"'{entry_id}' is both kept and dropped", (kind, i), "remove it from one list")
                elif info.section not in self.visible:
                    self.add(f"'{entry_id}' is in section '{info.section}', which this variant does not show",
                             (kind, i), f"add '{info.section}' to 'sections'")
                elif kind == "keep" and entry_id not in self.selected_ids:
                    roles = self._role_ids(entry_id)
                    if roles and set(roles) <= set(self.variant.drop):
                        self.add(f"'{entry_id}' is kept, but every role under it is dropped "
                                 f"({', '.join(repr(r) for r in roles)}), so nothing of it is shown",
                                 (kind, i), "drop the company instead, or keep at least one of its roles")
                    else:
                        self.add(f"'{entry_id}' is kept, but its section '{info.section}' is left out by this "
                                 "variant", (kind, i), "keep the section too, or remove this entry from 'keep'")

    def _role_ids(self, company_id: str) -> list[str]:
        """The ids of the roles under the experience entry ``company_id`` (none: not a company)."""
        for entry in self.profile.experience:
            if entry.id == company_id:
                return [role.id for role in (getattr(entry, "roles", None) or []) if getattr(role, "id", None)]
        return []

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
                hint = exc.hint
                if exc.unnamed is not None and self.json_resume:
                    hint = self.unnamed_in_json_resume(path_text, exc.unnamed)
                self.add(exc.message, where, hint, key=True)
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
            problems = self.value_problems(exc, target, where)
            self.problems.extend(problems)
            self.found.extend((self.at + where, problem) for problem in problems)

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


def _filled(data: dict[str, Any]) -> list[str]:
    """The sections of profile ``data`` that print something: the summary when it has a word,
    a list section with an entry, a custom section (by id) with an item or an entry."""
    out = ["summary"] if isinstance(data.get("summary"), str) and data["summary"].strip() else []
    out += [key for key in LIST_SECTIONS if data.get(key)]
    return out + [s["id"] for s in data.get("custom") or [] if s.get("items") or s.get("entries")]


def _public_sections(data: dict[str, Any]) -> None:
    """What a public copy leaves of ``data``'s sections (the rest of
    :func:`resume_builder.tailoring.public.public` changes words, not sections): no
    references, and no entry, role or custom section tagged private."""
    def shown(item: Any) -> bool:
        return not (isinstance(item, dict) and PRIVATE_TAG in (item.get("tags") or []))

    data["references"] = []
    for key in LIST_SECTIONS:
        entries = [entry for entry in data.get(key) or [] if shown(entry)]
        if key == "experience":  # a company all of whose roles are private is not shown
            entries = [e for e in entries if not e.get("roles") or any(shown(r) for r in e["roles"])]
        data[key] = entries
    data["custom"] = [dict(s, entries=[e for e in s.get("entries") or [] if shown(e)])
                      for s in data.get("custom") or [] if shown(s)]


def _tag_sets(entries: list[dict[str, Any]], section: str) -> list[list[str]]:
    """The tags each entry is selected by: a company's roles one by one, each with its
    company's tags (:func:`resume_builder.schema.variant_rules.kept_roles`)."""
    out = []
    for entry in entries:
        tags = list(entry.get("tags") or [])
        roles = entry.get("roles") if section == "experience" else None
        out += [tags + list(role.get("tags") or []) for role in roles] if roles else [tags]
    return out


def _suggested_id(entry: Any, section: str) -> str:
    """An id to suggest for ``entry`` of ``section``: its title (a job's company...) in
    lower case, runs of other characters as '-'; ``ENTRY-ID`` when that leaves nothing."""
    title = jr.SECTIONS[section][1].title if section in jr.SECTIONS else ()
    text = next((entry[name] for name in title if isinstance(entry, dict) and isinstance(entry.get(name), str)
                 and entry[name].strip()), "")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "ENTRY-ID"
