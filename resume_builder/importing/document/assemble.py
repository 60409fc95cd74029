"""Profile data from the sections found: one mapping per kind of section.

Each value placed is counted as sure or guessed by a :class:`Builder`, which also keeps the
``# check:`` notes (by the value's path in the profile) and the values nothing could take
(for "Unsorted"). Plain text from the document becomes Markdown that shows the same
(:func:`md`), since the profile's texts are Markdown.
"""

from __future__ import annotations

import re
from typing import Any

from resume_builder.importing.document.brackets import split_outside, trim
from resume_builder.importing.document.entries import Entry, Value, dated_entries, label_partition, titled_entries
from resume_builder.importing.document.sections import Section

PathKey = tuple


_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<])")


def md(text: str) -> str:
    """Plain text as Markdown that shows the same (the profile's texts are Markdown)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


class Builder:
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


def slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "section"
    if not base[0].isalnum():
        base = "s-" + base
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug



def _highlights(entry: Entry, target: dict, path: PathKey, s: Builder) -> None:
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


def _dates(entry: Entry, target: dict, path: PathKey, s: Builder) -> None:
    for key in ("start", "end"):
        if key in entry.fields and entry.fields[key].text:
            target[key] = entry.fields[key].text
            s.count(entry.fields[key], path + (key,))


def section_data(section: Section, data: dict, custom: list, s: Builder, body_size: float,
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
            names = ("institution", "degree", "area", "location", "url") if key == "education" else \
                ("organization" if key == "volunteering" else "company", "position", "location", "url")
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
            for text in _skill_groups(line.text):
                label, colon, rest = label_partition(text)
                if colon and rest.strip() and len(label) <= 60:
                    name, words = label.strip(), rest
                    sure = True
                else:
                    name, words, sure = section.title, text, False
                keywords = [w.strip() for w in split_outside(r"[,،、]\s*|\s[·|•/]\s|;\s*", words) if w.strip()]
                groups.append({"name": name, "keywords": keywords})
                s.count(Value(name, line.number, sure), ("skills", len(groups) - 1, "name"))
        if not groups:
            data.pop("skills")
        return len(groups)
    if key == "languages":
        out = data.setdefault("languages", [])
        for line in lines:
            for text in _language_items(line.text):
                parts = [trim(p) for p in re.split(r"\s*[:–—|·(-]\s*|\s*,\s*", text, maxsplit=1) if trim(p)]
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
            if "url" in entry.fields:
                s.put(item, "url", entry.fields["url"], path)
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
                label, colon, rest = label_partition(title.text)
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
    item: dict[str, Any] = {"id": slug(section.title, taken), "title": section.title}
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
            if "url" in entry.fields:
                s.put(entry_item, "url", entry.fields["url"], path + ("entries", len(out)))
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


def _skill_groups(text: str) -> list[str]:
    """The skill groups of one line: ``A: x, y; B: z`` (several labelled groups run in, as
    the compact theme sets them) is two; any other line is one."""
    parts = [part.strip() for part in re.split(r";\s*", text) if part.strip()]
    return parts if len(parts) >= 2 and all(_labelled_group(part) for part in parts) else [text]


def _language_items(text: str) -> list[str]:
    """The languages of one line: ``Spanish: Native; English: C1`` (run in, as the compact
    theme sets them, like its skill groups; a language without a level is its bare name,
    ``Spanish; English: C1``) is two; any other line is one."""
    parts = [part.strip() for part in split_outside(r";\s*", text) if part.strip()]
    if len(parts) >= 2 and all(_labelled_group(part) or len(part.split()) <= 3 for part in parts):
        return parts
    return [text]


def _labelled_group(text: str) -> bool:
    """``Label: words``, the label at most 60 characters."""
    label, colon, rest = label_partition(text)
    return bool(colon and rest.strip() and len(label) <= 60)
