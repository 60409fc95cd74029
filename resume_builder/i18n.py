"""Words the résumé prints itself: section headings, month names, "present".

English is built in; locales (issue: locales) plug in here so the document builder never
hard-codes a language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_EN_HEADINGS = {
    "summary": "Summary", "experience": "Experience", "projects": "Projects", "skills": "Skills",
    "education": "Education", "awards": "Awards", "certifications": "Certifications",
    "publications": "Publications", "languages": "Languages", "volunteering": "Volunteering",
    "interests": "Interests", "references": "References",
}
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Labels:
    """The localised words a document needs."""

    language: str = "en"
    headings: dict[str, str] = field(default_factory=lambda: dict(_EN_HEADINGS))
    months: tuple[str, ...] = _EN_MONTHS
    present: str = "present"
    range_separator: str = " – "
    technologies: str = "Technologies"
    courses: str = "Courses"
    score: str = "Score"
    direction: str = "ltr"


ENGLISH = Labels()


def labels_for(language: str | None = None) -> Labels:
    return ENGLISH
