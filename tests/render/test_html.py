"""HTML from theme templates: the Jinja2 sandbox, escaping, self-contained output, errors."""

from __future__ import annotations

import html as html_module
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.errors import UserError
from resume_builder.limits import MAX_TEMPLATE_STEPS
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
    with pytest.raises(UserError) as info:
        render_html(job.document, theme, job.options, embed_fonts=False)
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
    try:
        markup = render_html(job.document, theme, job.options, embed_fonts=False)
    except UserError as error:
        assert "theme 'hostile'" in str(error)
    else:  # rendered, but nothing from Python's insides came out
        body = markup.split("<body", 1)[1]
        for leak in ("__builtins__", "<module", "<function", "<class", "<built-in"):
            assert leak not in body, source


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


# Work and size budgets (resume_builder/limits.py): each attack stops within seconds with a
# message saying what was refused, and never allocates what it asks for.
BUDGET_ATTACKS = {
    "nested_ranges": ("{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}",
                      "steps"),
    "three_loops": (("{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}"
                     "{% endfor %}{% endfor %}{% endfor %}"), "steps"),
    "join_in_a_loop": ("{% for i in range(100000) %}{{ range(100000)|join }}{% endfor %}", "steps"),
    "exponential_macro": (("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
                           "{{ f(40) }}"), "steps"),
    "lipsum": ("{{ lipsum(100000) }}", "steps"),
    "ten_gigabytes": ("{{ 'x' * 10**10 }}", "string of more than"),
    "multiplied_twice": ("{{ ('x' * 1000) * 10**7 }}", "string of more than"),
    "huge_list": ("{{ [0] * 10**9 }}", "list of more than"),
    "huge_power": ("{{ 2 ** (10**9) }}", "integers of more than"),
    "namespace_doubling": (("{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
                            "{% endfor %}"), "string of more than"),
    "list_doubling": ("{% set l = ['x'] %}{% for i in range(60) %}{{ l.append(l[-1] ~ l[-1]) or '' }}{% endfor %}",
                      "string of more than"),
    "extend_itself": ("{% set l = [1] %}{% for i in range(60) %}{{ l.extend(l) or '' }}{% endfor %}",
                      "list of more than|steps"),
    "replace_method": ("{{ ('x' * 1000000).replace('x', 'y' * 100000) }}", "string of more than"),
    "replace_filter": ("{{ ('x' * 1000000)|replace('x', 'y' * 1000) }}", "string of more than"),
    "join_method": ("{{ ('x' * 1000000).join(range(100000)|map('string')) }}", "string of more than"),
    "percent_width": ("{{ '%099999999d' % 1 }}", "width or precision"),
    "format_width": ("{{ '{:99999999}'.format(1) }}", "string of more than"),
    "center_method": ("{{ 'x'.center(10**9) }}", "larger than 100,000"),
    "center_filter": ("{{ 'x'|center(10**9) }}", "larger than 100,000"),
    "slice_filter": ("{{ range(10)|slice(10**9)|list }}", "larger than 100,000"),
    "printed_list": ("{{ ['x' * 1000000] * 100000 }}", "string of more than"),
    "string_filter": ("{{ (['x' * 1000000] * 100000)|string }}", "string of more than"),
    "nested_lists": ("{% set a = ['x' * 1000] * 100 %}{% set b = [a] * 100 %}{% set c = [b] * 100 %}{{ c }}",
                     "string of more than"),
    "indent": ("{{ ('a\\n' * 1000000)|indent(100000) }}", "string of more than"),
    "wordwrap": ("{{ ('a ' * 1000000)|wordwrap(1, wrapstring='x' * 10000) }}", "string of more than"),
}


