"""From a PDF or DOCX résumé to profile data, commented YAML and a confidence report.

:func:`import_document` is the whole import: refuse hostile files
(:mod:`.safety`), read the lines (:mod:`.extract`), find the top and the sections
(:mod:`.sections`), read the entries (:mod:`.entries`), assemble the profile here, validate
it with the real schema (a value the schema refuses moves to "Unsorted" rather than being
changed), and judge the result (:mod:`.report`). Every guessed value gets a
``# check: guessed from line N`` comment; line numbers are those ``import --lines`` prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resume_builder.errors import UserError
from resume_builder.importing.document.entries import Entry, Value, dated_entries, titled_entries
from resume_builder.importing.document.extract import Line
from resume_builder.importing.document.report import Report, SectionReport, judge
from resume_builder.importing.document.sections import Section, heading_group, read_top, split_sections

PathKey = tuple


@dataclass
class DocumentImport:
    data: dict[str, Any]  # the profile as plain data
    text: str  # the same as commented YAML
    report: Report
    lines: list[Line]
    notes: dict[PathKey, list[str]] = field(default_factory=dict)


def read_lines(path: Path) -> tuple[str, list[Line]]:
    """The kind (``pdf``/``docx``) and lines of a document, after the safety checks."""
    from resume_builder.importing.document.extract import docx_lines, pdf_lines
    from resume_builder.importing.document.safety import PDF, check_document
    from resume_builder.limits import MAX_IMPORT_SECONDS, time_limit

    kind = check_document(path)
    from resume_builder.checking.quiet import quiet_pdf_library

    try:
        with time_limit(MAX_IMPORT_SECONDS, f"reading {path.name}"), quiet_pdf_library():
            lines = pdf_lines(path) if kind == PDF else docx_lines(path)
    except UserError as error:
        if "took longer than" in str(error):  # the time limit's own hint names render's --timeout
            raise UserError(f"{path}: reading it took longer than {MAX_IMPORT_SECONDS:g} seconds and was stopped",
                            hint="a document built to be slow? save it again (print to PDF) and import that"
                            ) from None
        raise
    except MemoryError:
        raise UserError(f"{path}: too large to read") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer and python-docx raise many kinds for damaged files
        raise UserError(f"{path}: not a readable {kind.upper()} ({type(exc).__name__}: {exc})") from None
    if not lines:
        raise UserError(f"{path}: no text in the document (a scanned image?); nothing to import",
                        hint="the importer reads text, it does no OCR")
    return kind, lines


_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<])")


def md(text: str) -> str:
    """Plain text as Markdown that shows the same (the profile's texts are Markdown)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


class _Builder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.notes: dict[PathKey, list[str]] = {}
        self.unsorted: list[Value] = []
        self.sure = 0
        self.guessed = 0

    def put(self, target: dict, key: str, value: Value, path: PathKey, *, markdown: bool = False) -> None:
        target[key] = md(value.text) if markdown else value.text
        self.count(value, path + (key,))

    def count(self, value: Value, path: PathKey) -> None:
        if value.sure:
            self.sure += 1
        else:
            self.guessed += 1
            self.notes.setdefault(path, []).append(f"check: guessed from line {value.line}")


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "section"
    if not base[0].isalnum():
        base = "s-" + base
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def import_document(path: str | Path) -> DocumentImport:
    """Read ``path`` (PDF or DOCX) as a profile; UserError for files it refuses (see :mod:`.safety`)."""
    path = Path(path)
    kind, lines = read_lines(path)
    top_lines, sections = split_sections(lines)
    top = read_top(top_lines, lines)
    builder = _Builder(path.name)
    data: dict[str, Any] = {}
    basics: dict[str, Any] = {}
    data["basics"] = basics
    reports: list[SectionReport] = []

    # ---- the top: name, headline, contact details
    b = _Builder(path.name)
    b.notes = builder.notes
    if top.name is not None:
        sure = top.name.style.casefold() == "title" or top.name.number == min(l.number for l in top_lines or [top.name])
        b.put(basics, "name", Value(top.name.text, top.name.number, sure, "first line"), ("basics",))
    if top.headline is not None:
        b.put(basics, "headline", Value(top.headline.text, top.headline.number, False), ("basics",))
    if top.email:
        b.put(basics, "email", Value(top.email[0], top.email[1].number), ("basics",))
    if top.phone:
        b.put(basics, "phone", Value(top.phone[0], top.phone[1].number), ("basics",))
    if top.location:
        b.put(basics, "location", Value(top.location[0], top.location[1].number, False), ("basics",))
    profiles = []
    for link, line in top.links:
        url = link if link.startswith("http") else f"https://{link}"
        host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0].casefold()
        network = {"github.com": "GitHub", "linkedin.com": "LinkedIn", "gitlab.com": "GitLab",
                   "xing.com": "XING", "twitter.com": "Twitter", "x.com": "X",
                   "stackoverflow.com": "Stack Overflow"}.get(host)
        if network:
            profiles.append({"network": network, "url": url})
            b.count(Value(url, line.number), ("basics", "profiles", len(profiles) - 1, "url"))
        elif "website" not in basics:
            b.put(basics, "website", Value(url, line.number), ("basics",))
        else:
            b.unsorted.append(Value(link, line.number, False))
    if profiles:
        basics["profiles"] = profiles
    for line in top.leftover:
        b.unsorted.append(Value(line.text, line.number, False))
    reports.append(SectionReport("basics", "Name and contact", entries=1 if top.name else 0,
                                 sure=b.sure, guessed=b.guessed, unsorted=len(b.unsorted)))
    builder.unsorted.extend(b.unsorted)

    sizes = sorted(line.size for line in lines if line.size and not line.bullet)
    body_size = sizes[len(sizes) // 2] if sizes else 0.0
    taken_ids: set[str] = {"unsorted"}
    custom: list[dict[str, Any]] = []
    for section in sections:
        s = _Builder(path.name)
        s.notes = builder.notes
        entries_found = _section(section, data, custom, s, body_size, taken_ids)
        reports.append(SectionReport(section.key, section.title, entries=entries_found, sure=s.sure,
                                     guessed=s.guessed, unsorted=len(s.unsorted), recognised=section.recognised))
        builder.unsorted.extend(s.unsorted)
    if custom:
        data["custom"] = custom

    profile_data = _validated(data, builder)
    if builder.unsorted:
        items = [md(value.text) for value in builder.unsorted]
        profile_data.setdefault("custom", []).append({"id": "unsorted", "title": "Unsorted", "items": items})
        index = len(profile_data["custom"]) - 1
        for n, value in enumerate(builder.unsorted):
            builder.notes.setdefault(("custom", index, "items", n), []).append(
                f"from line {value.line}: place it" if value.line else "the profile schema refused it here: place it")
    content_lines = len(lines)
    report = judge(reports, content_lines=content_lines, unsorted=len(builder.unsorted),
                   has_name=top.name is not None)
    if report.defeated:
        _all_guessed(profile_data, builder.notes)
    from resume_builder.interop.yaml_writer import profile_yaml

    header = [f"Imported from {path.name} ({kind.upper()}) by 'resume-builder import'.",
              "'# check:' marks a value the importer guessed; 'Unsorted' holds text it could not place.",
              "Line numbers are those of 'resume-builder import --lines " + path.name + "'."]
    if report.defeated:
        header += ["", "WARNING: this layout defeated the importer: " + "; ".join(report.reasons) + ".",
                   "Every value below is a guess: compare it with the document before using it."]
    header += ["", *report.lines()]
    text = profile_yaml(profile_data, header=header, notes=builder.notes)
    return DocumentImport(profile_data, text, report, lines, builder.notes)


def _all_guessed(data: dict[str, Any], notes: dict[PathKey, list[str]]) -> None:
    def walk(node: Any, path: PathKey) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, path + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, path + (index,))
        elif path and not notes.get(path):
            notes.setdefault(path, []).append("check: the layout defeated the importer")

    walk(data, ())


