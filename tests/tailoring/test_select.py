"""Choosing a variant (resume_builder/loading/variants.py, pipeline.select_variant): names, files, and what an error says."""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.loading.variants import looks_like_file
from resume_builder.pipeline import select_variant

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


def error_of_kw(*args, **kwargs) -> str:
    with pytest.raises(UserError) as info:
        select_variant(*args, **kwargs)
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


# --------------------------------------------------------------------------- what reaches the loader

MULTILINGUAL = """\
basics:
  name: Sam Sample
summary: {en: Builds web services., de: Baut Webdienste.}
experience:
  - {id: web-job, company: Acme, position: Engineer, start: 2020-01, tags: [web]}
variants:
  web:
    select: {experience: {any: [web]}}
  web-de:
    lang: de
    select: {experience: {any: [web]}}
"""


@pytest.fixture
def multilingual(tmp_path):
    path = tmp_path / "sam.yaml"
    path.write_text(MULTILINGUAL, encoding="utf-8")
    return path


def summary_of(*args, **kwargs) -> str:
    return select_variant(*args, **kwargs).profile.summary


def test_lang_is_passed_to_the_profile_for_a_declared_variant_and_for_none(multilingual):
    assert summary_of(multilingual, None) == "Builds web services."
    assert summary_of(multilingual, None, lang="de") == "Baut Webdienste."
    assert summary_of(multilingual, "web", lang="de") == "Baut Webdienste."


def test_a_declared_variants_own_lang_reads_the_profile_in_it_unless_lang_is_given(multilingual):
    assert summary_of(multilingual, "web-de") == "Baut Webdienste."
    assert summary_of(multilingual, "web-de", lang="en") == "Builds web services."


def test_a_variant_files_lang_reads_the_profile_in_it_unless_lang_is_given(multilingual, tmp_path):
    german = tmp_path / "german.yaml"
    german.write_text("profile: sam.yaml\nlang: de\n", encoding="utf-8")
    plain = tmp_path / "plain.yaml"
    plain.write_text("profile: sam.yaml\n", encoding="utf-8")
    assert summary_of(None, str(german)) == "Baut Webdienste."
    assert summary_of(None, str(german), lang="en") == "Builds web services."  # --lang wins
    assert summary_of(None, str(plain), lang="de") == "Baut Webdienste."
    assert summary_of(None, str(plain)) == "Builds web services."


def test_an_explicit_profile_wins_over_the_variant_files_profile(profile, tmp_path):
    other = tmp_path / "copy"
    other.mkdir()
    (other / "sam.yaml").write_text(PROFILE.replace("company: Old Co", "company: Other Co"), encoding="utf-8")
    variant = tmp_path / "old.yaml"
    variant.write_text("profile: sam.yaml\nselect: {experience: {any: [legacy]}}\n", encoding="utf-8")
    assert [j.company for j in select_variant(None, str(variant)).profile.experience] == ["Old Co"]
    tried = select_variant(other / "sam.yaml", str(variant))
    assert [j.company for j in tried.profile.experience] == ["Other Co"]
    assert (tried.name, tried.stem) == ("old", "sam-old")


def test_an_explicit_profile_is_used_even_when_the_variant_files_profile_is_missing(profile, tmp_path):
    variant = tmp_path / "v.yaml"
    variant.write_text("profile: nowhere/me.yaml\nselect: {experience: {any: [web]}}\n", encoding="utf-8")
    assert [j.id for j in select_variant(profile, str(variant)).profile.experience] == ["web-job"]


def test_without_a_profile_the_default_profile_is_read(tmp_path, monkeypatch):
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "example.yaml").write_text(PROFILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [j.id for j in select_variant(None, None).profile.experience] == ["web-job", "old-job"]
    web = select_variant(None, "web")
    assert (web.stem, [j.id for j in web.profile.experience]) == ("example-web", ["web-job"])


JSON_RESUME = '{"basics": {"name": "Sam Sample", "label": "Engineer"}, "work": []}\n'


@pytest.mark.parametrize("how", ["none", "file"])
def test_the_input_format_reaches_the_loader(tmp_path, how):
    resume = tmp_path / "resume.json"
    resume.write_text(JSON_RESUME, encoding="utf-8")
    (tmp_path / "v.yaml").write_text("profile: resume.json\n", encoding="utf-8")
    args = (resume, None) if how == "none" else (None, str(tmp_path / "v.yaml"))
    assert select_variant(*args).profile.basics.headline == "Engineer"  # recognised as JSON Resume
    assert select_variant(*args, input_format="jsonresume").profile.basics.headline == "Engineer"
    message = error_of_kw(*args, input_format="profile")  # --from profile: read as our format
    assert message.startswith(f"{resume}:1:") and "label" in message


def test_an_unknown_input_format_is_refused_for_a_declared_variant(profile):
    assert error_of_kw(profile, "web", input_format="yml").startswith("unknown input format 'yml'")


# --------------------------------------------------------------------------- checks and where the variant was read

BROKEN = PROFILE + """\
  broken:
    select: {experience: {any: [wbe]}}
"""


def test_a_declared_variant_naming_what_the_profile_lacks_is_located_in_the_profile(tmp_path):
    path = tmp_path / "sam.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    assert error_of(path, "broken") == (
        f"{path}:13:33: variants.broken.select.experience.any[0]: no entry in the profile has tag 'wbe' (did you mean 'web'?)")


