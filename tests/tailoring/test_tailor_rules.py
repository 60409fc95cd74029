"""tailor()'s own rules that the variant tests do not reach: what a variant's theme leaves
alone, the section order without ``sections``, and the safety net for overrides that are
valid one by one but not together (resume_builder/tailoring/variants.py)."""

from __future__ import annotations

from typing import Any

import pytest

from resume_builder.errors import UserError
from resume_builder.schema.profile import Profile
from resume_builder.schema.variant import Variant
from resume_builder.tailoring import tailor

PROFILE: dict[str, Any] = {
    "basics": {"name": "Sam Sample"},
    "theme": {"name": "modern", "accent": "#0b6e4f"},
    "skills": [{"id": "go", "name": "Go", "keywords": ["goroutines"]}],
    "experience": [{"id": "acme", "company": "Acme", "position": "Engineer", "start": "2020-01", "tags": ["web"]},
                   {"id": "old", "company": "Old Co", "position": "Junior", "start": "2015", "end": "2019"}],
}


def profile() -> Profile:
    return Profile.model_validate(PROFILE)


def variant(**data: Any) -> Variant:
    return Variant.model_validate(data)


def test_a_variant_theme_without_a_name_keeps_the_profiles_theme_name():
    base = profile()
    tailored = tailor(base, variant(theme={"columns": 2}))
    assert tailored.theme.name == base.theme.name == PROFILE["theme"]["name"]
    assert tailored.theme.model_extra == {"accent": PROFILE["theme"]["accent"], "columns": 2}


def test_a_variant_theme_option_replaces_the_profiles_and_keeps_the_rest():
    tailored = tailor(profile(), variant(theme={"accent": "#123456"}))
    assert (tailored.theme.name, tailored.theme.model_extra) == (PROFILE["theme"]["name"], {"accent": "#123456"})


def test_without_sections_the_profiles_own_section_order_is_kept():
    base = profile()
    assert base.section_order() == ["skills", "experience"]  # the file's order, not the schema's
    tailored = tailor(base, variant(select={"experience": {"any": ["web"]}}))
    assert tailored.section_order() == base.section_order()
    assert [job.id for job in tailored.experience] == ["acme"]


def test_overrides_valid_one_by_one_but_not_together_are_refused_with_the_reason():
    start, end = "2030-01", "2029-06"  # each alone fits the entry; together the end is before the start
    with pytest.raises(UserError) as info:
        tailor(profile(), variant(overrides={"experience[acme].start": start, "experience[acme].end": end}))
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("experience[0].end", f"the tailored profile is invalid: end {end} is before start {start}: swap them, or correct the one that is wrong")]
    assert info.value.render() == f"experience[0].end: the tailored profile is invalid: end {end} is before start {start}: swap them, or correct the one that is wrong"


def test_an_override_inside_another_overrides_value_leaves_the_variant_as_it_was():
    """Overrides apply in order, each to the data the ones before it left: a later path may
    reach into an earlier value. The tailored profile gets the later value; the variant keeps
    its own (tailoring never changes its input, so a second tailoring gives the same)."""
    base = Profile.model_validate({"basics": {"name": "Sam Sample", "location": {"city": "Berlin"}}})
    chosen = variant(overrides={"basics": {"name": "Sam Sample", "location": {"city": "Hamburg"}},
                                "basics.location.city": "Köln"})
    assert tailor(base, chosen).basics.location.city == "Köln"
    assert chosen.overrides == {"basics": {"name": "Sam Sample", "location": {"city": "Hamburg"}},
                                "basics.location.city": "Köln"}
    assert tailor(base, chosen).basics.location.city == "Köln"
    assert base.basics.location.city == "Berlin"