# --------------------------------------------------------------------------- sections

def _highlights(entry: Entry, target: dict, path: PathKey, s: _Builder) -> None:
    items: list[Any] = []
    for n, highlight in enumerate(entry.highlights):
        if highlight.details:
            items.append({"text": md(highlight.text.text), "details": [md(d.text) for d in highlight.details]})
        else:
            items.append(md(highlight.text.text))
        s.count(highlight.text, path + ("highlights", n))
        for detail in highlight.details:
            s.count(detail, path + ("highlights", n, "details"))
    if items:
        target["highlights"] = items


def _summary(values: list[Value]) -> str | None:
    return "\n\n".join(md(value.text) for value in values) if values else None


def _dates(entry: Entry, target: dict, path: PathKey, s: _Builder) -> None:
    for key in ("start", "end"):
        if key in entry.fields and entry.fields[key].text:
            target[key] = entry.fields[key].text
            s.count(entry.fields[key], path + (key,))


def _section(section: Section, data: dict, custom: list, s: _Builder, body_size: float,
             taken: set[str]) -> int:
    key = section.key
    lines = section.lines
    if key == "summary":
        values = [Value(line.text, line.number) for line in lines]
        if values:
            data["summary"] = _summary(values) if "summary" not in data else data["summary"] + "\n\n" + _summary(values)
            s.sure += len(values)
        return 1 if values else 0
    if key in ("experience", "volunteering", "education"):
        entries, leftovers, before = dated_entries(lines, key, body_size)
        out = data.setdefault(key, [])
        for entry in entries:
            path = (key, len(out))
            item: dict[str, Any] = {}
            names = ("institution", "degree", "area", "location") if key == "education" else \
                ("organization" if key == "volunteering" else "company", "position", "location")
            for name in names:
                if name in entry.fields:
                    s.put(item, name, entry.fields[name], path)
            if key == "experience" and "company" not in item and "position" in item:
                value = entry.fields["position"]
                item = {"company": value.text, **{k: v for k, v in item.items() if k != "position"}}
                s.notes.setdefault(path + ("company",), []).append(
                    f"check: guessed from line {value.line}: the company or the position?")
            if key == "volunteering" and "organization" not in item:
                s.unsorted.extend(Value(line.text, line.number, False) for line in entry.head_lines)
                continue
            if entry.roles:
                roles = []
                for role in entry.roles:
                    role_item: dict[str, Any] = {}
                    role_path = path + ("roles", len(roles))
                    if "position" in role.fields:
                        s.put(role_item, "position", role.fields["position"], role_path)
                    else:
                        s.unsorted.extend(Value(line.text, line.number, False) for line in role.head_lines)
                        continue
                    if "location" in role.fields:
                        s.put(role_item, "location", role.fields["location"], role_path)
                    _dates(role, role_item, role_path, s)
                    if role.summary:
                        role_item["summary"] = _summary(role.summary)
                        s.sure += len(role.summary)
                    _highlights(role, role_item, role_path, s)
                    roles.append(role_item)
                item["roles"] = roles
            else:
                _dates(entry, item, path, s)
            if entry.summary:
                item["summary"] = _summary(entry.summary)
                s.sure += len(entry.summary)
            _highlights(entry, item, path, s)
            if entry.keywords and key == "experience":
                item["keywords"] = [k.text for k in entry.keywords]
            if key != "education" and not entry.dates and not entry.roles:
                for value in entry.fields.values():
                    s.notes.setdefault(path, []).append(f"check: no dates found near line {value.line}")
                    break
            out.append(item)
        s.unsorted.extend(leftovers)
        s.unsorted.extend(Value(line.text, line.number, False) for line in before)
        if not out:
            data.pop(key)
        return len(entries)
    if key == "skills":
        groups = data.setdefault("skills", [])
        for line in lines:
            label, colon, rest = line.text.partition(":")
            if colon and rest.strip() and len(label) <= 60:
                name, words = label.strip(), rest
                sure = True
            else:
                name, words, sure = section.title, line.text, False
            keywords = [w.strip() for w in re.split(r"[,،、]\s*|\s[·|•/]\s|;\s*", words) if w.strip()]
            groups.append({"name": name, "keywords": keywords})
            s.count(Value(name, line.number, sure), ("skills", len(groups) - 1, "name"))
        if not groups:
            data.pop("skills")
        return len(groups)
    if key == "languages":
        out = data.setdefault("languages", [])
        for line in lines:
            parts = [p.strip(" ()") for p in re.split(r"\s*[:–—|·(-]\s*|\s*,\s*", line.text, maxsplit=1) if p.strip(" ()")]
            if not parts:
                continue
            item = {"language": parts[0]}
            if len(parts) > 1:
                item["fluency"] = parts[1]
            out.append(item)
            s.count(Value(parts[0], line.number, len(parts) > 1), ("languages", len(out) - 1, "language"))
        if not out:
            data.pop("languages")
        return len(out)
    if key == "projects":
        entries, before = titled_entries(lines)
        out = data.setdefault("projects", [])
        for entry in entries:
            path = ("projects", len(out))
            item = {"name": entry.fields["title"].text}
            s.count(entry.fields["title"], path + ("name",))
            head, tail = _split_summary(entry)
            if head:
                item["description"] = md(head[0].text)
                if head[1:]:
                    item["summary"] = _summary(head[1:])
            _highlights(entry, item, path, s)
            if tail:
                item["outcome"] = _summary(tail)
            if entry.keywords:
                item["keywords"] = [k.text for k in entry.keywords]
            if entry.dates:
                item["start"] = entry.dates.start
                if entry.dates.end:
                    item["end"] = entry.dates.end
            s.sure += len(head) + len(tail)
            out.append(item)
        s.unsorted.extend(Value(line.text, line.number, False) for line in before)
        if not out:
            data.pop("projects")
        return len(out)
    simple = {"awards": "title", "certifications": "name", "publications": "name", "references": "name",
              "interests": "name"}
    if key in simple:
        entries, before = titled_entries(lines)
        out = data.setdefault(key, [])
        for entry in entries:
            path = (key, len(out))
            title = entry.fields["title"]
            item: dict[str, Any] = {}
            if key == "interests":
                label, colon, rest = title.text.partition(":")
                item["name"] = label.strip() if colon else title.text
                if colon:
                    item["keywords"] = [w.strip() for w in rest.split(",") if w.strip()]
            else:
                item[simple[key]] = title.text
            s.count(title, path + (simple[key],))
            text = entry.summary + [h.text for h in entry.highlights]
            if text:
                item["reference" if key == "references" else "summary"] = _summary(text) if key != "interests" else None
                if key == "interests":
                    item.pop("summary", None)
                    s.unsorted.extend(text)
                else:
                    s.sure += len(text)
            if entry.dates and key != "references" and key != "interests":
                item["date"] = entry.dates.start
            out.append({k: v for k, v in item.items() if v is not None})
        s.unsorted.extend(Value(line.text, line.number, False) for line in before)
        if not out:
            data.pop(key)
        return len(out)
    # A section of the résumé's own (or a standard one the profile has no place for).
    item: dict[str, Any] = {"id": _slug(section.title, taken), "title": section.title}
    path = ("custom", len(custom))
    if not section.recognised:
        s.notes.setdefault(path + ("title",), []).append(
            f"check: guessed from line {section.heading.number if section.heading else 0}: styled like a heading")
        s.guessed += 1
    if all(line.bullet for line in lines) or len(lines) <= 1 and not any(line.bullet for line in lines) and lines \
            and len(lines[0].text) > 100:
        item["items"] = [md(line.text) for line in lines]
        s.sure += len(lines)
        count = len(lines)
    else:
        entries, before = titled_entries(lines)
        if before:
            item["items"] = [md(line.text) for line in before]
        out = []
        for entry in entries:
            entry_item: dict[str, Any] = {"title": entry.fields["title"].text}
            s.count(entry.fields["title"], path + ("entries", len(out), "title"))
            if entry.summary:
                entry_item["summary"] = _summary(entry.summary)
            _highlights(entry, entry_item, path + ("entries", len(out)), s)
            if entry.dates:
                entry_item["start"] = entry.dates.start
                if entry.dates.end:
                    entry_item["end"] = entry.dates.end
            out.append(entry_item)
        if out:
            item["entries"] = out
        count = len(out) + len(before)
    if item.get("items") or item.get("entries"):
        custom.append(item)
    return count


