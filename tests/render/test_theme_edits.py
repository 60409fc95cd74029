"""A theme file saved while the process runs (`watch`, `serve`) is used by the next render: the
templates were compiled once per process, so both kept rendering the theme as it was when they
started, and said "rendered" (newcomer trial)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from resume_builder import pipeline
from tests.conftest import FIXTURES


def _html(folder: Path) -> str:
    job = pipeline.prepare(pipeline.RenderRequest(profile=folder / "cv.yaml", theme_dir=folder / "mine"))
    return pipeline.render(job, "html", folder / "cv.html")[0].data.decode("utf-8")


def _save(path: Path, text: str) -> None:
    """Write ``text`` with a modification time surely later than the file's (one clock tick
    can hold two saves on a coarse file system)."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads text and markup, not the fonts
def test_template_and_manifest_edits_reach_the_next_render(tmp_path):
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    theme = tmp_path / "mine"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "mine"\napi_version = 1\nextends = "classic"\n'
                                      '[options]\naccent_color = "#aa0000"\n', encoding="utf-8")
    style = theme / "templates" / "style.css.j2"
    _save(style, '{% include "base.css.j2" %}\nbody { border-color: {{ options.accent_color }}; }\n')
    first = _html(tmp_path)
    assert "border-color: #aa0000" in first and "background: #ffff00" not in first

    _save(style, style.read_text(encoding="utf-8") + "body { background: #ffff00; }\n")
    second = _html(tmp_path)
    assert "background: #ffff00" in second

    manifest = theme / "theme.toml"
    _save(manifest, manifest.read_text(encoding="utf-8").replace("#aa0000", "#00aa00"))
    third = _html(tmp_path)
    assert "border-color: #00aa00" in third and "background: #ffff00" in third


def test_an_option_a_template_names_that_does_not_exist_is_said_in_a_theme_authors_words(tmp_path):
    """It said "'resume_builder.theming.ThemeOptions object' has no attribute 'acent_color'"."""
    import pytest

    from resume_builder.errors import UserError

    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    theme = tmp_path / "mine"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "mine"\nextends = "classic"\n', encoding="utf-8")
    _save(theme / "templates" / "style.css.j2",
          '{% include "base.css.j2" %}\nbody { color: {{ options.acent_color }}; }\n')
    with pytest.raises(UserError) as caught:
        _html(tmp_path)
    (problem,) = caught.value.problems
    assert problem.location.line == 2 and problem.location.file.endswith("style.css.j2")
    assert problem.message == "theme 'mine': template error in style.css.j2: options has no 'acent_color'"
    assert problem.hint == "did you mean 'accent_color'?"


def test_a_css_url_to_a_missing_file_inside_the_theme_says_it_is_not_there(tmp_path):
    """It said "asked for a resource that is not allowed: file not found", though the file was
    inside the theme folder and only missing (newcomer trial)."""
    import pytest

    from resume_builder.errors import UserError

    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    theme = tmp_path / "mine"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "mine"\nextends = "classic"\n', encoding="utf-8")
    _save(theme / "templates" / "style.css.j2", '{% include "base.css.j2" %}\n'
          '@font-face { font-family: "Gone"; src: url(fonts/missing.ttf); }\nbody { font-family: "Gone"; }\n')
    job = pipeline.prepare(pipeline.RenderRequest(profile=tmp_path / "cv.yaml", theme_dir=theme))
    with pytest.raises(UserError) as caught:
        pipeline.render(job, "pdf", tmp_path / "cv.pdf")
    (problem,) = caught.value.problems
    assert problem.message == f"the theme names a file that is not there: {theme / 'fonts' / 'missing.ttf'}"
    assert "not allowed" not in str(caught.value)
    # at its url(...) in the template (it named no file or line: trial)
    assert (problem.location.file, problem.location.line, problem.location.column) == (
        str(theme / "templates" / "style.css.j2"), 2, 44)


def test_a_css_url_the_theme_may_not_read_is_told_at_its_line(tmp_path):
    import pytest

    from resume_builder.errors import UserError

    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", tmp_path / "cv.yaml")
    theme = tmp_path / "mine"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "mine"\nextends = "classic"\n', encoding="utf-8")
    _save(theme / "templates" / "style.css.j2", '{% include "base.css.j2" %}\n\n'
          'body { background: url("file:///etc/passwd"); }\n')
    job = pipeline.prepare(pipeline.RenderRequest(profile=tmp_path / "cv.yaml", theme_dir=theme))
    with pytest.raises(UserError) as caught:
        pipeline.render(job, "pdf", tmp_path / "cv.pdf")
    (problem,) = caught.value.problems
    assert problem.message.startswith("the theme asked for a resource that is not allowed: ")
    assert (problem.location.file, problem.location.line, problem.location.column) == (
        str(theme / "templates" / "style.css.j2"), 3, 25)
