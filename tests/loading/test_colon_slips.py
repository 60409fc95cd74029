"""An unquoted text with ': ' in a list (``- Led: the team``) is one mistake said in plain
words, with the quoted text as the fix: a highlight said "'text' is required" and "unknown
field 'Led'", a keyword "expected text, found a mapping" (newcomer trial)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app

HEAD = "basics:\n  name: Ann Bee\n"


def _validate(tmp_path, body: str) -> str:
    profile = tmp_path / "cv.yaml"
    profile.write_text(HEAD + body, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(profile)])
    assert result.exit_code == 2, result.output
    return " ".join(result.output.split())


@pytest.mark.parametrize("item, text", [
    ("Wrote a log-ingestion service (Python): 30k events/s", "Wrote a log-ingestion service (Python): 30k events/s"),
    ("Led: the team", "Led: the team"),
    ("Uptime: 99.95", "Uptime: 99.95"),
    ("Summary of the work:", "Summary of the work:"),
])
def test_a_highlight_with_a_colon_is_one_mistake_with_its_fix(tmp_path, item, text):
    said = _validate(tmp_path, "experience:\n  - company: Acme\n    position: Engineer\n    start: 2020-01\n"
                               f"    highlights:\n      - {item}\n      - Plain\n")
    assert f'cv.yaml:8:9: experience[0].highlights[0]: this text contains \': \' (a colon and a space), which ' \
           f'YAML reads as a key and its value (put the whole text in quotes: "{text}")' in said, said
    assert "1 problem" in said or said.count("error:") == 1
    assert "is required" not in said and "unknown field" not in said


def test_a_highlight_mapping_with_its_own_keys_is_still_checked_as_one(tmp_path):
    said = _validate(tmp_path, "experience:\n  - company: Acme\n    position: Engineer\n    start: 2020-01\n"
                               "    highlights:\n      - details: [a, b]\n")
    assert "'text' is required" in said


def test_a_keyword_with_a_colon_gets_the_quoted_text_as_the_fix(tmp_path):
    said = _validate(tmp_path, "skills:\n  - name: Cloud\n    keywords:\n      - AWS: advanced\n      - GCP\n")
    assert 'cv.yaml:6:9: skills[0].keywords[0]: expected text, found a mapping (the text contains \': \' ' \
           '(a colon and a space), which YAML reads as a key and its value: put the whole text in quotes: ' \
           '"AWS: advanced")' in said, said


def test_a_text_in_several_languages_is_not_taken_for_a_slip(tmp_path):
    profile = tmp_path / "cv.yaml"
    profile.write_text(HEAD + "  headline: {en: Engineer, de: Ingenieurin}\n", encoding="utf-8")
    assert CliRunner().invoke(app, ["validate", str(profile)]).exit_code == 0


def test_a_typo_of_a_highlights_own_key_keeps_its_did_you_mean(tmp_path):
    said = _validate(tmp_path, "experience:\n  - company: Acme\n    position: Engineer\n    start: 2020-01\n"
                               "    highlights:\n      - txt: Shipped it\n")
    assert "unknown field 'txt' (did you mean 'text'?)" in said and "colon and a space" not in said


def test_a_key_with_a_block_of_text_gets_no_one_line_fix(tmp_path):
    """``- Led: |`` and a block: the quoted fix held a line break (fresh trial)."""
    said = _validate(tmp_path, "experience:\n  - company: Acme\n    position: Engineer\n    start: 2020-01\n"
                               "    highlights:\n      - Led: |\n          multi\n          line\n")
    assert "put the whole text in quotes" not in said and "cv.yaml:8:" in said
