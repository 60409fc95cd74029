"""The inline Markdown subset: bold, italic, links, code spans; everything else stays literal text."""

from __future__ import annotations

import pytest

from resume_builder.markdown import Span, link_problems, parse_inline, plain_text


def test_bold_italic_and_links():
    spans = parse_inline("Expert in **Python** and *Go*, see [site](https://example.com).")
    assert Span("Python", bold=True) in spans
    assert Span("Go", italic=True) in spans
    assert Span("site", href="https://example.com") in spans
    assert plain_text("Expert in **Python** and *Go*, see [site](https://example.com).") == \
        "Expert in Python and Go, see site."


def test_nested_formatting():
    assert parse_inline("**bold *both* x**") == [Span("bold ", bold=True), Span("both", bold=True, italic=True),
                                                 Span(" x", bold=True)]


def test_html_and_template_syntax_stay_text():
    text = "<script>alert(1)</script> {{ 7*7 }} {% if x %}"
    assert plain_text(text) == text


def test_snake_case_is_not_italic():
    assert parse_inline("use snake_case_names here") == [Span("use snake_case_names here")]


def test_unsafe_links_are_reported_and_not_linked():
    assert link_problems("[x](javascript:alert(1))")
    assert all(span.href is None for span in parse_inline("[x](javascript:alert(1))"))


def test_a_link_with_a_backslash_before_its_path_is_reported():
    # A browser reads '\\' as '/': this opens evil.example, though urlsplit's host is good.example.
    assert link_problems(r"[x](https://evil.example\\@good.example)") == [
        r"link 'https://evil.example\@good.example': a web address has no backslash before its path; "
        "write 'https://host/...' with slashes"]
    assert link_problems("[x](https://good.example/a/b)") == []


def test_escapes():
    assert plain_text(r"\*not italic\*") == "*not italic*"


def test_unmatched_markers_are_literal():
    assert plain_text("5 * 3 and a ** b") == "5 * 3 and a ** b"


def test_escaped_marker_does_not_close_emphasis():
    assert plain_text(r"{{ 7*7 }} and \*x\*") == "{{ 7*7 }} and *x*"
    assert all(not span.italic for span in parse_inline(r"{{ 7*7 }} and \*x\*"))


def test_underscores_are_text_not_emphasis():
    # CommonMark would make a bold "init" of this; identifiers keep their underscores.
    for text in ("__init__", "Wrote __init__ hooks", "_private_ and __dunder__", "snake_case_name"):
        assert parse_inline(text) == [Span(text)]


def test_code_spans():
    assert parse_inline("Call `__init__()` or ``a`b``") == [
        Span("Call "), Span("__init__()", code=True), Span(" or "), Span("a`b", code=True)]
    # Inside a code span nothing is Markdown, not even a link or an escape.
    assert parse_inline(r"`**x** [a](https://e.com) \*`") == [Span(r"**x** [a](https://e.com) \*", code=True)]
    assert parse_inline("**bold `code`**") == [Span("bold ", bold=True), Span("code", bold=True, code=True)]
    assert parse_inline("an `unclosed code span") == [Span("an `unclosed code span")]


def test_html_entities_and_autolinks_stay_text():
    assert plain_text("&amp; &lt;b&gt;") == "&amp; &lt;b&gt;"
    assert plain_text("<https://example.com>") == "<https://example.com>"
    assert plain_text("~~struck~~") == "~~struck~~"
    assert parse_inline("# not a heading") == [Span("# not a heading")]
    assert parse_inline("- not a list") == [Span("- not a list")]


def test_plain_text_shortcut_agrees_with_the_parser():
    """Text with none of * [ ` \\ skips markdown-it-py; the parser must see it the same way."""
    hypothesis = pytest.importorskip("hypothesis")
    from resume_builder.markdown import _spans, _tokens

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(hypothesis.strategies.text(alphabet="ab _~&<>#-!()]{}%\u00e9 .:", min_size=1, max_size=20))
    def check(text):
        assert parse_inline(text) == _spans(_tokens(text), strict=False)

    check()


def test_a_refused_link_is_replaced_by_its_text_and_the_rest_kept_as_written():
    from resume_builder.markdown import without_refused_links

    text = r"See **[my *site*](jiwoo.dev)**, [mail](me@example.com), [ok](https://a.example) and [a\]b](x.example)."
    shown, refused = without_refused_links(text)
    assert shown == r"See **my *site***, mail, [ok](https://a.example) and a\]b."
    assert [(link.target, link.text) for link in refused] == [
        ("jiwoo.dev", "my site"), ("me@example.com", "mail"), ("x.example", "a]b")]
    assert without_refused_links("No links, [no](https://a.example) bad ones.") == (
        "No links, [no](https://a.example) bad ones.", [])


@pytest.mark.parametrize("target, hint", [
    ("jiwoo.dev/work", "; did you mean 'https://jiwoo.dev/work'?"),
    ("www.example.com", "; did you mean 'https://www.example.com'?"),
    ("//example.com/x", "; did you mean 'https://example.com/x'?"),
    ("me@example.com", "; did you mean 'mailto:me@example.com'?"),
    ("javascript:alert(1)", ""), ("notes", ""), ("ftp://files.example.com", "")])
def test_a_link_without_its_scheme_gets_the_address_it_meant(target, hint):
    assert link_problems(f"[x]({target})") == [
        f"link '{target}' must start with http://, https://, mailto: or tel:{hint}"]
