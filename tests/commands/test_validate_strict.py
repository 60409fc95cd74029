"""``validate --strict``: warnings fail too, for CI jobs nobody reads the log of.

Before, a JSON Resume file with a misspelt field and a ``javascript:`` link exited 0 with
two warnings, so a CI check could not stop on them (user trial).
"""

from __future__ import annotations

from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import EXAMPLE

WARNED = ('{"basics": {"name": "Ann Example", "emial": "ann@example.com"},\n'
          ' "work": [{"name": "Acme", "position": "Dev", "startDate": "2020-01", "url": "javascript:alert(1)"}]}\n')


def test_warnings_pass_by_default_and_fail_with_strict(tmp_path):
    path = tmp_path / "resume.json"
    path.write_text(WARNED, encoding="utf-8")
    plain = CliRunner().invoke(app, ["validate", str(path)])
    assert plain.exit_code == 0 and "valid" in plain.output and plain.output.count("warning: ") == 2
    strict = CliRunner().invoke(app, ["validate", "--strict", str(path)])
    assert strict.exit_code == 2
    assert "resume.json:1:36: basics.emial: not a JSON Resume field" in strict.output
    assert "work[0].url: 'javascript:alert(1)'" in strict.output
    assert "2 warnings, which --strict counts as errors" in strict.output and "valid" not in strict.output


def test_a_profile_without_warnings_passes_strict():
    result = CliRunner().invoke(app, ["validate", "--strict", str(EXAMPLE)])
    assert result.exit_code == 0 and "valid" in result.output


def test_strict_checks_every_profile_given(tmp_path):
    path = tmp_path / "resume.json"
    path.write_text(WARNED, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--strict", str(path), str(EXAMPLE)])
    assert result.exit_code == 2
    assert "example.yaml: valid" in result.output  # the other profile is still checked and said
