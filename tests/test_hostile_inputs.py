"""Hostile themes and profiles (issue 12, items 1-9): each fails with exit 2, one message, no traceback.

The inputs are the folder ``tests/fixtures/hostile`` (see its README): one attack per
theme folder or profile file. Each case names the message it must give. The documents
nested 100,000 levels deep, which crashed the interpreter, run in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import REPO
from tests.hostile_world import HOSTILE, format_args, make_world

runner = CliRunner()

#: profile (relative to tests/fixtures/hostile/profiles) -> what the message must say
PROFILES = {
    "deep_flow.yaml": "deep_flow.yaml:4:73: the document is nested too deeply (limit 64 levels)",
    "deep_block.yaml": "the document is nested too deeply (limit 64 levels)",
    "deep.json": "the document is nested too deeply (limit 64 levels)",
    "impossible_day.yaml": "impossible_day.yaml:7:12: experience[0].start: day 30 does not exist in '2021-02-30': that month has 28 days (or leave the day out: 2021-02)",
    "impossible_month.yaml": "impossible_month.yaml:6:12: education[0].start: month 13 does not exist in '2021-13-01': months run from 01 to 12 (write YYYY-MM, e.g. 2021-03)",
    "huge_int.yaml": "huge_int.yaml:4:10: this number has 5,000 digits; a number may have at most 1,000",
    "huge_int.json": "huge_int.json:1:37: JSON syntax error: this number has 5,000 digits",
    "nul_in_url.yaml": "nul_in_url.yaml:4:12: basics.website: contains the control character U+0000",
    "nul_in_email.json": "basics.email: contains the control character U+0000",
    "escape_in_name.yaml": "basics.name: contains the control character U+001B",
    "del_in_profile_url.yaml": "basics.profiles[0].url: contains the control character U+007F",
    "nul_in_markdown_link.yaml": "summary: link contains the control character U+0000",
    "nul_in_photo_path.yaml": "basics.photo: contains the control character U+0000",
    "svg_giant_embedded/profile.yaml": "embedded image is 13000x13000 pixels (169 megapixels); an image may have at most 25",
    "svg_css_escape_url/profile.yaml": "refers to 'url(file:///etc/passwd)'",
    "svg_css_escape_import/profile.yaml": "is an SVG whose style imports another style sheet",
    "svg_embedded_gif/profile.yaml": "embedded image is not a PNG or JPEG image (it is GIF)",
}

#: theme (a folder of tests/fixtures/hostile/themes) -> what the message must say
THEMES = {
    "font_absolute_dir": "theme 'font_absolute_dir': the Leak font file '@OUTSIDE@/canary.txt' is outside the theme folder",
    "font_dotdot": "the Leak font file '../../outside/canary.txt' is outside the theme folder",
    "font_symlink": "the Leak font file 'fonts/leak.ttf' is outside the theme folder",
    "font_not_a_font": "'theme.toml' for Leak is not a font file",
    "font_package_dotted": "fonts[0].package: 'os.path' must be one Python package name",
    "reference_docx_outside": "[docx] reference_docx '../../outside/canary.txt' is outside the theme folder",
    "templates_symlink": "the templates folder 'templates' is outside the theme folder",
    "template_file_symlink": "links to a file outside the theme folder",
    "css_huge_font_size": "theme 'css_huge_font_size' cannot be laid out: its CSS has values far beyond a page: "
                          "font-size: 1e9px",
    "css_huge_letter_spacing": "theme 'css_huge_letter_spacing'",
    "svg_refused_fetch": "not allowed",
    "svg_file_refused_fetch": "not allowed",
    "css_file_url": "not allowed",
    "deep_toml": "theme.toml: TOML nested too deeply",
    "huge_int_toml": "theme.toml: TOML value cannot be read",
    "page_size_png": "page 1 would be 1,145,833x1,145,833 pixels as a PNG at 110 dpi",
    # checked when the theme is read, at its line of theme.toml (not only when a DOCX is made)
    "docx_huge_size": "theme.toml:5:13: docx.font_size: 1e+308 is out of range: use a number of at most 144",
    # the NUL shown as an escape, never printed raw
    "docx_control_font": "theme.toml:5:13: docx.body_font: 'Lato\\x00' must be a font family name without quotes",
    "manifest_symlink": "theme.toml: theme.toml is a symlink out of the theme folder",
}


def test_every_hostile_input_in_the_folder_has_a_case():
    profiles = {str(p.relative_to(HOSTILE / "profiles")) for p in (HOSTILE / "profiles").rglob("*")
                if p.suffix in (".yaml", ".json")}
    themes = {p.parent.name for p in (HOSTILE / "themes").glob("*/theme.toml")}
    assert profiles == set(PROFILES)
    assert themes == set(THEMES)


def _fails_cleanly(result, expected: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    assert expected in result.output, result.output
    assert len([line for line in result.output.splitlines() if line.startswith("error:")]) == 1, result.output


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_hostile_profile_fails_cleanly(name, tmp_path):
    profile = HOSTILE / "profiles" / name
    out = tmp_path / "out"
    commands = [["render", str(profile), "-f", "pdf", "-f", "html", "-f", "docx", "-f", "md", "--out-dir", str(out)]]
    if not name.startswith("svg_"):  # the photo is read when rendering
        commands.append(["validate", str(profile)])
    for command in commands:
        _fails_cleanly(runner.invoke(app, command), PROFILES[name])
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("name", sorted(THEMES))
def test_hostile_theme_fails_cleanly(name, tmp_path):
    world = make_world(tmp_path)
    result = runner.invoke(app, ["render", str(world.profile), "--theme-dir", str(world.theme(name)),
                                 *format_args(name), "--out-dir", str(world.out)])
    _fails_cleanly(result, THEMES[name].replace("@OUTSIDE@", str(world.outside)))
    assert world.canary not in result.output
    assert not world.out.exists() or not any(world.out.iterdir())


# ----------------------------------------------------------------------------- item 1: reveals nothing


@pytest.mark.parametrize("name", ["font_absolute_dir", "font_dotdot", "font_symlink", "reference_docx_outside"])
def test_the_error_for_an_outside_path_does_not_say_whether_it_exists(name, tmp_path):
    """The same message whether the outside target exists or not: a theme cannot probe the disk."""
    world = make_world(tmp_path)
    command = ["render", str(world.profile), "--theme-dir", str(world.theme(name)), "-f", "docx", "-f", "html",
               "--out-dir", str(world.out)]
    present = runner.invoke(app, command)
    (world.outside / "canary.txt").unlink()
    absent = runner.invoke(app, command)
    assert present.exit_code == absent.exit_code == 2
    assert present.output == absent.output
    assert "is outside the theme folder" in present.output
    assert "missing" not in present.output and "not found" not in present.output


def test_fonts_of_a_package_and_of_the_theme_itself_still_work(tmp_path):
    """The boundary is not a closed door: a font file inside the theme folder is used."""
    import fontpkg_lato

    world = make_world(tmp_path)
    theme = world.themes / "own_font"
    (theme / "fonts").mkdir(parents=True)
    (theme / "fonts" / "Own.ttf").write_bytes((Path(fontpkg_lato.__file__).parent / "files" / "Lato-Regular.ttf")
                                             .read_bytes())
    (theme / "theme.toml").write_text('name = "own_font"\nextends = "classic"\n[[fonts]]\nfamily = "Own"\n'
                                      'dir = "fonts"\nfiles = { regular = "Own.ttf" }\n', encoding="utf-8")
    out = world.out / "cv.html"
    result = runner.invoke(app, ["render", str(world.profile), "--theme-dir", str(theme), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert 'font-family: "Own"' in out.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- item 4: the whole engine is guarded


def test_any_engine_exception_on_theme_css_is_a_user_error(tmp_path, monkeypatch):
    """Whatever WeasyPrint raises while laying out or writing becomes one message naming the theme."""
    import weasyprint

    world = make_world(tmp_path)

    def explode(*args, **kwargs):
        raise KeyError("an engine bug on odd CSS")

    monkeypatch.setattr(weasyprint.Document, "write_pdf", explode)
    result = runner.invoke(app, ["render", str(world.profile), "-o", str(world.out / "cv.pdf")])
    _fails_cleanly(result, "theme 'classic' cannot be laid out (WeasyPrint: KeyError")


# ----------------------------------------------------------------------------- item 5: 100,000 levels


def _deep_documents(folder: Path) -> dict[str, str]:
    levels = 100_000
    files = {
        "flow.yaml": "basics: {name: Deep}\nsummary: " + "[" * levels + "]" * levels + "\n",
        "map.yaml": "basics:\n  name: Deep\nmeta:" + " {a:" * levels + " 1" + "}" * levels + "\n",
        "deep.json": '{"basics": {"name": "Deep"}, "summary": ' + "[" * levels + "]" * levels + "}\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return files


@pytest.mark.parametrize("name, command", [("flow.yaml", "validate"), ("flow.yaml", "render"),
                                           ("map.yaml", "render"), ("deep.json", "validate")])
def test_a_profile_nested_100000_levels_deep_is_an_error_not_a_crash(name, command, tmp_path):
    """libyaml's composer recursed in C and the interpreter died with SIGSEGV: run it in a child."""
    _deep_documents(tmp_path)
    args = [sys.executable, "-m", "resume_builder", command, str(tmp_path / name)]
    if command == "render":
        args += ["-f", "html", "-o", str(tmp_path / "out.html")]
    done = subprocess.run(args, capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    assert "nested too deeply (limit 64 levels)" in done.stderr
    assert "Traceback" not in done.stderr and "Fatal Python error" not in done.stderr
    assert not (tmp_path / "out.html").exists()


# ----------------------------------------------------------------------------- item 6: dates stay text


def test_valid_yaml_timestamps_still_read_as_dates(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("basics:\n  name: Pat\nexperience:\n  - company: A\n    position: B\n    start: 2021-02-28\n"
                       "    end: 2022-03-01\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(profile), "-f", "txt", "-o", str(tmp_path / "p.txt")])
    assert result.exit_code == 0, result.output
    assert "2021" in (tmp_path / "p.txt").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- item 8: a tab is still fine


def test_a_tab_in_a_one_line_field_is_shown_as_a_space(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text('basics:\n  name: "Pat\\tExample"\n', encoding="utf-8")
    result = runner.invoke(app, ["render", str(profile), "-f", "txt", "-o", str(tmp_path / "p.txt")])
    assert result.exit_code == 0, result.output
    assert "Pat Example" in (tmp_path / "p.txt").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- item 9: images a theme fetches


def test_a_theme_image_over_the_pixel_limit_is_refused_from_its_header(tmp_path):
    """A few hundred bytes of PNG claiming 169 megapixels are refused before anything decodes them."""
    from tests.hostile_world import _png

    world = make_world(tmp_path)
    big = (HOSTILE / "profiles" / "svg_giant_embedded" / "photo.svg").read_text(encoding="utf-8")
    data_url = big.split('href="', 1)[1].split('"', 1)[0]
    theme = world.themes / "big_image"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "big_image"\nextends = "classic"\n', encoding="utf-8")
    (theme / "templates" / "header.html.j2").write_text(f'<img src="{data_url}" alt=""><h1>x</h1>\n',
                                                       encoding="utf-8")
    assert _png()  # a small real image still works (tests/render/test_fetcher.py)
    result = runner.invoke(app, ["render", str(world.profile), "--theme-dir", str(theme), "-o",
                                 str(world.out / "cv.pdf")])
    _fails_cleanly(result, "13000x13000 pixels is larger than 25 megapixels")


@pytest.mark.parametrize("fmt", ["docx", "md"])
@pytest.mark.parametrize("name", ["font_absolute_dir", "font_symlink", "templates_symlink", "reference_docx_outside"])
def test_a_theme_naming_an_outside_path_fails_whatever_the_format(name, fmt, tmp_path):
    """The paths are checked when the theme is loaded, not only by the formats that read them."""
    world = make_world(tmp_path)
    out = world.out / f"cv.{fmt}"
    result = runner.invoke(app, ["render", str(world.profile), "--theme-dir", str(world.theme(name)), "-f", fmt,
                                 "-o", str(out)])
    _fails_cleanly(result, "is outside the theme folder")
    assert not out.exists()


# ----------------------------------------------------------------------------- files that are no files


#: command line (FILE: the file that is no regular file, CV: a valid profile) -> what the file is
_NAMED_FILES = [
    (["validate", "FILE"], "profile"),
    (["export", "FILE", "--to", "jsonresume", "-o", "out.json"], "profile"),
    (["tailor", "FILE", "--job", "job.md"], "profile"),
    (["render", "CV", "--job", "FILE", "--max-pages", "1", "-f", "txt", "-o", "out.txt", "--no-server"], "job posting"),
    (["tailor", "CV", "--job", "FILE"], "job posting"),
    (["render", "CV", "--variant", "FILE", "-f", "txt", "-o", "out.txt", "--no-server"], "variant file"),
    (["letter", "CV", "--letter", "FILE", "-f", "txt", "-o", "out.txt"], "letter file"),
    (["tailor", "CV", "--job", "job.md", "--keywords", "FILE"], "keywords file"),
    (["import", "FILE", "-o", "out.yaml"], "file to import"),
    (["build", "-c", "FILE"], "build file"),
    (["check", "cv.pdf", "--profile", "FILE"], "profile"),
    (["check", "FILE", "--profile", "CV"], "file to check"),
]


_REFUSALS: dict[str, dict[int, tuple[Path, Path, dict]]] = {}


def _refusals(special: str, root: Path) -> dict[int, tuple[Path, Path, dict]]:
    """For each command line of _NAMED_FILES (by index): (its folder, the file named, what it did),
    every command run with ``special`` (a FIFO or a device) in one child process with 4 GiB of
    address space (tests/cli_batch.py): a regression waits on a FIFO or reads /dev/zero there,
    not in the test worker. The timeout only keeps a hang from stalling the suite; nothing here
    is timed."""
    import json
    import resource
    import shutil

    if special in _REFUSALS:
        return _REFUSALS[special]
    suffix = {"build file": ".toml", "keywords file": ".toml", "job posting": ".md", "file to import": ".json",
              "file to check": ".pdf"}
    cases, folders = [], []
    for index, (args, kind) in enumerate(_NAMED_FILES):
        folder = root / f"case-{index}"
        folder.mkdir()
        shutil.copy(REPO / "tests" / "fixtures" / "profiles" / "one_page.yaml", folder / "cv.yaml")
        (folder / "job.md").write_text("Site Reliability Engineer\n\nWe need Linux and Terraform.\n", encoding="utf-8")
        (folder / "cv.pdf").write_bytes(b"%PDF-1.7\n")
        if special == "fifo":
            named = folder / f"special{suffix.get(kind, '.yaml')}"
            os.mkfifo(named)
        else:
            named = Path(special)
        line = [str(named) if word == "FILE" else "cv.yaml" if word == "CV" else word for word in args]
        cases.append({"args": line, "cwd": str(folder)})
        folders.append((folder, named))

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 * 1024 ** 3, resource.RLIM_INFINITY))

    done = subprocess.run([sys.executable, str(REPO / "tests" / "cli_batch.py")], input=json.dumps(cases), capture_output=True,
                          text=True, cwd=REPO, timeout=600, preexec_fn=cap,
                          env={**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr[-3000:]
    _REFUSALS[special] = {index: (*folders[index], result) for index, result in enumerate(json.loads(done.stdout))}
    return _REFUSALS[special]


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="POSIX FIFOs and /dev/zero")
@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
@pytest.mark.parametrize("args, kind", _NAMED_FILES, ids=lambda value: "-".join(value[:2]) if isinstance(value, list)
                         else value)
def test_a_named_file_that_is_a_fifo_or_a_device_is_refused_unopened(args, kind, special, tmp_path_factory):
    """``validate fifo.yaml`` waited forever for a writer, ``validate /dev/zero`` grew to gigabytes and
    ``render --job /dev/zero`` ended in a MemoryError (security review): every file named on the
    command line is refused, unread, unless it is a regular file."""
    folder, named, done = _refusals(special, tmp_path_factory.mktemp("special"))[_NAMED_FILES.index((args, kind))]
    said = "is a named pipe (FIFO), not a regular file" if special == "fifo" else "is a device, not a regular file"
    assert done["code"] == 2, (done["code"], done["stdout"][-2000:], done["stderr"][-2000:])
    if kind == "file to check":  # before the PDF and DOCX readers, in the profile loader's words
        said = f"{named}: {said}"
    assert said in done["stderr"] or said in done["stdout"], done["stderr"][-2000:]
    assert "Traceback" not in done["stderr"] and "MemoryError" not in done["stderr"]
    assert not any(folder.glob("out.*"))
