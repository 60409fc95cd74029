"""JSON files are read as JSON, not as YAML: what YAML would quietly accept is refused, located.

ruamel.yaml reads most JSON, but as YAML: it accepts trailing commas, comments, single
quotes, bare keys, hex numbers, anchors, and folds a raw line break inside a string into a
space. A ``.json`` profile must mean the same to every JSON tool, so each of these is a
located "JSON syntax error" here.
"""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.loading.source import parse_json


@pytest.mark.parametrize(("text", "where"), [
    ('{"a": [1, 2,]}', "f.json:1:13:"),                 # trailing comma
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
