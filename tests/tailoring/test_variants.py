"""Variants: selection, sections, caps, overrides, located errors, and tailoring's two promises.

The promises, checked with hypothesis over many variants of the example profile: tailoring
never adds content (every string of the result is in the profile or in the variant) and
never changes its input.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from resume_builder.errors import UserError
from resume_builder.loading import load_profile
from resume_builder.schema.profile import Profile
from resume_builder.schema.variant import TagFilter, Variant
from resume_builder.loading.variant_checks import check_profile_variants, check_variant
from resume_builder.loading.variants import looks_like_file
from resume_builder.pipeline import select_variant
from resume_builder.schema.variant_rules import all_tags, entry_index, parse_path
from resume_builder.tailoring import tailor
from tests.conftest import EXAMPLE

EXAMPLE_PROFILE = load_profile(EXAMPLE).profile


def variant(**data: Any) -> Variant:
    return Variant.model_validate(data)


def messages(problems) -> str:
    return "\n".join(str(p) for p in problems)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the example's variants


def test_example_declares_platform_and_monitoring_that_check_clean():
    loaded = load_profile(EXAMPLE)
    assert {"platform", "monitoring"} <= set(loaded.profile.variants)
    assert check_profile_variants(loaded.profile, loaded.source) == []


def test_platform_variant():
    result = select_variant(EXAMPLE, "platform")
    profile = result.profile
    assert result.name == "platform" and result.stem == "example-platform" and result.max_pages == 2
    assert profile.basics.headline == "Platform Engineer — Kubernetes, AWS, CI/CD"
    ids = [p.id for p in profile.projects]
    assert {"argo-workflows", "ecs-docker-platform", "jenkins-ci-pipeline", "edge-deployment"} <= set(ids)
    assert "anomaly-detection" not in ids  # ML is dropped
    assert all({"kubernetes", "aws", "ci-cd", "deployment"} & set(p.tags) for p in profile.projects)
    assert all(len(entry.highlights) <= 4 for entry in profile.projects + profile.experience)
    assert profile.section_order()[:4] == ["summary", "skills", "experience", "projects"]
    assert "team-management" not in profile.section_order()


def test_monitoring_variant_puts_projects_before_experience():
    profile = select_variant(EXAMPLE, "monitoring").profile
    order = profile.section_order()
    assert order.index("projects") < order.index("experience")
    ids = {p.id for p in profile.projects}
    assert {"anomaly-detection", "graphite-monitoring"} <= ids
    assert "argo-workflows" not in ids
    for project in profile.projects:
        assert {"monitoring", "observability", "ml", "data-engineering"} & set(project.tags)


def test_no_variant_gives_the_profile_and_its_stem():
    result = select_variant(EXAMPLE, None)
    assert result.variant is None and result.name is None and result.stem == "example"
    assert result.profile.section_order() == EXAMPLE_PROFILE.section_order()


def test_tailored_profile_drops_variants_and_keeps_meta():
    profile = tailor(EXAMPLE_PROFILE, EXAMPLE_PROFILE.variants["platform"])
    assert profile.variants == {}
    assert profile.meta == EXAMPLE_PROFILE.meta


# --------------------------------------------------------------------------- selection


def test_tag_filters_any_all_none():
    keep_any = tailor(EXAMPLE_PROFILE, variant(select={"projects": {"any": ["jenkins", "groovy"]}}))
    assert [p.id for p in keep_any.projects] == ["jenkins-ci-pipeline", "code-quality-coverage", "glu-deployment"]
    keep_all = tailor(EXAMPLE_PROFILE, variant(select={"projects": {"all": ["aws", "docker"]}}))
    assert [p.id for p in keep_all.projects] == ["ecs-docker-platform", "jenkins-ci-pipeline"]
    keep_none = tailor(EXAMPLE_PROFILE, variant(select={"experience": {"none": ["devops"]}}))
    assert [e.id for e in keep_none.experience] == ["wize-developer", "czentrix-developer"]
    # sections without a filter are untouched
    assert len(keep_none.projects) == len(EXAMPLE_PROFILE.projects)


def test_star_filter_applies_to_every_section_and_custom_filters_sections():
    profile = tailor(EXAMPLE_PROFILE, variant(select={"*": {"none": ["leadership"]}}))
    assert "team-management" not in profile.section_order()
    assert "argo-workflows" not in [p.id for p in profile.projects]
    assert "klevu-devops-manager" not in [e.id for e in profile.experience]
    only_custom = tailor(EXAMPLE_PROFILE, variant(select={"custom": {"any": ["monitoring"]}}))
    assert [s.id for s in only_custom.custom] == ["specialties", "responsibilities"]


def test_keep_beats_the_filter_and_drop_beats_everything():
    profile = tailor(EXAMPLE_PROFILE, variant(select={"projects": {"any": ["ml"]}}, keep=["lb-manager"],
                                              drop=["btech"]))
    assert [p.id for p in profile.projects] == ["lb-manager", "anomaly-detection"]
    assert [e.id for e in profile.education] == ["mtech-bits"]


CUSTOM_ENTRIES = Profile.model_validate({"basics": {"name": "A"}, "custom": [
    {"id": "talks", "title": "Talks", "tags": ["speaking"], "entries": [
        {"id": "kubecon", "title": "KubeCon", "tags": ["kubernetes"]},
        {"id": "pycon", "title": "PyCon", "tags": ["python"]}]},
    {"id": "misc", "title": "Misc", "items": ["x"]}]})


def test_select_by_custom_section_id_filters_its_entries():
    profile = tailor(CUSTOM_ENTRIES, variant(select={"talks": {"any": ["python"]}}))
    assert [e.id for e in profile.custom[0].entries] == ["pycon"]
    assert [s.id for s in profile.custom] == ["talks", "misc"]


def test_keeping_an_entry_of_a_dropped_section_is_an_error():
    problems = check_variant(CUSTOM_ENTRIES, variant(select={"custom": {"none": ["speaking"]}}, keep=["kubecon"]))
    assert "'kubecon' is kept, but its section 'talks' is left out by this variant" in messages(problems)


def test_sections_choose_and_order_including_custom_ids():
    chosen = ["projects", "specialties", "summary", "experience", "team-management"]
    profile = tailor(EXAMPLE_PROFILE, variant(sections=chosen))
    assert profile.section_order() == chosen
    assert profile.skills == [] and profile.education == [] and profile.awards == []
    assert [s.id for s in profile.custom] == ["specialties", "team-management"]


def test_section_order_of_an_untailored_reorder_survives_model_copies():
    profile = tailor(EXAMPLE_PROFILE, variant(sections=["education", "summary"]))
    assert profile.section_order() == ["education", "summary"]


def test_max_highlights_caps_entries_but_not_overrides():
    profile = tailor(EXAMPLE_PROFILE, variant(
        max_highlights=1, overrides={"projects[edge-deployment].highlights": ["one", "two", "three"]}))
    assert all(len(p.highlights) <= 1 for p in profile.projects if p.id != "edge-deployment")
    edge = next(p for p in profile.projects if p.id == "edge-deployment")
    assert [h.text for h in edge.highlights] == ["one", "two", "three"]
    assert [s.items for s in profile.custom] == [s.items for s in EXAMPLE_PROFILE.custom]  # items are not capped


def test_max_highlights_zero_removes_highlights():
    profile = tailor(EXAMPLE_PROFILE, variant(max_highlights=0))
    assert all(p.highlights == [] for p in profile.projects)


def test_theme_is_merged_over_the_profile_theme():
    base = Profile.model_validate({"basics": {"name": "A"}, "theme": {"name": "classic", "accent": "#123456"}})
    profile = tailor(base, variant(theme={"name": "modern", "columns": 2}))
    assert profile.theme.name == "modern"
    assert profile.theme.model_extra == {"accent": "#123456", "columns": 2}


# --------------------------------------------------------------------------- overrides


@pytest.mark.parametrize("path, value, read", [
    ("basics.headline", "SRE", lambda p: p.basics.headline),
    ("summary", "Short.", lambda p: p.summary),
    ("basics.location.city", "Berlin", lambda p: p.basics.location.city),
    ("experience[fresha-platform].highlights", ["Ran the platform"],
     lambda p: [h.text for h in p.experience[0].highlights]),
    ("projects[argo-workflows].description", "Argo.", lambda p: p.projects[0].description),
    ("custom[specialties].items", ["Only this"], lambda p: [i.text for i in p.custom[0].items]),
    ("skills[skills-languages].keywords", ["Python"], lambda p: p.skills[2].keywords),
])
def test_overrides_by_path(path, value, read):
    profile = tailor(EXAMPLE_PROFILE, variant(overrides={path: value}))
    assert read(profile) == value


def test_override_inside_a_custom_section_entry():
    base = Profile.model_validate({"basics": {"name": "A"}, "custom": [
        {"id": "talks", "title": "Talks", "entries": [{"id": "kubecon", "title": "KubeCon", "summary": "old"}]}]})
    profile = tailor(base, variant(overrides={"custom[talks].entries[kubecon].summary": "new"}))
    assert profile.custom[0].entries[0].summary == "new"


@pytest.mark.parametrize("text, steps", [
    ("basics.headline", [("basics", None), ("headline", None)]),
    ("experience[fresha-platform].highlights", [("experience", "fresha-platform"), ("highlights", None)]),
    ("custom[a.b_c-1].entries[x].summary", [("custom", "a.b_c-1"), ("entries", "x"), ("summary", None)]),
])
def test_parse_path(text, steps):
    assert [(s.name, s.entry_id) for s in parse_path(text)] == steps


@pytest.mark.parametrize("text", ["", "basics.", ".summary", "experience[].x", "experience[a]x", "a..b", "a b"])
def test_parse_path_rejects_malformed(text):
    with pytest.raises(ValueError):
        parse_path(text)


@pytest.mark.parametrize("overrides, expected", [
    ({"basics.hedline": "x"}, "overrides.basics.hedline: 'basics' has no field 'hedline' (did you mean 'headline'?)"),
    ({"projects[argo-workflow].highlights": []},
     "no entry with id 'argo-workflow' in projects (did you mean 'argo-workflows'?)"),
    ({"experiance[fresha-platform].highlights": []}, "(did you mean 'experience'?)"),
    ({"experience.highlights": []}, "'experience' is a list: pick an entry by id"),
    ({"projects[argo-workflows]": {}}, "an override replaces a field, not a whole entry"),
    ({"basics[x].name": "A"}, "'basics' is not a list of entries"),
    ({"variants": {}}, "'variants' cannot be overridden"),
    ({"theme": {}}, "use the variant's 'theme' instead"),
    ({"projects[lb-manager].id": "x"}, "an entry's id cannot be overridden"),
    ({"projects[argo-workflows].highlights[0]": "x"}, "the items of 'highlights' have no ids"),
    ({"basics.headline": 3}, "overrides.basics.headline: expected text, found the number 3"),
    ({"projects[argo-workflows].highlights": [{"txt": "x"}]},
     "overrides.projects[argo-workflows].highlights[0].txt: unknown field 'txt' (did you mean 'text'?)"),
    ({"basics.email": "nope"}, "'nope' is not a valid email address"),
    ({"experience[fresha-platform].end": "2020"}, "end 2020 is before start 2023-03"),
    ({"summary..x": "y"}, "is not a field path"),
])
def test_override_mistakes_are_reported(overrides, expected):
    problems = check_variant(EXAMPLE_PROFILE, variant(overrides=overrides))
    assert expected in messages(problems)
    with pytest.raises(UserError):
        tailor(EXAMPLE_PROFILE, variant(overrides=overrides))


def test_override_of_hidden_content_is_an_error():
    hidden_entry = variant(drop=["lb-manager"], overrides={"projects[lb-manager].summary": "x"})
    assert "entry 'lb-manager' is left out by this variant" in messages(check_variant(EXAMPLE_PROFILE, hidden_entry))
    filtered = variant(select={"projects": {"any": ["ml"]}}, overrides={"projects[lb-manager].summary": "x"})
    assert "entry 'lb-manager' is left out" in messages(check_variant(EXAMPLE_PROFILE, filtered))
    hidden_section = variant(sections=["experience"], overrides={"summary": "x"})
    assert "section 'summary' is not shown" in messages(check_variant(EXAMPLE_PROFILE, hidden_section))


# --------------------------------------------------------------------------- names that do not exist


@pytest.mark.parametrize("data, expected", [
    ({"sections": ["sumary"]}, "sections[0]: the profile has no section 'sumary' (did you mean 'summary'?)"),
    ({"sections": ["certifications"]}, "the profile has no section 'certifications'"),
    ({"sections": ["custom"]}, "name custom sections by their ids"),
    ({"sections": ["summary", "summary"]}, "section 'summary' is listed twice"),
    ({"sections": ["specialtys"]}, "(did you mean 'specialties'?)"),
    ({"select": {"projets": {"any": ["aws"]}}}, "select.projets: the profile has no section 'projets' with entries "
                                                "(did you mean 'projects'?)"),
    ({"select": {"summary": {"any": ["aws"]}}}, "the summary has no entries to select"),
    ({"select": {"specialties": {"any": ["aws"]}}}, "custom section 'specialties' has no entries to select"),
    ({"select": {"projects": {"any": ["kubernets"]}}},
     "select.projects.any[0]: no entry in the profile has tag 'kubernets' (did you mean 'kubernetes'?)"),
    ({"select": {"projects": {"none": ["ML"]}}}, None),  # tags are case-insensitive
    ({"sections": ["summary"], "select": {"projects": {"any": ["aws"]}}},
     "section 'projects' is not shown by this variant"),
    ({"keep": ["argo-workflow"]}, "keep[0]: no entry has id 'argo-workflow' (did you mean 'argo-workflows'?)"),
    ({"drop": ["lb-managr"]}, "drop[0]: no entry has id 'lb-managr' (did you mean 'lb-manager'?)"),
    ({"keep": ["lb-manager"], "drop": ["lb-manager"]}, "'lb-manager' is both kept and dropped"),
    ({"sections": ["summary"], "keep": ["lb-manager"]}, "'lb-manager' is in section 'projects', which this variant "
                                                        "does not show"),
])
def test_unknown_names_are_errors_with_suggestions(data, expected):
    problems = check_variant(EXAMPLE_PROFILE, variant(**data))
    if expected is None:
        assert problems == []
    else:
        assert expected in messages(problems)


def test_variant_shape_errors_come_from_the_schema():
    with pytest.raises(ValidationError, match="an empty filter keeps everything"):
        TagFilter.model_validate({})
    with pytest.raises(ValidationError):
        Variant.model_validate({"max_pages": 0})
    with pytest.raises(ValidationError):
        Variant.model_validate({"max_highlights": True})
    with pytest.raises(ValidationError):
        Variant.model_validate({"output": "../escape"})
    with pytest.raises(ValidationError):
        Variant.model_validate({"profile": "x.yaml"})  # only variant files name a profile


# --------------------------------------------------------------------------- located errors


PROFILE_WITH_VARIANTS = """\
basics: {name: A}
projects:
  - {id: one, name: One, tags: [aws]}
  - {id: two, name: Two, tags: [ml]}
