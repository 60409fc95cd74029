"""Override paths in variants: each mistake gets its own located message and fix."""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.pipeline import select_variant

PROFILE = """\
basics:
  name: Sam Sample
summary: Builds things.
experience:
  - {id: web-job, company: Acme, position: Engineer, start: 2020-01, highlights: [a, b]}
  - {company: Old Co, position: Junior, start: 2015, end: 2019}
custom:
  - {id: talks, title: Talks, items: [one]}
variants:
  v:
    overrides:
"""


def error_for(tmp_path, override: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE + "      " + override + "\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        select_variant(path, "v")
    text = info.value.render()
    prefix = f"{path}:12:7: variants.v.overrides."
    assert text.startswith(prefix), text
    return text[len(prefix):]


@pytest.mark.parametrize("override, message", [
    ("basics.nmae: X", "basics.nmae: 'basics' has no field 'nmae' (did you mean 'name'?)"),
    ("basics.zzzz: X", "basics.zzzz: 'basics' has no field 'zzzz' "
                       "(fields here: name, headline, email, phone, location, website, photo, profiles, contact_url, private)"),
    ("nosuchsection.x: X", "nosuchsection.x: the profile has no field 'nosuchsection' (fields here: "),
    ("experience[web-job].id: other",
     "experience[web-job].id: an entry's id cannot be overridden (ids name entries for variants)"),
    ("experience.position: X", "experience.position: 'experience' is a list: pick an entry by id "
                               "(write experience[ENTRY-ID].position)"),
    ("experience[nosuch].position: X",
     "experience[nosuch].position: no entry with id 'nosuch' in experience (ids here: web-job)"),
    ("experience[web-jb].position: X",
     "experience[web-jb].position: no entry with id 'web-jb' in experience (did you mean 'web-job'?)"),
    ("basics[x].name: X", "basics[x].name: 'basics' is not a list of entries; remove [x]"),
    ("experience[web-job].highlights[0]: X", "experience[web-job].highlights[0]: the items of 'highlights' have "
                                             "no ids (override the whole list: experience[web-job].highlights)"),
    ("summary.x: y", "summary.x: 'summary' has no fields to go into (override 'summary' whole)"),
    ("basics.location.city: Leeds", "basics.location.city: 'basics.location' is not set in the profile "
                                    "(override 'basics.location' whole)"),
])
def test_override_path_mistakes(tmp_path, override, message):
    assert error_for(tmp_path, override).startswith(message)


def test_overrides_replace_fields_of_entries_and_custom_sections(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE + "      experience[web-job].position: Lead\n      custom[talks].title: Speaking\n"
                    "      basics.headline: Builder\n", encoding="utf-8")
    tailored = select_variant(path, "v")
    assert tailored.profile.experience[0].position == "Lead"
    assert tailored.profile.experience[1].position == "Junior"
    assert tailored.profile.custom[0].title == "Speaking"
    assert tailored.profile.basics.headline == "Builder"
