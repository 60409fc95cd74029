"""The fast YAML path reads exactly what the careful one does, and locates lazily."""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder.loading.profile_loader import _load_careful, _load_fast
from resume_builder.loading.source import parse_yaml, parse_yaml_fast
from tests.conftest import EXAMPLE, REPO

pytest.importorskip("_ruamel_yaml")

YAML_FILES = [EXAMPLE, REPO / "resume_builder" / "starter.yaml",
              *sorted((REPO / "tests").rglob("*.yaml"))]


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(Path(p).relative_to(REPO)))
def test_fast_and_careful_parsers_agree(path):
    text = Path(path).read_text(encoding="utf-8")
    fast = parse_yaml_fast(text, str(path))
    if fast is None:
        return  # the careful path handles this file (a deliberate mistake, a tag, ...)
    assert fast.data == parse_yaml(text, str(path)).data


def test_valid_profile_loads_fast_with_the_same_result():
    fast, careful = _load_fast(EXAMPLE, None), _load_careful(EXAMPLE, None)
    assert fast is not None
    assert fast.profile == careful.profile
    assert fast.profile.section_order() == careful.profile.section_order()
    assert fast.warnings == careful.warnings


def test_positions_are_computed_when_first_needed():
    fast = _load_fast(EXAMPLE, None)
    assert fast.source.values == {}
    location = fast.source.locate(("experience", 2, "company"))
    assert location == _load_careful(EXAMPLE, None).source.locate(("experience", 2, "company"))
    assert location.line and location.line > 1


@pytest.mark.parametrize("text", [
    "basics: {name: A, emial: x}\n",              # a schema mistake
    "basics: {name: !!python/name:os.system }\n",  # a tag
    "basics: {name: A}\nbasics: {name: B}\n",      # a duplicate key
    "basics: [unclosed\n",                         # a syntax error
])
def test_anything_wrong_goes_the_careful_way(tmp_path, text):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    assert _load_fast(path, None) is None
