"""Profile mistakes in plain words (newcomer trial): a number below its bound gave pydantic's
"Input should be greater than or equal to 1"; ``end: presnt`` no "did you mean 'present'";
a text in several languages with a mistyped language code only "expected text, found a mapping"."""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile

BASICS = "basics:\n  name: Ada Exemplar\n  email: ada@example.com\n"


def _message(tmp_path, text: str) -> str:
    path = tmp_path / "me.yaml"
    path.write_text(BASICS + text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    return str(caught.value)


def test_a_number_below_its_bound_says_the_bound(tmp_path):
    message = _message(tmp_path, "variants:\n  short:\n    max_highlights: -1\n")
    assert "me.yaml:6:21: variants.short.max_highlights: -1 is out of range: use a number of at least 0" in message
    assert "Input should be" not in message
    # a page budget is said in --max-pages' words (tests/loading/test_variant_loading_rules.py)
    message = _message(tmp_path, "variants:\n  short:\n    max_pages: 0\n")
    assert "me.yaml:6:16: variants.short.max_pages: 0 pages is fewer than a page budget may be (1 page); give 1 to " \
        "100" in message


@pytest.mark.parametrize("written", ["presnt", "Preset", "prsent"])
def test_a_misspelt_present_gets_did_you_mean(tmp_path, written):
    message = _message(tmp_path, "experience:\n  - company: X\n    position: Y\n    start: 2020-01\n"
                                 f"    end: {written}\n")
    assert f"experience[0].end: '{written}' is not a date: did you mean 'present'?" in message


def test_a_word_far_from_present_keeps_the_date_formats(tmp_path):
    message = _message(tmp_path, "experience:\n  - company: X\n    position: Y\n    start: 2020-01\n    end: soon\n")
    assert "'soon' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD or 'present'" in message


def test_a_mistyped_language_code_is_named(tmp_path):
    message = _message(tmp_path, "summary:\n  en: Hello\n  de: Hallo\n  dee: Hallo\n")
    assert "summary: expected text, found a mapping" in message
    assert "keyed by language codes, like en and de here; 'dee' is not one: did you mean 'de'?" in message


@pytest.mark.parametrize("text, words", [
    ('{"basics": {"name": "A"}\n', "the file ends, but the '{' opened at line 1, column 1 is never closed"),
    ('{"basics": {"name": "A", "email": "a@example.com"},\n "skills": [{"name": "x"}\n',
     "the file ends, but the '[' opened at line 2, column 12 is never closed (add ']' where that list ends)"),
    ('{"basics": {"name": "A {[ not a brace"', "the '{' opened at line 1, column 12 is never closed"),
])
def test_an_unclosed_json_object_or_list_is_named_not_a_missing_comma(tmp_path, text, words):
    """``{"basics": {"name": "A"}`` was "a comma is missing before this value" (newcomer trial)."""
    path = tmp_path / "me.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert words in str(caught.value) and "comma" not in str(caught.value)


@pytest.mark.parametrize("line, words", [
    ("  name: 'O'Brien'", "2:11: YAML syntax error: the single quote here ends the quoted text early: the rest of "
                          "the line is left over (inside single quotes write a ' twice: 'O''Brien')"),
    ('  name: "Ada "the" Exemplar"', '2:14: YAML syntax error: the double quote here ends the quoted text early: '
                                     'the rest of the line is left over (inside double quotes write \\" for a '
                                     'quote: "Ada \\"the\\" Exemplar")'),
])
def test_a_quote_inside_quoted_text_gets_the_escape_that_fixes_it(tmp_path, line, words):
    """The hint was "put the whole text inside the quotes", which it already was (newcomer trial)."""
    path = tmp_path / "me.yaml"
    path.write_text(f"basics:\n{line}\n  email: ada@example.com\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert words in str(caught.value)
    fixed = words.rsplit(": ", 1)[1].rstrip(")")
    path.write_text(f"basics:\n  name: {fixed}\n  email: ada@example.com\n", encoding="utf-8")
    assert load_profile(path).profile.basics.name in ("O'Brien", 'Ada "the" Exemplar')


def test_the_end_of_a_json_file_is_shown_where_its_text_ends(tmp_path):
    """The caret was under line 1, column 1 for an error at the end of the file (newcomer trial)."""
    path = tmp_path / "me.json"
    path.write_text('{"basics": {"name": "X"}, "skills": [\n\n', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert "me.json:1:38: JSON syntax error: unexpected end of file: a value is missing (the '[' opened at " \
           "line 1, column 37 is never closed" in message
    assert message.splitlines()[-1] == "    |" + " " * 38 + "^"


@pytest.mark.parametrize("item, fixed", [
    ("      - Did: things: well", '      - "Did: things: well"'),
    ("      - Led migration: moved: 400 apps", '      - "Led migration: moved: 400 apps"'),
])
def test_a_highlight_with_colons_is_quoted_whole_and_the_fix_loads(tmp_path, item, fixed):
    """For ``- Did: things: well`` the hint quoted only "things: well", which then failed as an
    unknown field 'Did' (newcomer trial): a text item is quoted whole."""
    head = BASICS + "experience:\n  - company: X\n    position: Y\n    start: 2020-01\n    highlights:\n"
    path = tmp_path / "me.yaml"
    path.write_text(head + item + "\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert f"put the whole text in quotes: {fixed.strip()}" in str(caught.value)
    path.write_text(head + fixed + "\n", encoding="utf-8")
    assert load_profile(path).profile.experience[0].highlights[0].text == fixed.strip()[3:-1]


@pytest.mark.parametrize("text, expected", [
    ("skills:\n  - name: Languages\n    keywords: [3.10, Go]  # versions\n",
     'me.yaml:6:16: skills[0].keywords[0]: expected text, found the number 3.10 '
     '(put it in quotes to keep it as written: "3.10")'),
    ("skills:\n  - name: Python\n    keywords:\n      - 3.10   # a version\n",
     'me.yaml:7:9: skills[0].keywords[0]: expected text, found the number 3.10 '
     '(put it in quotes to keep it as written: "3.10")'),
    ("summary: 42\n", 'me.yaml:4:10: summary: expected text, found the number 42 '
                      '(put it in quotes to keep it as written: "42")'),
])
def test_a_number_where_text_belongs_is_shown_as_typed_with_quotes_as_the_fix(tmp_path, text, expected):
    """`keywords: [3.10]` said "found the number 3.1", with no hint to quote it (newcomer trial)."""
    assert expected in _message(tmp_path, text)


def test_an_empty_letter_body_in_a_profile_says_it_needs_a_paragraph(tmp_path):
    """``body: []`` gave pydantic's "List should have at least 1 item after validation, not 0"."""
    message = _message(tmp_path, "letters:\n  short:\n    body: []\n")
    assert "me.yaml:6:11: letters.short.body: needs at least 1 paragraph, has none (write the letter's " \
           "paragraphs under 'body:', as a list or as one text with a blank line between paragraphs)" in message
    assert "should have" not in message and "after validation" not in message


@pytest.mark.parametrize("body", ["[]", '""', "|\n  \n"])
def test_an_empty_letter_body_in_a_letter_file_says_it_needs_a_paragraph(tmp_path, body):
    from resume_builder.loading.letters import load_letter_file

    path = tmp_path / "letter.yaml"
    path.write_text(f"profile: me.yaml\nbody: {body}\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_letter_file(path)
    assert "letter.yaml:2:7: body: needs at least 1 paragraph, has none" in str(caught.value)
    assert "should have" not in str(caught.value)


@pytest.mark.parametrize("annotation, value, words", [
    ("list[int]", [], "needs at least 2 items, has none"),
    ("list[int]", [1], "needs at least 2 items, has 1"),
    ("list[int]", [1, 2, 3, 4], "allows at most 3 items, has 4"),
    ("dict[str, int]", {}, "needs at least 2 entries, has none"),
    ("str", "a", "needs at least 2 characters, has 1"),
    ("str", "abcd", "allows at most 3 characters, has 4"),
])
def test_length_errors_of_any_kind_are_in_plain_words(annotation, value, words):
    """pydantic's too_short, too_long, string_too_short and string_too_long, wherever a
    schema puts a length bound, never reach the user in pydantic's words."""
    from typing import Annotated

    from pydantic import BaseModel, Field, ValidationError

    from resume_builder.loading.errors_map import problems_from_validation
    from resume_builder.loading.source import SourceDocument

    kind = {"list[int]": list[int], "dict[str, int]": dict[str, int], "str": str}[annotation]

    class Model(BaseModel):
        field: Annotated[kind, Field(min_length=2, max_length=3)]

    with pytest.raises(ValidationError) as caught:
        Model.model_validate({"field": value})
    problems = problems_from_validation(caught.value, SourceDocument("x.yaml", {"field": value}), Model)
    assert [problem.message for problem in problems] == [words]
