"""`resume-builder render`: formats, options, errors, and atomic writes."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder import output as output_module
from resume_builder.cli import app
from tests.conftest import EXAMPLE, FIXTURES, REPO

# About what documents say, not their fonts: font subsetting is stood in for (tests/font_stand_ins.py).
pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")

runner = CliRunner()
ONE_PAGE = FIXTURES / "profiles" / "one_page.yaml"
RAISING = FIXTURES / "themes" / "raising"


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# ----------------------------------------------------------------------------- formats


def test_default_profile_to_pdf_html_and_png(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", "--out-dir", str(out), "-f", "pdf", "-f", "html", "-f", "png"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output.lower()
    names = files_in(out)
    assert "example.pdf" in names and "example.html" in names
    pngs = [n for n in names if n.endswith(".png")]
    assert pngs and pngs[0] == "example-1.png"
    assert (out / "example.pdf").read_bytes().startswith(b"%PDF-")
    html = (out / "example.html").read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "Alex Example" in html
    for png in pngs:
        assert (out / png).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    import pypdf

    assert len(pypdf.PdfReader(out / "example.pdf").pages) == len(pngs)
    assert f"wrote {out / 'example.pdf'}" in result.output
    assert "theme classic" in result.output
    assert not [n for n in names if n.startswith(".")], "temporary files were left behind"


def test_default_out_dir_is_output_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "html"])
    assert result.exit_code == 0, result.output
    assert files_in(tmp_path / "output") == ["one_page.html"]


def test_output_file_for_one_format(tmp_path):
    target = tmp_path / "deep" / "folder" / "cv.pdf"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")
    assert "1 page" in result.output


def test_format_names_are_forgiving(tmp_path):
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", ".HTML", "-f", "html", "--out-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert files_in(tmp_path) == ["one_page.html"]


def test_output_with_two_formats_is_an_error(tmp_path):
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-o", str(tmp_path / "x.pdf"), "-f", "pdf", "-f", "html"])
    assert result.exit_code == 2
    assert "several formats" in result.output
    assert "--out-dir" in result.output
    assert files_in(tmp_path) == []


def test_unknown_format_exits_2_with_suggestion(tmp_path):
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "pdff", "--out-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown format 'pdff'" in result.output
    assert "did you mean 'pdf'?" in result.output
    assert "Traceback" not in result.output
    assert files_in(tmp_path) == []


def test_unknown_format_after_a_good_one_writes_nothing(tmp_path):
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "html", "-f", "xps", "--out-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert files_in(tmp_path) == []


def test_unknown_theme_exits_2_with_suggestion(tmp_path):
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-t", "clasic", "--out-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "no theme named 'clasic'" in result.output
    assert "did you mean 'classic'?" in result.output
    assert files_in(tmp_path) == []


def test_missing_profile_exits_2(tmp_path):
    result = runner.invoke(app, ["render", str(tmp_path / "nope.yaml"), "--out-dir", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "file not found" in result.output
    assert not (tmp_path / "o").exists()


def test_theme_options_from_the_command_line(tmp_path):
    out = tmp_path / "cv.html"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "html", "-o", str(out),
                                 "-O", "accent_color=#0B6E4F", "--option", "font_size=11"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "#0b6e4f" in html
    assert re.search(r"font-size: 11(\.0)?pt", html)


@pytest.mark.parametrize("option,message", [
    ("accent_color=teal", "is not a hex colour"),
    ("accent_colour=#000000", "did you mean 'accent_color'?"),
    ("font_family=Comic Sans", "has no font family"),
    ("font_size", "must look like KEY=VALUE"),
])
def test_bad_theme_options_exit_2(option, message, tmp_path):
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-O", option, "--out-dir", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert files_in(tmp_path) == []


def test_profile_theme_block_error_is_located(tmp_path):
    profile = FIXTURES / "profiles" / "bad_theme_options.yaml"
    result = runner.invoke(app, ["render", str(profile), "--out-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "bad_theme_options.yaml:7:17: theme.accent_color" in result.output


def test_theme_dir(tmp_path):
    out = tmp_path / "cv.html"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(FIXTURES / "themes" / "child"),
                                 "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "theme child" in result.output
    assert "child-theme-stylesheet" in out.read_text(encoding="utf-8")


def test_theme_and_theme_dir_naming_different_themes_is_an_error(tmp_path):
    out = tmp_path / "cv.html"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme", "modern",
                                 "--theme-dir", str(FIXTURES / "themes" / "child"), "-f", "html", "-o", str(out)])
    assert result.exit_code == 2
    assert "--theme 'modern' and --theme-dir" in result.output and "'child'" in result.output
    assert not out.exists()


def test_theme_and_theme_dir_naming_the_same_theme_is_fine(tmp_path):
    out = tmp_path / "cv.html"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme", "child",
                                 "--theme-dir", str(FIXTURES / "themes" / "child"), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "child-theme-stylesheet" in out.read_text(encoding="utf-8")


def test_theme_dir_wins_over_the_profiles_theme_name(tmp_path):
    """A profile saying `theme: {name: modern}` does not silently replace the folder given."""
    profile = tmp_path / "p.yaml"
    profile.write_text(ONE_PAGE.read_text(encoding="utf-8") + "\ntheme:\n  name: modern\n", encoding="utf-8")
    out = tmp_path / "cv.html"
    result = runner.invoke(app, ["render", str(profile), "--theme-dir", str(FIXTURES / "themes" / "child"),
                                 "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "theme child" in result.output
    assert "child-theme-stylesheet" in out.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- time limit


def test_timeout_stops_a_render_with_a_clear_error_and_writes_nothing(tmp_path, monkeypatch):
    """A PDF renderer that never finishes by itself: only the limit can stop it (no race)."""
    import time

    from resume_builder import formats

    def never_finishes(job, path):
        while True:
            time.sleep(0.05)

    monkeypatch.setitem(formats.RENDERERS, "pdf", never_finishes)
    profile = tmp_path / "p.yaml"
    profile.write_text("basics:\n  name: Sam Sample\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(profile), "-f", "md", "-f", "pdf", "--out-dir", str(out),
                                 "--timeout", "0.5"])
    assert result.exit_code == 2, result.output
    assert "took longer than 0.5 seconds and was stopped" in result.output and "--timeout" in result.output
    assert files_in(out) == []


@pytest.mark.parametrize("seconds", ["0.00001", "1e-6", "1e-9"])
def test_a_tiny_timeout_is_the_timeout_message_not_a_traceback(tmp_path, monkeypatch, seconds):
    """The alarm fired before the limit's ``try:`` and escaped as a bare RenderTimeout (security review)."""
    from resume_builder import formats

    def never_finishes(job, path):
        while True:
            pass

    monkeypatch.setitem(formats.RENDERERS, "txt", never_finishes)
    profile = tmp_path / "p.yaml"
    profile.write_text("basics:\n  name: Sam Sample\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(profile), "-f", "txt", "--out-dir", str(tmp_path / "out"),
                                 "--timeout", seconds, "--no-server"])
    assert result.exit_code == 2, result.output
    assert f"took longer than {float(seconds):g} seconds and was stopped" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def _commands_with(option: str) -> list[str]:
    """The names of the commands that take ``option`` (``--timeout``, ``--max-pages``)."""
    import typer

    commands = typer.main.get_command(app).commands
    return sorted(name for name, command in commands.items() if any(option in p.opts for p in command.params))


