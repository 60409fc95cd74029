"""Any JSON document: the data is what ``json`` reads, and every value and key is found where it is written."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resume_builder.loading.source import parse_json

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
_SCALARS = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False) \
    | _TEXT
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
                       max_leaves=20)
_LAYOUT = st.sampled_from([None, 0, 1, 2, "\t"])


def _paths(value, path=()):
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, path + (index,))


def _offset(text: str, position: tuple[int, int]) -> int:
    line, column = position
    return sum(len(row) + 1 for row in text.split("\n")[:line - 1]) + column - 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_VALUES.filter(lambda v: isinstance(v, (dict, list))), _LAYOUT, st.booleans())
def test_every_value_and_key_is_where_it_is_written(value, indent, ascii_only):
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    doc = parse_json(text, "f.json")
    assert doc.data == json.loads(text)
    for path, item in _paths(doc.data):
        at = text[_offset(text, doc.values[path]):]
        assert json.JSONDecoder().raw_decode(at)[0] == item, path
        if path and isinstance(path[-1], str):
            assert json.JSONDecoder().raw_decode(text[_offset(text, doc.keys[path]):])[0] == path[-1], path
