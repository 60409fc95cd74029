"""``render --check`` checks what it rendered whatever the output's name (newcomer trial:
``-o out.PDF --check`` and ``-o xfile --check`` skipped the check, exit 0, and left the page
count out, because the check went by the lowercase extension, not the format)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()
ONE_PAGE = FIXTURES / "profiles" / "one_page.yaml"
pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")  # the check reads text, not fonts


@pytest.mark.parametrize("name, checks", [("cv.PDF", 11), ("cv", 11), ("cv.Docx", 10)])
def test_render_check_checks_any_output_name(tmp_path, name, checks):
    target = tmp_path / name
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-o", str(target), "--check", "--no-server"])
    assert result.exit_code == 0, result.output
    assert f"all {checks} checks passed" in result.stdout
    if checks == 11:
        assert f"wrote {target} (" in result.stdout and ", 1 page," in result.stdout