def _split_summary(entry: Entry) -> tuple[list[Value], list[Value]]:
    """A project's paragraphs before its bullets (description, summary) and after (outcome)."""
    if not entry.highlights:
        return entry.summary, []
    first_bullet = entry.highlights[0].text.line
    return ([v for v in entry.summary if v.line < first_bullet], [v for v in entry.summary if v.line > first_bullet])


# --------------------------------------------------------------------------- validation

def _validated(data: dict[str, Any], builder: _Builder) -> dict[str, Any]:
    """Data the profile schema accepts: a refused value moves to Unsorted (never altered)."""
    from pydantic import ValidationError

    from resume_builder.schema.profile import Profile

    for _ in range(200):
        try:
            Profile.model_validate(data)
            return data
        except ValidationError as exc:
            error = exc.errors()[0]
            loc = tuple(error["loc"])
            if not _remove(data, loc, builder, error["type"] == "missing"):
                raise
    raise UserError("the imported profile could not be made valid")  # pragma: no cover - 200 refusals


def _flatten(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    if isinstance(value, list):
        return [text for item in value for text in _flatten(item)]
    return [str(value)] if value not in (None, "") else []


def _remove(data: dict, loc: tuple, builder: _Builder, missing: bool) -> bool:
    """Take the value at ``loc`` (or, for a missing field, its entry) out into Unsorted."""
    if missing:
        loc = loc[:-1]
    while loc and isinstance(loc[-1], str) and loc[-1] not in _container_keys(data, loc):
        loc = loc[:-1]
    if not loc:
        return False
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    try:
        value = parent[loc[-1]]
    except (KeyError, IndexError, TypeError):
        return False
    for text in _flatten(value):
        builder.unsorted.append(Value(text, 0, False))
    if isinstance(parent, list):
        parent.pop(loc[-1])
    else:
        del parent[loc[-1]]
    return True


def _container_keys(data: dict, loc: tuple) -> set:
    node: Any = data
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return set()
    return set(node) if isinstance(node, dict) else set()


def numbered_lines(lines: list[Line]) -> str:
    """The lines as ``import --lines`` prints them: number, marks (heading, bullet), text."""
    out = []
    for line in lines:
        mark = "•" if line.bullet else "#" if heading_group(line.text) else " "
        zone = " [header]" if line.zone == "header" else ""
        out.append(f"{line.number:4d} {mark} {' | '.join(line.segments) if len(line.segments) > 1 else line.text}{zone}")
    return "\n".join(out) + "\n"
