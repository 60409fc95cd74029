"""A page model for the page budget's rules without WeasyPrint: a line per entry (and role)
heading, and per 40 characters of its paragraphs and highlights; a line per language,
interest and the like (used by test_fitting_posting, test_fitting_report and
test_fitting_restore; test_fitting.py keeps its own model)."""

from __future__ import annotations

from resume_builder.schema.profile import Profile


def _text_lines(text: str | None) -> int:
    return -(-len(text) // 40) if text else 0


#: Sections whose entries the model shows as one line each (a language, an interest, ...).
ONE_LINERS = ("certifications", "publications", "references", "interests", "languages")


def lines(profile: Profile) -> int:
    """A line per entry (and role) heading, and per 40 characters of its paragraphs and highlights;
    a line per entry of :data:`ONE_LINERS`."""
    total = sum(len(getattr(profile, section)) for section in ONE_LINERS)
    entries = [e for section in ("experience", "projects", "volunteering", "education", "awards")
               for e in getattr(profile, section)]
    entries += [e for custom in profile.custom for e in custom.entries]
    for entry in entries:
        for part in [entry, *(getattr(entry, "roles", None) or [])]:
            total += 1 + _text_lines(getattr(part, "summary", None)) + _text_lines(getattr(part, "outcome", None))
            total += sum(_text_lines(h.text) for h in getattr(part, "highlights", []))
    return total
