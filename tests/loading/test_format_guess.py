"""Telling a profile of ours from a JSON Resume document by its content.

Before: one JSON Resume-looking key (``education[0].studyType``) in a YAML profile of ours
switched the whole file to JSON Resume, and the errors landed on valid lines
(``basics.location: expected a mapping``) with no word of why.
"""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile
from resume_builder.loading.jsonresume import is_json_resume

OURS_WITH_ONE_STRAY_KEY = """\
basics:
  name: Ada Example
  location: Bristol, UK
experience:
  - company: Example Ltd
    position: Engineer
    start: 2020-01
education:
  - institution: Example University
    studyType: BSc
    area: Physics
    start: 2014
"""

JSON_RESUME_WITH_A_MISTAKE = """\
basics:
  name: Ada Example
  label: Engineer
work:
  - name: Example Ltd
    startDate: last spring
"""


def test_one_json_resume_key_does_not_switch_a_profile_of_ours(tmp_path):
    path = tmp_path / "ours.yaml"
    path.write_text(OURS_WITH_ONE_STRAY_KEY, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    shown = str(caught.value.problems[0])
    assert "studyType" in shown and ":10:" in shown  # the stray key itself, at its line
    assert "basics.location" not in shown and "read as JSON Resume" not in shown  # still a profile of ours
    assert "did you mean 'degree'?" in shown  # the key is said to be JSON Resume's name for 'degree'



def test_a_guessed_json_resume_says_why_in_the_first_error(tmp_path):
    path = tmp_path / "theirs.yaml"
    path.write_text(JSON_RESUME_WITH_A_MISTAKE, encoding="utf-8")
    assert is_json_resume({"basics": {"label": "x"}, "work": []})
    with pytest.raises(UserError) as caught:
        load_profile(path)
    first = caught.value.problems[0]
    assert "startDate" in str(first)
    assert "read as JSON Resume (it has JSON Resume's work" in first.hint
    assert "use --from profile if it is not" in first.hint
    with pytest.raises(UserError) as chosen:  # chosen, not guessed: no note
        load_profile(path, input_format="jsonresume")
    assert "read as JSON Resume" not in chosen.value.problems[0].hint
