"""Finding, loading and validating themes: discovery order, extends, options."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from resume_builder import theming
from resume_builder.errors import UserError
from resume_builder.pipeline import parse_option_overrides
from resume_builder.theming import (
    ThemeFinder,
    ThemeOptions,
    builtin_themes_folder,
    find_theme,
)
from tests.conftest import FakeEntryPoint, FIXTURES, REPO

FIXTURE_THEMES = FIXTURES / "themes"




def make_theme(folder: Path, name: str, marker: str = "", **manifest) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f'name = "{name}"', f'description = "{marker or name}"']
    for key, value in manifest.items():
        lines.append(f"{key} = {value!r}".replace("'", '"'))
    (folder / "theme.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def no_entry_points(monkeypatch):
    monkeypatch.setattr(theming, "_entry_points", dict)


@pytest.fixture
def isolated(tmp_path, monkeypatch, no_entry_points):
    """An empty working directory and no installed theme packages."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd


# ----------------------------------------------------------------------------- discovery


def test_builtin_classic_is_found(isolated):
    theme = find_theme(None)
    assert theme.name == "classic"
    assert theme.source == "built-in"
    assert theme.folder == (builtin_themes_folder() / "classic").resolve()
    assert (theme.folder / "theme.toml").is_file()


def test_discovery_order(tmp_path, monkeypatch, isolated):
    """--theme-dir beats ./themes/<name> beats entry points beats built-in; but a ./themes/<name>
    with an installed or built-in theme's name is used only by path (issue 12, item 3)."""
    entry = make_theme(tmp_path / "ep" / "classic", "classic", "from entry point")
    monkeypatch.setattr(theming, "_entry_points", lambda: {"classic": FakeEntryPoint("classic", entry)})
    assert find_theme("classic").description == "from entry point"
    assert find_theme("classic").source.startswith("entry point")

    make_theme(isolated / "themes" / "classic", "classic", "from ./themes")
    assert find_theme("classic").description == "from entry point"
    assert find_theme("classic", theme_dir=isolated / "themes" / "classic").description == "from ./themes"
    make_theme(isolated / "themes" / "mine", "mine", "mine from ./themes")
    assert find_theme("mine").description == "mine from ./themes"

    direct = make_theme(tmp_path / "direct", "classic", "from --theme-dir")
    theme = find_theme("classic", theme_dir=direct)
    assert theme.description == "from --theme-dir"
    assert theme.source == "--theme-dir"
    assert find_theme(None, theme_dir=direct).description == "from --theme-dir"

    monkeypatch.setattr(theming, "_entry_points", dict)
    shutil.rmtree(isolated / "themes")
    assert find_theme("classic").source == "built-in"


def test_themes_beside_the_profile_are_found(tmp_path, isolated):
    profile_folder = tmp_path / "cv"
    make_theme(profile_folder / "themes" / "mine", "mine", "beside the profile")
    assert find_theme("mine", profile_folder=profile_folder).description == "beside the profile"
    with pytest.raises(UserError):
        find_theme("mine")
    make_theme(isolated / "themes" / "mine", "mine", "in the working directory")
    assert find_theme("mine", profile_folder=profile_folder).description == "in the working directory"


def test_entry_point_naming_a_package(tmp_path, monkeypatch, isolated):
    """An entry point may name a package: its folder is the theme."""
    folder = make_theme(tmp_path / "pkg" / "shiny", "shiny")

    class Package:
        __path__ = (str(folder),)

    class EP:
        name, value = "shiny", "shiny_theme"

        @staticmethod
        def load():
            return Package

    monkeypatch.setattr(theming, "_entry_points", lambda: {"shiny": EP()})
    assert find_theme("shiny").folder == folder.resolve()
    names = [name for name, _, _ in ThemeFinder(search_dirs=[isolated]).available()]
    assert "shiny" in names and "classic" in names


def test_fixture_themes_found_through_the_working_directory(monkeypatch, no_entry_points):
    monkeypatch.chdir(FIXTURES)
    theme = find_theme("child")
    assert theme.source.endswith("themes")
    assert theme.folder == (FIXTURE_THEMES / "child").resolve()


def test_unknown_theme_lists_available_with_did_you_mean(isolated):
    with pytest.raises(UserError) as info:
        find_theme("clasic")
    message = str(info.value)
    assert "no theme named 'clasic'" in message
    assert "did you mean 'classic'?" in message
    assert "available:" in message and "classic" in message.split("available:")[1]


