"""JSON files are read as JSON, not as YAML: what YAML would quietly accept is refused, located.

ruamel.yaml reads most JSON, but as YAML: it accepts trailing commas, comments, single
quotes, bare keys, hex numbers, anchors, and folds a raw line break inside a string into a
space. A ``.json`` profile must mean the same to every JSON tool, so each of these is a
located "JSON syntax error" here.
"""

from __future__ import annotations

import json

import pytest

from resume_builder.errors import UserError
from resume_builder.loading.source import parse_json


@pytest.mark.parametrize(("text", "where"), [
    ('{"a": [1, 2,]}', "f.json:1:12:"),                 # trailing comma: at the comma
    ('{"a": 1 # note\n}', "f.json:1:9:"),               # comment
    ("{'a': 1}", "f.json:1:2:"),                         # single quotes
    ('{a: 1}', "f.json:1:2:"),                           # bare key
    ('{"a": 0x1F}', "f.json:1:8:"),                      # hex number
    ('{"a": &x 1, "b": *x}', "f.json:1:7:"),             # YAML anchor
    ('{"a": "two\nlines"}', "f.json:1:11:"),             # raw line break in a string
    ('{"a": NaN}', "f.json:1:7:"),                       # not a JSON number
    ('{"a": 1\n "b": 2}', "f.json:2:2:"),                # missing comma: where it is missing
])
def test_what_yaml_would_accept_is_a_located_json_error(text, where):
    with pytest.raises(UserError) as caught:
        parse_json(text, "f.json")
    assert f"{where} JSON syntax error" in caught.value.render()


# ----------------------------------------------------------------------------- positions from libyaml
# JSON that YAML reads differently, or not at all, still gets every position right.


@pytest.mark.parametrize(("text", "path", "key", "value"), [
    ('{\n  "a"\n  : 1,\n  "b": [2]\n}', ("b",), (4, 3), (4, 8)),                  # key and ':' on two lines
    ('{"\\ud83d\\ude00": 1,\n "b": {"c": "\\ud83d"}}', ("b", "c"), (2, 8), (2, 13)),  # escaped surrogates
    ('{"a\u0085\u2028": "x\u2029",\n "b": 1}', ("b",), (2, 2), (2, 7)),           # NEL, LS, PS are not breaks
    ('{"a": 1,\r"b": 2}', ("b",), (1, 10), (1, 15)),                             # a bare CR is not a break
    ('{"é😀": 1,\t"b":\t[1]}', ("b",), (1, 11), (1, 16)),                        # columns count characters
])
def test_positions_where_yaml_and_json_disagree(text, path, key, value):
    doc = parse_json(text, "f.json")
    assert doc.data == json.loads(text)
    assert (doc.keys[path], doc.values[path]) == (key, value)


def test_surrogate_escaped_key_is_found_by_its_json_value():
    doc = parse_json('{"\\ud83d\\ude00": {"x": 1}}', "f.json")
    assert doc.values[("\U0001F600", "x")] == (1, 24)


def test_a_key_yaml_cannot_hold_is_read_without_positions_and_still_checked():
    """YAML's implicit keys stop at 1,024 characters; such JSON is read, its limits kept."""
    long = "k" * 2000
    doc = parse_json(f'{{"{long}": [1]}}', "f.json")
    assert doc.data == {long: [1]} and str(doc.locate((long, 0))) == "f.json:1:1"
    for text, message in ((f'{{"{long}": 1, "{long}": 2}}', "duplicate key"),
                          (f'{{"{long}": ' + "[" * 70 + "]" * 70 + "}", "nested too deeply"),
                          (f'{{"{long}": NaN}}', "expected a value"),
                          (f'{{"{long}": {"9" * 1500}}}', "1,500 digits")):
        with pytest.raises(UserError, match=message):
            parse_json(text, "f.json")


@pytest.mark.parametrize(("text", "message"), [
    ('{"a": [1, NaN]}', "f.json:1:11: JSON syntax error: unexpected character"),
    ('{"a": ' + "9" * 5000 + "}", "f.json:1:7: JSON syntax error: this number has 5,000 digits"),
    ('{"a": 1, "b": {"c": 1, "c": 2}}', 'f.json:1:24: JSON syntax error: duplicate key "c"'),
    ("[" * 100_000 + "]" * 100_000, "f.json:1:66: JSON syntax error: the document is nested too deeply"),
    ('{"a": [1 2]}', "f.json:1:10: JSON syntax error: a comma is missing before this value"),
    ('{"a": [1, {"b": 2}}', "f.json:1:19: JSON syntax error: expected ',' or ']'"),
    ('{"a": [1]]', "f.json:1:10: JSON syntax error: expected ',' or '}'"),
    ('{"a": "x"\n "b": 2}', "f.json:2:2: JSON syntax error: a comma is missing before this value"),
    ('{"a": ', "f.json:1:7: JSON syntax error: unexpected end of file: a value is missing"),
])
def test_limits_and_mistakes_are_located(text, message):
    with pytest.raises(UserError) as caught:
        parse_json(text, "f.json")
    assert message in caught.value.render()
