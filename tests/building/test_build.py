"""build: expansion, incremental skipping, manifest, failures that do not stop others."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from resume_builder.building.config import BuildConfig, expand, load_config
from resume_builder.cli import app
from resume_builder.errors import UserError
from tests.conftest import REPO

runner = CliRunner()

SMALL = """\
basics:
  name: Sam Sample
  email: sam@example.com
summary: Builds things.
experience:
  - {id: job, company: Acme, position: Engineer, start: 2020-01, tags: [web]}
  - {id: old, company: Old Co, position: Junior, start: 2015, end: 2019, tags: [legacy]}
variants:
  web:
    select: {experience: {any: [web]}}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "me.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n\n[[targets]]\nprofile = "profiles/me.yaml"\n'
        'variants = ["", "web"]\nformats = ["pdf", "md", "txt"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return tmp_path


def test_targets_expand_profiles_variants_formats(project):
    path, config = load_config(None)
    targets = expand(config, project)
    assert [t.output.name for t in targets] == ["me.pdf", "me.md", "me.txt", "me-web.pdf", "me-web.md", "me-web.txt"]


def test_star_expands_declared_variants(project):
    config = BuildConfig.model_validate({"targets": [{"profile": "profiles/me.yaml", "variants": ["*"]}]})
    assert [t.output.name for t in expand(config, project)] == ["me-web.pdf"]


def test_colliding_outputs_are_an_error(project):
    config = BuildConfig.model_validate({"targets": [{"profile": "profiles/me.yaml", "themes": ["classic", "classic"],
                                                      "name": "{profile}"}]})
    with pytest.raises(UserError, match="two targets write"):
        expand(config, project)


def test_unknown_key_in_build_file_has_did_you_mean(project):
    (project / "resume-builder.toml").write_text('[[targets]]\nprofile = "p.yaml"\nformts = ["pdf"]\n')
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    assert "did you mean 'formats'" in result.output


def test_build_then_noop_then_change(project):
    first = runner.invoke(app, ["build", "-j", "1"])
    assert first.exit_code == 0, first.output
    manifest = json.loads((project / "out" / "manifest.json").read_text())
    files = {e["file"]: e for e in manifest["files"]}
    assert set(files) == {"me.pdf", "me.md", "me.txt", "me-web.pdf", "me-web.md", "me-web.txt"}
    assert files["me.pdf"]["pages"] == 1 and len(files["me.pdf"]["sha256"]) == 64
    second = runner.invoke(app, ["build", "-j", "1"])
    assert "0 built, 6 up to date" in second.output
    profile = project / "profiles" / "me.yaml"
    profile.write_text(profile.read_text().replace("Builds things.", "Builds better things."))
    third = runner.invoke(app, ["build", "-j", "1"])
    assert "6 built, 0 up to date" in third.output


def test_only_and_clean(project):
    result = runner.invoke(app, ["build", "-j", "1", "--only", "*.md"])
    assert "2 built" in result.output
    assert not (project / "out" / "me.pdf").exists()
    result = runner.invoke(app, ["build", "-j", "1", "--clean", "--only", "me.txt"])
    assert "1 built" in result.output
    assert not (project / "out" / "me.md").exists()


def test_a_failing_target_does_not_stop_the_others(project):
    (project / "resume-builder.toml").write_text(
        'out_dir = "out"\ncheck = false\n[[targets]]\nprofile = "profiles/me.yaml"\n'
        'variants = ["", "nosuch"]\nformats = ["md"]\n', encoding="utf-8")
    result = runner.invoke(app, ["build", "-j", "1"])
    assert result.exit_code == 1
    assert (project / "out" / "me.md").exists()
    assert "failed: out/me-nosuch.md" in result.output
    manifest = json.loads((project / "out" / "manifest.json").read_text())
    assert [e["file"] for e in manifest["files"]] == ["me.md"]


def test_two_clean_builds_give_identical_manifests(project):
    assert runner.invoke(app, ["build", "-j", "2"]).exit_code == 0
    first = (project / "out" / "manifest.json").read_bytes()
    shutil.rmtree(project / "out")
    assert runner.invoke(app, ["build", "-j", "2"]).exit_code == 0
    assert (project / "out" / "manifest.json").read_bytes() == first


def test_plain_lines_when_not_a_terminal(project):
    proc = subprocess.run([sys.executable, "-m", "resume_builder", "build", "-j", "2", "--only", "*.txt"],
                          cwd=project, capture_output=True, text=True, env={**__import__("os").environ,
                                                                            "PYTHONPATH": str(REPO)})
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.startswith("built")]
    assert len(lines) == 2
