"""A blank name (the only required field, which importers leave empty for the user to fill
in) loads, with a warning at its place, so validate and render say the résumé has no name
at its head instead of writing a blank page in silence (newcomer trial)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.loading import load_profile

runner = CliRunner()


@pytest.mark.parametrize("name", ['""', '"   "', "''"])
def test_a_blank_name_is_warned_about_where_it_is_written(tmp_path, name):
    profile = tmp_path / "cv.yaml"
    profile.write_text(f"basics:\n  email: jo@example.com\n  name: {name}\n", encoding="utf-8")
    loaded = load_profile(profile)
    assert [w for w in loaded.warnings if "basics.name is empty" in w] == \
        [f"{profile}:3:9: basics.name is empty: the résumé has no name at its head (write your name there)"]
    for command in (["validate", str(profile)], ["render", str(profile), "-f", "txt", "-o", "-"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0 and "basics.name is empty" in result.output, (command, result.output)


def test_a_name_gives_no_such_warning(tmp_path):
    profile = tmp_path / "cv.yaml"
    profile.write_text("basics:\n  name: Jo Tester\n", encoding="utf-8")
    assert not [w for w in load_profile(profile).warnings if "basics.name" in w]