def test_unknown_theme_without_close_match_still_lists(isolated):
    with pytest.raises(UserError) as info:
        find_theme("zzzzzz")
    assert "did you mean" not in str(info.value)
    assert "available: " in str(info.value)


def test_theme_dir_without_manifest_is_an_error(tmp_path, isolated):
    with pytest.raises(UserError, match="theme.toml is missing"):
        find_theme(None, theme_dir=tmp_path)


def test_manifest_errors_are_located(tmp_path, isolated):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "theme.toml").write_text('name = "broken"\ndescription = "x\n', encoding="utf-8")
    with pytest.raises(UserError) as info:
        find_theme(None, theme_dir=folder)
    assert f"{folder / 'theme.toml'}:2:" in str(info.value)
    (folder / "theme.toml").write_text('name = "broken"\nextend = "classic"\n', encoding="utf-8")
    with pytest.raises(UserError, match="did you mean 'extends'"):
        find_theme(None, theme_dir=folder)


def test_wrong_api_version_is_an_error(tmp_path, isolated):
    folder = make_theme(tmp_path / "future", "future", api_version=99)
    with pytest.raises(UserError, match="api_version 99"):
        find_theme(None, theme_dir=folder)


# ----------------------------------------------------------------------------- extends


def test_child_inherits_templates_fonts_and_options(no_entry_points, isolated):
    child = find_theme(None, theme_dir=FIXTURE_THEMES / "child")
    classic = find_theme("classic")
    assert child.name == "child"
    assert child.folders == [(FIXTURE_THEMES / "child").resolve(), *classic.folders]
    assert [f.family for f in child.fonts] == [f.family for f in classic.fonts]
    defaults = child.default_options
    assert defaults["accent_color"] == "#0b6e4f"  # overridden
    for key, value in classic.default_options.items():
        if key != "accent_color":
            assert defaults[key] == value, key  # inherited
    options = child.options()
    assert options.accent_color == "#0b6e4f"
    assert options.font_size == classic.options().font_size


def test_child_stylesheet_wins_and_parent_templates_are_used(no_entry_points, isolated):
    from resume_builder.pipeline import prepare
    from resume_builder.render.html import render_html
    from tests.conftest import EXAMPLE

    job = prepare(EXAMPLE, theme_dir=FIXTURE_THEMES / "child")
    assert job.theme.name == "child"
    markup = render_html(job.document, job.theme, job.options, embed_fonts=False)
    assert "child-theme-stylesheet" in markup
    assert "#0b6e4f" in markup
    assert 'class="masthead"' in markup  # classic's header template
    assert not (FIXTURE_THEMES / "child" / "templates" / "header.html.j2").exists()


def test_child_renders_to_pdf(no_entry_points, isolated, tmp_path):
    from resume_builder.pipeline import prepare
    from resume_builder.render.pdf import render_pdf

    job = prepare(FIXTURES / "profiles" / "one_page.yaml", theme_dir=FIXTURE_THEMES / "child")
    result = render_pdf(job.document, job.theme, job.options, profile_folder=job.profile_folder)
    assert result.data.startswith(b"%PDF") and result.warnings == []


@pytest.mark.parametrize("start", ["cycle-a", "cycle-b", "self-loop"])
def test_extends_cycles_are_errors(start, monkeypatch, no_entry_points):
    monkeypatch.chdir(FIXTURES)
    with pytest.raises(UserError, match="extends itself"):
        find_theme(start)


