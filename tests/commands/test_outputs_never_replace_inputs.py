"""An output never replaces a file the command read (newcomer trial: ``render --job job.md
-f md -o job.md`` wrote the résumé over the job posting; ``letter`` did the same)."""

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
