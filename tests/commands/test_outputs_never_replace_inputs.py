"""An output never replaces a file the command read (newcomer trial: ``render --job job.md
-f md -o job.md`` wrote the résumé over the job posting; ``letter`` did the same; ``render -f
png -o face.png`` wrote its first page, ``face-1.png``, over the photo of that name, and
``letter`` over its signature image)."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import FIXTURES, brief_example

runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    brief_example(tmp_path)
    shutil.copy(FIXTURES / "postings" / "backend-en.md", tmp_path / "job.md")
    return tmp_path


@pytest.mark.parametrize("command", [["render", "example.yaml", "--max-pages", "2"], ["letter", "example.yaml"]])
def test_the_job_posting_read_is_never_written_over(project, command):
    before = (project / "job.md").read_bytes()
    result = runner.invoke(app, [*command, "--job", "job.md", "-f", "md", "-o", "job.md"])
    assert result.exit_code == 2, result.output
    assert "job.md is the file being read" in result.output and "Traceback" not in result.output
    assert "page budget" not in result.output and "warning" not in result.output  # refused before any work
    assert (project / "job.md").read_bytes() == before


PHOTO_AND_SIGNATURE = """\
basics:
  name: Sam Sample
  photo: face-1.png
summary: Builds things.
letters:
  hi:
    body: ["Hello."]
    signature: {image: sig-1.png}
"""


@pytest.mark.parametrize("command, image", [(["render", "me.yaml", "--no-server"], "face-1.png"),
                                            (["letter", "me.yaml"], "face-1.png"),
                                            (["letter", "me.yaml"], "sig-1.png")])
def test_the_photo_and_the_signature_read_are_never_written_over(tmp_path, monkeypatch, command, image):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "me.yaml").write_text(PHOTO_AND_SIGNATURE, encoding="utf-8")
    for name in ("face-1.png", "sig-1.png"):
        shutil.copy(FIXTURES / "profiles" / "photo.png", tmp_path / name)
    before = (tmp_path / image).read_bytes()
    result = runner.invoke(app, [*command, "-f", "png", "-o", image.replace("-1", "")])
    assert result.exit_code == 2, result.output
    assert f"{image} is the file being read" in result.output and "Traceback" not in result.output
    assert (tmp_path / image).read_bytes() == before
