"""Reading the variant a command asks for (resume_builder/loading/variants.py), rule by rule.

Each rule of the module, called directly on small files: what a variant file must be
(and the located message when it is a profile, or missing), where its ``profile:`` leads
(``beside``, through a symbolic link too), the warnings a variant gives (written for
another profile, sections it empties), and what an unknown variant's message suggests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from resume_builder.errors import Location, Problem, UserError
from resume_builder.loading.variants import beside, load_variant, load_variant_file

PROFILE = """\
basics:
  name: Sam Sample
experience:
  - {id: web-job, company: Acme, position: Engineer, start: 2020-01, tags: [web]}
projects:
  - {id: tool, name: Tool, tags: [cli]}
variants:
  web:
    select: {projects: {any: [web]}}
  short:
    max_pages: 1
"""

EMPTIES_PROJECTS = "keeps none of the profile's 1 entry in projects: tag 'web' is only on experience " \
                   "(the section is left out of this variant's résumé)"

NOT_A_VARIANT_FILE = ("give it as the PROFILE argument; a variant file names its profile with 'profile:' and "
                      "holds what to change")


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "sam.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def problems_of(call, *args, **kwargs) -> list[Problem]:
    with pytest.raises(UserError) as info:
        call(*args, **kwargs)
    return info.value.problems


def written(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- beside: where profile: leads


def test_beside_names_the_path_as_the_user_would(tmp_path):
    (tmp_path / "apps").mkdir()
    written(tmp_path / "profile.yaml", PROFILE)
    assert beside(tmp_path / "apps" / "v.yaml", "../profile.yaml") == tmp_path / "profile.yaml"
    assert beside(tmp_path / "v.yaml", "profile.yaml") == tmp_path / "profile.yaml"
    # not there: still shown without "..", so the message names the file the user meant
    assert beside(tmp_path / "apps" / "v.yaml", "../nowhere.yaml") == tmp_path / "nowhere.yaml"


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """``link`` is a symbolic link to ``real/sub``: ``link/../profile.yaml`` is ``real/profile.yaml``."""
    (tmp_path / "real" / "sub").mkdir(parents=True)
    written(tmp_path / "real" / "profile.yaml", PROFILE)
    try:
        (tmp_path / "link").symlink_to(tmp_path / "real" / "sub", target_is_directory=True)
    except OSError:  # Windows without the right to make links
        pytest.skip("symbolic links cannot be made here")
    return tmp_path / "link"


def test_beside_keeps_dot_dot_where_dropping_it_names_another_file(linked, tmp_path):
    joined = linked / ".." / "profile.yaml"
    assert beside(linked / "v.yaml", "../profile.yaml") == joined  # tmp/profile.yaml is not there
    written(tmp_path / "profile.yaml", PROFILE.replace("Sam Sample", "Someone Else"))
    assert beside(linked / "v.yaml", "../profile.yaml") == joined  # tmp/profile.yaml is another file


def test_a_variant_file_in_a_linked_folder_reads_the_profile_its_path_leads_to(linked, tmp_path):
    written(tmp_path / "profile.yaml", PROFILE.replace("Sam Sample", "Someone Else"))
    variant = written(linked / "v.yaml", "profile: ../profile.yaml\n")
    loaded = load_variant(None, str(variant))
    assert loaded.base.path == linked / ".." / "profile.yaml"
    assert loaded.base.profile.basics.name == "Sam Sample"


# --------------------------------------------------------------------------- what a variant file must be


def test_a_missing_variant_file_is_said_as_one(tmp_path):
    missing = tmp_path / "missing.yaml"
    assert problems_of(load_variant_file, missing) == [
        Problem("file not found", Location(str(missing)), "", "check the path of the variant file")]


@pytest.mark.parametrize("key", ["basics", "experience", "education", "work"])
def test_a_profile_given_as_a_variant_file_is_told_at_its_first_profile_key(tmp_path, key):
    path = written(tmp_path / "v.yaml", f"# mine\n{key}:\n  - {{}}\n")
    assert problems_of(load_variant_file, path) == [
        Problem(f"this is a profile (it has {key}:), not a variant file", Location(str(path), 2, 1), "",
                NOT_A_VARIANT_FILE)]


def test_a_profile_with_several_profile_keys_is_told_at_the_first_one_in_that_order(tmp_path):
    path = written(tmp_path / "cv.yaml", "meta: {}\nbasics:\n  name: Sam Sample\nexperience: []\n")
    assert [str(p) for p in problems_of(load_variant_file, path)] == [
        f"{path}:2:1: this is a profile (it has basics:), not a variant file ({NOT_A_VARIANT_FILE})"]


def test_a_variant_file_with_a_profile_key_and_a_stray_section_is_checked_as_a_variant_file(tmp_path):
    path = written(tmp_path / "v.yaml", "profile: sam.yaml\nbasics: {name: Sam Sample}\n")
    problem, = problems_of(load_variant_file, path)
    assert (str(problem.location), problem.path, problem.message) == (f"{path}:2:1", "basics", "unknown field 'basics'")


def test_a_variant_file_without_profile_or_profile_keys_needs_its_profile(tmp_path):
    path = written(tmp_path / "v.yaml", "select: {experience: {any: [web]}}\n")
    assert [str(p) for p in problems_of(load_variant_file, path)] == [f"{path}:1:1: profile: 'profile' is required"]


def test_a_variant_file_naming_itself_as_its_profile(tmp_path):
    path = written(tmp_path / "self.yaml", "profile: self.yaml\n")
    assert problems_of(load_variant, None, str(path)) == [
        Problem("the variant file names itself as its profile", Location(str(path), 1, 10), "profile",
                "name the profile it tailors, relative to this file, e.g. profile: ../profiles/me.yaml")]


@pytest.mark.parametrize("lang, hint", [
    ("xx", "write a language code, e.g. en, de, fr, pt-BR"),
    ("iw", "did you mean 'he'? 'iw' is an old code for Hebrew, now written 'he'"),
])
def test_a_variant_files_lang_that_is_no_language(profile, tmp_path, lang, hint):
    path = written(tmp_path / "v.yaml", f"profile: sam.yaml\nlang: {lang}\n")
    assert problems_of(load_variant, None, str(path)) == [
        Problem(f"'{lang}' is not a language", Location(str(path), 2, 7), "lang", hint)]


def test_a_variant_file_on_a_json_resume_says_how_to_give_an_entry_an_id(tmp_path):
    written(tmp_path / "resume.json",
            '{"basics": {"name": "Sam"}, "work": [{"name": "Acme", "position": "Dev", "startDate": "2020-01"}]}\n')
    path = written(tmp_path / "v.yaml", "profile: resume.json\nkeep: [acme]\n")
    assert [str(p) for p in problems_of(load_variant, None, str(path))] == [
        f"{path}:2:8: keep[0]: no entry has id 'acme' (write \"id\": \"acme\" on the JSON Resume item you mean: "
        "any work, education, projects... item may carry one)"]


# --------------------------------------------------------------------------- warnings


def test_a_declared_variant_that_empties_a_section_is_warned_at_its_rule(profile):
    assert load_variant(profile, "web").warnings == [
        f"{profile}:9:14: variants.web.select.projects: {EMPTIES_PROJECTS}"]


def test_a_variant_file_that_empties_a_section_is_warned_at_its_rule(profile, tmp_path):
    path = written(tmp_path / "v.yaml", "profile: sam.yaml\nselect: {projects: {any: [web]}}\n")
    assert load_variant(None, str(path)).warnings == [f"{path}:2:10: select.projects: {EMPTIES_PROJECTS}"]


def test_a_variant_file_given_another_profile_says_so_before_what_it_empties(profile, tmp_path):
    written(tmp_path / "other.yaml", PROFILE)
    path = written(tmp_path / "v.yaml", "profile: other.yaml\nselect: {projects: {any: [web]}}\n")
    assert load_variant(profile, str(path)).warnings == [
        f"{path}:1:10: v.yaml was written for other.yaml; it tailors {profile} here, as given",
        f"{path}:2:10: select.projects: {EMPTIES_PROJECTS}"]


def test_a_variant_file_given_another_profile_says_so_first_when_its_rules_fail(profile, tmp_path):
    """Its rules name the other profile's entries: five "no entry has id" errors, and the note
    saying why came only when there were none (trial). It comes first, as a problem, with the fix."""
    other = written(tmp_path / "other.yaml", "basics: {name: Kim Other}\nsummary: Other things.\n")
    path = written(tmp_path / "v.yaml", "profile: sam.yaml\ndrop: [web, gone]\n")
    with pytest.raises(UserError) as caught:
        load_variant(other, str(path))
    assert [str(problem) for problem in caught.value.problems][0] == (
        f"{path}:1:10: profile: v.yaml was written for sam.yaml, not for {other}: the entries it names are that "
        f"profile's (leave out {other} to tailor sam.yaml, or write a variant for {other}: resume-builder tailor "
        f"{other} --job POSTING --write-variant FILE)")
    assert len(caught.value.problems) == 3 and "no entry has id 'web'" in str(caught.value.problems[1])


def test_a_variant_file_given_its_own_profile_however_written_warns_of_nothing_else(profile, tmp_path, monkeypatch):
    (tmp_path / "apps").mkdir()
    path = written(tmp_path / "apps" / "v.yaml", "profile: ../sam.yaml\nmax_pages: 1\n")
    monkeypatch.chdir(tmp_path / "apps")
    assert load_variant(Path("../sam.yaml"), str(path)).warnings == []
    assert load_variant(profile, "v.yaml").warnings == []


# --------------------------------------------------------------------------- unknown variant names


def test_an_unknown_variant_from_the_command_line_is_the_command_lines_mistake(profile):
    problem, = problems_of(load_variant, profile, "zzzzzz")
    assert problem == Problem("the profile has no variant 'zzzzzz'", Location(str(profile), 7, 1), "variants",
                              "variants here: web, short", from_command_line=True)


def test_an_unknown_variant_named_in_a_file_lists_the_profiles_variants_there(profile):
    letter = Location("letter.yaml", 2, 10)
    assert problems_of(load_variant, profile, "zzzzzz", named_at=letter) == [
        Problem(f"{profile} has no variant 'zzzzzz'", letter, "variant", f"variants of {profile}: web, short")]
    assert problems_of(load_variant, profile, "wbe", named_at=letter)[0].hint == "did you mean 'web'?"


def test_an_unknown_variant_named_in_a_file_of_a_profile_without_variants(tmp_path):
    plain = written(tmp_path / "plain.yaml", "basics:\n  name: Sam Sample\n")
    letter = Location("letter.yaml", 2, 10)
    assert problems_of(load_variant, plain, "web", named_at=letter) == [
        Problem(f"{plain} has no variant 'web'", letter, "variant", f"{plain} declares no variants")]


@pytest.mark.parametrize("value, words", [
    ("101", "101 pages is more than a page budget may be (100 pages); give 1 to 100"),
    ("99999999999999999999", "99999999999999999999 pages is more than a page budget may be (100 pages); give 1 to 100"),
    ("0", "0 pages is fewer than a page budget may be (1 page); give 1 to 100"),
])
def test_a_page_budget_beyond_what_max_pages_takes_is_refused_at_its_place(tmp_path, monkeypatch, value, words):
    """A variant's ``max_pages: 101`` (in the profile's variants, or a variant file) was taken,
    while ``--max-pages`` and a build target's ``max_pages`` take 1 to 100; ``tailor`` then
    printed a ``render --max-pages 101`` the command line refuses (trial). A letter's too."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    monkeypatch.chdir(tmp_path)
    written(tmp_path / "sam.yaml", PROFILE.replace("max_pages: 1", f"max_pages: {value}"))
    written(tmp_path / "v.yaml", f"profile: ok.yaml\nmax_pages: {value}\n")
    written(tmp_path / "ok.yaml", PROFILE + "letters:\n  hi:\n    body: Hello.\n")
    written(tmp_path / "l.yaml", f"profile: ok.yaml\nbody: Hello.\nmax_pages: {value}\n")
    runner = CliRunner()
    for command, where in ((["validate", "--strict", "sam.yaml"], "sam.yaml:11:16: variants.short.max_pages"),
                           (["render", "sam.yaml", "-V", "short", "-f", "txt", "--out-dir", "out"],
                            "sam.yaml:11:16: variants.short.max_pages"),
                           (["render", "ok.yaml", "-V", "v.yaml", "-f", "txt", "--out-dir", "out"],
                            "v.yaml:2:12: max_pages"),
                           (["letter", "-L", "l.yaml", "-f", "txt", "--out-dir", "out"], "l.yaml:3:12: max_pages")):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, (command, result.output)
        assert result.output.startswith(f"error: {where}: {words}"), (command, result.output)
        assert "Traceback" not in result.output and not (tmp_path / "out").exists()
