"""Reading files safely: encodings, syntax errors with lines, YAML bombs and tags, positions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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


def test_a_link_to_nothing_is_said_to_be_one(tmp_path):
    """A symbolic link whose file is gone was "file not found", though ``ls`` lists it (trial):
    profiles, `check`'s files and a build file's targets say where it points."""
    from resume_builder.building.config import _not_a_file
    from resume_builder.checking.extract import extract

    link = tmp_path / "cv.yaml"
    link.symlink_to(tmp_path / "moved" / "cv.yaml")
    said = f"is a symbolic link to '{tmp_path / 'moved' / 'cv.yaml'}', which does not exist"
    assert error_text(link) == f"{link}: {said} (point the link at the file, or name the file itself)"
    (tmp_path / "cv.pdf").symlink_to("old.pdf")
    with pytest.raises(UserError) as caught:
        extract(tmp_path / "cv.pdf")
    assert f"cv.pdf: is a symbolic link to 'old.pdf', which does not exist" in caught.value.render()
    assert _not_a_file(link, "profile") == (said, "point the link at the profile, or name the profile itself")
    assert _not_a_file(tmp_path / "absent.yaml", "profile") == (
        "not found", "give the profile's path relative to the build file's folder")
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    assert error_text(tmp_path / "a.yaml") == (f"{tmp_path / 'a.yaml'}: is a symbolic link to 'b.yaml', which leads "
                                               "back to it (a loop of links) (point the link at the file, or name "
                                               "the file itself)")


def test_a_missing_profile_in_a_misspelt_folder_names_the_one_meant(tmp_path):
    """nearby_name looks in a folder of a close name too (as for check's outptu/example.pdf)."""
    (tmp_path / "profiles").mkdir()
    write(tmp_path, "profiles/example.yml", "basics: {name: A}\n")
    assert f"did you mean '{tmp_path / 'profiles' / 'example.yml'}'?" in error_text(tmp_path / "profiels" / "example.yaml")


def test_value_at_follows_python_indexing_unless_strict():
    """One helper for a value at a path (the JSON Resume export had its own, stricter copy)."""
    from resume_builder.loading.source import value_at

    data = {"work": [{"name": "Acme"}, {"name": "Beta"}], "label": "Dev", 1: "one"}
    assert value_at(data, ("work", 1, "name")) == value_at(data, ("work", 1, "name"), strict=True) == "Beta"
    assert value_at(data, ("work", 9)) is None and value_at(data, ("work", 9), strict=True) is None
    for path in (("work", -1, "name"), ("work", True, "name"), ("label", 0), (1,)):
        assert value_at(data, path) is not None, path  # Python's: the last item, item 1, "D", a key 1
        assert value_at(data, path, strict=True) is None, path  # a path from a file leads nowhere


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
    assert "p.json:2:25: JSON syntax error" in error_text(path)


def test_yaml_duplicate_key_is_an_error(tmp_path):
    text = error_text(write(tmp_path, "p.yaml", "basics:\n  name: A\n  name: B\n"))
    assert "duplicate key" in text and ":3:" in text


def test_json_duplicate_key_is_an_error(tmp_path):
    assert 'duplicate key "name"' in error_text(write(tmp_path, "p.json", '{"basics": {"name": "A", "name": "B"}}'))


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!custom x"])
def test_yaml_tags_are_refused(tmp_path, tag):
    text = error_text(write(tmp_path, "p.yaml", f"basics:\n  name: {tag}\n"))
    assert "is not allowed" in text or "which YAML reads as a tag" in text


@pytest.mark.parametrize("value, tag", [
    ("!!binary aGVsbG8=", "!!binary"), ("!!str Ann", "!!str"), ("!!timestamp 2001-01-01", "!!timestamp"),
    ("!!int '3'", "!!int"), ("&n !!str Ann", "!!str"), ("!<tag:yaml.org,2002:str> Ann", "!!str"),
])
def test_every_explicit_yaml_tag_is_a_located_error(tmp_path, value, tag):
    """SECURITY.md says any tag is an error; ``name: !!binary aGVsbG8=`` validated and rendered
    as "hello", ``!!str`` and ``!!timestamp`` were accepted (security review)."""
    path = write(tmp_path, "p.yaml", f"basics:\n  email: ann@example.com\n  name: {value}\n")
    column = 9 + (value.index("!") if value.startswith("&") else 0)
    assert error_text(path).splitlines()[0] == (
        f"{path}:3:{column}: basics.name: YAML tag '{tag}' is not allowed "
        "(profiles hold plain data: remove the tag; quote the value if it must stay text)")


def test_a_tag_on_a_mapping_or_a_key_is_a_located_error(tmp_path):
    text = error_text(write(tmp_path, "p.yaml", "basics:\n  name: Ann\nmeta: !!map {a: 1}\n"))
    assert text.splitlines()[:3] == [
        f"{tmp_path / 'p.yaml'}:3:7: meta: YAML tag '!!map' is not allowed (profiles hold plain data: remove the tag)",
        "  3 | meta: !!map {a: 1}", "    |       ^"]
    text = error_text(write(tmp_path, "k.yaml", "basics:\n  name: Ann\n  !!str email: ann@example.com\n"))
    assert text.startswith(f"{tmp_path / 'k.yaml'}:3:3: basics.email: YAML tag '!!str' is not allowed")


@pytest.mark.parametrize("text, place, path, name, line", [
    ("basics: &b\n  <<: *b\n  name: A\n", "2:7", "basics.<<", "b", 1),  # AttributeError inside ruamel
    ("basics:\n  name: A\nmeta: &m {x: *m}\n", "3:14", "meta.x", "m", 3),  # read as {"x": null}
    ("basics:\n  name: A\nskills:\n  - &s\n    name: x\n    keywords: [[*s]]\n", "6:17",
     "skills[0].keywords[0][0]", "s", 4),
])
def test_an_alias_inside_the_value_its_anchor_names_is_a_located_error(tmp_path, text, place, path, name, line):
    """A recursive alias, anywhere, merge keys included (security review)."""
    file = write(tmp_path, "p.yaml", text)
    assert error_text(file).splitlines()[0] == (
        f"{file}:{place}: {path}: the alias '*{name}' is inside the value its anchor '&{name}' names (line {line}), "
        f"so that value would contain itself without end (an alias repeats a value written before it, not the one "
        f"it is in: remove '*{name}', or write out what it should repeat)")


@pytest.mark.filterwarnings("ignore::ruamel.yaml.error.ReusedAnchorWarning")  # '&p' given twice, on purpose
def test_aliases_to_finished_values_still_work(tmp_path):
    """An alias names the latest node of its anchor: here the finished '&p 2', not the open list."""
    text = ("basics: &b\n  name: Ann Example\nmeta:\n  owner:\n    <<: *b\n  pair: &p [1, &p 2, *p]\n"
            "  again: *p\n")
    assert load_profile(write(tmp_path, "p.yaml", text)).source.data["meta"] == {
        "owner": {"name": "Ann Example"}, "pair": [1, 2, 2], "again": 2}


def test_yaml_alias_bomb_is_refused_with_bounded_memory(tmp_path):
    """311 bytes that would expand to about 226 MB: refused before expanding, in little memory.

    Loaded in a fresh interpreter so that its peak resident memory is the load's alone
    (the peak of a test worker is whatever earlier tests reached).
    """
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    script = (
        "import json, resource, sys\n"
        "from resume_builder.errors import UserError\n"
        "from resume_builder.loading import load_profile\n"
        "try:\n"
        "    load_profile(sys.argv[1])\n"
        "    message = None\n"
        "except UserError as error:\n"
        "    message = str(error)\n"
        "print(json.dumps({'message': message, 'peak_kb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["message"] and "YAML aliases" in result["message"]
    assert result["peak_kb"] < 1536 * 1024  # the expansion itself would take gigabytes, f"loading took {result['peak_kb'] // 1024} MB at its peak"


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


# ----------------------------------------------------------------------------- size limits
# (resume_builder/limits.py: a document at a limit still renders within seconds)


def test_a_100_kb_field_is_a_located_error_naming_the_limit(tmp_path):
    from resume_builder.limits import MAX_FIELD_CHARS

    path = write(tmp_path, "p.yaml", f"basics:\n  name: A\nsummary: {'x' * (100 * 1024)}\n")
    text = error_text(path)
    assert f"p.yaml:3:10: summary: this text is {100 * 1024:,} characters long; a field may hold at most " \
           f"{MAX_FIELD_CHARS:,}" in text


def test_a_field_at_the_limit_is_fine(tmp_path):
    from resume_builder.limits import MAX_FIELD_CHARS

    words = ("lorem ipsum dolor " * (MAX_FIELD_CHARS // 18 + 1))[:MAX_FIELD_CHARS].strip()
    path = write(tmp_path, "p.json", json.dumps({"basics": {"name": "A"}, "summary": words}))
    assert load_profile(path).profile.summary == words


def test_ten_thousand_entries_are_a_located_error(tmp_path):
    entries = [{"company": f"Co {i}", "position": "Eng", "start": "2020"} for i in range(10_000)]
    path = write(tmp_path, "p.json", json.dumps({"basics": {"name": "A"}, "experience": entries}, indent=1))
    text = error_text(path)
    assert "p.json:5:16: experience: this list has 10,000 items; a list may hold at most 1,000" in text


def test_too_many_list_items_in_all_is_an_error(tmp_path):
    entries = [{"company": f"Co {i}", "position": "Eng", "start": "2020", "highlights": [f"h{j}" for j in range(20)]}
               for i in range(600)]
    text = error_text(write(tmp_path, "p.json", json.dumps({"basics": {"name": "A"}, "experience": entries})))
    assert "lists hold 12,600 items together; a profile may hold at most 10,000" in text


def test_aliases_repeating_a_long_text_count_every_time(tmp_path):
    """Each use is within the field limit; together they are over the whole profile's."""
    long_text = "word " * 3_800  # 19,000 characters, under the field limit
    uses = "\n".join("  - *long" for _ in range(60))
    path = write(tmp_path, "p.yaml", f"basics:\n  name: A\nx: &long {long_text}\ninterests:\n{uses}\n")
    text = error_text(path)
    assert "characters of text; a profile may hold at most 1,000,000" in text
    assert "YAML aliases" in text


def test_a_one_line_field_over_its_limit_is_a_located_error(tmp_path):
    from resume_builder.limits import MAX_LINE_CHARS

    path = write(tmp_path, "p.yaml", f"basics:\n  name: {'N' * (MAX_LINE_CHARS + 1)}\n")
    assert f"p.yaml:2:9: basics.name: this line is {MAX_LINE_CHARS + 1:,} characters long; a one-line field " \
           f"(a name, title, place or keyword) may hold at most {MAX_LINE_CHARS:,}" in error_text(path)
    assert load_profile(write(tmp_path, "q.yaml", f"basics:\n  name: {'N' * MAX_LINE_CHARS}\n")).profile


def test_a_file_larger_than_its_size_said_is_read_only_to_the_limit(tmp_path, monkeypatch):
    """The limit is on the bytes read (at most limit + 1), not on what stat said: a file that
    grows after stat, or one of /proc whose size says 0 (security review)."""
    import io
    import pathlib

    from resume_builder.limits import MAX_FILE_BYTES
    from resume_builder.loading.source import read_bytes

    path = write(tmp_path, "p.yaml", b"# " + b"x" * (2 * MAX_FILE_BYTES) + b"\n")
    real_stat = pathlib.Path.stat

    def small(self, *arguments, **keywords):
        result = real_stat(self, *arguments, **keywords)
        if self != path:
            return result
        fields = list(result)
        fields[6] = 10  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(pathlib.Path, "stat", small)
    asked: list[int] = []
    real_read = io.BufferedReader.read

    class Counting(io.BufferedReader):
        def read(self, size=-1):
            asked.append(size)
            return real_read(self, size)

    import builtins

    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda file, mode="r", *a, **k: Counting(real_open(file, "rb", buffering=0))
                        if isinstance(file, int) and mode == "rb" else real_open(file, mode, *a, **k))
    with pytest.raises(UserError, match=r"p.yaml: file is larger than 5 MiB; a profile is limited to 5 MiB"):
        read_bytes(path)
    assert asked == [MAX_FILE_BYTES + 1]


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="a POSIX device")
def test_a_named_file_is_refused_unless_it_is_a_regular_file():
    """A device is refused before it is opened (FIFOs, which would wait: tests/test_hostile_inputs.py)."""
    from resume_builder.loading.source import read_text

    with pytest.raises(UserError) as caught:
        read_text(Path("/dev/null"), "job posting")
    assert caught.value.render() == ("/dev/null: is a device, not a regular file "
                                     "(save it to a file and name that file: pipes and devices are not read)")
