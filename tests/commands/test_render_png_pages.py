"""Page images of an earlier render with more pages do not stay beside the new ones
(newcomer trial: after a 4-page render, a 3-page render left cv-4.png behind)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import FIXTURES, brief_example

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")


def test_a_render_with_fewer_pages_removes_the_pages_left_over(tmp_path):
    two_pages = brief_example(tmp_path)
    target = tmp_path / "out" / "cv.png"
    first = runner.invoke(app, ["render", str(two_pages), "-o", str(target), "--no-server"])
    assert first.exit_code == 0, first.output
    assert sorted(p.name for p in target.parent.iterdir()) == ["cv-1.png", "cv-2.png"]
    (target.parent / "cv-notes.png").write_bytes(b"mine")  # not a page: never touched
    (target.parent / "cv-4.png").write_bytes(b"mine")  # not next to the last page: never touched
    second = runner.invoke(app, ["render", str(FIXTURES / "profiles" / "one_page.yaml"), "-o", str(target),
                                 "--no-server"])
    assert second.exit_code == 0, second.output
    assert f"removed {target.parent / 'cv-2.png'}: a page of an earlier render, which had more pages" in second.stdout
    assert sorted(p.name for p in target.parent.iterdir()) == ["cv-1.png", "cv-4.png", "cv-notes.png"]
