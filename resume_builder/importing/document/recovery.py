"""How much of a known profile an import recovered (the round-trip and foreign-layout figures).

The expected values are read from the profile file itself (plain YAML), never from the
document model the résumé was rendered from:

- entries: every experience role (a company's roles count one each) as (company, position,
  start, end), and every education entry as (institution, degree, start, end); an entry is
  recovered when an imported entry has all four equal (text compared case-folded, spaces
  collapsed, Markdown emphasis and escapes removed; dates as ``YYYY-MM``);
- highlights: every bullet text of the profile (experience, education and project
  highlights and their details, custom sections' items and entries' highlights); one is
  recovered when the same text is a bullet anywhere in the import;
- name, e-mail and phone: equal (the phone compared by its digits).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Recovery:
    entries: int = 0
    entries_total: int = 0
    highlights: int = 0
    highlights_total: int = 0
    basics: dict[str, bool] = field(default_factory=dict)  # name, email, phone → recovered
    missing: list[str] = field(default_factory=list)

    @property
    def entry_share(self) -> float:
        return self.entries / self.entries_total if self.entries_total else 1.0

    @property
    def highlight_share(self) -> float:
        return self.highlights / self.highlights_total if self.highlights_total else 1.0

    def line(self) -> str:
        basics = ", ".join(f"{key} {'yes' if ok else 'NO'}" for key, ok in self.basics.items())
        return (f"entries {self.entries}/{self.entries_total} ({self.entry_share:.0%}), highlights "
                f"{self.highlights}/{self.highlights_total} ({self.highlight_share:.0%}), {basics}")


def _text(value: Any, lang: str = "en") -> str:
    if isinstance(value, dict):
        value = value.get(lang, next(iter(value.values()), ""))
    return "" if value is None else str(value)


def norm(text: Any) -> str:
    text = _text(text)
    text = re.sub(r"\\([\\`*_\[\]<>#!-])", r"\1", text)
    text = text.replace("**", "").replace("__", "")
    return " ".join(text.replace("\u00ad", "").split()).casefold()


def _date(value: Any) -> str:
    return "" if value is None else str(value)[:7]


def entries_of(data: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    out = []
    for job in data.get("experience") or []:
        roles = job.get("roles") or [job]
        for role in roles:
            out.append((norm(job.get("company")), norm(role.get("position")), _date(role.get("start")),
                        _date(role.get("end"))))
    for school in data.get("education") or []:
        out.append((norm(school.get("institution")), norm(school.get("degree")), _date(school.get("start")),
                    _date(school.get("end"))))
    return out


def highlights_of(data: dict[str, Any]) -> list[str]:
    out: list[str] = []

    def bullets(items: Any) -> None:
        for item in items or []:
            if isinstance(item, dict) and "text" in item:
                out.append(norm(item["text"]))
                out.extend(norm(detail) for detail in item.get("details") or [])
            else:
                out.append(norm(item))

    for key in ("experience", "education", "projects", "volunteering"):
        for entry in data.get(key) or []:
            bullets(entry.get("highlights"))
            for role in entry.get("roles") or []:
                if isinstance(role, dict):
                    bullets(role.get("highlights"))
    for section in data.get("custom") or []:
        bullets(section.get("items"))
        for entry in section.get("entries") or []:
            bullets(entry.get("highlights"))
    return out


def read_profile(path: Path) -> dict[str, Any]:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def measure(expected: dict[str, Any], imported: dict[str, Any]) -> Recovery:
    """Compare an imported profile's data with the profile the document was made from."""
    result = Recovery()
    want = entries_of(expected)
    have = Counter(entries_of(imported))
    result.entries_total = len(want)
    for entry in want:
        if have[entry] > 0:
            have[entry] -= 1
            result.entries += 1
        else:
            result.missing.append(f"entry {entry}")
    want_h = highlights_of(expected)
    have_h = Counter(highlights_of(imported))
    result.highlights_total = len(want_h)
    for text in want_h:
        if have_h[text] > 0:
            have_h[text] -= 1
            result.highlights += 1
        else:
            result.missing.append(f"highlight {text[:60]!r}")
    basics_in, basics_out = expected.get("basics") or {}, imported.get("basics") or {}
    result.basics["name"] = norm(basics_in.get("name")) == norm(basics_out.get("name"))
    result.basics["email"] = norm(basics_in.get("email")) == norm(basics_out.get("email"))
    digits = lambda value: re.sub(r"\D", "", _text(value))  # noqa: E731
    result.basics["phone"] = bool(digits(basics_in.get("phone"))) and \
        digits(basics_in.get("phone")) == digits(basics_out.get("phone"))
    return result
