"""Of our objects a theme reads data only: pydantic's and the document model's methods are out
of reach (security review: ``options.parse_raw(..., allow_pickle=True)`` unpickled a string
the template wrote, which ran any command, and the render still said "wrote")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import DictLoader
from jinja2.exceptions import SecurityError

from resume_builder import pipeline
from resume_builder.errors import UserError
from resume_builder.render.sandbox import LimitedSandbox, render_template, theme_may_read
from resume_builder.theming import ThemeOptions
from tests.conftest import FIXTURES, REPO


def _pickle_writing(target: Path) -> str:
    """A protocol-0 pickle (plain ASCII a template can write) whose loading creates ``target``."""
    return f"c__builtin__\neval\n(S\"open({str(target)!r}, 'w').write('ran')\"\ntR."


def _render(source: str, **context) -> str:
    return render_template(LimitedSandbox(loader=DictLoader({"t": source}), autoescape=True), "t", **context)


@pytest.mark.parametrize("call", [
    'options.parse_raw(pickle, content_type="application/pickle", allow_pickle=True)',
    'options.parse_file("{target}", content_type="application/pickle", allow_pickle=True)',
    'options.model_validate_json("{{}}")',
    'options.model_copy()',
    'options.copy()',
    'options.model_dump()',
    'options.construct()',
])
def test_no_method_of_the_options_model_is_reachable(tmp_path, call):
    target = tmp_path / "ran"
    (tmp_path / "pickled").write_text(_pickle_writing(target), encoding="ascii")
    source = ("{% set pickle %}" + _pickle_writing(target) + "{% endset %}"
              "{{ " + call.format(target=tmp_path / "pickled") + " }}")
    with pytest.raises(SecurityError, match="unsafe"):
        _render(source, options=ThemeOptions())
    assert not target.exists()


def test_fields_and_properties_are_read_as_before():
    assert _render("{{ options.font_size }} {{ options.section_order | length }}",
                   options=ThemeOptions()) == "10.0 0"
    assert theme_may_read(ThemeOptions(), "accent_color") and not theme_may_read(ThemeOptions(), "parse_raw")


def test_no_method_of_the_document_model_or_of_a_path_is_reachable(tmp_path):
    from resume_builder.document import Document

    job = pipeline.prepare(FIXTURES / "profiles" / "one_page.yaml")
    assert _render("{{ doc.name }}|{{ doc.sections[0].title }}", doc=job.document).startswith(job.document.name)
    for source in ("{{ doc.text_blocks() | list }}", "{{ doc.section('summary') }}"):
        with pytest.raises(SecurityError, match="unsafe"):
            _render(source, doc=job.document)
    assert isinstance(job.document, Document)
    with pytest.raises(SecurityError, match="unsafe"):  # were a path ever handed to a theme
        _render("{{ folder.read_text() }}", folder=tmp_path)


def test_a_theme_that_unpickles_fails_with_a_message_and_runs_nothing(tmp_path):
    theme = tmp_path / "fancy"
    shutil.copytree(REPO / "themes" / "classic", theme)
    target = tmp_path / "PWNED"
    header = theme / "templates" / "header.html.j2"
    header.write_text("{%- set pickle %}" + _pickle_writing(target) + "{% endset -%}\n"
                      '{%- set _ = options.parse_raw(pickle, content_type="application/pickle", allow_pickle=True) -%}\n'
                      + header.read_text(encoding="utf-8"), encoding="utf-8")
    job = pipeline.prepare(FIXTURES / "profiles" / "one_page.yaml", theme_dir=theme)
    for fmt in ("pdf", "html", "png"):  # the formats made from the templates
        with pytest.raises(UserError) as error:
            pipeline.render(job, fmt, tmp_path / f"cv.{fmt}")
        assert "a theme may not use 'parse_raw' of options" in str(error.value), str(error.value)
        assert "header.html.j2:" in str(error.value)
        assert not target.exists()


def test_a_template_imported_as_a_module_gives_its_macros():
    """``{% import "m" as m %}{{ m.hello() }}``, a standard Jinja pattern, was refused as an
    attribute of a 'TemplateModule' (fresh trial)."""
    env = LimitedSandbox(loader=DictLoader({"m": "{% macro hello(x) %}hi {{ x }}{% endmacro %}",
                                            "t": '{% import "m" as m %}{{ m.hello("there") }}'}), autoescape=True)
    assert render_template(env, "t") == "hi there"
