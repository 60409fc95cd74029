"""A short text outline of a profile: what `validate --outline` prints."""

from __future__ import annotations

from resume_builder.schema.profile import Profile
from resume_builder.wording import count


def outline_lines(profile: Profile) -> list[str]:
    lines = [f"  {profile.basics.name}" + (f" — {profile.basics.headline}" if profile.basics.headline else "")]
    custom = {section.id: section for section in profile.custom}
    for key in profile.section_order():
        if key in custom:
            section = custom[key]
            lines.append(f"  {section.title}: {count(len(section.items) + len(section.entries), 'item')}")
        elif key == "summary":
            lines.append("  Summary")
        else:
            entries = getattr(profile, key)
            line = f"  {key.capitalize()}: {count(len(entries), 'entry')}"
            companies = [e for e in entries if getattr(e, "roles", None) and key == "experience"]
            if companies:  # several roles at one employer
                line += (f" ({count(len(companies), 'company', 'companies')} with "
                         f"{count(sum(len(c.roles) for c in companies), 'role')})")
            lines.append(line)
    return lines
