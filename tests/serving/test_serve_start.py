"""`serve` and `watch` end at once (exit 2, no server, no wait) for a mistake in their own command
line, which no save can fix: a misspelt profile name kept serve serving "file not found" (newcomer
trial), and so did ``-O font_size=99``; ``serve --out-dir FILE`` ended in a traceback and ``watch``
kept waiting for all of them (trial). A mistake inside the profile is still shown in the page
until a save."""

from __future__ import annotations

import os
import shutil

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder holding cv.yaml; starting a server in it fails the test instead of blocking."""
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    monkeypatch.chdir(tmp_path)
    started = []

    def run(preview, **_):
        started.append(preview.profile)

    def watch(watcher):
        started.append(watcher.profile)

    monkeypatch.setattr("resume_builder.serving.app.run", run)
    monkeypatch.setattr("resume_builder.watching.Watcher.run", watch)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    (tmp_path / "to-nothing").symlink_to("nowhere")
    (tmp_path / "loop-a").symlink_to("loop-b")
    (tmp_path / "loop-b").symlink_to("loop-a")
    os.mkfifo(tmp_path / "pipe")
    return started


@pytest.mark.parametrize("arguments, said", [
    (["cvv.yaml"], "error: cvv.yaml: file not found (did you mean 'cv.yaml'?; check the path"),
    (["cv.yaml", "-O", "font_size=99"], "error: -O font_size: 99 is out of range (use a number from 7 to 14)"),
    (["cv.yaml", "-O", "fontsize=10"], "error: -O fontsize: unknown theme option 'fontsize' (did you mean 'font_size'?"),
    (["cv.yaml", "-O", "font_size"], "error: option 'font_size' must look like KEY=VALUE"),
    (["cv.yaml", "--job", "postng.md"], "error: postng.md: file not found (check the path of the job posting)"),
    (["cv.yaml", "--theme", "clasic"], "error: no theme named 'clasic' (did you mean 'classic'?"),
    (["cv.yaml", "--theme-dir", "nowhere"], "error: nowhere: no such theme folder"),
    (["cv.yaml", "--variant", "nope.yaml"], "error: nope.yaml: file not found (check the path of the variant file)"),
    (["cv.yaml", "--variant", "nope"], "error: cv.yaml:"),  # at its variants: the profile declares none
    (["cv.yml"], "error: cv.yml: file not found (did you mean 'cv.yaml'?;"),
    (["cv.yaml", "--out-dir", "a-file"], "error: cannot write into a-file: a-file is a file, not a folder "
                                         "(choose another --out-dir, or move that file away)"),
    (["cv.yaml", "--out-dir", "a-file/sub"], "error: cannot write into a-file/sub: a-file is a file, not a folder"),
    (["cv.yaml", "--out-dir", "pipe"], "error: cannot write into pipe: pipe is a named pipe (FIFO), not a folder"),
    (["cv.yaml", "--out-dir", "to-nothing"], "error: cannot write into to-nothing: to-nothing is a symbolic link to "
                                             "'nowhere', which does not exist (point the link at a folder, or "
                                             "choose another --out-dir)"),
    (["cv.yaml", "--out-dir", "loop-a/sub"], "error: loop-a/sub leads to itself through symbolic links (a loop of "
                                             "links); outputs are only written to regular files (point the link "
                                             "at a folder, or name another --out-dir)"),
    (["cv.yaml", "--out-dir", "/proc/x"], "error: /proc/x is in a system folder of devices and processes"),
    (["cv.yaml", "--out-dir", "-"], "error: --out-dir - names a folder called '-' (name a folder)"),
])
@pytest.mark.parametrize("command", ["serve", "watch"])
def test_a_mistake_in_the_command_line_ends_serve_before_it_starts(project, arguments, said, command):
    if command == "watch" and "--job" in arguments:
        arguments = ["cv.yaml", "-f", "docs"]  # watch has no --job: a mistake of its own instead
        said = "error: unknown format 'docs' (did you mean 'docx'?; formats: pdf, html, png, docx, md, txt)"
    result = runner.invoke(app, [command, *arguments, *(["--port", "0"] if command == "serve" else [])])
    assert result.exit_code == 2, result.output
    assert " ".join(result.output.split()).startswith(said), result.output
    assert project == [] and "Traceback" not in result.output
    assert sorted(os.listdir()) == ["a-file", "cv.yaml", "loop-a", "loop-b", "pipe", "to-nothing"]


def test_a_mistake_inside_the_profile_still_starts_the_preview(project, tmp_path):
    """It is shown in the page, and a save fixes it: the server must be there to see that."""
    (tmp_path / "cv.yaml").write_text("basics:\n  name: A\n  emial: a@example.org\n", encoding="utf-8")
    result = runner.invoke(app, ["serve", "cv.yaml", "--port", "0", "-O", "font_size=10"])
    assert result.exit_code == 0, result.output
    assert [str(path) for path in project] == ["cv.yaml"]


def test_good_options_start_the_preview(project):
    result = runner.invoke(app, ["serve", "cv.yaml", "--port", "0", "-O", "font_size=10"])
    assert result.exit_code == 0, result.output
    assert len(project) == 1


def test_render_names_a_file_of_a_close_name_too(tmp_path):
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "example.yaml")
    result = runner.invoke(app, ["render", str(tmp_path / "exmaple.yaml"), "-f", "md", "-o", "-"])
    assert result.exit_code == 2
    assert f"did you mean '{tmp_path / 'example.yaml'}'?" in " ".join(result.output.split())


@pytest.mark.parametrize("port", ["1_0", "２", "nan", "70000", "99999999999999999999", "-1"])
def test_a_port_that_is_no_port_number_is_refused_as_typed(tmp_path, monkeypatch, port):
    """`serve --port 1_0` served on port 10 (Python's int() reads digit separators and full-width
    digits), where --jobs 1_0 and --max-pages 1_0 are refused (trial)."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["serve", "--port", port], env={"COLUMNS": "200"})
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '--port': must be a port number from 0 to 65535, e.g. 8719, not '{port}'" in \
        " ".join(result.output.split())
    assert list(tmp_path.iterdir()) == []
