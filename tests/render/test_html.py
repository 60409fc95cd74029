"""HTML from theme templates: the Jinja2 sandbox, escaping, self-contained output, errors."""

from __future__ import annotations

import html as html_module
import re
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.errors import UserError
from resume_builder.pipeline import prepare
from resume_builder.render.html import MAX_OUTPUT_CHARS, render_html
from resume_builder.theming import find_theme
from tests.conftest import EXAMPLE, FIXTURES

runner = CliRunner()
HOSTILE_THEME = FIXTURES / "themes" / "hostile"
ONE_PAGE = FIXTURES / "profiles" / "one_page.yaml"


@pytest.fixture(scope="module")
def job():
    return prepare(ONE_PAGE)


@pytest.fixture(scope="module")
def example_job():
    return prepare(EXAMPLE)


def theme_with(tmp_path: Path, attack_template: str):
    """The hostile fixture theme with ``attack_template`` as its attack.html.j2."""
    folder = tmp_path / "hostile"
    shutil.copytree(HOSTILE_THEME, folder)
    (folder / "templates" / "attack.html.j2").write_text(attack_template, encoding="utf-8")
    return find_theme(None, theme_dir=folder)


def attack(name: str) -> str:
    return (HOSTILE_THEME / "attacks" / f"{name}.html").read_text(encoding="utf-8")


def body_text(markup: str) -> str:
    body = markup.split("<body", 1)[1]
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", body)).split())


# ----------------------------------------------------------------------------- the sandbox


@pytest.mark.parametrize("name", ["sandbox_globals", "sandbox_mro", "sandbox_range", "sandbox_zero_division"])
def test_sandbox_escapes_fail_with_a_user_error(name, tmp_path, job):
    theme = theme_with(tmp_path, attack(name))
    start = time.monotonic()
    with pytest.raises(UserError) as info:
        render_html(job.document, theme, job.options, embed_fonts=False)
    assert time.monotonic() - start < 5, "the template was allowed to run for a long time"
    message = str(info.value)
    assert "theme 'hostile'" in message
    for leak in ("__builtins__", "<module", "<function", "<class", "os.path"):
        assert leak not in message


@pytest.mark.parametrize("source", [
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__.os }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ doc.__class__.__init__.__globals__ }}",
    "{{ options.__class__.__base__.__subclasses__() }}",
    "{{ doc.text_blocks.__func__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ range.__self__ }}",
    "{% for i in range(10**9) %}.{% endfor %}",
    "{% for i in range(0, 10**12, 2) %}.{% endfor %}",
    "{{ (1,) * 10 | length }}{{ lipsum(10**6) }}",
])
def test_more_sandbox_escapes(source, tmp_path, job):
    theme = theme_with(tmp_path, source)
    start = time.monotonic()
    try:
        markup = render_html(job.document, theme, job.options, embed_fonts=False)
    except UserError as error:
        assert "theme 'hostile'" in str(error)
    else:  # rendered, but nothing from Python's insides came out
        body = markup.split("<body", 1)[1]
        for leak in ("__builtins__", "<module", "<function", "<class", "<built-in"):
            assert leak not in body, source
    assert time.monotonic() - start < 10


def test_sandbox_escape_through_the_cli_exits_2(tmp_path):
    folder = tmp_path / "hostile"
    shutil.copytree(HOSTILE_THEME, folder)
    (folder / "templates" / "attack.html.j2").write_text(attack("sandbox_globals"), encoding="utf-8")
    for fmt in ("pdf", "html"):
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(folder), "-f", fmt, "-o", str(out)])
        assert result.exit_code == 2, result.output
        assert "unsafe" in result.output
        assert "Traceback" not in result.output
        assert not out.exists()


def test_output_size_is_capped(tmp_path, job):
    theme = theme_with(tmp_path, "{% for i in range(100000) %}{{ 'x' * 300 }}{% endfor %}")
    with pytest.raises(UserError, match="characters of HTML"):
        render_html(job.document, theme, job.options, embed_fonts=False)
    assert 100000 * 300 > MAX_OUTPUT_CHARS


# ----------------------------------------------------------------------------- escaping


HOSTILE_TEXT = "<script>alert(1)</script> {{ 7*7 }} {% raw %}x{% endraw %} &amp; <b>b</b>"


def test_profile_text_is_data_not_markup_nor_template(tmp_path):
    import json

    profile = tmp_path / "p.yaml"
    profile.write_text(json.dumps({"basics": {"name": HOSTILE_TEXT, "headline": HOSTILE_TEXT},
                                   "summary": HOSTILE_TEXT,
                                   "skills": [{"name": HOSTILE_TEXT, "keywords": [HOSTILE_TEXT]}]}),
                       encoding="utf-8")
    job = prepare(profile)
    markup = render_html(job.document, job.theme, job.options, embed_fonts=False)
    assert "<script" not in markup
    assert "<b>" not in markup.split("<body", 1)[1]
    text = body_text(markup)
    assert text.count("<script>alert(1)</script>") >= 4
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "{% raw %}x{% endraw %}" in text
    assert "&amp;" in text  # the literal characters '&amp;' survive as text
    head = markup.split("<body", 1)[0]
    assert "<script" not in head
    assert "<title>&lt;script&gt;" in head


# ----------------------------------------------------------------------------- output


