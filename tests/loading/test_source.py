"""Reading files safely: encodings, syntax errors with lines, YAML bombs and tags, positions."""

from __future__ import annotations

import json
import time

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile
from resume_builder.loading.source import parse_json, parse_yaml


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def error_text(path) -> str:
    with pytest.raises(UserError) as caught:
        load_profile(path)
    return caught.value.render()


def test_missing_file(tmp_path):
    assert "nope.yaml: file not found" in error_text(tmp_path / "nope.yaml")


def test_not_utf8_reports_the_byte_position(tmp_path):
    path = write(tmp_path, "p.yaml", b"basics:\n  name: Ren\xe9\n")
    assert "p.yaml:2:12: not valid UTF-8" in error_text(path)


def test_empty_file(tmp_path):
    assert "the file is empty" in error_text(write(tmp_path, "p.yaml", "  \n\n"))


def test_top_level_must_be_a_mapping(tmp_path):
    assert "top level must be a mapping" in error_text(write(tmp_path, "p.yaml", "- a\n- b\n"))


def test_yaml_syntax_error_has_its_line(tmp_path):
    path = write(tmp_path, "p.yaml", "basics:\n  name: A\n  email: [unclosed\n")
    assert "p.yaml:4:" in error_text(path) or "p.yaml:3:" in error_text(path)
    assert "YAML syntax error" in error_text(path)


def test_json_syntax_error_has_its_line(tmp_path):
    path = write(tmp_path, "p.json", '{\n  "basics": {"name": "A",}\n}\n')
    assert "p.json:2:26: JSON syntax error" in error_text(path)


def test_yaml_duplicate_key_is_an_error(tmp_path):
    text = error_text(write(tmp_path, "p.yaml", "basics:\n  name: A\n  name: B\n"))
    assert "duplicate key" in text and ":3:" in text


def test_json_duplicate_key_is_an_error(tmp_path):
    assert 'duplicate key "name"' in error_text(write(tmp_path, "p.json", '{"basics": {"name": "A", "name": "B"}}'))


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!custom x"])
def test_yaml_tags_are_refused(tmp_path, tag):
    assert "is not allowed" in error_text(write(tmp_path, "p.yaml", f"basics:\n  name: {tag}\n"))


def test_yaml_alias_bomb_fails_fast(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    started = time.perf_counter()
    text = error_text(path)
    assert time.perf_counter() - started < 5
    assert "YAML aliases" in text


def test_deep_nesting_is_refused(tmp_path):
    text = error_text(write(tmp_path, "p.yaml", "basics: " + "[" * 200 + "]" * 200 + "\n"))
    assert "nested too deeply" in text


def test_deep_json_nesting_is_refused(tmp_path):
    text = error_text(write(tmp_path, "p.json", '{"basics": ' + "[" * 5000 + "]" * 5000 + "}"))
    assert "nested too deeply" in text


def test_yaml_positions_point_at_values_and_keys():
    doc = parse_yaml("basics:\n  name: A\n  profiles:\n    - network: X\n", "f.yaml")
    assert doc.values[("basics", "name")] == (2, 9)
    assert doc.keys[("basics", "name")] == (2, 3)
    assert doc.values[("basics", "profiles", 0)] == (4, 7)
    assert str(doc.locate(("basics", "profiles", 0, "url"))) == "f.yaml:4:7"


def test_yaml_dates_and_numbers_become_plain_values():
    doc = parse_yaml("a: 2021-04-01\nb: 2021-04\nc: 2021\nd: no\n", "f.yaml")
    assert doc.data == {"a": "2021-04-01", "b": "2021-04", "c": 2021, "d": "no"}


def test_json_parser_agrees_with_the_standard_library():
    text = json.dumps({"a": [1, 2.5, -3e2, True, None, "x\u00e9\\\"y"], "b": {"c": {}}, "d": []}, indent=2)
    doc = parse_json(text, "f.json")
    assert doc.data == json.loads(text)
    assert doc.values[("a", 1)] == (4, 5)
    assert doc.keys[("b",)] == (10, 3)
