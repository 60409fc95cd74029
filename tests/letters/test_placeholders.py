"""Placeholders in letters: a fixed list of names, plain-text substitution, never template execution."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resume_builder.schema.placeholders import NAMES, PlaceholderError, problems, substitute, used

VALUES = {name: f"<{name}>" for name in NAMES}


def test_every_name_is_substituted_as_its_value():
    text = " ".join("{" + name + "}" for name in NAMES)
    assert substitute(text, VALUES) == " ".join(f"<{name}>" for name in NAMES)
    assert used(text) == list(NAMES)


def test_double_braces_are_literal_braces():
    assert substitute("{{company}} and {company}", {"company": "Acme"}) == "{company} and Acme"
    assert problems("{{not a placeholder}}") == []


def test_a_brace_that_does_not_close_on_its_line_is_text():
    assert substitute("a { b\n} c", {}) == "a { b\n} c"


@pytest.mark.parametrize(("text", "message", "hint"), [
    ("{compnay}", "unknown placeholder {compnay}", "did you mean {company}?"),
    ("{posting.titel}", "unknown placeholder {posting.titel}", "did you mean {posting.title}?"),
    ("{company.__class__}", "attribute access", None),
    ("{basics.__class__.__mro__}", "attribute access", None),
    ("{basics.name!r}", "format specifications", None),
    ("{company:>99999}", "format specifications", None),
    ("{posting[title]}", "indexes", None),
    ("{0}", "unknown placeholder {0}", None),
    ("{}", "unknown placeholder {}", None),
    ("{ company }", "spaces inside the braces", "write {company}"),
])
def test_hostile_or_mistyped_placeholders_are_errors_with_their_position(text, message, hint):
    found = problems("Hello " + text)
    assert len(found) == 1
    assert message in found[0].message
    assert (found[0].start, found[0].end) == (6, 6 + len(text))
    if hint:
        assert hint in found[0].hint
    with pytest.raises(PlaceholderError) as error:
        substitute("Hello " + text, VALUES)
    assert message in str(error.value)


def test_a_missing_value_is_an_error_that_says_how_to_give_it():
    with pytest.raises(PlaceholderError) as error:
        substitute("at {company}", {"company": None})
    assert "has no value" in error.value.problem.message
    assert "--job" in error.value.problem.hint and "recipient.company" in error.value.problem.hint


def test_values_never_become_template_source_or_markdown():
    hostile = "{basics.email} {{ 7*7 }} {company.__class__} **bold** [x](https://evil.example) `c` \\"
    out = substitute("Dear {company}", {"company": hostile})
    # one pass: the value's own braces are not placeholders; Markdown characters are escaped
    assert "{basics.email}" in out and "{{ 7\\*7 }}" in out and "{company.__class__}" in out
    assert "\\*\\*bold\\*\\*" in out and "\\[x\\]" in out and "\\`c\\`" in out and out.endswith("\\\\")


def test_values_render_as_written_in_the_document():
    from resume_builder.document import rich

    out = substitute("Dear {company}", {"company": "*Acme* [x](https://e.example) `k`"})
    parsed = rich(out)
    assert parsed.plain == "Dear *Acme* [x](https://e.example) `k`"
    assert all(not (span.bold or span.italic or span.href or span.code) for span in parsed.spans)


@given(st.text(max_size=60))
def test_any_value_comes_back_as_written(value):
    """Whatever a value holds, the document shows exactly its text (whitespace folded, control
    characters removed as everywhere), never a span of formatting or a link."""
    from resume_builder.document import clean, rich

    out = rich(substitute("{company}", {"company": value})) if value.strip() else None
    if out is None:
        return
    assert " ".join(out.plain.split()) == " ".join(clean(value).split())
    assert not any(span.bold or span.italic or span.href or span.code for span in out.spans)
