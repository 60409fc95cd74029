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


# --------------------------------------------------------------------------- a value's full stop before the text's


@pytest.mark.parametrize(("text", "company", "expected"), [
    ("al puesto de Backend en {company}. Llevo", "NubeCobro S.L.", "al puesto de Backend en NubeCobro S.L. Llevo"),
    ("at {company}.", "Example Inc.", "at Example Inc."),
    ("at {company}, as", "Example Inc.", "at Example Inc., as"),  # no full stop follows: the value's stays
    ("at {company}.", "Example Ltd", "at Example Ltd."),  # no full stop in the value: the text's stays
    ("at {company}...", "Example Inc.", "at Example Inc...."),  # an ellipsis is left as written
    ("at {company}.", "Wait...", "at Wait...."),
])
def test_a_value_ending_with_a_full_stop_before_the_texts_gives_one(text, company, expected):
    """Before: "{company}." with recipient.company "NubeCobro S.L." printed "NubeCobro S.L.."."""
    assert substitute(text, {"company": company}) == expected


@pytest.mark.usefixtures("cheap_font_subsetting")
@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_the_letter_prints_one_full_stop_after_a_company_ending_in_one(fmt, tmp_path):
    import io

    from resume_builder import letter_pipeline, pipeline
    from tests.conftest import FIXTURES

    source = (FIXTURES / "letters" / "profile.yaml").read_text(encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    profile.write_text(source.replace("company: Northwind Pay", "company: NubeCobro S.L.").replace(
        "a **reliability** engineer.", "a reliability engineer at {company}. Thank you."), encoding="utf-8")
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=profile), "short")
    data = pipeline.render(job, fmt, tmp_path / f"letter.{fmt}")[0].data
    if fmt == "pdf":
        from pdfminer.high_level import extract_text
        text = extract_text(io.BytesIO(data))
    elif fmt == "docx":
        import docx
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    else:
        text = data.decode("utf-8")
    text = " ".join(text.split())
    assert "NubeCobro S.L. Thank you." in text
    assert "S.L.." not in text
