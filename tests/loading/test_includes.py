"""A profile split over files: ``{include: FILE}`` (issue 18), friendly and hostile."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.errors import UserError
from resume_builder.limits import MAX_INCLUDE_DEPTH, MAX_LIST_ITEMS
from resume_builder.loading import profile_loader
from resume_builder.loading.includes import included_files
from resume_builder.loading.profile_loader import load_profile
from resume_builder.schema.json_schema import profile_schema

runner = CliRunner()

MAIN = """\
basics:
  name: Ann Example
  email: ann@example.com
experience:
  - {include: parts/jobs.yaml}
  - company: Beta Works
    position: Developer
    start: 2015-02
projects: {include: parts/projects.yaml}
"""
JOBS = """\
- company: Acme
  position: Engineer
  start: 2020-01
- company: Gamma
  position: Lead
  start: 2018-03
"""
PROJECTS = "- name: Lantern\n  description: A lamp for the terminal\n"


@pytest.fixture
def tree(tmp_path):
    """A profile folder (``cv/``) with parts, and a secret file beside it (outside the tree)."""
    cv = tmp_path / "cv"
    (cv / "parts").mkdir(parents=True)
    (cv / "main.yaml").write_text(MAIN, encoding="utf-8")
    (cv / "parts" / "jobs.yaml").write_text(JOBS, encoding="utf-8")
    (cv / "parts" / "projects.yaml").write_text(PROJECTS, encoding="utf-8")
    (tmp_path / "secret.yaml").write_text("- name: SECRET-PROJECT\n", encoding="utf-8")
    profile_loader._LOADED.clear()
    return cv


def _error(path: Path) -> str:
    with pytest.raises(UserError) as caught:
        load_profile(path)
    return str(caught.value)


def _with_projects(cv: Path, target: str) -> Path:
    path = cv / "main.yaml"
    path.write_text(MAIN.replace("parts/projects.yaml", target), encoding="utf-8")
    profile_loader._LOADED.clear()
    return path


# ------------------------------------------------------------------ what includes do


def test_a_list_item_include_is_spliced_and_a_key_include_is_the_value(tree):
    loaded = load_profile(tree / "main.yaml")
    assert [job.company for job in loaded.profile.experience] == ["Acme", "Gamma", "Beta Works"]
    assert [project.name for project in loaded.profile.projects] == ["Lantern"]
    assert set(loaded.included) == {(tree / "parts" / "jobs.yaml").resolve(), (tree / "parts" / "projects.yaml").resolve()}


def test_fast_and_careful_paths_read_the_same_profile(tree):
    fast = profile_loader._load_fast(tree / "main.yaml", None)
    careful = profile_loader._load_careful(tree / "main.yaml", None)
    assert fast is not None
    assert fast.profile == careful.profile and fast.included == careful.included


def test_a_mapping_file_as_a_list_item_is_one_item_and_includes_nest(tree):
    (tree / "parts" / "one-job.yaml").write_text("company: Delta\nposition: Intern\nstart: 2010\n")
    (tree / "parts" / "jobs.yaml").write_text(JOBS + "- {include: one-job.yaml}\n")  # relative to parts/
    companies = [job.company for job in load_profile(tree / "main.yaml").profile.experience]
    assert companies == ["Acme", "Gamma", "Delta", "Beta Works"]


def test_json_profiles_include_json_and_yaml(tree):
    (tree / "parts" / "basics.json").write_text(json.dumps({"name": "Jay Son", "email": "jay@example.com"}))
    (tree / "cv.json").write_text(json.dumps({"basics": {"include": "parts/basics.json"},
                                              "projects": {"include": "parts/projects.yaml"}}))
    profile = load_profile(tree / "cv.json").profile
    assert profile.basics.name == "Jay Son" and profile.projects[0].name == "Lantern"


def test_a_mistake_in_an_included_json_file_is_located_there(tree, monkeypatch):
    monkeypatch.chdir(tree)
    (tree / "parts" / "basics.json").write_text('{"name": "Jay",\n "emial": "jay@example.com"}')
    (tree / "cv.json").write_text('{"basics": {"include": "parts/basics.json"}}')
    message = _error(Path("cv.json"))
    assert message == ("parts/basics.json:2:2: basics.emial: unknown field 'emial' (did you mean 'email'?)\n"
                       "  included from cv.json:1:24")


def test_the_whole_profile_may_be_an_include(tree):
    (tree / "parts" / "whole.yaml").write_text(MAIN.replace("parts/", ""))
    (tree / "short.yaml").write_text("{include: parts/whole.yaml}\n")
    assert [p.name for p in load_profile(tree / "short.yaml").profile.projects] == ["Lantern"]
    (tree / "parts" / "whole.yaml").write_text("- just\n- a list\n")
    profile_loader._LOADED.clear()
    assert _error(tree / "short.yaml").startswith(f"{tree / 'parts' / 'whole.yaml'}:1:1: the top level must be a mapping")


def test_a_symlink_inside_the_tree_is_followed(tree):
    os.symlink(tree / "parts" / "projects.yaml", tree / "parts" / "alias.yaml")
    assert load_profile(_with_projects(tree, "parts/alias.yaml")).profile.projects[0].name == "Lantern"


def test_a_mistake_in_an_included_file_is_located_there_with_the_chain(tree, monkeypatch):
    monkeypatch.chdir(tree)
    (tree / "parts" / "projects.yaml").write_text("- name: Lantern\n  descripton: typo\n")
    (tree / "parts" / "jobs.yaml").write_text(JOBS.replace("2018-03", "2018-13"))
    result = runner.invoke(app, ["validate", "main.yaml"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "parts/projects.yaml:2:3: projects[0].descripton: unknown field 'descripton' (did you mean " \
           "'description'?)\n  included from main.yaml:9:21" in result.output
    assert "parts/jobs.yaml:6:10: experience[1].start: month 13 does not exist" in result.output
    assert "included from main.yaml:5:15" in result.output


def test_a_syntax_error_in_a_nested_include_names_every_step(tree, monkeypatch):
    monkeypatch.chdir(tree)
    (tree / "parts" / "jobs.yaml").write_text("- {include: deeper/more.yaml}\n")
    (tree / "parts" / "deeper").mkdir()
    (tree / "parts" / "deeper" / "more.yaml").write_text("- company: Acme\n\tposition: x\n")
    message = _error(Path("main.yaml"))
    assert message.startswith("parts/deeper/more.yaml:2:1: YAML syntax error")
    assert message.endswith("  included from parts/jobs.yaml:1:13\n  included from main.yaml:5:15")


def test_a_non_mapping_where_a_mapping_is_wanted_is_located_in_the_included_file(tree, monkeypatch):
    monkeypatch.chdir(tree)
    (tree / "parts" / "who.yaml").write_text("- Ann\n- Example\n")
    (tree / "main.yaml").write_text(MAIN.replace("  name: Ann Example\n  email: ann@example.com\n", "")
                                    .replace("basics:\n", "basics: {include: parts/who.yaml}\n"))
    message = _error(Path("main.yaml"))
    assert message.startswith("parts/who.yaml:1:1: basics:") and "mapping" in message
    assert "included from main.yaml:1:19" in message


# ------------------------------------------------------------------ hostile includes


@pytest.mark.parametrize("target, expected", [
    ("../secret.yaml", "'../secret.yaml' is outside the profile's folder"),
    ("parts/../../secret.yaml", "'parts/../../secret.yaml' is outside the profile's folder"),
    ("{absolute}", "is an absolute path; an include is relative to the file it is written in"),
    ("https://example.com/projects.yaml", "includes are read from files only, never from the network"),
    ("file:///etc/passwd.yaml", "includes are read from files only, never from the network"),
    ("//server/share/p.yaml", "includes are read from files only, never from the network"),
    ("parts/projects.txt", "'parts/projects.txt' is not a YAML or JSON file"),
    ("parts", "'parts' is a folder, not a file (include a file in it, e.g. parts/projects.yaml)"),  # trial
    ("..", "'..' is not a YAML or JSON file"),  # a folder outside: not looked at
    ("main.yaml", "include cycle: main.yaml → main.yaml"),
    ("parts/projcts.yaml", "included file 'parts/projcts.yaml' not found (did you mean 'parts/projects.yaml'?)"),
])
def test_hostile_or_mistaken_targets_are_refused_where_written(tree, target, expected):
    target = target.replace("{absolute}", str(tree.parent / "secret.yaml"))
    message = _error(_with_projects(tree, target))
    assert message.startswith(f"{tree / 'main.yaml'}:9:21: projects.include: ")
    assert expected in message
    assert "SECRET" not in message


def test_a_missing_include_never_suggests_a_file_that_includes_it(tmp_path):
    """``include: missing.yaml`` in inc-miss.yaml suggested 'inc-miss.yaml', a cycle (newcomer trial)."""
    (tmp_path / "inc-miss.yaml").write_text("basics:\n  include: missing.yaml\n", encoding="utf-8")
    (tmp_path / "misc.yaml").write_text("name: A\n", encoding="utf-8")
    message = _error(tmp_path / "inc-miss.yaml")
    assert "included file 'missing.yaml' not found" in message
    assert "inc-miss.yaml'?" not in message
    assert "did you mean 'misc.yaml'?" in message


def test_a_missing_include_never_suggests_a_link_leading_out_of_the_profiles_folder(tmp_path):
    """``include: secrts.yaml`` suggested 'secrets.yaml', a link to a file outside the folder,
    which the include would then refuse (trial); a file inside the folder is still suggested."""
    (tmp_path / "outside.yaml").write_text("name: SECRET\n", encoding="utf-8")
    (tmp_path / "cv").mkdir()
    (tmp_path / "cv" / "secrets.yaml").symlink_to(tmp_path / "outside.yaml")
    (tmp_path / "cv" / "main.yaml").write_text("basics:\n  include: secrts.yaml\n", encoding="utf-8")
    message = _error(tmp_path / "cv" / "main.yaml")
    assert "included file 'secrts.yaml' not found" in message and "secrets.yaml" not in message
    (tmp_path / "cv" / "secret.yaml").write_text("name: A\n", encoding="utf-8")
    assert "did you mean 'secret.yaml'?" in _error(tmp_path / "cv" / "main.yaml")


def test_an_include_of_a_dangling_link_a_loop_a_folder_or_a_fifo_says_what_it_is(tree):
    """``include:`` of a symbolic link whose file is gone said "not found" beside an ``ls`` that
    lists it, and a folder "is not a file" (trial): said as the profile loader says it, where written."""
    (tree / "parts" / "gone.yaml").symlink_to("moved.yaml")
    (tree / "parts" / "a.yaml").symlink_to("b.yaml")
    (tree / "parts" / "b.yaml").symlink_to("a.yaml")
    (tree / "parts" / "old.yaml").mkdir()
    os.mkfifo(tree / "parts" / "pipe.yaml")
    site = f"{tree / 'main.yaml'}:9:21: projects.include: "
    assert _error(_with_projects(tree, "parts/gone.yaml")) == (
        f"{site}included file 'parts/gone.yaml' is a symbolic link to 'moved.yaml', which does not exist "
        "(point the link at the file, or include the file itself)")
    assert _error(_with_projects(tree, "parts/a.yaml")) == (
        f"{site}included file 'parts/a.yaml' is a symbolic link to 'b.yaml', which leads back to it (a loop of "
        "links) (point the link at the file, or include the file itself)")
    assert _error(_with_projects(tree, "parts/old.yaml")) == (
        f"{site}included file 'parts/old.yaml' is a folder (include a .yaml, .yml or .json file)")
    assert _error(_with_projects(tree, "parts/pipe.yaml")) == (
        f"{site}included file 'parts/pipe.yaml' is a named pipe (FIFO), not a regular file "
        "(include a .yaml, .yml or .json file)")


def test_outside_refusals_do_not_say_whether_the_file_exists(tree):
    there = _error(_with_projects(tree, "../secret.yaml"))
    nowhere = _error(_with_projects(tree, "../no-such-file.yaml"))
    assert there.replace("secret", "X") == nowhere.replace("no-such-file", "X")


def test_a_symlink_leaving_the_tree_is_refused(tree):
    os.symlink(tree.parent / "secret.yaml", tree / "parts" / "link.yaml")
    os.symlink(tree.parent, tree / "up")
    for target in ("parts/link.yaml", "up/secret.yaml"):
        message = _error(_with_projects(tree, target))
        assert f"'{target}' is outside the profile's folder" in message and "SECRET" not in message


def test_a_profile_reached_through_a_symlink_is_bounded_by_its_real_folder(tree):
    (tree.parent / "elsewhere").mkdir()
    os.symlink(tree / "main.yaml", tree.parent / "elsewhere" / "link.yaml")
    (tree / "main.yaml").write_text(MAIN.replace("parts/projects.yaml", "../secret.yaml"))
    assert "is outside the profile's folder" in _error(tree.parent / "elsewhere" / "link.yaml")


def test_a_cycle_through_other_files_shows_the_chain(tree):
    (tree / "parts" / "a.yaml").write_text("{include: b.yaml}\n")
    (tree / "parts" / "b.yaml").write_text("{include: a.yaml}\n")
    message = _error(_with_projects(tree, "parts/a.yaml"))
    assert "include cycle: parts/a.yaml → parts/b.yaml → parts/a.yaml" in message


def test_a_deep_chain_stops_at_the_depth_limit(tree):
    for level in range(MAX_INCLUDE_DEPTH + 2):
        (tree / "parts" / f"d{level}.yaml").write_text(f"{{include: d{level + 1}.yaml}}\n")
    message = _error(_with_projects(tree, "parts/d0.yaml"))
    assert f"includes are nested too deeply (limit {MAX_INCLUDE_DEPTH} levels" in message
    assert message.count("included from") == MAX_INCLUDE_DEPTH


def test_the_same_file_twice_is_not_a_cycle(tree):
    (tree / "main.yaml").write_text(MAIN.replace("projects: {include: parts/projects.yaml}",
                                                 "projects:\n  - {include: parts/projects.yaml}\n"
                                                 "  - {include: parts/projects.yaml}"))
    assert [p.name for p in load_profile(tree / "main.yaml").profile.projects] == ["Lantern", "Lantern"]


def test_an_alias_bomb_inside_an_include_is_stopped_and_located(tree):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"{c}: &{c} [{','.join(['*' + p] * 9)}]" for p, c in zip("abcdefg", "bcdefgh")]
    (tree / "parts" / "bomb.yaml").write_text("\n".join(levels) + "\n")
    message = _error(_with_projects(tree, "parts/bomb.yaml"))
    assert message.startswith(str(tree / "parts" / "bomb.yaml")) and "expands to more than" in message
    assert f"included from {tree / 'main.yaml'}:9:21" in message


def test_the_merged_document_keeps_the_profile_limits(tree):
    many = "".join(f"- name: P{i}\n" for i in range(MAX_LIST_ITEMS // 2 + 1))
    (tree / "parts" / "many.yaml").write_text(many)
    (tree / "main.yaml").write_text(MAIN.replace("projects: {include: parts/projects.yaml}",
                                                 "projects:\n  - {include: parts/many.yaml}\n"
                                                 "  - {include: parts/many.yaml}"))
    assert f"a list may hold at most {MAX_LIST_ITEMS:,}" in _error(tree / "main.yaml")


def test_files_and_bytes_read_with_includes_are_limited(tree, monkeypatch):
    from resume_builder.loading import includes

    monkeypatch.setattr(includes, "MAX_INCLUDED_FILES", 2)  # the profile and one more
    assert "a profile may read at most 2 files with its includes" in _error(tree / "main.yaml")
    monkeypatch.setattr(includes, "MAX_INCLUDED_FILES", 100)
    monkeypatch.setattr(includes, "MAX_INCLUDED_BYTES", len(MAIN) + len(JOBS) + 10)
    message = _error(tree / "main.yaml")
    assert message.startswith(f"{tree / 'main.yaml'}:9:21: projects.include: the profile and its included files hold")


def test_an_include_that_names_no_file_is_explained(tree):
    for target in ("", "3"):
        (tree / "main.yaml").write_text(MAIN.replace("parts/projects.yaml", repr(target) if target == "" else target))
        profile_loader._LOADED.clear()
        message = _error(tree / "main.yaml")
        assert "projects.include:" in message


# ------------------------------------------------------------------ inputs of watch and build


def test_a_changed_included_file_is_read_again_by_a_warm_process(tree):
    assert load_profile(tree / "main.yaml").profile.projects[0].name == "Lantern"
    (tree / "parts" / "projects.yaml").write_text("- name: Beacon\n")
    assert load_profile(tree / "main.yaml").profile.projects[0].name == "Beacon"


def test_build_hashes_change_with_an_included_file(tree):
    from resume_builder.building.config import Target
    from resume_builder.building.inputs import reads_digest, target_inputs, target_reads

    target = Target(profile=tree / "main.yaml", variant="", fmt="txt", theme=None, lang=None,
                    output=tree / "out" / "main.txt")

    def inputs() -> str:  # as the build hashes a target: what its render reads, then the target
        return target_inputs(target, reads_digest(target_reads(target), tree))

    first = inputs()
    assert set(included_files(tree / "main.yaml")) == set(load_profile(tree / "main.yaml").included)
    assert set(load_profile(tree / "main.yaml").included) <= set(target_reads(target).files)
    (tree / "parts" / "projects.yaml").write_text("- name: Beacon\n")
    assert inputs() != first


def test_watch_rerenders_when_an_included_file_changes(tree, monkeypatch):
    import watchfiles

    from resume_builder.watching import Watcher
    from tests.test_watching_inputs import ScriptedWatch

    (tree / "parts" / "notes.txt").write_text("x")
    changes = [tree / "parts" / "notes.txt", tree / "parts" / "projects.yaml", tree / "parts" / "jobs.yaml"]
    script = ScriptedWatch(changes)
    monkeypatch.setattr(watchfiles, "watch", script)
    messages: list[str] = []
    Watcher(tree / "main.yaml", formats=["txt"], out_dir=tree / "out", say=messages.append).run()
    assert len([m for m in messages if m.startswith("rendered")]) == 3, messages


def test_watch_rerenders_when_a_broken_included_file_is_fixed(tree, monkeypatch):
    import watchfiles

    from resume_builder.watching import Watcher
    from tests.test_watching_inputs import ScriptedWatch

    projects = tree / "parts" / "projects.yaml"
    projects.write_text("- name: Lantern\n  descripton: typo\n")

    class Fixing(ScriptedWatch):
        def __call__(self, *paths, watch_filter, **options):
            projects.write_text(PROJECTS)  # the user fixes the mistake and saves
            yield from super().__call__(*paths, watch_filter=watch_filter, **options)

    monkeypatch.setattr(watchfiles, "watch", Fixing([projects]))
    messages: list[str] = []
    Watcher(tree / "main.yaml", formats=["txt"], out_dir=tree / "out", say=messages.append).run()
    assert any("descripton" in m for m in messages)
    assert any(m.startswith("rendered") for m in messages), messages


# ------------------------------------------------------------------ the JSON Schema describes the form


def test_the_json_schema_accepts_includes_at_keys_and_list_items():
    schema = profile_schema()
    validator = jsonschema.Draft202012Validator(schema)
    good = {"basics": {"name": "A", "location": {"include": "where.yaml"}},
            "projects": {"include": "parts/projects.yaml"},
            "experience": [{"include": "jobs.json"}, {"company": "C", "position": "P"}]}
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors({"basics": {"name": "A"}, "projects": {"include": 3}}))
    assert list(validator.iter_errors({"basics": {"name": "A"}, "projects": {"include": "x.txt"}}))


@pytest.mark.parametrize("as_mapping", [False, True], ids=["list-items", "mapping-keys"])
def test_an_include_bomb_is_refused_before_it_expands(tree, as_mapping):
    """Four small files, each including the next forty times (40**3 = 64,000 items): the
    include version of an alias bomb. Each include followed counts, so it stops at the cap,
    with the file and line of the include that went over, and the CLI says so with exit 2."""
    from resume_builder.limits import MAX_INCLUDES

    for level in range(1, 4):
        inner = f"parts/f{level + 1}.yaml" if level < 3 else "parts/projects.yaml"
        target = Path(inner).name
        lines = ([f"k{i}: {{include: {target}}}" for i in range(40)] if as_mapping
                 else [f"- {{include: {target}}}" for _ in range(40)])
        (tree / "parts" / f"f{level}.yaml").write_text("\n".join(lines) + "\n")
    (tree / "main.yaml").write_text(MAIN.replace("projects: {include: parts/projects.yaml}",
                                                 "projects:\n  - {include: parts/f1.yaml}" if not as_mapping
                                                 else "projects: {include: parts/projects.yaml}\n"
                                                      "meta: {include: parts/f1.yaml}"))
    result = runner.invoke(app, ["validate", str(tree / "main.yaml")])
    assert result.exit_code == 2, result.output
    assert f"a profile may follow at most {MAX_INCLUDES:,} includes" in result.output, result.output
    assert "included from" in result.output and "Traceback" not in result.output


# ------------------------------------------------------------------ the form of an include (user trial)
#
# ``{include: b.yaml, extra: 1}`` was read as a mapping of fields: "unknown field 'include'"
# beside "'name' is required", or (in free-form ``meta``) nothing at all; ``include: 3`` and
# ``include: [a.yaml]`` were "an include names a file" without saying what was found, an empty
# ``include:`` was placed on the next line, and ``Include:`` was an unknown field with no "did
# you mean".

ALONE = "an include must be alone in its mapping"
ALONE_HINT = "or drop 'include' and write the whole value here"


@pytest.fixture
def cv(tree, monkeypatch):
    """The profile folder, as the current folder: messages name files as a user types them."""
    monkeypatch.chdir(tree)
    return tree


def _written(cv: Path, text: str, name: str = "main.yaml") -> Path:
    (cv / name).write_text(text, encoding="utf-8")
    profile_loader._LOADED.clear()
    return Path(name)


def test_an_include_beside_another_key_is_refused_at_that_key(cv):
    (cv / "b.yaml").write_text("name: Ann\nemail: ann@example.com\n", encoding="utf-8")
    _written(cv, "basics: {include: b.yaml, extra: 1}\n")
    result = runner.invoke(app, ["validate", "main.yaml"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output == (f"error: main.yaml:1:27: basics.extra: {ALONE}: 'extra' beside 'include' "
                             f"(move 'extra' into 'b.yaml', {ALONE_HINT})\n")


@pytest.mark.parametrize("item, where", [
    ("  - include: parts/projects.yaml\n    name: Extra\n", "4:5"),
    ("  - name: Extra\n    include: parts/projects.yaml\n", "3:5"),  # the other key, wherever include is
    ("  - {include: parts/projects.yaml, name: Extra}\n", "3:36"),
], ids=["include-first", "include-last", "flow"])
def test_a_list_item_include_beside_another_key_is_refused_at_that_key(cv, item, where):
    message = _error(_written(cv, "basics: {name: Ann}\nprojects:\n" + item))
    assert message == (f"main.yaml:{where}: projects[0].name: {ALONE}: 'name' beside 'include' "
                       f"(move 'name' into 'parts/projects.yaml', {ALONE_HINT})")


def test_every_other_key_is_named_and_a_json_include_too(cv):
    message = _error(_written(cv, "basics: {name: Ann}\nprojects: {include: parts/projects.yaml, a: 1, b: 2}\n"))
    assert message.startswith(f"main.yaml:2:42: projects.a: {ALONE}: 'a' and 'b' beside 'include'")
    message = _error(_written(cv, "basics: {name: Ann}\nmeta: {a: 1, include: x.yaml, b: 2, c: 3, d: 4}\n"))
    assert message.startswith(f"main.yaml:2:8: meta.a: {ALONE}: 'a', 'b', 'c' and 1 more beside 'include'")
    message = _error(_written(cv, '{"basics": {"include": "b.json", "extra": 1}}', "cv.json"))
    assert message.startswith(f"cv.json:1:34: basics.extra: {ALONE}: 'extra' beside 'include' "
                              "(move 'extra' into 'b.json'")


def test_an_include_beside_another_key_in_free_form_meta_is_refused_too(cv):
    """``meta`` takes any key, so ``{include: 3, extra: 1}`` there was kept as data, silently."""
    assert _error(_written(cv, "basics: {name: Ann}\nmeta: {include: parts/m.yaml, extra: 1}\n")).startswith(
        f"main.yaml:2:31: meta.extra: {ALONE}: 'extra' beside 'include'")


def test_an_include_beside_another_key_in_an_included_file_is_located_there_with_the_chain(cv):
    (cv / "parts" / "who.yaml").write_text("name: Ann\nlocation: {include: where.yaml, city: Oslo}\n")
    message = _error(_written(cv, "basics: {include: parts/who.yaml}\n"))
    assert message == (f"parts/who.yaml:2:33: basics.location.city: {ALONE}: 'city' beside 'include' "
                       f"(move 'city' into 'where.yaml', {ALONE_HINT})\n  included from main.yaml:1:19")


def test_include_beside_other_keys_at_the_top_of_a_file(cv):
    (cv / "parts" / "whole.yaml").write_text(MAIN.replace("parts/", ""))
    message = _error(_written(cv, "include: parts/whole.yaml\nprojects: []\n"))
    assert message == (f"main.yaml:2:1: projects: {ALONE}: 'projects' beside 'include' (a file that is an include "
                       "holds nothing else: move 'projects' into 'parts/whole.yaml', or drop 'include' and include "
                       "each part at its own key, e.g. projects: {include: parts/projects.yaml})")
    (cv / "parts" / "top.yaml").write_text("include: projects.yaml\nname: Extra\n")
    message = _error(_written(cv, "basics: {name: Ann}\nprojects:\n  - {include: parts/top.yaml}\n"))
    assert message == (f"parts/top.yaml:2:1: projects[0].name: {ALONE}: 'name' beside 'include' "
                       f"(move 'name' into 'projects.yaml', {ALONE_HINT})\n  included from main.yaml:3:15")


@pytest.mark.parametrize("written, found, where", [
    ("3", "the number 3", "2:21"),
    ("true", "true (a boolean)", "2:21"),
    ("[parts/projects.yaml]", "a list", "2:21"),
    ("{x: 1}", "a mapping", "2:21"),
    ('""', "an empty text", "2:21"),
    ('"  "', "an empty text", "2:21"),
    ("null", "nothing", "2:12"),  # nothing has no place of its own: at the key
    ("", "nothing", "2:12"),
], ids=["number", "boolean", "list", "mapping", "empty", "blank", "null", "missing"])
def test_an_include_that_names_no_file_says_what_it_found_where_written(cv, written, found, where):
    message = _error(_written(cv, f"basics: {{name: Ann}}\nprojects: {{include: {written}}}\n"))
    assert message.startswith(f"main.yaml:{where}: projects.include: an include names a file: expected a path, "
                              f"found {found} (")
    if found == "a list":
        assert "to include several, write one include per list item, e.g. - {include: parts/a.yaml}" in message


def test_an_empty_include_in_block_style_is_placed_at_its_key_not_the_next_line(cv):
    message = _error(_written(cv, "projects:\n  include:\nbasics: {name: Ann}\n"))
    assert message.startswith("main.yaml:2:3: projects.include: an include names a file: expected a path, "
                              "found nothing")


def test_a_bad_include_in_an_included_file_names_the_path_as_the_profile_reads_it(cv):
    (cv / "parts" / "who.yaml").write_text("name: Ann\nlocation:\n  include: 3\n")
    assert _error(_written(cv, "basics: {include: parts/who.yaml}\n")) == (
        "parts/who.yaml:3:12: basics.location.include: an include names a file: expected a path, found the number 3 "
        "(write a path relative to this file after 'include:', e.g. {include: parts/projects.yaml})\n"
        "  included from main.yaml:1:19")


@pytest.mark.parametrize("key", ["Include", "INCLUDE"])
def test_include_in_other_letters_says_did_you_mean(cv, key):
    message = _error(_written(cv, f"basics: {{name: Ann}}\nprojects:\n  - {{{key}: parts/projects.yaml}}\n"))
    assert message == (f"main.yaml:3:6: projects[0].{key}: unknown field '{key}' (did you mean 'include'? "
                       "keys are case-sensitive: write {include: parts/projects.yaml})")
    message = _error(_written(cv, f"{key}: parts/whole.yaml\n"))  # the whole file, too
    assert message.startswith(f"main.yaml:1:1: {key}: unknown field '{key}' (did you mean 'include'?")


def test_a_close_typo_of_include_naming_a_file_says_did_you_mean(cv):
    message = _error(_written(cv, "basics: {name: Ann}\nprojects: {includes: parts/projects.yaml}\n"))
    assert message == ("main.yaml:2:12: projects.includes: unknown field 'includes' (did you mean 'include'? "
                       "write {include: parts/projects.yaml})")


def test_free_form_meta_keeps_keys_that_are_not_an_include(cv):
    """Only a mapping meant as an include is refused: ``Include`` beside other keys and not
    naming a file, or a key like ``included`` beside others, stay free-form data."""
    meta = "meta: {Include: 3, other: 1, included: x.yaml, nested: {includes: 4}}\n"
    loaded = load_profile(_written(cv, "basics: {name: Ann}\n" + meta))
    assert loaded.profile.meta["Include"] == 3 and loaded.profile.meta["included"] == "x.yaml"


def test_included_files_stops_quietly_at_a_malformed_include(cv):
    (cv / "main.yaml").write_text(MAIN.replace("{include: parts/jobs.yaml}", "{include: parts/jobs.yaml, x: 1}"))
    assert set(included_files(cv / "main.yaml")) <= {(cv / "parts" / "projects.yaml").resolve()}
