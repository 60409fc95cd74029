"""`serve` ends at once (exit 2, no server) for a mistake in its own command line, which no save
can fix: a misspelt profile name kept it serving "file not found" (newcomer trial), and so did
``-O font_size=99``. A mistake inside the profile is still shown in the page until a save."""

from __future__ import annotations

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

    monkeypatch.setattr("resume_builder.serving.app.run", run)
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
])
def test_a_mistake_in_the_command_line_ends_serve_before_it_starts(project, arguments, said):
    result = runner.invoke(app, ["serve", *arguments, "--port", "0"])
    assert result.exit_code == 2, result.output
    assert " ".join(result.output.split()).startswith(said), result.output
    assert project == [] and "Traceback" not in result.output


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
