"""A spinner on a terminal, nothing extra elsewhere; tailor ends with the render command.

No timing assertions: the terminal is forced on or off, and the spinner's delay set to 0.
"""

from __future__ import annotations

import io
import json
import shlex
import shutil

import pytest

from rich.console import Console
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.progress import working
from tests.conftest import FIXTURES

runner = CliRunner()
POSTING = "Platform Engineer\n\nRequirements: Kubernetes, Terraform, Python.\n"


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=terminal, width=80, color_system=None), buffer


def test_spinner_shows_its_status_on_a_terminal():
    console, buffer = _console(True)
    with working("rendering cv.yaml", delay=0, console=console) as status:
        status("rendering cv.yaml: pdf")
    shown = buffer.getvalue()
    assert "rendering cv.yaml" in shown


def test_nothing_extra_when_not_a_terminal():
    console, buffer = _console(False)
    with working("rendering cv.yaml", delay=0, console=console) as status:
        status("rendering cv.yaml: pdf")
    assert buffer.getvalue() == ""


def test_spinner_waits_for_its_delay():
    # A block that ends before the (long) delay never draws anything, even on a terminal.
    console, buffer = _console(True)
    with working("rendering cv.yaml", delay=3600, console=console):
        pass
    assert buffer.getvalue() == ""


def test_render_output_holds_no_spinner_when_captured(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    result = runner.invoke(app, ["render", "cv.yaml", "-f", "txt"])
    assert result.exit_code == 0, result.output
    size = (tmp_path / "output" / "cv.txt").stat().st_size
    assert size < 1024  # said in bytes, not as "1 KiB" (trial: 1 byte was "1 KiB")
    assert result.output == f"wrote output/cv.txt ({size:,} bytes, theme classic)\n"


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads markup, not fonts (tests/font_stand_ins.py)
def test_tailor_ends_with_the_render_command_that_works(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    (tmp_path / "acme job.txt").write_text(POSTING, encoding="utf-8")
    text = runner.invoke(app, ["tailor", "cv.yaml", "--job", "acme job.txt"])
    assert text.exit_code == 0, text.output
    lines = text.output.rstrip("\n").splitlines()
    expected = "resume-builder render cv.yaml --max-pages 2 --job 'acme job.txt'"
    assert lines[-2:] == ["Render the résumé tailored to this posting with:", f"  {expected}"]
    data = json.loads(runner.invoke(app, ["tailor", "cv.yaml", "--job", "acme job.txt", "--json"]).stdout)
    assert data["render_command"] == expected
    # The command does what it says (as HTML here, to keep the test quick).
    args = shlex.split(expected)[1:] + ["-f", "html"]
    rendered = runner.invoke(app, args)
    assert rendered.exit_code == 0, rendered.output
    assert (tmp_path / "output" / "cv+acme-job-2pages.html").exists()


def test_tailor_with_write_variant_suggests_rendering_that_variant(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    (tmp_path / "acme.txt").write_text(POSTING, encoding="utf-8")
    result = runner.invoke(app, ["tailor", "cv.yaml", "--job", "acme.txt", "--write-variant", "acme.yaml", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["render_command"] == \
        "resume-builder render cv.yaml --variant acme.yaml --max-pages 2 --job acme.txt"