def test_every_command_with_a_timeout_is_known():
    assert _commands_with("--timeout") == ["build", "bundle", "letter", "render"]


@pytest.mark.parametrize("command", _commands_with("--timeout"))
@pytest.mark.parametrize("seconds", ["1e-400", "0.5e-400", "5e-325"])
def test_a_timeout_too_small_to_tell_from_0_is_not_taken_as_no_limit(tmp_path, monkeypatch, command, seconds):
    """``--timeout 1e-400`` reads as 0.0, which means no limit: the render ran unbounded, the
    opposite of what was written (trial), while 1e-300 stops it at once. Refused, as typed."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [command, "--timeout", seconds], env={"COLUMNS": "200"})
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert f"Invalid value for '--timeout': {seconds} seconds is too small to tell from 0, which means no " \
           "limit; give 0 for no limit, or a number of seconds such as 30" in said, said
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", _commands_with("--timeout"))
@pytest.mark.parametrize("seconds", ["inf", "1e12", "1e999", "86401"])
def test_a_timeout_past_a_day_is_a_command_line_mistake(tmp_path, monkeypatch, command, seconds):
    """``--timeout inf`` ended in "OverflowError: timestamp out of range for platform time_t" from
    setitimer (security review): refused before anything is read or written, saying 0 means no limit."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [command, "--timeout", seconds], env={"COLUMNS": "200"})
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--timeout'" in result.output and "give 0 for no limit" in result.output, result.output
    assert "more than a time limit may be (86,400 seconds, a day)" in result.output
    assert isinstance(result.exception, SystemExit) and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("seconds, words", [
    ("nan", "nan is not a number of seconds; give 0 (no limit) up to 86,400 (a day)"),
    ("-1", "-1 seconds is negative; give 0 for no limit"),
    ("1e400", "1e400 seconds is more than a time limit may be"),  # as typed, not the "inf" it reads as
    ("1_0", "must be a number of seconds, e.g. 30 or 2.5 (0: no limit), not '1_0'"),
    ("ten", "must be a number of seconds, e.g. 30 or 2.5 (0: no limit), not 'ten'"),
])
def test_a_timeout_that_is_not_a_time_limit_is_said_as_typed(tmp_path, monkeypatch, seconds, words):
    """``--timeout nan`` was refused as "must be at least 0" (click's range check, before ours),
    ``1e400`` was echoed as "inf", and ``1_0`` was read as ten seconds (trial)."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", "--timeout", seconds], env={"COLUMNS": "200"})
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '--timeout': {words}" in result.output, result.output
    assert list(tmp_path.iterdir()) == []


def test_every_command_with_a_page_budget_or_workers_is_known():
    assert _commands_with("--max-pages") == ["bundle", "check", "letter", "render", "tailor"]
    assert _commands_with("--jobs") == ["build"]


@pytest.mark.parametrize("command", _commands_with("--max-pages"))
@pytest.mark.parametrize("pages, words", [
    ("1_0", "must be a whole number of pages, e.g. 2, not '1_0'"),  # was read as 10
    ("99999999999999999999", "99999999999999999999 pages is more than a page budget may be (100 pages); give 1 to "
                             "100"),  # was accepted
    ("101", "101 pages is more than a page budget may be (100 pages); give 1 to 100"),
    ("0", "0 pages is fewer than a page budget may be (1 page); give 1 to 100"),
    ("1.5", "must be a whole number of pages, e.g. 2, not '1.5'"),
    ("\uff12", "must be a whole number of pages, e.g. 2, not '\uff12'"),  # a full-width 2: was read as 2
])
def test_a_page_budget_that_is_not_one_is_said_as_typed(tmp_path, monkeypatch, command, pages, words):
    """``--max-pages 1_0`` was a budget of 10 pages (Python's int() reads digit separators) and
    ``99999999999999999999`` was accepted (trial): refused as ``--timeout 1_0`` is, in the same words
    as a build file's ``max_pages``, before anything is read or written."""
    monkeypatch.chdir(tmp_path)
    args = [command, "cv.pdf"] if command == "check" else [command]
    result = runner.invoke(app, [*args, "--max-pages", pages], env={"COLUMNS": "200"})
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '--max-pages': {words}" in result.output, result.output
    assert isinstance(result.exception, SystemExit) and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("jobs, words", [
    ("1_0", "must be a whole number of worker processes, e.g. 4 (0: one per core), not '1_0'"),  # was read as 10
    ("99999999999999999999", "99999999999999999999 worker processes is more than a build may start (256); give "
                             "at most 256 (0: one per core)"),  # was accepted
    ("257", "257 worker processes is more than a build may start (256); give at most 256 (0: one per core)"),
    ("-1", "-1 worker processes is negative; give 0 for one per core"),
    ("nan", "must be a whole number of worker processes, e.g. 4 (0: one per core), not 'nan'"),
    ("\u0663", "must be a whole number of worker processes, e.g. 4 (0: one per core), not '\u0663'"),  # Arabic-Indic 3
])
def test_a_number_of_workers_that_is_not_one_is_said_as_typed(tmp_path, monkeypatch, jobs, words):
    """``build --jobs 1_0`` built with 10 workers and ``--jobs 99999999999999999999`` was accepted
    (trial): refused as ``--timeout 1_0`` is, in the same words as the build file's ``jobs``."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build", "--jobs", jobs], env={"COLUMNS": "200"})
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '--jobs' / '-j': {words}" in result.output, result.output
    assert isinstance(result.exception, SystemExit) and list(tmp_path.iterdir()) == []


def test_a_page_budget_of_100_pages_is_allowed(tmp_path):
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "txt", "-o", str(tmp_path / "cv.txt"),
                                 "--max-pages", "100", "--no-server"])
    assert result.exit_code == 0, result.output
    assert "page budget 100" in result.output


def test_a_timeout_of_a_day_is_allowed(tmp_path):
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "txt", "-o", str(tmp_path / "cv.txt"),
                                 "--timeout", "86400", "--no-server"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", [["validate"], ["render", "-f", "txt"]])
def test_a_binary_tag_is_refused_not_decoded(tmp_path, command):
    """``name: !!binary aGVsbG8=`` validated and rendered as "hello" (security review)."""
    profile = tmp_path / "p.yaml"
    profile.write_text("basics:\n  name: !!binary aGVsbG8=\n", encoding="utf-8")
    args = [*command[:1], str(profile), *command[1:]] + (["-o", str(tmp_path / "cv.txt"), "--no-server"]
                                                          if command[0] == "render" else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"{profile}:2:9: basics.name: YAML tag '!!binary' is not allowed" in result.output
    assert not (tmp_path / "cv.txt").exists()


# ----------------------------------------------------------------------------- atomic writes


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_failed_render_keeps_the_older_output(fmt, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    older = out / f"one_page.{fmt}"
    older.write_bytes(b"older output")
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(RAISING), "-f", fmt, "--out-dir", str(out)])
    assert result.exit_code == 2, result.output
    assert "theme 'raising'" in result.output
    assert "Traceback" not in result.output
    assert older.read_bytes() == b"older output"
    assert files_in(out) == [older.name]


def test_failure_in_one_format_writes_no_format(tmp_path):
    """HTML renders fine, the PDF is refused (a forbidden file): neither is written."""
    theme = tmp_path / "hostile"
    shutil.copytree(FIXTURES / "themes" / "hostile", theme)
    (theme / "templates" / "attack.html.j2").write_text(
        (theme / "attacks" / "file_url.html").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "one_page.html").write_text("older html", encoding="utf-8")
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(theme), "-f", "html", "-f", "pdf",
                                 "--out-dir", str(out)])
    assert result.exit_code == 2, result.output
    assert files_in(out) == ["one_page.html"]
    assert (out / "one_page.html").read_text(encoding="utf-8") == "older html"


def test_output_folder_that_is_a_file_is_a_user_error(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "html", "--out-dir", str(blocker / "sub")])
    assert result.exit_code == 2
    assert f"cannot write into {blocker / 'sub'}: {blocker} is a file, not a folder" in " ".join(result.output.split())
    assert blocker.read_text(encoding="utf-8") == "x"


def test_output_folder_that_is_a_dangling_link_is_said_to_be_one(tmp_path):
    """``--out-dir X``, X a symbolic link to a folder since removed, said X "is a file" (trial)."""
    (tmp_path / "out").symlink_to("gone", target_is_directory=True)
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "txt", "--out-dir", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"cannot write into {tmp_path / 'out'}: {tmp_path / 'out'} is a symbolic link to 'gone', which does not " \
           "exist (point the link at a folder, or choose another --out-dir (or -o))" in " ".join(result.output.split())
    assert sorted(os.listdir(tmp_path)) == ["out"] and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["render", "letter"])
def test_an_out_dir_that_cannot_hold_outputs_is_said_before_any_render(tmp_path, monkeypatch, command):
    """``--out-dir LOOP`` said the first output "leads to itself ... (point the link at a
    file ...)" after rendering it, and ``--out-dir -`` made a folder named '-' (trial): the
    folder is looked at first, and what is wrong with it said as a folder."""
    from resume_builder import pipeline

    monkeypatch.chdir(tmp_path)
    (tmp_path / "l1").symlink_to("l2")
    (tmp_path / "l2").symlink_to("l1")
    (tmp_path / "a-file").write_text("x", encoding="utf-8")

    def no_render(*args, **kwargs):
        raise AssertionError("rendered")

    monkeypatch.setattr(pipeline, "render", no_render)
    for out_dir, said in [
        ("l1", "error: l1 leads to itself through symbolic links (a loop of links); outputs are only written to "
               "regular files (point the link at a folder, or name another --out-dir (or -o))"),
        ("-", "error: --out-dir - names a folder called '-' (name a folder, or write -o - for standard output)"),
        ("a-file/out", "error: cannot write into a-file/out: a-file is a file, not a folder (choose another "
                       "--out-dir (or -o), or move that file away)"),
        ("/sys/out", "error: /sys/out is in a system folder of devices and processes; outputs are only written to "
                     "regular files (choose another --out-dir (or -o))"),
    ]:
        result = runner.invoke(app, [command, str(EXAMPLE), "-f", "txt", "--out-dir", out_dir])
        assert result.exit_code == 2, result.output
        assert " ".join(result.output.split()) == said
    assert sorted(os.listdir(tmp_path)) == ["a-file", "l1", "l2"]


def test_error_while_replacing_leaves_old_file_and_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "one_page.html").write_text("older html", encoding="utf-8")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_module.os, "replace", failing_replace)
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "html", "--out-dir", str(out)])
    assert result.exit_code == 2
    assert "No space left on device" in result.output
    assert files_in(out) == ["one_page.html"]
    assert (out / "one_page.html").read_text(encoding="utf-8") == "older html"


def test_interrupt_while_writing_leaves_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "out"

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(output_module.os, "fsync", interrupted)
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "html", "--out-dir", str(out)])
    assert result.exit_code == 130
    assert files_in(out) == []


def test_rerender_replaces_the_file(tmp_path):
    out = tmp_path / "cv.html"
    out.write_text("older", encoding="utf-8")
    out.chmod(0o600)
    result = runner.invoke(app, ["render", str(EXAMPLE), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Alex Example" in out.read_text(encoding="utf-8")
    assert files_in(tmp_path) == ["cv.html"]


def test_all_variants_renders_each_declared_variant(tmp_path):
    from typer.testing import CliRunner

    from resume_builder.cli import app

    profile = tmp_path / "me.yaml"
    profile.write_text("basics: {name: Sam Sample}\nsummary: Hello.\n"
                       "experience:\n  - {id: a, company: A, position: P, start: 2020, tags: [web]}\n"
                       "  - {id: b, company: B, position: Q, start: 2015, end: 2019, tags: [ops]}\n"
                       "variants:\n  web: {select: {experience: {any: [web]}}}\n"
                       "  ops: {select: {experience: {any: [ops]}}}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(profile), "--all-variants", "-f", "txt", "--out-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    web, ops = (tmp_path / "me-web.txt").read_text(), (tmp_path / "me-ops.txt").read_text()
    assert "A" in web and "Q — B" not in web and "Q — B" in ops
    both = CliRunner().invoke(app, ["render", str(profile), "--all-variants", "--variant", "web"])
    assert both.exit_code == 2
    none = tmp_path / "plain.yaml"
    none.write_text("basics: {name: Sam}\n", encoding="utf-8")
    assert "declares no variants" in CliRunner().invoke(app, ["render", str(none), "--all-variants"]).output


def test_missing_output_folders_are_created(tmp_path):
    out = tmp_path / "a" / "b" / "c"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "md", "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert files_in(out) == ["one_page.md"]


class _FullDisk:
    """A file handle whose writes fail as on a full disk."""

    def __init__(self, handle):
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()

    def write(self, data):
        self.handle.write(data[: len(data) // 2])  # part of it lands, then the disk is full
        raise OSError(28, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.handle, name)


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_full_disk_gives_a_clear_error_keeps_the_older_file_and_no_temporary(where, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "one_page.html").write_text("older html", encoding="utf-8")
    if where == "write":
        real_fdopen = output_module.os.fdopen
        monkeypatch.setattr(output_module.os, "fdopen", lambda fd, mode: _FullDisk(real_fdopen(fd, mode)))
    else:
        def full(fd):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(output_module.os, "fsync", full)
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "html", "--out-dir", str(out)])
    assert result.exit_code == 2, result.output
    assert "cannot write" in result.output and "No space left on device" in result.output
    assert "Traceback" not in result.output
    assert files_in(out) == ["one_page.html"]
    assert (out / "one_page.html").read_text(encoding="utf-8") == "older html"


def test_unwritable_output_folder_gives_a_clear_error(tmp_path, monkeypatch):
    import os
    import tempfile

    out = tmp_path / "out"
    out.mkdir()
    (out / "one_page.md").write_text("older", encoding="utf-8")
    if os.geteuid() != 0:  # a real read-only folder (root may write anywhere)
        out.chmod(0o555)
    else:
        def denied(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", denied)
    try:
        result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "md", "--out-dir", str(out)])
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert f"cannot write in {out}" in result.output and "Permission denied" in result.output
    assert files_in(out) == ["one_page.md"]
    assert (out / "one_page.md").read_text(encoding="utf-8") == "older"


def test_a_profile_with_nothing_to_print_is_refused(tmp_path):
    """``{"awards": []}`` read as JSON Resume (no name, no entries) rendered a blank page, exit 0,
    "wrote standard output (1 KiB ...)" for 1 byte (trial)."""
    (tmp_path / "empty.json").write_text('{"awards": []}', encoding="utf-8")
    result = runner.invoke(app, ["render", str(tmp_path / "empty.json"), "--from", "jsonresume", "-f", "txt", "-o", "-"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert " ".join(result.stderr.split()).endswith(
        f"error: {tmp_path / 'empty.json'}: the résumé would be empty: it has no name, headline, contact or section "
        "with anything in it (give basics.name and a section with entries (work, skills, projects...))")


def test_a_size_under_a_kib_is_said_in_bytes():
    from resume_builder.wording import file_size

    assert [file_size(n) for n in (1, 2, 1023, 1024, 1_500_000)] == ["1 byte", "2 bytes", "1,023 bytes", "1 KiB",
                                                                   "1,464 KiB"]