@pytest.mark.parametrize("name", sorted(BUDGET_ATTACKS))
def test_work_and_size_budgets_stop_hostile_templates(name, tmp_path, job, monkeypatch):
    source, expected = BUDGET_ATTACKS[name]
    if "steps" in expected:
        # What is proven is that the step budget stops the attack, whatever its size: a tenth
        # of it stops them ten times sooner (the real size: test_the_step_budget_is_far_above...).
        monkeypatch.setattr("resume_builder.render.sandbox.MAX_TEMPLATE_STEPS", MAX_TEMPLATE_STEPS // 10)
    theme = theme_with(tmp_path, source)
    with pytest.raises(UserError) as info:  # the message names the budget that stopped it
        render_html(job.document, theme, job.options, embed_fonts=False)
    message = str(info.value)
    assert "theme 'hostile'" in message and re.search(expected, message), message


def test_budgets_leave_ordinary_template_work_alone(tmp_path, job):
    """Loops, filters, namespaces, string building and method calls of a normal size still work."""
    source = ("{% set ns = namespace(n=0, s='') %}"
              "{% for i in range(1000) %}{% set ns.n = ns.n + i %}{% endfor %}"
              "{% for s in doc.sections %}{% set ns.s = ns.s ~ s.title ~ ';' %}{% endfor %}"
              "<p id='work'>{{ ns.n }}|{{ ns.s|upper }}|{{ range(5)|join(',') }}|{{ '%05d' % 42 }}|"
              "{{ '{:>6}'.format('ab') }}|{{ ['b', 'a']|sort|join }}|{{ 'a-b'.replace('-', '+') }}|"
              "{{ (range(3)|list) * 2 }}|{{ 2 ** 10 }}|{{ 'ab' * 3 }}</p>")
    markup = render_html(job.document, theme_with(tmp_path, source), job.options, embed_fonts=False)
    titles = ";".join(s.title for s in job.document.sections).upper()
    assert (f"<p id='work'>499500|{titles};|0,1,2,4|00042|    ab|ab|a+b|[0, 1, 2, 0, 1, 2]|1024|ababab</p>"
            .replace("0,1,2,4", "0,1,2,3,4")) in markup


def test_the_step_budget_is_far_above_what_the_built_in_themes_need(tmp_path):
    """1,000 entries (the most a list may hold) take the built-in themes about 16,000 steps."""
    import json

    from resume_builder.limits import MAX_LIST_ITEMS, MAX_TEMPLATE_STEPS
    from resume_builder.render import sandbox as sandbox_module

    profile = tmp_path / "big.json"
    profile.write_text(json.dumps({"basics": {"name": "Big"}, "experience": [
        {"company": f"Co {i}", "position": "Eng", "start": "2020-01", "highlights": ["a **b** [c](https://c.org)"]}
        for i in range(MAX_LIST_ITEMS)]}), encoding="utf-8")
    big = prepare(profile)
    for name in ("classic", "modern", "compact"):
        spent = []
        original = sandbox_module.Budget.spend

        def spend(self, steps, spent=spent, original=original):
            original(self, steps)
            spent.append(self.steps)

        sandbox_module.Budget.spend = spend
        try:
            render_html(big.document, find_theme(name), find_theme(name).options(), embed_fonts=False)
        finally:
            sandbox_module.Budget.spend = original
        assert max(spent) * 20 < MAX_TEMPLATE_STEPS, (name, max(spent))


# ----------------------------------------------------------------------------- content security policy


def _parsed_head(markup: str):
    """The document as a browser's HTML5 parser builds it (tinyhtml5, which WeasyPrint uses)."""
    import tinyhtml5

    root = tinyhtml5.parse(markup)
    namespace = "{http://www.w3.org/1999/xhtml}"
    return root.find(f"{namespace}head"), namespace


def _csp_is_first_in_head(markup: str) -> bool:
    from resume_builder.render.html import CONTENT_SECURITY_POLICY

    head, ns = _parsed_head(markup)
    first = next(iter(head))
    return (first.tag == f"{ns}meta" and first.get("http-equiv") == "Content-Security-Policy"
            and first.get("content") == CONTENT_SECURITY_POLICY)


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads markup, not fonts (tests/font_stand_ins.py)
@pytest.mark.parametrize("name", ["classic", "modern", "compact"])
def test_html_output_carries_a_content_security_policy_first_in_head(name, example_job):
    from resume_builder.render.html import CONTENT_SECURITY_POLICY

    theme = find_theme(name)
    markup = render_html(example_job.document, theme, theme.options(), embed_fonts=True)
    assert _csp_is_first_in_head(markup)
    for directive in ("default-src 'none'", "style-src 'unsafe-inline'", "img-src data:", "font-src data:"):
        assert directive in CONTENT_SECURITY_POLICY
    assert markup.startswith("<!DOCTYPE html>\n<html lang=")  # the theme's own start is kept


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads markup, not fonts (tests/font_stand_ins.py)
@pytest.mark.parametrize("start", [
    "<html><head><meta http-equiv=refresh content='0;url=http://evil.example'></head><body>x</body></html>",
    "<!doctype html><img src='http://evil.example/a.png'><head></head><body>x</body>",
    "<html data-x='><meta http-equiv=x>'><head><link rel=stylesheet href=http://evil.example/a.css></head>",
    "<!-- hidden --><script src=http://evil.example/a.js></script>",
    "plain text, no markup at all",
])
def test_a_theme_cannot_put_anything_before_the_policy(start, tmp_path, job):
    folder = tmp_path / "odd"
    shutil.copytree(HOSTILE_THEME, folder)
    (folder / "templates" / "resume.html.j2").write_text(start, encoding="utf-8")
    markup = render_html(job.document, find_theme(None, theme_dir=folder), job.options, embed_fonts=True)
    assert _csp_is_first_in_head(markup), markup[:300]
    assert markup.startswith("<!DOCTYPE html>")


@pytest.mark.usefixtures("cheap_font_subsetting")  # reads markup, not fonts (tests/font_stand_ins.py)
def test_html_written_by_render_has_the_policy(tmp_path):
    out = tmp_path / "cv.html"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _csp_is_first_in_head(out.read_text(encoding="utf-8"))


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
    assert "data:font/woff2;base64," in markup
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
