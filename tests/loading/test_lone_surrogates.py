"""A lone UTF-16 surrogate escaped in a text (``"x\\ud800y"``) in plain words, at its escape
(user trial: "summary: Input should be a valid string, unable to parse raw data as a unicode
string"), for every field, in YAML, JSON and JSON Resume files."""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile

HALF = "is half of a UTF-16 surrogate pair, not a character"
JSON_FIX = 'write the character itself, or both halves of its pair one after the other, e.g. "\\ud83d\\ude00"'
YAML_FIX = 'write the character itself or its \\U escape, e.g. "\\U0001F600"'


def _problems(tmp_path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    return [str(problem).replace(str(tmp_path) + "/", "") for problem in caught.value.problems]


def test_json_summary_from_the_trial(tmp_path):
    assert _problems(tmp_path, "s.json", '{"basics": {"name": "A"}, "summary": "x\\ud800y"}') == [
        f"s.json:1:40: summary: '\\ud800' {HALF} ({JSON_FIX})"]


def test_json_a_whole_pair_is_a_character_and_the_lone_half_after_it_is_found(tmp_path):
    text = '{"basics": {"name": "A"},\n "summary": "\\ud83d\\ude00 and \\\\ud800 and \\uDBFF\\u0041"}'
    assert _problems(tmp_path, "s.json", text) == [f"s.json:2:43: summary: '\\udbff' {HALF} ({JSON_FIX})"]


def test_yaml_double_quoted_escapes_in_any_field(tmp_path):
    text = ('basics:\n  name: "A\\ud800"\nsummary: "ok \\udc00 there"\n'
            'experience:\n  - company: Co\n    position: Dev\n    start: 2020-01\n'
            '    highlights:\n      - "did \\udc00 things"\n'
            'skills:\n  - name: Ops\n    keywords: ["k\\ud800"]\n')
    assert _problems(tmp_path, "s.yaml", text) == [
        f"s.yaml:2:11: basics.name: '\\ud800' {HALF} ({YAML_FIX})",
        f"s.yaml:3:14: summary: '\\udc00' {HALF} ({YAML_FIX})",
        f"s.yaml:9:14: experience[0].highlights[0].text: '\\udc00' {HALF} ({YAML_FIX})",
        f"s.yaml:12:18: skills[0].keywords[0]: '\\ud800' {HALF} ({YAML_FIX})",
    ]


def test_yaml_a_pair_written_as_two_escapes_is_given_its_one_escape(tmp_path):
    assert _problems(tmp_path, "p.yaml", 'basics:\n  name: "A \\ud83d\\ude00"\n') == [
        "p.yaml:2:12: basics.name: '\\ud83d\\ude00' is a UTF-16 surrogate pair, which YAML reads as two halves, "
        'not one character (write the character itself or its \\U escape: "\\U0001F600")']


def test_yaml_a_text_over_several_lines(tmp_path):
    text = 'basics:\n  name: A\nsummary: "first line\n  second \\ud800 line"\n'
    assert _problems(tmp_path, "m.yaml", text) == [f"m.yaml:4:10: summary: '\\ud800' {HALF} ({YAML_FIX})"]


def test_keys_are_found_and_shown_escaped(tmp_path):
    # a key of a mapping of texts (pydantic: "meta.k\ufffd\ufffd\ufffd.[key]"), of a model, and at the
    # top level (pydantic: at no field; it crashed the message mapping)
    assert _problems(tmp_path, "k.json", '{"basics": {"name": "A"}, "meta": {"k\\ud800": 1}}') == [
        f"k.json:1:38: meta.k\\ud800: '\\ud800' {HALF} ({JSON_FIX})"]
    assert _problems(tmp_path, "k.yaml", 'basics:\n  name: A\n  "lab\\ud800": x\n') == [
        f"k.yaml:3:7: basics.lab\\ud800: '\\ud800' {HALF} ({YAML_FIX})"]
    assert _problems(tmp_path, "t.json", '{"basics": {"name": "A"}, "b\\ud800": 1}') == [
        f"t.json:1:29: b\\ud800: '\\ud800' {HALF} ({JSON_FIX})"]


def test_json_resume_fields_kept_as_ours(tmp_path):
    text = '{"basics": {"name": "A"}, "work": [{"name": "Co", "position": "Dev"}], "headings": {"work": "Jobs\\ud800"}}'
    assert _problems(tmp_path, "jr.json", text) == [
        f"jr.json:1:98: headings.work: '\\ud800' {HALF} ({JSON_FIX}; read as JSON Resume (it has JSON Resume's "
        "work); use --from profile if it is not)"]


def test_validation_words_for_a_warning():
    """For a line of its own (JSON Resume's "left out of the résumé" warning)."""
    from resume_builder.loading.errors_map import validation_words

    err = {"type": "string_unicode", "msg": "Input should be a valid string, unable to parse raw data as a unicode "
           "string", "input": "Co\udc00"}
    assert validation_words(err, "cv.json") == f"'\\udc00' {HALF} ({JSON_FIX})"
    assert validation_words({"type": "value_error", "msg": "Value error, no"}, "cv.json") == "no"


def test_a_json_resume_field_with_a_lone_surrogate_is_warned_in_plain_words(tmp_path):
    """Left out of the résumé (kept for export), in the words a profile's is said in: it was
    pydantic's "unable to parse raw data as a unicode string"."""
    from resume_builder.loading import load_profile

    path = tmp_path / "r.json"
    path.write_text('{"basics": {"name": "A"}, "work": [{"name": "X\\ud800y", "position": "P"}]}', encoding="utf-8")
    warnings = load_profile(path).warnings
    assert any(w.startswith(f"{path}:1:45: work[0].name: '\\ud800' is half of a UTF-16 surrogate pair, not a "
                            "character") for w in warnings), warnings
