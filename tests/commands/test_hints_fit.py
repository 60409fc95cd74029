"""Each hint fits the command and the mistake (newcomer trial: a missing variant or letter file
got "run 'resume-builder init' to create a profile" (now "to write profile.yaml"); ``check --max-pages 2`` without a profile
was told "e.g. --profile profiles/example.yaml --lang de")."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import EXAMPLE

runner = CliRunner()


@pytest.mark.parametrize("arguments, kind", [
    (["render", str(EXAMPLE), "-V", "nosuch.yaml", "-f", "md"], "variant file"),
    (["letter", str(EXAMPLE), "--letter", "nope.yaml", "-f", "md"], "letter file"),
])
def test_a_missing_variant_or_letter_file_is_named_as_such(tmp_path, monkeypatch, arguments, kind):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2, result.output
    assert f"file not found (check the path of the {kind})" in result.output and "init" not in result.output


def test_a_missing_profile_still_points_at_init(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "me.yaml")])
    assert result.exit_code == 2 and "run 'resume-builder init' to write profile.yaml" in result.output


def test_with_no_profile_named_commands_read_the_one_init_wrote(tmp_path, monkeypatch):
    """`init` wrote profile.yaml, but `validate` and `render` with no profile looked only for
    profiles/example.yaml, which the hint then told them to create with init (newcomer trial)."""
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["init"]).exit_code == 0
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0 and "✓ profile.yaml: valid" in result.output, result.output
    rendered = runner.invoke(app, ["render", "-f", "md", "--no-server"])
    assert rendered.exit_code == 0 and (tmp_path / "output" / "profile.md").is_file(), rendered.output
    (tmp_path / "profiles").mkdir()  # the user's own comes before the example (in a clone of this repository)
    (tmp_path / "profiles" / "example.yaml").write_text("basics: {name: Sam Sample, email: sam@example.com}\n",
                                                        encoding="utf-8")
    assert "✓ profile.yaml: valid" in runner.invoke(app, ["validate"]).output
    (tmp_path / "profile.yaml").unlink()
    assert "✓ profiles/example.yaml: valid" in runner.invoke(app, ["validate"]).output


@pytest.mark.parametrize("options, example", [(["--max-pages", "2"], "--max-pages 2"),
                                              (["--variant", "web", "--lang", "de"], "--variant platform --lang de")])
def test_check_options_that_need_a_profile_get_an_example_of_themselves(tmp_path, options, example):
    (tmp_path / "cv.pdf").write_bytes(b"%PDF-1.7\n")
    result = runner.invoke(app, ["check", str(tmp_path / "cv.pdf"), *options])
    assert result.exit_code == 2, result.output
    assert f"e.g. --profile profiles/example.yaml {example})" in result.output
