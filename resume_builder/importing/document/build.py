"""From a PDF or DOCX résumé to profile data, commented YAML and a confidence report.

:func:`import_document` is the whole import: refuse hostile files
(:mod:`.safety`), read the lines (:mod:`.extract`), find the top and the sections
(:mod:`.sections`), read the entries (:mod:`.entries`) and assemble the profile
(:mod:`.assemble`; the name and contact details here), fit it to the real schema (a value
the schema refuses moves to "Unsorted" rather than being changed: :mod:`.fitting`), judge
the result (:mod:`.report`) and write the YAML. Every guessed value gets a
``# check: guessed from line N`` comment; line numbers are those ``import --lines`` prints.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resume_builder.errors import UserError
from resume_builder.importing.document.assemble import Builder, md, section_data
from resume_builder.importing.document.entries import Value
from resume_builder.importing.document.lines import Line
from resume_builder.importing.document.fitting import schema_fit
from resume_builder.importing.document.report import Report, SectionReport, judge
from resume_builder.importing.document.sections import heading_group, read_top, split_sections

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
            from resume_builder.wording import seconds

            raise UserError(f"{path}: reading it took longer than {seconds(MAX_IMPORT_SECONDS)} and was stopped",
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


def import_document(path: str | Path) -> DocumentImport:
    """Read ``path`` (PDF or DOCX) as a profile; UserError for files it refuses (see :mod:`.safety`).

    ``path`` is the one the user gave: the YAML's header names the ``--lines`` command that
    prints the lines its comments number, with ``path`` quoted for a POSIX shell."""
    path = Path(path)
    kind, lines = read_lines(path)
    top_lines, sections = split_sections(lines)
    top = read_top(top_lines, lines)
    builder = Builder(path.name)
    data: dict[str, Any] = {}
    basics: dict[str, Any] = {}
    data["basics"] = basics
    reports: list[SectionReport] = []

    # ---- the top: name, headline, contact details
    b = Builder(path.name)
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
            username = _username(host, url)
            profiles.append({"network": network, **({"username": username} if username else {}), "url": url})
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
        s = Builder(path.name)
        s.notes = builder.notes
        entries_found = section_data(section, data, custom, s, body_size, taken_ids)
        reports.append(SectionReport(section.key, section.title, entries=entries_found, sure=s.sure,
                                     guessed=s.guessed, unsorted=len(s.unsorted), recognised=section.recognised))
        builder.unsorted.extend(s.unsorted)
    if custom:
        data["custom"] = custom

    profile_data = schema_fit(data, builder)
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
              f"Line numbers are those printed by: resume-builder import --lines {shlex.quote(str(path))}"]
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


def numbered_lines(lines: list[Line]) -> str:
    """The lines as ``import --lines`` prints them: number, marks (heading, bullet), text."""
    out = []
    for line in lines:
        mark = "•" if line.bullet else "#" if heading_group(line.text) else " "
        zone = " [header]" if line.zone == "header" else ""
        out.append(f"{line.number:4d} {mark} {' | '.join(line.segments) if len(line.segments) > 1 else line.text}{zone}")
    return "\n".join(out) + "\n"


#: Where a network's address holds the user name: the path segment after these (none: the first).
_USER_AFTER = {"linkedin.com": "in", "xing.com": "profile"}


def _username(host: str, url: str) -> str | None:
    """The user name a social profile's address holds (``github.com/lfibanez`` -> ``lfibanez``,
    ``linkedin.com/in/alex-example`` -> ``alex-example``), as the profile wrote it beside the
    link; None where the address holds none (Stack Overflow's numeric pages)."""
    if host == "stackoverflow.com":
        return None
    parts = [part for part in re.sub(r"^https?://[^/]+", "", url).split("?")[0].split("#")[0].split("/") if part]
    after = _USER_AFTER.get(host)
    if after is not None:
        parts = parts[parts.index(after) + 1:] if after in parts else []
    name = parts[0] if parts else ""
    return name if re.fullmatch(r"[\w.-]{1,100}", name) else None

