"""How sure the importer is, per section, and whether the layout defeated it.

Per section: entries found, values placed for sure (a recognised heading, a parsed date, a
line only one field can take) and values guessed (``# check:`` in the YAML), and lines left
in "Unsorted". The layout *defeated* the importer when the result cannot be trusted:

- no name, or no section heading recognised at all;
- more than a quarter of the document's lines left unsorted;
- an experience (or education) section with entries but dates for fewer than half of them,
  or no entry at all;
- more than half of the placed values guessed.

A defeated import still keeps every line (nothing is lost), but says so in the YAML header,
marks every value ``# check:`` and makes the command print a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SectionReport:
    key: str
    title: str
    entries: int = 0
    sure: int = 0
    guessed: int = 0
    unsorted: int = 0
    recognised: bool = True
    dated: int | None = None

    @property
    def confidence(self) -> float:
        placed = self.sure + self.guessed
        return self.sure / (placed + self.unsorted) if placed + self.unsorted else 0.0

    def level(self) -> str:
        value = self.confidence
        return "high" if value >= 0.85 else "medium" if value >= 0.6 else "low"


@dataclass
class Report:
    sections: list[SectionReport]
    content_lines: int
    unsorted: int
    defeated: bool = False
    reasons: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = ["Confidence per section (values sure / guessed, lines unsorted):"]
        for section in self.sections:
            out.append(f"  {section.title}: {section.level()} ({section.entries} "
                       f"{'entry' if section.entries == 1 else 'entries'}, {section.sure} sure, "
                       f"{section.guessed} guessed, {section.unsorted} unsorted)")
        out.append(f"  Unsorted: {self.unsorted} of {self.content_lines} lines")
        return out


def judge(sections: list[SectionReport], *, content_lines: int, unsorted: int, has_name: bool) -> Report:
    report = Report(sections, content_lines, unsorted)
    reasons = report.reasons
    if not has_name:
        reasons.append("no name found")
    if not any(section.recognised for section in sections[1:]):
        reasons.append("no section heading recognised")
    if content_lines and unsorted > 0.25 * content_lines:
        reasons.append(f"{unsorted} of {content_lines} lines could not be placed")
    for section in sections:
        if section.key in ("experience", "education") and section.entries == 0:
            reasons.append(f"no entries found under '{section.title}'")
    sure = sum(section.sure for section in sections)
    guessed = sum(section.guessed for section in sections)
    if sure + guessed and guessed > sure:
        reasons.append(f"{guessed} of {sure + guessed} values guessed")
    report.defeated = bool(reasons)
    return report
