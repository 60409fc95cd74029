"""A blank text where the résumé prints one is said at its place: ``highlights: ["", "  "]``
rendered two bare bullets and ``position: ""`` a job with no title, silently (newcomer trial).
A blank item of a list (a highlight, a keyword) is an error; a blank required text (a
position) a warning, as a blank name is (tests/loading/test_blank_name.py), since an import
leaves one blank for the person to fill in and its profile must load. An optional field left
empty is as if absent."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app

runner = CliRunner()
HEAD = "basics:\n  name: Ann Bee\n"
JOB = "experience:\n  - company: Acme\n    position: Engineer\n    start: 2020-01\n"


def _validate(tmp_path, body: str, code: int = 2) -> str:
    profile = tmp_path / "cv.yaml"
    profile.write_text(HEAD + body, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(profile)])
    assert result.exit_code == code, result.output
    return " ".join(result.output.split())


def test_blank_highlights_are_each_an_error_at_their_line(tmp_path):
    said = _validate(tmp_path, JOB + '    highlights:\n      - ""\n      - "  "\n      - Shipped it\n')
    assert 'cv.yaml:8:9: experience[0].highlights[0]: empty highlight (remove the line or write its text)' in said, said
    assert 'cv.yaml:9:9: experience[0].highlights[1]: empty highlight (remove the line or write its text)' in said, said
    assert "2 problems found" in said


def test_blank_highlights_in_brackets(tmp_path):
    said = _validate(tmp_path, JOB + '    highlights: ["", "  "]\n')
    assert "cv.yaml:7:18: experience[0].highlights[0]: empty highlight" in said, said
    assert "experience[0].highlights[1]: empty highlight" in said, said


@pytest.mark.parametrize("body, where, message", [
    ("skills:\n  - name: Languages\n    keywords: [Go, '']\n", "cv.yaml:5:20: skills[0].keywords[1]",
     "empty keyword (remove it or write its text)"),
    (JOB + "    highlights:\n      - text: Led it\n        details: ['']\n",
     "cv.yaml:9:19: experience[0].highlights[0].details[0]", "empty sub-point (remove the line or write its text)"),
    ("education:\n  - institution: MIT\n    courses: ['  ']\n", "cv.yaml:5:15: education[0].courses[0]",
     "empty course"),
    ("custom:\n  - id: talks\n    title: Talks\n    items: ['']\n", "cv.yaml:6:13: custom[0].items[0]", "empty item"),
    ("projects:\n  - name: Lantern\n    roles: [Lead, '']\n", "cv.yaml:5:19: projects[0].roles[1]", "empty role"),
    (JOB + "    highlights:\n      - text: ' '\n", "cv.yaml:8:9: experience[0].highlights[0]", "empty highlight"),
])
def test_every_blank_item_of_a_list_of_texts_is_an_error(tmp_path, body, where, message):
    said = _validate(tmp_path, body)
    assert f"{where}: {message}" in said, said


@pytest.mark.parametrize("body, where, key", [
    ('experience:\n  - company: Acme\n    position: ""\n    start: 2020-01\n', "cv.yaml:5:15: experience[0].position",
     "position"),
    ('experience:\n  - company: "  "\n    position: Engineer\n', "cv.yaml:4:14: experience[0].company", "company"),
    ('experience:\n  - company: Acme\n    roles:\n      - position: ""\n', "cv.yaml:6:19: experience[0].roles[0].position",
     "position"),
    ('projects:\n  - name: ""\n', "cv.yaml:4:11: projects[0].name", "name"),
    ('awards:\n  - title: ""\n', "cv.yaml:4:12: awards[0].title", "title"),
])
def test_a_blank_required_text_is_warned_about_where_it_is_written(tmp_path, body, where, key):
    said = _validate(tmp_path, body, code=0)
    assert said.startswith("✓") and "warning: /" in said and \
        f"{where}: '{key}' is empty: it is printed as nothing (write it, or remove the entry)" in said, said


def test_an_empty_optional_text_is_as_if_absent(tmp_path):
    said = _validate(tmp_path, '  headline: ""\n' + JOB + '    location: ""\n    summary: ""\n', code=0)
    assert "valid" in said and "warning" not in said


def test_a_skill_group_without_a_name_stays_allowed(tmp_path):
    """Keywords without a group name are shown as one list (the LinkedIn import writes such a group)."""
    said = _validate(tmp_path, "skills:\n  - name: ''\n    keywords: [Go]\n", code=0)
    assert "warning" not in said


def test_a_bare_dash_in_a_list_of_texts_is_an_empty_highlight(tmp_path):
    """A highlight written as a bare "-" (null) was "expected a mapping (key: value), found
    nothing (null)": a highlight is a text, so that sent the user the wrong way (fresh trial)."""
    said = _validate(tmp_path, JOB + "    highlights:\n      -\n      - Shipped it\n    keywords: [Go, null]\n")
    assert "cv.yaml:8:8: experience[0].highlights[0]: empty highlight (remove the line or write its text)" in said, said
    assert "experience[0].keywords[1]: empty keyword (remove it or write its text)" in said, said
    assert "expected a mapping" not in said