def test_cycle_through_theme_dir_is_an_error(no_entry_points, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    with pytest.raises(UserError, match="extends itself"):
        find_theme(None, theme_dir=FIXTURE_THEMES / "cycle-a")


def test_extending_a_missing_theme_is_an_error(tmp_path, isolated):
    folder = make_theme(tmp_path / "orphan", "orphan", extends="nowhere")
    with pytest.raises(UserError, match="extends 'nowhere', which cannot be found"):
        find_theme(None, theme_dir=folder)


def test_a_theme_may_extend_a_theme_of_the_same_name(tmp_path, isolated):
    """A ./themes/classic that extends classic gets the built-in one as parent, not itself."""
    local = make_theme(isolated / "themes" / "classic", "classic", "local classic", extends="classic")
    (local / "templates").mkdir()
    theme = find_theme("classic", theme_dir=local)
    assert theme.folders[0] == local.resolve()
    assert theme.folders[1] == (builtin_themes_folder() / "classic").resolve()


# ----------------------------------------------------------------------------- options


@pytest.fixture
def classic(isolated):
    return find_theme("classic")


def test_defaults_validate(classic):
    options = classic.options()
    assert isinstance(options, ThemeOptions)
    assert options.font_family == classic.fonts[0].family


@pytest.mark.parametrize("value", ["blue", "#12345", "#ggg000", "1f3a5f", "#1f3a5f; } body { x: y"])
def test_bad_hex_colour(classic, value):
    with pytest.raises(UserError, match="is not a hex colour"):
        classic.options({"accent_color": value})


def test_hex_colours_are_normalised(classic):
    assert classic.options({"accent_color": " #ABCDEF "}).accent_color == "#abcdef"
    assert classic.options({"text_color": "#FFF"}).text_color == "#fff"


def test_unknown_option_with_did_you_mean(classic):
    with pytest.raises(UserError) as info:
        classic.options({"accent_colour": "#000000"})
    assert "unknown theme option 'accent_colour'" in str(info.value)
    assert "did you mean 'accent_color'?" in str(info.value)


def test_unknown_option_without_close_match_lists_options(classic):
    with pytest.raises(UserError) as info:
        classic.options({"zzz": 1})
    assert "options: accent_color" in str(info.value)


def test_font_family_must_be_offered(classic):
    offered = [f.family for f in classic.fonts]
    assert classic.options({"font_family": offered[-1]}).font_family == offered[-1]
    with pytest.raises(UserError) as info:
        classic.options({"font_family": "Comic Sans MS"})
    assert "has no font family 'Comic Sans MS'" in str(info.value)
    assert "choose one of: " + ", ".join(offered) in str(info.value)
    with pytest.raises(UserError, match="did you mean"):
        classic.options({"font_family": offered[0].lower()})


@pytest.mark.parametrize("key,value", [("font_size", 3), ("font_size", 40), ("margins", 100),
                                       ("page_size", "A3"), ("line_height", 0.5), ("spacing", "lots")])
def test_out_of_range_values(classic, key, value):
    with pytest.raises(UserError, match=f"theme.{key}"):
        classic.options({key: value})


def test_all_problems_are_reported_at_once(classic):
    with pytest.raises(UserError) as info:
        classic.options({"accent_color": "red", "font_size": 99, "colour": 1})
    assert len(info.value.problems) == 3


def test_profile_theme_block_errors_carry_file_line_col(no_entry_points):
    from resume_builder.pipeline import prepare

    path = FIXTURES / "profiles" / "bad_theme_options.yaml"
    with pytest.raises(UserError) as info:
        prepare(path)
    message = str(info.value)
    assert f"{path}:7:17: theme.accent_color: 'bleu' is not a hex colour" in message


def test_profile_theme_block_unknown_option_is_located(tmp_path, no_entry_points):
    from resume_builder.pipeline import prepare

    path = tmp_path / "p.yaml"
    path.write_text("basics:\n  name: X\ntheme:\n  name: classic\n  font_sise: 10\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        prepare(path)
    assert f"{path}:5:" in str(info.value)
    assert "did you mean 'font_size'?" in str(info.value)


def test_command_line_options_are_not_located_in_the_profile(tmp_path, no_entry_points):
    from resume_builder.pipeline import prepare

    path = tmp_path / "p.yaml"
    path.write_text("basics:\n  name: X\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        prepare(path, overrides={"accent_color": "nope"})
    assert str(path) not in str(info.value)
    assert "-O accent_color" in str(info.value)  # named as the user gave it


def test_command_line_beats_profile_beats_theme(tmp_path, no_entry_points):
    from resume_builder.pipeline import prepare

    path = tmp_path / "p.yaml"
    path.write_text("basics:\n  name: X\ntheme:\n  accent_color: '#111111'\n  font_size: 11\n", encoding="utf-8")
    job = prepare(path, overrides={"font_size": 12})
    assert job.options.accent_color == "#111111"
    assert job.options.font_size == 12
    assert job.options.margins == find_theme("classic").options().margins


# ----------------------------------------------------------------------------- -O overrides


def test_option_overrides_parse_to_types():
    parsed = parse_option_overrides([
        "font_size=10.5", "margins=12", "page_numbers=false", "page_size=Letter",
        "accent_color=#0b6e4f", "section_order=skills, experience,,education", " spacing = 0.9 ",
        "font_family=Noto Sans",
    ])
    assert parsed == {
        "font_size": 10.5, "margins": 12, "page_numbers": False, "page_size": "Letter",
        "accent_color": "#0b6e4f", "section_order": ["skills", "experience", "education"], "spacing": 0.9,
        "font_family": "Noto Sans",
    }
    assert isinstance(parsed["margins"], int)


@pytest.mark.parametrize("value,expected", [("true", True), ("yes", True), ("False", False), ("no", False)])
def test_option_override_booleans(value, expected):
    assert parse_option_overrides([f"page_numbers={value}"]) == {"page_numbers": expected}


@pytest.mark.parametrize("pair", ["font_size", "=10", "  =x"])
def test_malformed_option_overrides(pair):
    with pytest.raises(UserError, match="must look like KEY=VALUE"):
        parse_option_overrides([pair])


def test_last_override_wins_and_value_may_hold_equals():
    assert parse_option_overrides(["margins=10", "margins=20"]) == {"margins": 20}
    assert parse_option_overrides(["font_family=A=B"]) == {"font_family": "A=B"}


def test_parsed_overrides_validate_against_the_theme(classic):
    options = classic.options(parse_option_overrides(["font_size=11", "page_numbers=no", "accent_color=#abc"]))
    assert (options.font_size, options.page_numbers, options.accent_color) == (11, False, "#abc")


def test_a_theme_dir_that_is_missing_or_a_file_says_so(tmp_path):
    """Both said "theme.toml is missing: is this a theme folder?" (newcomer trial)."""
    with pytest.raises(UserError, match="nope: no such theme folder"):
        theming.find_theme(None, theme_dir=tmp_path / "nope")
    (tmp_path / "me.yaml").write_text("basics: {}\n", encoding="utf-8")
    with pytest.raises(UserError, match="me.yaml: is a file, not a theme folder"):
        theming.find_theme(None, theme_dir=tmp_path / "me.yaml")


def test_a_theme_dir_or_theme_toml_of_another_kind_says_what_it_is(tmp_path):
    """``--theme-dir FIFO`` said "is a file", and a theme.toml that is a folder, a FIFO or a
    link to nothing "theme.toml is missing" (trial)."""
    import os

    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(UserError) as info:
        theming.find_theme(None, theme_dir=tmp_path / "pipe")
    assert str(info.value) == (f"{tmp_path / 'pipe'}: is a named pipe (FIFO), not a theme folder (--theme-dir names "
                               "a folder holding theme.toml)")
    for name, make, said, hint in [
        ("folder", lambda p: p.mkdir(), "is a folder", "a theme's theme.toml is a TOML file"),
        ("fifo", os.mkfifo, "is a named pipe (FIFO)", "a theme's theme.toml is a TOML file"),
        ("dangling", lambda p: p.symlink_to("gone.toml"), "is a symbolic link to 'gone.toml', which does not exist",
         "point the link at the theme's TOML file"),
    ]:
        (tmp_path / name).mkdir()
        make(tmp_path / name / "theme.toml")
        with pytest.raises(UserError) as info:
            theming.find_theme(None, theme_dir=tmp_path / name)
        assert str(info.value) == f"{tmp_path / name / 'theme.toml'}: {said}, not a file ({hint})"


def test_a_theme_dir_that_is_a_loop_of_links_says_so(tmp_path, monkeypatch):
    """``--theme-dir a.yaml`` with a.yaml and b.yaml linking to each other ended render and
    letter in "RuntimeError: Symlink loop" from Path.resolve; ``themes`` listed it as "no such
    theme folder" (trial)."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    said = "a.yaml: is a symbolic link to 'b.yaml', which leads back to it (a loop of links), not a theme folder"
    with pytest.raises(UserError, match=re.escape(said)):
        theming.find_theme(None, theme_dir=Path("a.yaml"))
    profile = str(REPO / "profiles" / "example.yaml")
    for command in (["render", profile, "-f", "txt"], ["letter", profile, "-f", "txt"]):
        result = CliRunner().invoke(app, [*command, "--theme-dir", "a.yaml", "--out-dir", "out"])
        assert result.exit_code == 2, result.output
        assert f"error: {said}" in " ".join(result.output.split())
        assert not (tmp_path / "out").exists()
    result = CliRunner().invoke(app, ["themes", "--theme-dir", "a.yaml"])
    assert said in " ".join(result.output.split()) and "no such theme folder" not in result.output


def test_a_bad_default_in_a_themes_own_file_is_located_there(tmp_path):
    """A theme.toml's own out-of-range default was reported as ``theme.font_size`` with no
    file, which reads like the profile's ``theme:`` block (newcomer trial)."""
    from resume_builder.theming import Theme

    folder = tmp_path / "mine"
    shutil.copytree(theming.find_theme("classic").folders[0], folder)
    toml = folder / "theme.toml"
    lines = toml.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if text.startswith("font_size ="))
    lines[line - 1] = "font_size = 40"
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    theme: Theme = theming.find_theme(None, theme_dir=folder)
    with pytest.raises(UserError) as caught:
        theme.options({})
    assert f"{toml}:{line}:13: options.font_size: 40 is out of range (use a number from 7 to 14)" == str(caught.value)
    with pytest.raises(UserError, match=r"^theme.font_size: 50 is out of range"):  # the profile's value: as before
        theme.options({"font_size": 50})


@pytest.mark.parametrize("line, message", [
    ('{{ "".__class__ }}', "template error in header.html.j2: access to attribute '__class__' of 'str' object is unsafe"),
    ("{{ 1 // 0 }}", "template header.html.j2 failed: ZeroDivisionError"),
    ("{% if %}", "template error in header.html.j2: Expected an expression"),
])
def test_a_template_error_is_at_the_line_of_the_template_it_is_in(tmp_path, monkeypatch, line, message):
    """An error in an included template (header.html.j2) was said of resume.html.j2, with no line."""
    from resume_builder import pipeline

    templates = _child_theme(tmp_path)
    header = (REPO / "themes" / "classic" / "templates" / "header.html.j2").read_text(encoding="utf-8").split("\n")
    (templates / "header.html.j2").write_text("\n".join([header[0], line, *header[1:]]),
                                              encoding="utf-8")
    profile = tmp_path / "me.yaml"
    profile.write_text("basics: {name: Sam Sample, email: sam@example.com}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    job = pipeline.prepare(profile, theme_name="child")
    with pytest.raises(UserError) as info:
        pipeline.render(job, "html", tmp_path / "out.html")
    assert str(info.value).startswith(f"{templates / 'header.html.j2'}:2:")
    assert f"theme 'child': {message}" in str(info.value)


def test_a_missing_included_template_is_at_the_include(tmp_path, monkeypatch):
    """`{% include "entyr.html.j2" %}` said only that the theme has no such template (newcomer trial)."""
    from resume_builder import pipeline

    templates = _child_theme(tmp_path)
    section = (REPO / "themes" / "classic" / "templates" / "section.html.j2").read_text(encoding="utf-8")
    (templates / "section.html.j2").write_text('{% include "entyr.html.j2" %}\n' + section, encoding="utf-8")
    job = _child_job(tmp_path, monkeypatch)
    with pytest.raises(UserError) as info:
        pipeline.render(job, "html", tmp_path / "out.html")
    assert str(info.value).startswith(f"{templates / 'section.html.j2'}:1:1: theme 'child' has no template "
                                      "'entyr.html.j2' (looked in ")


def test_an_included_template_that_is_not_utf8_is_blamed_itself(tmp_path, monkeypatch):
    """A Latin-1 byte in an included template was said of the template including it."""
    from resume_builder import pipeline

    templates = _child_theme(tmp_path)
    header = (REPO / "themes" / "classic" / "templates" / "header.html.j2").read_bytes()
    (templates / "header.html.j2").write_bytes(header.replace(b"\n", b"\n{# caf\xe9 #}\n", 1))
    job = _child_job(tmp_path, monkeypatch)
    with pytest.raises(UserError) as info:
        pipeline.render(job, "html", tmp_path / "out.html")
    assert str(info.value) == f"{templates / 'header.html.j2'}:2:1: theme 'child': template error in " \
                              "header.html.j2: the file is not UTF-8 text (byte 0xe9); save it as UTF-8"


def test_extending_an_unknown_theme_is_at_its_line_with_did_you_mean(tmp_path, monkeypatch, no_entry_points):
    folder = tmp_path / "themes" / "child"
    folder.mkdir(parents=True)
    (folder / "theme.toml").write_text('name = "child"\ndescription = "x"\nextends = "clasic"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UserError) as info:
        find_theme("child")
    assert str(info.value).startswith(f"{folder.resolve() / 'theme.toml'}:3:11: extends: theme 'child' extends "
                                      "'clasic', which cannot be found (did you mean 'classic'? themes: classic, ")


def test_themes_lists_a_theme_whose_template_does_not_compile_as_broken(tmp_path, monkeypatch, no_entry_points):
    """A syntax error in section.html.j2 was listed as a fine theme (newcomer trial); the
    built-in themes, whose templates use our filters, are listed fine."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    templates = _child_theme(tmp_path)
    (templates / "section.html.j2").write_text("<p>\n{% if %}\n</p>\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["themes"])
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert f"BROKEN: {templates / 'section.html.j2'}:2: Expected an expression" in lines["child"]
    assert all("BROKEN" not in lines[name] for name in ("classic", "compact", "modern"))


def test_a_template_including_itself_is_named_with_its_line(tmp_path, monkeypatch):
    """It was said to be resume.html.j2 that recursed, with no line (newcomer trial)."""
    from resume_builder import pipeline

    templates = _child_theme(tmp_path)
    (templates / "section.html.j2").write_text('<div>\n{% include "section.html.j2" %}\n</div>\n', encoding="utf-8")
    job = _child_job(tmp_path, monkeypatch)
    with pytest.raises(UserError) as info:
        pipeline.render(job, "html", tmp_path / "out.html")
    assert str(info.value) == (f"{templates / 'section.html.j2'}:2:1: theme 'child': template section.html.j2 "
                               "nests or recurses too deeply")


def _child_theme(tmp_path: Path) -> Path:
    """./themes/child (extends classic) under ``tmp_path``; its templates folder, empty."""
    templates = tmp_path / "themes" / "child" / "templates"
    templates.mkdir(parents=True)
    (tmp_path / "themes" / "child" / "theme.toml").write_text('name = "child"\nextends = "classic"\n',
                                                              encoding="utf-8")
    return templates


def _child_job(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A small profile prepared in the theme of :func:`_child_theme`, from ``tmp_path``."""
    from resume_builder import pipeline

    profile = tmp_path / "me.yaml"
    profile.write_text("basics: {name: Sam Sample}\nsummary: Builds things.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return pipeline.prepare(profile, theme_name="child")


def test_themes_lists_a_theme_naming_a_template_it_does_not_have_as_broken(tmp_path, monkeypatch, no_entry_points):
    """A missing include was listed as a fine theme; render failed on it (newcomer trial).
    A template of the theme it extends, and an include allowed to be missing, are fine."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    templates = _child_theme(tmp_path)
    (templates / "section.html.j2").write_text(
        '{% from "macros.html.j2" import rich %}{% include "gone.html.j2" ignore missing %}\n<p>\n'
        '{% include "entyr.html.j2" %}\n</p>\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["themes"])
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert (f"BROKEN: {templates / 'section.html.j2'}:3: names the template 'entyr.html.j2', which the theme "
            "does not have") in lines["child"]
    (templates / "section.html.j2").write_text('{% from "macros.html.j2" import rich %}<p></p>\n', encoding="utf-8")
    lines = {line.split()[0]: line for line in CliRunner().invoke(app, ["themes"]).output.splitlines()}
    assert "BROKEN" not in lines["child"]


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads text and markup, not the fonts
def test_a_theme_with_its_own_macros_keeps_working_in_right_to_left(tmp_path, monkeypatch):
    """The paragraph-direction macros live in direction.html.j2, not macros.html.j2: a theme
    that replaces macros.html.j2 (with rich and bullets only, as before) still renders an
    Arabic résumé with classic's entry, section and roles templates."""
    from resume_builder import pipeline

    templates = _child_theme(tmp_path)
    (templates / "macros.html.j2").write_text(
        '{% macro rich(text) %}{% for span in text.spans %}{{ span.text }}{% endfor %}{% endmacro %}\n'
        '{% macro bullets(items) %}<ul class="bullets">{% for b in items %}<li>{{ rich(b.text) }}</li>'
        '{% endfor %}</ul>{% endmacro %}\n', encoding="utf-8")
    profile = tmp_path / "me.yaml"
    profile.write_text("lang: ar\nbasics: {name: ليلى مثال, email: layla@example.org}\n"
                       "summary: Builds **reliable** services.\n"
                       "experience:\n  - company: Globex\n    roles:\n      - position: مهندسة\n"
                       "        start: 2020-01\n        highlights: [Ran the build farm]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    job = pipeline.prepare(profile, theme_name="child")
    (html,) = pipeline.render(job, "html", tmp_path / "out.html")
    text = html.data.decode("utf-8")
    assert '<p class="summary-text" dir="ltr">' in text and "Ran the build farm" in text
