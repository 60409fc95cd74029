"""A text where a list belongs (``keywords: Go, PostgreSQL``) gets the line written as a list
as its fix: "expected a list, found the text 'Go, PostgreSQL'" said what was wrong but not
what to write (newcomer trial)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app

HEAD = "basics:\n  name: Ann Bee\n"


def _validate(tmp_path, body: str, name: str = "cv.yaml") -> str:
    profile = tmp_path / name
    profile.write_text(body, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(profile)])
    assert result.exit_code == 2, result.output
    return " ".join(result.output.split())


@pytest.mark.parametrize("line, fix", [
    ("keywords: Go, PostgreSQL", "keywords: [Go, PostgreSQL]"),
    ("keywords: Go,PostgreSQL , C#", 'keywords: [Go, PostgreSQL, C#]'),
    ("keywords: AWS", "keywords: [AWS]"),
    ("keywords: 'Go, node: 18'", 'keywords: [Go, "node: 18"]'),
])
def test_a_text_for_a_list_gets_the_list_as_its_fix(tmp_path, line, fix):
    said = _validate(tmp_path, HEAD + f"projects:\n  - name: pgmigra\n    {line}\n")
    assert f"projects[0].keywords: expected a list, found the text" in said
    assert f"(write it as a list: {fix})" in said, said


def test_any_list_field_gets_it(tmp_path):
    said = _validate(tmp_path, HEAD + "education:\n  - institution: MIT\n    courses: Algebra, Compilers\n")
    assert "(write it as a list: courses: [Algebra, Compilers])" in said, said


def test_a_sentence_is_not_cut_at_its_commas(tmp_path):
    said = _validate(tmp_path, HEAD + "projects:\n  - name: pgmigra\n    highlights: Led the team, shipped the "
                                      "migration tool in six weeks\n")
    assert "write it as a list" not in said


def test_in_json_the_fix_is_json(tmp_path):
    said = _validate(tmp_path, '{"basics": {"name": "Ann"}, "skills": [{"name": "Go", "keywords": "Go, Rust"}]}',
                     "cv.json")
    assert '(write it as a list: "keywords": ["Go", "Rust"])' in said, said