variants:
  cloud:
    select:
      projects: {any: [aws, kubernets]}
    keep: [thre]
    overrides:
      basics.hedline: Cloud person
  typo:
    selct: {}
"""


def test_variant_shape_errors_in_a_profile_are_located(tmp_path):
    path = write(tmp_path / "p.yaml", PROFILE_WITH_VARIANTS)
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert "p.yaml:13:5: variants.typo.selct: unknown field 'selct' (did you mean 'select'?)" in caught.value.render()


def test_variant_names_in_a_profile_are_located_when_selected(tmp_path):
    path = write(tmp_path / "p.yaml", PROFILE_WITH_VARIANTS.replace("  typo:\n    selct: {}\n", ""))
    with pytest.raises(UserError) as caught:
        select_variant(path, "cloud")
    text = caught.value.render()
    assert "p.yaml:8:29: variants.cloud.select.projects.any[1]: no entry in the profile has tag 'kubernets'" in text
    assert "p.yaml:9:12: variants.cloud.keep[0]: no entry has id 'thre'" in text
    assert "p.yaml:11:7: variants.cloud.overrides.basics.hedline: 'basics' has no field 'hedline'" in text
    assert "(did you mean 'headline'?)" in text


def test_unknown_variant_name_suggests_the_closest(tmp_path):
    with pytest.raises(UserError) as caught:
        select_variant(EXAMPLE, "platfrom")
    assert "the profile has no variant 'platfrom' (did you mean 'platform'?)" in caught.value.render()
    bare = write(tmp_path / "bare.yaml", "basics: {name: A}\n")
    with pytest.raises(UserError) as caught:
        select_variant(bare, "platform")
    assert "declare it under 'variants:'" in caught.value.render()


# --------------------------------------------------------------------------- variant files


def test_variant_file_names_its_profile_relative_to_itself(tmp_path):
    folder = tmp_path / "variants"
    folder.mkdir()
    path = write(folder / "acme.yaml", f"profile: {Path('..', 'me.yaml').as_posix()}\n"
                                      "select:\n  projects: {none: [ml]}\nmax_pages: 1\n")
    write(tmp_path / "me.yaml", EXAMPLE.read_text(encoding="utf-8"))
    result = select_variant(None, str(path))
    assert result.name == "acme" and result.stem == "me-acme" and result.max_pages == 1
    assert result.base.path == tmp_path / "me.yaml"  # as the user would name it, without ".."
    assert "anomaly-detection" not in [p.id for p in result.profile.projects]
    assert result.variant_path == path


def test_variant_file_name_and_output(tmp_path):
    path = write(tmp_path / "v.yaml", f"profile: {EXAMPLE.as_posix()}\nname: web\noutput: cv-web\n")
    result = select_variant(None, str(path))
    assert (result.name, result.stem) == ("web", "cv-web")


def test_an_explicit_profile_wins_over_the_variant_files(tmp_path):
    other = write(tmp_path / "other.yaml", "basics: {name: Other}\n")
    path = write(tmp_path / "v.yaml", f"profile: {EXAMPLE.as_posix()}\n")
    assert select_variant(other, str(path)).profile.basics.name == "Other"


def test_variant_file_errors_are_located(tmp_path):
    path = write(tmp_path / "v.yaml", f"profile: {EXAMPLE.as_posix()}\nselect:\n  projects:\n    any: [kubernets]\n"
                                      "drop: [lb-managr]\nmax_pages: zero\n")
    with pytest.raises(UserError) as caught:
        select_variant(None, str(path))
    assert "v.yaml:6:12: max_pages: expected a whole number, found the text 'zero'" in caught.value.render()
    write(path, f"profile: {EXAMPLE.as_posix()}\nselect:\n  projects:\n    any: [kubernets]\ndrop: [lb-managr]\n")
    with pytest.raises(UserError) as caught:
        select_variant(None, str(path))
    text = caught.value.render()
    assert "v.yaml:4:11: select.projects.any[0]: no entry in the profile has tag 'kubernets' " \
           "(did you mean 'kubernetes'?)" in text
    assert "v.yaml:5:8: drop[0]: no entry has id 'lb-managr' (did you mean 'lb-manager'?)" in text


def test_variant_file_with_a_missing_profile(tmp_path):
    path = write(tmp_path / "v.yaml", "# a variant\nprofile: nowhere.yaml\n")
    with pytest.raises(UserError) as caught:
        select_variant(None, str(path))
    assert "v.yaml:2:10: profile: base profile 'nowhere.yaml' not found" in caught.value.render()
    no_profile = write(tmp_path / "w.yaml", "max_pages: 1\n")
    with pytest.raises(UserError, match="'profile' is required"):
        select_variant(None, str(no_profile))


def test_variant_file_refuses_profile_only_fields(tmp_path):
    path = write(tmp_path / "v.yaml", f"profile: {EXAMPLE.as_posix()}\nbasics: {{name: X}}\n")
    with pytest.raises(UserError, match="v.yaml:2:1: basics: unknown field 'basics'"):
        select_variant(None, str(path))


@pytest.mark.parametrize("value, expected", [
    ("platform", False), ("acme.yaml", True), ("v/acme", True), ("x.json", True), ("X.YML", True),
])
def test_looks_like_file(value, expected):
    assert looks_like_file(value) is expected


# --------------------------------------------------------------------------- properties


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


ENTRIES = entry_index(EXAMPLE_PROFILE)
TAGS = sorted(all_tags(EXAMPLE_PROFILE))
SHOWN = EXAMPLE_PROFILE.section_order()
TEXT = st.text(st.characters(categories=("L", "N"), include_characters=" -—&"), min_size=1, max_size=20).map(
    str.strip).filter(bool)
OVERRIDES = {
    "basics.headline": TEXT,
    "summary": TEXT,
    "projects[argo-workflows].highlights": st.lists(TEXT, max_size=3),
    "experience[fresha-platform].highlights": st.lists(TEXT, max_size=3),
    "custom[specialties].items": st.lists(TEXT, min_size=1, max_size=2),
    "education[btech].area": TEXT,
}
SECTION_OF_OVERRIDE = {"basics.headline": None, "summary": "summary", "projects[argo-workflows].highlights": "projects",
                       "experience[fresha-platform].highlights": "experience",
                       "custom[specialties].items": "specialties", "education[btech].area": "education"}
ENTRY_OF_OVERRIDE = {"projects[argo-workflows].highlights": "argo-workflows",
                     "experience[fresha-platform].highlights": "fresha-platform",
                     "custom[specialties].items": "specialties", "education[btech].area": "btech"}
tag_filters = st.builds(lambda a, b, c: {k: v for k, v in (("any", a), ("all", b), ("none", c)) if v},
                        st.lists(st.sampled_from(TAGS), max_size=3), st.lists(st.sampled_from(TAGS), max_size=2),
                        st.lists(st.sampled_from(TAGS), max_size=2)).filter(bool)


@st.composite
def variants(draw) -> Variant:
    sections = draw(st.none() | st.lists(st.sampled_from(SHOWN), unique=True, min_size=1))
    visible = set(sections if sections is not None else SHOWN)
    selectable = [s for s in ("*", "custom", "experience", "projects", "skills", "education", "awards")
                  if s in ("*", "custom") or s in visible]
    if not any(s in visible for s in ("specialties", "responsibilities", "team-management")):
        selectable.remove("custom")
    select = draw(st.dictionaries(st.sampled_from(selectable), tag_filters, max_size=3))
    ids = sorted(i for i, info in ENTRIES.items() if info.section in visible)
    keep = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3)) if ids else []
    # a kept company's roles are never dropped: dropping all of them contradicts the keep
    # (check_variant says so: test_keeping_a_company_whose_roles_are_all_dropped_is_explained)
    under_kept = {role.id for entry in EXAMPLE_PROFILE.experience if entry.id in keep
                  for role in (getattr(entry, "roles", None) or [])}
    droppable = [i for i in ids if i not in keep and i not in under_kept]
    drop = draw(st.lists(st.sampled_from(droppable), unique=True, max_size=3)) if droppable else []
    data: dict[str, Any] = {"sections": sections, "select": select, "keep": keep, "drop": drop,
                            "max_highlights": draw(st.none() | st.integers(0, 5))}
    candidate = Variant.model_validate(data)
    overrides = {}
    for path in draw(st.lists(st.sampled_from(sorted(OVERRIDES)), unique=True, max_size=3)):
        section, entry = SECTION_OF_OVERRIDE[path], ENTRY_OF_OVERRIDE.get(path)
        if section is not None and section not in visible:
            continue
        if entry is not None and entry not in {e.get("id") for e in _kept_entries(candidate)}:
            continue
        overrides[path] = draw(OVERRIDES[path])
    data["overrides"] = overrides
    if draw(st.booleans()):
        data["theme"] = {"name": draw(st.sampled_from(["classic", "modern"])), "accent": "#224466"}
    chosen = Variant.model_validate(data)
    # a variant that leaves no section is an error (test_a_variant_that_empties_the_whole_resume...)
    assume(not any("no section" in problem.message for problem in check_variant(EXAMPLE_PROFILE, chosen)))
    return chosen


def _kept_entries(candidate: Variant) -> list[dict]:
    from resume_builder.schema.variant_rules import entries_with_highlights as _entries
    from resume_builder.schema.variant_rules import profile_data as _dump
    from resume_builder.schema.variant_rules import select_entries as _select

    data = _dump(EXAMPLE_PROFILE)
    _select(data, candidate)
    return list(_entries(data)) + list(data["custom"]) + list(data["education"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variants())
def test_tailoring_never_adds_content(chosen):
    assert check_variant(EXAMPLE_PROFILE, chosen) == []
    tailored = tailor(EXAMPLE_PROFILE, chosen)
    allowed = set(strings(EXAMPLE_PROFILE.model_dump(mode="json"))) | set(strings(chosen.model_dump(mode="json")))
    added = set(strings(tailored.model_dump(mode="json"))) - allowed
    assert not added
    original_ids = set(ENTRIES)
    assert set(entry_index(tailored)) <= original_ids
    # entries keep their relative order
    for key in ("experience", "projects", "education"):
        original = [e.id for e in getattr(EXAMPLE_PROFILE, key)]
        kept = [e.id for e in getattr(tailored, key)]
        assert kept == [i for i in original if i in kept]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variants())
def test_tailoring_is_pure(chosen):
    profile = EXAMPLE_PROFILE.model_copy(deep=True)
    profile._key_order = list(EXAMPLE_PROFILE._key_order)
    before = copy.deepcopy(profile.model_dump(mode="json"))
    order_before = list(profile._key_order)
    variant_before = chosen.model_dump(mode="json")
    first = tailor(profile, chosen)
    assert profile.model_dump(mode="json") == before
    assert profile._key_order == order_before
    assert chosen.model_dump(mode="json") == variant_before
    second = tailor(profile, chosen)
    assert first.model_dump(mode="json") == second.model_dump(mode="json")
    assert first.section_order() == second.section_order()
    assert first is not profile


def test_keeping_a_company_whose_roles_are_all_dropped_is_explained():
    """Hypothesis found it: keep 'makemytrip' and drop both its roles. The problem named the
    section as left out, which it was not; it now names the dropped roles."""
    company = next(e for e in EXAMPLE_PROFILE.experience if getattr(e, "roles", None))
    roles = [role.id for role in company.roles]
    chosen = Variant.model_validate({"keep": [company.id], "drop": roles})
    problems = check_variant(EXAMPLE_PROFILE, chosen)
    assert len(problems) == 1 and "every role under it is dropped" in problems[0].message, problems
    assert all(repr(role) in problems[0].message for role in roles)


def test_a_variant_file_written_for_another_profile_says_so_when_given_one(tmp_path):
    """The profile given wins (one variant file can be tried on a copy of its profile), but it
    was applied silently to another person's profile (newcomer trial)."""
    (tmp_path / "apps").mkdir()
    mine, theirs = tmp_path / "me.yaml", tmp_path / "other.yaml"
    for path in (mine, theirs):
        path.write_text("basics: {name: Sam Sample}\nsummary: Builds things.\n", encoding="utf-8")
    variant = tmp_path / "apps" / "short.yaml"
    variant.write_text("profile: ../other.yaml\nmax_highlights: 2\n", encoding="utf-8")
    tailored = select_variant(mine, str(variant))
    assert tailored.base.path == mine
    assert tailored.warnings == [f"{variant}:1:10: short.yaml was written for ../other.yaml; it tailors {mine} "
                                 "here, as given"]
    assert select_variant(theirs, str(variant)).warnings == []  # the profile it names, given
    assert select_variant(None, str(variant)).warnings == []  # the profile it names, found by itself