def test_every_text_block_appears_in_order(example_job):
    markup = render_html(example_job.document, example_job.theme, example_job.options, embed_fonts=False)
    text = body_text(markup)
    pos = 0
    for block in example_job.document.text_blocks():
        needle = " ".join(block.split())
        found = text.find(needle, pos)
        assert found >= 0, f"{needle!r} missing or out of order"
        pos = found + len(needle)


def test_head_carries_language_title_and_metadata(example_job):
    doc = example_job.document
    markup = render_html(doc, example_job.theme, example_job.options, embed_fonts=False)
    assert f'<html lang="{doc.metadata.language}"' in markup
    assert f"<title>{html_module.escape(doc.metadata.title, quote=False)}</title>" in markup
    assert 'name="author" content="Alex Example"' in markup
    assert "Linux, Docker" in markup


def test_self_contained_html_embeds_fonts_as_data(example_job):
    markup = render_html(example_job.document, example_job.theme, example_job.options, embed_fonts=True)
    assert "data:font/ttf;base64," in markup or "data:font/otf;base64," in markup
    assert "file:" not in markup
    assert "http://" not in markup.split("<body", 1)[0]


def test_pdf_html_points_fonts_at_files(example_job):
    markup = render_html(example_job.document, example_job.theme, example_job.options, embed_fonts=False)
    urls = re.findall(r'url\("(file:[^"]+)"\)', markup)
    assert urls, "no @font-face file URLs"
    folders = {str(f) for f in example_job.theme.font_folders()}
    for url in urls:
        from urllib.parse import unquote, urlsplit

        assert str(Path(unquote(urlsplit(url).path)).parent) in folders


def test_build_date_follows_source_date_epoch(example_job, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    markup = render_html(example_job.document, example_job.theme, example_job.options, embed_fonts=False)
    assert "2023-11-14T22:13:20Z" in markup
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    markup = render_html(example_job.document, example_job.theme, example_job.options, embed_fonts=False)
    assert "1980-01-01T00:00:00Z" in markup


def test_same_input_same_html(example_job):
    first = render_html(example_job.document, example_job.theme, example_job.options, embed_fonts=True)
    second = render_html(example_job.document, example_job.theme, example_job.options, embed_fonts=True)
    assert first == second


# ----------------------------------------------------------------------------- theme errors


def test_undefined_field_is_a_user_error(job):
    theme = find_theme(None, theme_dir=FIXTURES / "themes" / "raising")
    with pytest.raises(UserError, match=r"theme 'raising'.*no_such_field"):
        render_html(job.document, theme, job.options, embed_fonts=False)


def test_missing_template_is_a_user_error(tmp_path, job):
    folder = tmp_path / "bare"
    (folder / "templates").mkdir(parents=True)
    (folder / "theme.toml").write_text('name = "bare"\n', encoding="utf-8")
    theme = find_theme(None, theme_dir=folder)
    with pytest.raises(UserError, match="has no template 'style.css.j2'"):
        render_html(job.document, theme, job.options, embed_fonts=False)


def test_template_syntax_error_is_a_user_error(tmp_path, job):
    theme = theme_with(tmp_path, "{% if %}")
    with pytest.raises(UserError, match="template error"):
        render_html(job.document, theme, job.options, embed_fonts=False)


def test_templates_do_not_follow_symlinks_out_of_the_theme(tmp_path, job):
    """A template symlinked to a file outside is not a way to read it into the output."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    folder = tmp_path / "hostile"
    shutil.copytree(HOSTILE_THEME, folder)
    (folder / "templates" / "attack.html.j2").write_text('{% include "leak.txt" %}', encoding="utf-8")
    (folder / "templates" / "leak.txt").symlink_to(secret)
    theme = find_theme(None, theme_dir=folder)
    with pytest.raises(UserError, match="outside the theme"):
        render_html(job.document, theme, job.options, embed_fonts=False)
    # a relative link, as a theme repository could carry it
    (folder / "templates" / "leak.txt").unlink()
    (folder / "templates" / "leak.txt").symlink_to(Path("..") / ".." / "secret.txt")
    theme = find_theme(None, theme_dir=folder)
    with pytest.raises(UserError, match="outside the theme"):
        render_html(job.document, theme, job.options, embed_fonts=False)


def test_a_symlinked_template_inside_the_theme_still_works(tmp_path, job):
    folder = tmp_path / "hostile"
    shutil.copytree(HOSTILE_THEME, folder)
    (folder / "templates" / "real.html.j2").write_text("<p>inside-marker</p>", encoding="utf-8")
    (folder / "templates" / "attack.html.j2").symlink_to(folder / "templates" / "real.html.j2")
    theme = find_theme(None, theme_dir=folder)
    assert "inside-marker" in render_html(job.document, theme, job.options, embed_fonts=False)


def test_emoji_are_set_in_their_own_element_and_text_stays_escaped():
    from resume_builder.render.html import emoji_spans

    html = str(emoji_spans("🐳 ☸️ ☁️ Argo <b>Workflows</b> 🇬🇧"))
    assert html.count('<span class="emoji">') == 4
    assert '<span class="emoji">☸️</span>' in html and '<span class="emoji">🇬🇧</span>' in html
    assert "&lt;b&gt;Workflows&lt;/b&gt;" in html
    assert str(emoji_spans("plain text, (c) 2024")) == "plain text, (c) 2024"
