"""A LinkedIn "Download your data" archive as a commented YAML profile (``resume-builder import x.zip``).

Steps, top to bottom in :func:`import_linkedin_export`:

1. open the archive safely (:mod:`~resume_builder.importing.linkedin_archive`: limits, no
   path traversal, no extraction; a hostile archive is a UserError before anything is read);
2. sort its members: the CSV files of :data:`~resume_builder.importing.linkedin_map.FILES`
   are read, every other member is reported as skipped with the reason;
3. read each as a table (:mod:`~resume_builder.importing.linkedin_csv`) and map its rows to
   profile entries (:mod:`~resume_builder.importing.linkedin_map`), each value checked as the
   profile checks it (:mod:`~resume_builder.importing.linkedin_fields`);
4. validate the whole profile; what it still refuses (an education entry with neither school
   nor degree...) is left out with a warning;
5. write it as YAML in the style of ``profiles/example.yaml`` (the same writer as the JSON
   Resume import), with comments where LinkedIn's data did not fit, and load that text back
   through the real loader, so the file written is known to validate.

Nothing is invented: a value that cannot be read is left out and kept, as LinkedIn wrote
it, in a comment; every file, column and row not imported is reported in ``skipped``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resume_builder.errors import UserError
from resume_builder.wording import count
from resume_builder.importing.linkedin_fields import Notes, shown
from resume_builder.importing.linkedin_text import one_line

#: Profile keys in the order they are written.
_SECTIONS = ("summary", "experience", "education", "skills", "certifications", "languages", "projects", "awards",
             "publications", "volunteering", "custom", "references")
_BASICS = ("name", "headline", "email", "phone", "location", "website", "profiles")


@dataclass
class LinkedInImport:
    data: dict[str, Any]  # the profile, as plain data in file order
    text: str  # the same as commented YAML
    warnings: list[str] = field(default_factory=list)  # values left out, guesses avoided
    skipped: list[str] = field(default_factory=list)  # files, columns and rows not imported, each with why
    missing: list[str] = field(default_factory=list)  # résumé files LinkedIn writes that the archive lacks


def import_linkedin_export(path: str | Path) -> LinkedInImport:
    """Read LinkedIn's archive at ``path`` as a profile (see the module docstring).

    Raises UserError for an archive that is not LinkedIn's or is hostile (see
    :mod:`~resume_builder.importing.linkedin_archive`).
    """
    from resume_builder.importing.linkedin_archive import Archive
    from resume_builder.importing.linkedin_csv import CsvProblem, column_key, read_table
    from resume_builder.importing.linkedin_map import BY_KEY, FILES, NOT_RESUME, file_key

    notes = Notes()
    out: dict[str, Any] = {}
    with Archive(Path(path)) as archive:
        chosen: dict[str, str] = {}
        for name in archive.names:
            key = file_key(name)
            spec = BY_KEY.get(key)
            if not key.endswith(".csv"):
                notes.skipped.append(f"{name} (not a CSV file)")
            elif spec is not None and spec.name in chosen:
                notes.skipped.append(f"{name} (a second {spec.name}; {chosen[spec.name]} was read)")
            elif spec is not None:
                chosen[spec.name] = name
            elif key in NOT_RESUME:
                notes.skipped.append(f"{name} (not résumé content)")
            else:
                notes.skipped.append(f"{name} (not a LinkedIn file resume-builder imports)")
        if not chosen:
            raise UserError(f"{archive.label} holds none of the files of LinkedIn's data export "
                            f"({', '.join(f.name for f in FILES[:4])}, ...)",
                            hint="give the .zip file from LinkedIn's Settings → Data privacy → "
                                 "Get a copy of your data")
        for spec in FILES:
            if spec.name not in chosen:
                continue
            member = chosen[spec.name]
            try:
                table = read_table(archive.read(member), member, spec.key_column, spec.mapped + tuple(spec.unmapped))
            except CsvProblem as exc:
                notes.skipped.append(f"{member} ({exc})")
                continue
            if table.encoding_note:
                notes.warnings.append(f"{member}: {table.encoding_note}")
            reasons = {column_key(c): why for c, why in spec.unmapped.items()}
            for column in table.columns:
                ckey = column_key(column)
                why = reasons.get(ckey, None if ckey not in {column_key(c) for c in table.unknown_columns}
                                  else "a column resume-builder does not know")
                if why and any(row.values.get(ckey) for row in table.rows):
                    notes.skipped.append(f"{member} column '{shown(column)}' ({why})")
            for line, column, what in table.dropped:
                notes.warnings.append(f"{member}:{line}: {column}: left out {what}: control characters and bidi "
                                      "controls are never part of a profile's text")
            if table.unnamed_values:
                notes.skipped.append(f"{member}: {count(table.unnamed_values, 'value')} in columns without a name")
            spec.convert(table, out, notes)
    data = _assemble(out, notes)
    _validate(data, notes)
    missing = [f.name for f in FILES if f.name not in chosen]
    text = _yaml(data, notes, Path(path).name, missing)
    _check_sizes(data, text, Path(path).name)
    _load_back(text)
    return LinkedInImport(data, text, notes.warnings, notes.skipped, missing)


def _assemble(out: dict[str, Any], notes: Notes) -> dict[str, Any]:
    basics = out.get("basics", {})
    if not basics.get("name"):
        basics["name"] = ""
        notes.warnings.append("no name in Profile.csv: basics.name is left empty; write your name there")
        notes.comment(basics, "name", "no First Name or Last Name in Profile.csv: write your name here")
    ordered = {k: basics[k] for k in _BASICS if k in basics}
    notes.move(basics, ordered)
    data: dict[str, Any] = {"basics": ordered}
    for key in _SECTIONS:
        if out.get(key):
            data[key] = out[key]
    return data


def _validate(data: dict[str, Any], notes: Notes) -> None:
    """Leave out what the profile still refuses, with a warning each (a backstop: the fields
    were checked one by one; what remains are rules across fields)."""
    from pydantic import ValidationError

    from resume_builder.loading.errors_map import dotted
    from resume_builder.schema.profile import Profile

    for _attempt in range(20):
        try:
            Profile.model_validate(data)
            return
        except ValidationError as exc:
            # deepest and last first, so that leaving one value out moves no other
            errors = sorted(exc.errors(include_url=False), reverse=True,
                            key=lambda e: [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in e["loc"]])
        for error in errors:
            loc = tuple(error["loc"])
            parent, key = _deepest(data, loc)
            if parent is None:
                raise AssertionError(f"the LinkedIn import built a profile it cannot repair: {error}")
            del parent[key]
            notes.warnings.append(f"{dotted(loc)}: {error['msg']}; left out")
    raise AssertionError("the LinkedIn import kept building an invalid profile")


def _deepest(data: Any, loc: tuple[Any, ...]) -> tuple[Any, Any]:
    """The container and key of the deepest existing value along ``loc`` (never the root)."""
    parent, key, node = None, None, data
    for part in loc:
        if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int) \
                and 0 <= part < len(node):
            parent, key, node = node, part, node[part]
        else:
            break
    if parent is data and key == "basics":
        return None, None
    return parent, key


def _yaml(data: dict[str, Any], notes: Notes, name: str, missing: list[str]) -> str:
    from resume_builder.interop.yaml_writer import profile_yaml

    comments = notes.by_path(data)
    header = [f"Imported from {one_line(name)} (LinkedIn data export) by 'resume-builder import'.",
              "Positions → experience (positions in a row at one company → its roles), Education → education,",
              "Skills → skills, Certifications → certifications, Languages → languages, Projects → projects,",
              "Honors → awards, Publications → publications, Volunteering → volunteering, Courses → custom,",
              "Recommendations_Received → references. Check every entry, then run 'resume-builder validate'."]
    if notes.skipped:
        header += ["", "Not imported:"] + [f"  - {one_line(line)}" for line in notes.skipped]
    if missing:
        header += ["", f"Not in the archive: {', '.join(missing)}."]
    return profile_yaml(data, header=header, notes=comments)


def _check_sizes(data: dict[str, Any], text: str, label: str) -> None:
    """Refuse an archive whose profile would break a limit every profile keeps
    (resume_builder/limits.py): no real LinkedIn export comes near them."""
    from resume_builder import limits
    from resume_builder.loading.errors_map import dotted

    hint = "a profile this large cannot be rendered; import a smaller archive, or fewer rows"
    total = items = 0
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, dict):
            stack.extend((path + (k,), v) for k, v in value.items())
        elif isinstance(value, list):
            items += len(value)
            if len(value) > limits.MAX_LIST_ITEMS:
                raise UserError(f"{label}: {dotted(path)} would hold {len(value):,} items; a list may hold at most "
                                f"{limits.MAX_LIST_ITEMS:,}", hint=hint)
            stack.extend((path + (i,), v) for i, v in enumerate(value))
    if total > limits.MAX_TEXT_CHARS or items > limits.MAX_TOTAL_ITEMS:
        raise UserError(f"{label}: the profile would hold {total:,} characters in {items:,} list items; a profile "
                        f"may hold at most {limits.MAX_TEXT_CHARS:,} and {limits.MAX_TOTAL_ITEMS:,}", hint=hint)
    size = len(text.encode("utf-8"))
    if size > limits.MAX_FILE_BYTES:
        raise UserError(f"{label}: the profile would be {size // 1024:,} KiB; a profile is limited to "
                        f"{limits.MAX_FILE_BYTES // 2**20} MiB", hint=hint)


def _load_back(text: str) -> None:
    """Load the YAML written through the real loader: it must validate as written."""
    from resume_builder.loading.profile_loader import validate_profile
    from resume_builder.loading.source import parse

    try:
        validate_profile(parse(text, "imported.yaml"))
    except UserError as exc:  # a bug of the import, not the user's mistake: keep the traceback
        raise AssertionError(f"the LinkedIn import wrote a profile that does not load:\n{exc}") from exc
