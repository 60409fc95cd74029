"""Choosing a variant (resume_builder/tailoring/select.py): names, files, and what an error says."""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.tailoring.select import looks_like_file, select_variant

PROFILE = """\
basics:
  name: Sam Sample
experience:
  - {id: web-job, company: Acme, position: Engineer, start: 2020-01, tags: [web]}
  - {id: old-job, company: Old Co, position: Junior, start: 2015, end: 2019, tags: [legacy]}
variants:
  web:
    select: {experience: {any: [web]}}
  legacy:
    select: {experience: {any: [legacy]}}
    output: sam-old
"""


@pytest.fixture
def profile(tmp_path):
    path = tmp_path / "sam.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def error_of(*args) -> str:
    with pytest.raises(UserError) as info:
        select_variant(*args)
    return info.value.render()


@pytest.mark.parametrize("value, is_file", [
    ("web", False), ("web.yaml", True), ("web.YML", True), ("web.json", True), ("variants/web", True),
    ("web.toml", False), ("yaml", False),
])
def test_looks_like_file(value, is_file):
    assert looks_like_file(value) is is_file


def test_no_variant_gives_the_profile_itself(profile):
    tailored = select_variant(profile, None)
    assert (tailored.name, tailored.variant, tailored.stem, tailored.max_pages) == (None, None, "sam", None)
    assert [j.id for j in tailored.profile.experience] == ["web-job", "old-job"]


def test_a_declared_variant_tailors_and_names_the_output(profile):
    web = select_variant(profile, "web")
    assert (web.name, web.stem) == ("web", "sam-web")
    assert [j.id for j in web.profile.experience] == ["web-job"]
    legacy = select_variant(profile, "legacy")
    assert legacy.stem == "sam-old"  # the variant's own output name
    assert [j.id for j in legacy.profile.experience] == ["old-job"]


def test_an_unknown_variant_points_at_the_variants_key_and_suggests_the_closest(profile):
    assert error_of(profile, "wbe") == (
        f"{profile}:6:1: variants: the profile has no variant 'wbe' (did you mean 'web'?)")


def test_an_unknown_variant_with_nothing_close_lists_the_variants(profile):
    assert error_of(profile, "zzzzzz") == (
        f"{profile}:6:1: variants: the profile has no variant 'zzzzzz' (variants here: web, legacy)")


def test_a_profile_without_variants_says_how_to_declare_one(tmp_path):
    path = tmp_path / "plain.yaml"
    path.write_text("basics:\n  name: Sam Sample\n", encoding="utf-8")
    assert error_of(path, "web") == (
        f"{path}: variants: the profile has no variant 'web' "
        "(declare it under 'variants:' in the profile, or pass a variant file (.yaml))")


def test_a_variant_file_names_its_base_profile_relative_to_itself(profile, tmp_path):
    folder = tmp_path / "variants"
    folder.mkdir()
    (folder / "backend.yaml").write_text("profile: ../sam.yaml\nselect: {experience: {any: [legacy]}}\n",
                                         encoding="utf-8")
    tailored = select_variant(None, str(folder / "backend.yaml"))
    assert (tailored.name, tailored.stem, tailored.variant_path) == ("backend", "sam-backend", folder / "backend.yaml")
    assert [j.id for j in tailored.profile.experience] == ["old-job"]


def test_a_missing_base_profile_is_located_in_the_variant_file(tmp_path):
    variant = tmp_path / "v.yaml"
    variant.write_text("name: v\nprofile: nowhere/me.yaml\n", encoding="utf-8")
    assert error_of(None, str(variant)) == (
        f"{variant}:2:10: profile: base profile 'nowhere/me.yaml' not found (looked for "
        f"{tmp_path / 'nowhere' / 'me.yaml'}) (the path is relative to the variant file)")


def test_a_broken_variant_file_is_located_and_names_the_field(profile, tmp_path):
    variant = tmp_path / "v.yaml"
    variant.write_text("profile: sam.yaml\nmax_pagse: 2\n", encoding="utf-8")
    message = error_of(None, str(variant))
    assert message.startswith(f"{variant}:2:1: max_pagse: ")
    assert "did you mean 'max_pages'" in message