def test_a_variant_file_naming_what_the_profile_lacks_is_located_in_the_variant_file(profile, tmp_path):
    variant = tmp_path / "v.yaml"
    variant.write_text("profile: sam.yaml\nselect: {experience: {any: [legcy]}}\n", encoding="utf-8")
    assert error_of(None, str(variant)) == (
        f"{variant}:2:29: select.experience.any[0]: no entry in the profile has tag 'legcy' (did you mean 'legacy'?)")


def test_a_declared_variant_remembers_where_it_was_read(profile):
    web = select_variant(profile, "web")
    assert (web.variant_path, web.variant_at) == (None, ("variants", "web"))
    assert web.variant_source.file == str(profile)
    assert web.variant_source.locate(web.variant_at + ("select",)).line == 8  # `select:` under `web:`


def test_a_variant_file_remembers_where_it_was_read(profile, tmp_path):
    variant = tmp_path / "v.yaml"
    variant.write_text("profile: sam.yaml\nselect: {experience: {any: [web]}}\n", encoding="utf-8")
    tailored = select_variant(None, str(variant))
    assert (tailored.variant_path, tailored.variant_at) == (variant, ())
    assert tailored.variant_source.file == str(variant)
    assert tailored.variant_source.locate(("select",)).line == 2


@pytest.mark.parametrize("separator", ["\\", "/"])
def test_looks_like_file_with_the_platforms_separator(monkeypatch, separator):
    """On Windows (os.sep is a backslash) both separators name a file; elsewhere, only '/'."""
    import resume_builder.loading.variants as variants

    monkeypatch.setattr(variants.os, "sep", separator)
    assert looks_like_file("variants/web") is True
    assert looks_like_file("variants\\web") is (separator == "\\")
    assert looks_like_file("web") is False


def test_a_bad_theme_option_of_a_variant_is_located_where_the_variant_was_written(tmp_path):
    from resume_builder.pipeline import prepare

    path = tmp_path / "sam.yaml"
    path.write_text(PROFILE + "  big:\n    theme: {font_size: huge}\n", encoding="utf-8")
    variant = tmp_path / "v.yaml"
    variant.write_text("profile: sam.yaml\ntheme:\n  font_size: huge\n", encoding="utf-8")
    for args, where in [((path, "big"), f"{path}:13:24: variants.big"), ((None, str(variant)), f"{variant}:3:14: ")]:
        with pytest.raises(UserError) as info:
            prepare(args[0], variant=args[1])
        assert info.value.render() == (
            f"{where}{'.' if where.endswith('big') else ''}theme.font_size: 'huge' is not a number "
            "(use a number from 7 to 14)")


def test_without_a_profile_the_one_init_wrote_wins_over_the_example(tmp_path, monkeypatch):
    """In a clone of this repository, `init` then `render` rendered the example (newcomer trial)."""
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "example.yaml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(PROFILE.replace("web-job", "own-job"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [j.id for j in select_variant(None, None).profile.experience] == ["own-job", "old-job"]


@pytest.mark.parametrize("kind", ["broken link", "folder"])
def test_a_profile_yaml_that_cannot_be_read_is_said_not_replaced_by_the_example(tmp_path, monkeypatch, kind):
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "example.yaml").write_text(PROFILE, encoding="utf-8")
    if kind == "folder":
        (tmp_path / "profile.yaml").mkdir()
    else:
        (tmp_path / "profile.yaml").symlink_to(tmp_path / "nowhere.yaml")
    monkeypatch.chdir(tmp_path)
    from resume_builder.errors import UserError

    with pytest.raises(UserError) as error:
        select_variant(None, None)
    assert "profile.yaml" in str(error.value)
