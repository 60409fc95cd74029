"""A résumé tailored on the command line (--job, --max-pages) never replaces the untailored one."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.pipeline import tailored_stem
from tests.conftest import FIXTURES

runner = CliRunner()
POSTING = "Platform Engineer\n\nRequirements: Kubernetes, Terraform, Python.\n"


def test_tailored_stem():
    from pathlib import Path

    assert tailored_stem("example", 2, Path("jobs/acme platform (v2).txt")) == "example+acme-platform-v2-2pages"
    assert tailored_stem("example", 1, Path("jobs/a+b.md")) == "example+a-b-1page"  # one '+' only
    assert tailored_stem("example-platform", None, Path("acme.md")) == "example-platform+acme"  # the variant's budget
    assert tailored_stem("example", 1, None) == "example-1page"
    assert tailored_stem("example", 3, None) == "example-3pages"
    assert tailored_stem("example", None, None) == "example"


def test_job_output_gets_its_own_name_and_is_announced(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    (tmp_path / "acme.txt").write_text(POSTING, encoding="utf-8")
    plain = runner.invoke(app, ["render", "cv.yaml", "-f", "html"])
    assert plain.exit_code == 0, plain.output
    untailored = (tmp_path / "output" / "cv.html").read_bytes()

    result = runner.invoke(app, ["render", "cv.yaml", "-f", "html", "--max-pages", "1", "--job", "acme.txt"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "cv+acme-1page.html").exists()
    assert (tmp_path / "output" / "cv.html").read_bytes() == untailored  # not overwritten
    assert "wrote output/cv+acme-1page.html" in result.output and "tailored to acme.txt" in result.output

    budget = runner.invoke(app, ["render", "cv.yaml", "-f", "html", "--max-pages", "1"])
    assert budget.exit_code == 0, budget.output
    assert "wrote output/cv-1page.html" in budget.output and "page budget 1" in budget.output
    assert (tmp_path / "output" / "cv.html").read_bytes() == untailored


def test_explicit_output_still_wins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    (tmp_path / "acme.txt").write_text(POSTING, encoding="utf-8")
    result = runner.invoke(app, ["render", "cv.yaml", "-f", "html", "--max-pages", "1", "--job", "acme.txt",
                                 "-o", "mine.html"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mine.html").exists() and not (tmp_path / "output").exists()
