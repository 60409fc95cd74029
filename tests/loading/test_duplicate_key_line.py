"""A key written twice names the line of the first one: ``duplicate key "skills"`` alone left
the person to search a long profile for the other ``skills:`` (newcomer trial)."""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.loading.source import parse


@pytest.mark.parametrize("text, where, key, first", [
    ("basics:\n  name: A\nskills:\n  - name: X\n    keywords: [a]\nskills:\n  - name: Y\n", (6, 1), "skills", 3),
    ("basics:\n  name: A\nexperience:\n  - company: X\n    location: A\n    position: P\n    location: B\n",
     (7, 5), "location", 5),
    ('basics:\n  "name": A\n  email: a@example.com\n  name: B\n', (4, 3), "name", 2),
    # block texts: their line breaks cut the message over three lines, with both values in it (fresh trial)
    ("basics:\n  name: A\nsummary: |\n  First one.\nskills: []\nsummary: |\n  Another one.\n", (6, 1), "summary", 3),
])
def test_a_duplicate_key_names_the_line_of_the_first(text, where, key, first):
    with pytest.raises(UserError) as caught:
        parse(text, "cv.yaml")
    problem = caught.value.problems[0]
    assert (problem.location.line, problem.location.column) == where
    assert problem.message == f'YAML syntax error: duplicate key "{key}", also on line {first}'
    assert problem.hint == "each key may appear once in a mapping: merge the two or delete one"


def test_a_duplicate_in_a_flow_mapping_keeps_the_short_message():
    with pytest.raises(UserError) as caught:
        parse("basics: {name: A, name: B}\n", "cv.yaml")
    assert caught.value.problems[0].message == 'YAML syntax error: duplicate key "name"'
