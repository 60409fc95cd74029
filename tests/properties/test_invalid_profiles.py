"""Property: a broken document gives a located UserError, never a traceback.

Mutations of the example profile (a value of the wrong type anywhere, an unknown or
misspelt key, a date that does not exist) go through the whole preparation a render does
(loading, variants, theme options, section order, photo). The result is a profile, or a
:class:`UserError` every problem of which names its file, line and column; never another
exception. Mutations that must be errors (a value of a type the field can never take,
unknown keys in strict mappings, impossible dates) are.
"""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resume_builder.errors import UserError
from resume_builder.loading.source import parse, read_text
from resume_builder.pipeline import prepare
from tests.conftest import EXAMPLE

EXAMPLE_DATA = parse(read_text(EXAMPLE), str(EXAMPLE)).data
STRICT = ["basics", "experience", "projects", "skills", "education", "awards", "certifications",
          "publications", "languages", "volunteering", "interests", "references", "custom"]
WRONG_VALUES = [42, -1, 3.5, True, False, None, [], {}, ["x"], [1, 2], {"a": 1}, {"text": 5}, "", "text",
                "2021-13", "<b>x</b>", "{{ 7*7 }}", "x" * 300]
BAD_DATES = ["2021-13", "2021-02-30", "20x1", "1850", "2021/04", "present-ish", "", "0000-00"]


def all_paths(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += all_paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += all_paths(item, path + (index,))
    return out


PATHS = all_paths(EXAMPLE_DATA)
DATE_PATHS = [p for p in PATHS if p[-1] in ("start", "end", "date")]


def _at(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data


STRICT_MAPPINGS = [p for p in PATHS if p and p[0] in STRICT and isinstance(_at(EXAMPLE_DATA, p), dict)
                   and "variants" not in p and "fields" not in p]


def _set(data: Any, path: tuple, value: Any) -> None:
    _at(data, path[:-1])[path[-1]] = value


@st.composite
def broken(draw) -> tuple[dict[str, Any], bool]:
    """A mutated copy of the example, and whether it must be an error."""
    data = copy.deepcopy(EXAMPLE_DATA)
    must_fail = False
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["wrong_type", "wrong_type", "unknown_key", "misspelt_key", "bad_date",
                                     "theme"]))
        if kind == "wrong_type":
            path = draw(st.sampled_from(all_paths(data)))
            value = copy.deepcopy(draw(st.sampled_from(WRONG_VALUES)))  # never share one list or dict
            must_fail = must_fail or _never_valid(_at(data, path), value, path)
            _set(data, path, value)
        elif kind == "unknown_key":
            candidates = [p for p in STRICT_MAPPINGS if _exists(data, p)] or [("basics",)]
            target = _at(data, draw(st.sampled_from(candidates))) if _exists(data, ("basics",)) else data
            if isinstance(target, dict):
                target[draw(st.sampled_from(["emial", "zzz", "startDate", "hilights", "Name"]))] = "x"
                must_fail = must_fail or target is not data
        elif kind == "misspelt_key":
            target = _at(data, draw(st.sampled_from([p for p in STRICT_MAPPINGS if _exists(data, p)]
                                                    or [()])))
            if isinstance(target, dict) and target:
                key = draw(st.sampled_from(sorted(target)))
                target[key + "x"] = target.pop(key)
                must_fail = True
        elif kind == "theme":  # options are checked against the theme, later than the schema
            key, value = draw(st.sampled_from([("section_order", ["summary", "nosuch"]), ("accent_color", "blue"),
                                               ("font_size", 99), ("fnot_size", 9), ("page_size", "A3")]))
            if not isinstance(data.get("theme"), dict):
                data["theme"] = {}
            data["theme"][key] = value
            must_fail = True
        else:
            paths = [p for p in DATE_PATHS if _exists(data, p)]
            if paths:
                _set(data, draw(st.sampled_from(paths)), draw(st.sampled_from(BAD_DATES)))
                must_fail = True
    return data, must_fail


# Free-form places where any JSON value may stand: nothing there is wrongly typed.
FREE_FORM = ("meta", "variants", "theme")


DEFAULT_LANG = EXAMPLE_DATA.get("lang", "en")
LANGS = {p.stem for p in (Path(__file__).resolve().parents[2] / "resume_builder" / "locales").glob("*.toml")}


def _other_language(path: tuple) -> bool:
    """A translation the render in the default language does not read (see the xfail below)."""
    return any(isinstance(step, str) and step in LANGS and step != DEFAULT_LANG for step in path[1:])


def _never_valid(original: Any, value: Any, path: tuple) -> bool:
    """Whether ``value`` can never stand where the example has ``original``.

    Text never becomes a list of numbers or an object with an unknown key; a list never
    becomes a number or such an object; an object (a mapping of fields) never becomes a
    number or a list of numbers. (Some fields take text *or* an object, or one item *or* a
    list, so only these pairs are certain.)
    """
    if path[0] in FREE_FORM or _other_language(path):
        return False
    if isinstance(original, str):
        return value in ([1, 2], {"a": 1})
    if isinstance(original, list):
        return value == {"a": 1} or (isinstance(value, float))
    if isinstance(original, dict):
        return value == [1, 2] or isinstance(value, float)
    return False


def _exists(data: Any, path: tuple) -> bool:
    try:
        value = _at(data, path)
    except (KeyError, IndexError, TypeError):
        return False
    return isinstance(value, dict) or path == ()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken())
def test_a_broken_document_gives_a_located_user_error_never_a_traceback(case):
    data, must_fail = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "profile.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        try:
            prepare(path)
        except UserError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.location is not None and problem.location.line is not None, str(problem)
                assert problem.location.file == str(path), str(problem)
        else:
            assert not must_fail, "a broken document was accepted"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([p for p in PATHS if p[0] not in FREE_FORM]),
       st.sampled_from([[1, 2], {"a": 1}, 3.5]))
def test_a_value_of_a_type_the_field_never_takes_is_rejected_at_its_place(path, value):
    """One wrongly typed value, alone: a located error naming that field, always."""
    original = _at(EXAMPLE_DATA, path)
    if not _never_valid(original, value, path):
        return
    data = copy.deepcopy(EXAMPLE_DATA)
    _set(data, path, value)
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "profile.json"
        file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        try:
            prepare(file)
        except UserError as error:
            assert all(p.location is not None and p.location.file == str(file) for p in error.problems)
        else:
            raise AssertionError(f"{path} = {value!r} (was {original!r}) was accepted")


def test_validate_checks_the_translations_of_every_language(tmp_path):
    from typer.testing import CliRunner

    from resume_builder.cli import app

    data = copy.deepcopy(EXAMPLE_DATA)
    data["basics"]["headline"]["de"] = [1, 2]
    file = tmp_path / "profile.json"
    file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.raises(UserError, match="basics.headline: expected text, found a list"):
        prepare(file, lang="de")  # rendering in German finds it ...
    result = CliRunner().invoke(app, ["validate", str(file)])
    assert result.exit_code == 2, result.output  # ... and so does validate
    assert "basics.headline: expected text, found a list" in result.output