def test_a_variant_file_names_a_profile_file_only_and_no_other_file_is_read(tmp_path):
    """``profile: ../secret.env`` in a variant file someone sent had that file read and its
    lines quoted in the YAML error (security review)."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    secret = tmp_path / "secret.env"
    secret.write_text("foo: bar: baz\nTOKEN=do-not-show\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "v.yaml").write_text("profile: ../secret.env\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["render", "--variant", str(tmp_path / "sub" / "v.yaml"), "-f", "txt",
                                      "-o", str(tmp_path / "o.txt")])
    assert result.exit_code == 2, result.output
    assert "v.yaml:1:10: profile: '../secret.env' is not a profile file: name a .yaml, .yml or .json file" \
        in result.output
    assert "foo: bar" not in result.output and not (tmp_path / "o.txt").exists()


# --------------------------------------------------------------------------- selections that empty sections


def test_a_selection_that_empties_a_section_is_told_at_its_rule():
    """Trial: ``experience: {any: [hobby]}``, a tag only on a project, rendered without a word."""
    from resume_builder.loading.variant_checks import emptied_sections

    chosen = variant(select={"experience": {"any": ["innovation"]}})
    assert check_variant(EXAMPLE_PROFILE, chosen) == []  # the rest of the résumé stands: a warning
    total = len(EXAMPLE_PROFILE.experience)
    assert emptied_sections(EXAMPLE_PROFILE, chosen, at=("variants", "x")) == [
        f"variants.x.select.experience: keeps none of the profile's {total} entries in experience: tag 'innovation' "
        "is only on awards (the section is left out of this variant's résumé)"]


@pytest.mark.parametrize(("rule", "why"), [
    ({"all": ["devops", "ml"]}, "no entry in experience has all of 'devops', 'ml'"),
    ({"any": ["devops"], "none": ["devops"]}, "every entry in experience it would keep has one of the tags in "
                                              "'none' ('devops')"),
    ({"any": ["no-such-tag-anywhere"]}, None),  # an unknown tag is check_variant's problem instead
])
def test_why_a_selection_keeps_nothing_is_said_in_the_rules_words(rule, why):
    from resume_builder.loading.variant_checks import emptied_sections

    said = emptied_sections(EXAMPLE_PROFILE, variant(select={"experience": rule}))
    if why is None:
        assert said == [] and check_variant(EXAMPLE_PROFILE, variant(select={"experience": rule}))
    else:
        assert len(said) == 1 and f": {why} (" in said[0]


def test_a_drop_naming_every_entry_of_a_section_is_told_at_drop():
    from resume_builder.loading.variant_checks import emptied_sections

    ids = [entry.id for entry in EXAMPLE_PROFILE.awards]
    said = emptied_sections(EXAMPLE_PROFILE, variant(drop=ids))
    assert said == [f"drop: keeps none of the profile's {len(ids)} entries in awards: 'drop' names every one of "
                    "them (the section is left out of this variant's résumé)"]


def test_a_section_the_variant_leaves_out_on_purpose_is_not_told():
    from resume_builder.loading.variant_checks import emptied_sections

    chosen = variant(select={"awards": {"any": ["computer-science"]}}, sections=["summary", "experience"])
    assert [p for p in check_variant(EXAMPLE_PROFILE, chosen) if "no section" in p.message] == []


def test_a_variant_that_empties_the_whole_resume_is_an_error_naming_it(tmp_path, monkeypatch):
    """An empty résumé (name and contact line) is never what anyone sends: exit 2, nothing written."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "me.yaml", EXAMPLE.read_text(encoding="utf-8"))
    write(tmp_path / "empty.yaml", "profile: me.yaml\nselect:\n  experience: {any: [innovation]}\n"
                                   "  projects: {any: [innovation]}\n"
                                   "sections: [experience, projects]\n")
    result = CliRunner().invoke(app, ["render", "-V", "empty.yaml", "-f", "pdf"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: empty.yaml:2:1: select: this variant leaves the résumé with no section, "
                                    "only the name and contact line: select.experience keeps none of")
    assert "tag 'innovation' is only on awards" in result.output and "select.projects keeps none" in result.output
    assert not (tmp_path / "output").exists()
    write(tmp_path / "half.yaml", "profile: me.yaml\nselect:\n  experience: {any: [innovation]}\n")
    result = CliRunner().invoke(app, ["render", "-V", "half.yaml", "-f", "txt"])
    assert result.exit_code == 0, result.output
    assert "warning: half.yaml:3:3: select.experience: keeps none of the profile's" in result.output


# --------------------------------------------------------------------------- every way of emptying the résumé

SMALL = """\
lang: en
basics:
  name: Vera Test
  email: vera@example.com
summary: Engineer.
experience:
  - id: acme
    company: Acme
    position: Dev
    start: 2020-01
    tags: [backend]
projects:
  - id: hobby1
    name: Hobby
    tags: [hobby]
skills:
  - name: Lang
    keywords: [Go, Python]
references:
  - name: Ann Ref
    reference: Worked with Vera.
"""

#: Each way a variant leaves the résumé with no section (trial: render wrote a PDF of the
#: name and e-mail for the first three), with the line:column its error is told at (in the
#: variant file: line 1 is 'profile: p.yaml'), the rule there and what the message says why.
EMPTYING = {
    "sections-none": ("sections: []\n", "2:1", "sections", "'sections' names none of the profile's sections"),
    "override-list": ("sections: [skills]\noverrides:\n  skills: []\n", "4:3", "overrides.skills",
                      "overrides.skills empties skills"),
    "override-summary": ("sections: [summary]\noverrides:\n  summary: ''\n", "4:3", "overrides.summary",
                         "overrides.summary empties the summary"),
    "override-every": ("overrides:\n  summary: ' '\n  experience: []\n  projects: []\n  skills: []\n"
                       "  references: []\n", "3:3", "overrides.summary",
                       "overrides.summary empties the summary; overrides.experience empties experience"),
    "select-and-override": ("sections: [experience, skills]\nselect:\n  experience: {any: [hobby]}\n"
                            "overrides:\n  skills: []\n", "3:1", "select",
                            "select.experience keeps none of the profile's 1 entry in experience: tag 'hobby' is "
                            "only on projects; overrides.skills empties skills"),
    "drop-every": ("sections: [experience, projects]\ndrop: [acme, hobby1]\n", "3:1", "drop",
                   "drop keeps none of the profile's 1 entry in experience"),
    "public-references": ("sections: [references]\npublic: true\n", "3:1", "public",
                          "'public: true' leaves out references"),
}


@pytest.mark.parametrize("way", list(EMPTYING))
def test_every_way_a_variant_file_empties_the_resume_is_an_error_at_its_rule(tmp_path, monkeypatch, way):
    from typer.testing import CliRunner

    from resume_builder.cli import app

    text, where, rule, why = EMPTYING[way]
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "p.yaml", SMALL)
    write(tmp_path / "v.yaml", "profile: p.yaml\n" + text)
    result = CliRunner().invoke(app, ["render", "-V", "v.yaml", "-f", "pdf"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: v.yaml:{where}: {rule}: this variant leaves the résumé with no section, "
                                    "only the name and contact line: "), result.output
    assert why in result.output and "Traceback" not in result.output
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("way", list(EMPTYING))
def test_every_way_a_declared_variant_empties_the_resume_is_an_error_naming_it(tmp_path, monkeypatch, way):
    """The same error for a variant declared in the profile, at its rule there; ``check -V``
    tells it too, where it once blamed the profile's checks."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    text, _, rule, why = EMPTYING[way]
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "plain.yaml", SMALL)
    assert CliRunner().invoke(app, ["render", "plain.yaml", "-f", "pdf", "-o", "plain.pdf"]).exit_code == 0
    declared = "".join(f"    {line}\n" for line in text.splitlines())
    write(tmp_path / "p.yaml", SMALL + "variants:\n  bare:\n" + declared)
    for args in (["render", "p.yaml", "-V", "bare", "-f", "pdf"], ["check", "plain.pdf", "-p", "p.yaml", "-V", "bare"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, result.output
        assert f": variants.bare.{rule}: variant 'bare' leaves the résumé with no section, only the name and " \
               "contact line: " in result.output, result.output
        assert why in result.output and result.output.startswith("error: p.yaml:")
    assert not (tmp_path / "output").exists()


def test_a_variant_that_refills_or_keeps_one_section_is_not_an_empty_resume():
    """Only a résumé with no section at all is the error: one section left, or an override
    that fills the section a selection emptied, is a résumé."""
    profile = Profile.model_validate(__import__("yaml").safe_load(SMALL))
    for kept in (variant(sections=["summary", "skills"], overrides={"skills": []}),
                 variant(sections=["experience"], select={"experience": {"any": ["hobby"]}},
                         overrides={"experience": [{"company": "Beta", "position": "Dev", "start": "2019-01"}]}),
                 variant(sections=["references", "skills"], public=True)):
        assert check_variant(profile, kept) == [], kept
        assert tailor(profile, kept).section_order()
