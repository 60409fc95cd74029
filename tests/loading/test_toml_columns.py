"""TOML mistakes at the value's column (every build-file error was at column 1: newcomer trial)."""

from __future__ import annotations

from resume_builder.loading.toml_errors import toml_place

LINES = '''out_dir = "out"
  [[targets]]
profile = "a.yaml"
formats = ["pdf", "docs"]
themes = [
  "a", # a comment, [with a bracket
  'b',
]
'''.splitlines()


def test_a_value_an_item_a_key_and_a_table_each_at_its_own_column():
    assert toml_place(LINES, ("out_dir",)) == (1, 11)
    assert toml_place(LINES, ("out_dir",), at_value=False) == (1, 1)  # an unknown key: the key
    assert toml_place(LINES, ("targets", 0)) == (2, 3)  # the header's [[
    assert toml_place(LINES, ("targets", 0, "formats", 1)) == (4, 19)
    assert toml_place(LINES, ("targets", 0, "themes", 1)) == (7, 3)  # an item on a later line of its list
    assert toml_place(LINES, ("targets", 0, "themes", 5)) == (5, 10)  # no such item: the list
