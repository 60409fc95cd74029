"""``validate`` checks a profile's ``theme:`` blocks as ``render`` reads them, and a theme name
that is no theme is reported where it was written (newcomer trial: ``validate`` said valid,
then ``render`` refused the same profile, and "no theme named" had no file:line:col)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app

runner = CliRunner()
BASICS = "basics:\n  name: Ada Exemplar\n  email: ada@example.com\n"


@pytest.mark.parametrize("block, expected", [
    ("theme:\n  name: classic\n  accent_color: blue\n  font_size: 40\n",
     ["me.yaml:6:17: theme.accent_color: 'blue' is not a hex colour", "me.yaml:7:14: theme.font_size: 40 is out of range"]),
    ("theme:\n  name: nosuch\n", ["me.yaml:5:9: theme.name: no theme named 'nosuch'"]),
    ("variants:\n  web:\n    theme:\n      name: modrn\n",
     ["me.yaml:7:13: theme.name: no theme named 'modrn' (did you mean 'modern'? available: classic, compact, modern)"]),
])
def test_validate_and_render_refuse_the_same_theme_mistakes_at_their_place(tmp_path, monkeypatch, block, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "me.yaml").write_text(BASICS + block, encoding="utf-8")
    validated = runner.invoke(app, ["validate", "me.yaml"])
    rendered = runner.invoke(app, ["render", "me.yaml", "-f", "md", "-o", "me.md",
                                   *(["-V", "web"] if "variants" in block else [])])
    for result in (validated, rendered):
        assert result.exit_code == 2, result.output
        for words in expected:
            assert words in result.output
    assert not (tmp_path / "me.md").exists()


def test_a_theme_block_render_takes_is_valid(tmp_path):
    (tmp_path / "me.yaml").write_text(BASICS + "theme:\n  name: modern\n  accent_color: '#225588'\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path / "me.yaml")])
    assert result.exit_code == 0 and "valid" in result.output
