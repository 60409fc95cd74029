"""A theme.toml's mistakes inside its tables: a typo in ``[[fonts]]``, its ``files``, ``[fit]`` or
``[docx]`` named the top-level keys as "keys here" with no "did you mean", a misspelt required
key was also said to be missing, and ``[docx]`` was not checked until a DOCX was made (an
unknown key there never; newcomer trial)."""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder.errors import UserError
from resume_builder.theming import read_manifest

BAD = '''name = "bad"
api_version = 1
extends = "classic"
[[fonts]]
famly = "X"
dir = "fonts"
files = {reglar = "X.ttf"}
[fit]
min_font_sise = 8
[docx]
body_fnt = "Lato"
font_size = "big"
'''


def test_every_table_names_its_own_keys_and_docx_is_checked_at_once(tmp_path):
    (tmp_path / "theme.toml").write_text(BAD, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_manifest(tmp_path)
    said = [(p.location.line, p.path, p.message, p.hint) for p in caught.value.problems]
    assert said == [
        (5, "fonts[0].famly", "unknown key 'famly'", "did you mean 'family'?"),
        (7, "fonts[0].files.reglar", "unknown key 'reglar'", "did you mean 'regular'?"),
        (9, "fit.min_font_sise", "unknown key 'min_font_sise'", "did you mean 'min_font_size'?"),
        (11, "docx.body_fnt", "unknown key 'body_fnt'", "did you mean 'body_font'?"),
        (12, "docx.font_size", "expected a number, found the text 'big'", ""),
    ]


def test_a_child_themes_partial_docx_table_is_fine(tmp_path):
    (tmp_path / "theme.toml").write_text('name = "ok"\nextends = "classic"\n[docx]\nbody_font = "Lato"\n',
                                         encoding="utf-8")
    assert read_manifest(Path(tmp_path)).docx == {"body_font": "Lato"}


def test_a_boolean_is_not_a_number_in_theme_toml(tmp_path):
    """Python's bool is an int: pydantic (lax) read ``masthead_rule = true`` as a 1 pt rule and
    ``min_line_height = true`` as 1.0, silently; a number out of range only by luck was refused."""
    (tmp_path / "theme.toml").write_text('name = "b"\napi_version = true\nextends = "classic"\n[[fonts]]\n'
                                         'family = "X"\nwidth = true\nfiles = {regular = "X.ttf"}\n[fit]\n'
                                         'min_line_height = true\n[docx]\nmasthead_rule = true\nline_spacing = false\n',
                                         encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_manifest(tmp_path)
    said = [(p.location.line, p.path, p.message) for p in caught.value.problems]
    assert said == [
        (2, "api_version", "must be a whole number, not true"),
        (6, "fonts[0].width", "must be a number, not true"),
        (9, "fit.min_line_height", "must be a number, not true"),
        (11, "docx.masthead_rule", "must be a number, not true"),
        (12, "docx.line_spacing", "must be a number, not false"),
    ]


def test_an_unknown_table_is_at_its_header_with_the_table_it_may_mean(tmp_path):
    (tmp_path / "theme.toml").write_text('name = "t"\nextends = "classic"\n[[font]]\nfamily = "X"\n[fitt]\n'
                                         'min_font_size = 8\n', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_manifest(tmp_path)
    said = [(p.location.line, p.path, p.message, p.hint) for p in caught.value.problems]
    assert said == [
        (3, "font", "unknown table [[font]]", "did you mean '[[fonts]]'?"),
        (5, "fitt", "unknown table [fitt]", "did you mean '[fit]'?"),
    ]
