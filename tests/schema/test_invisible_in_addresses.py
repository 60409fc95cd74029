"""Addresses refuse invisible characters: ``https://ex\\u202eample.com/`` (a right-to-left
override) passed validation and reached every output, shown as another address than the
one it opens (security review). RFC 3987 section 4.1: no bidi formatting characters in IRIs."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app

FIELDS = {
    "website": 'website: "https://ex{c}ample.com/"',
    "email": 'email: "a{c}@example.com"',
    "phone": 'phone: "+44 20{c} 7946 0000"',
    "profile": 'profiles:\n    - network: GitHub\n      url: "https://github.com/a{c}b"',
}


@pytest.mark.parametrize("char", ["\\u202e", "\\u2067", "\\u200b", "\\u200d", "\\u2060", "\\ufeff", "\\u00ad",
                                  "\\u3164"])
@pytest.mark.parametrize("field", FIELDS)
def test_an_invisible_character_in_an_address_is_refused_where_it_is(tmp_path, char, field):
    profile = tmp_path / "cv.yaml"
    profile.write_text("basics:\n  name: Ann Bee\n  " + FIELDS[field].format(c=char) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(profile)])
    assert result.exit_code == 2, result.output
    code = char[2:].upper()
    assert f"contains the invisible character U+{code}" in result.output, result.output
    assert "what is shown would not be what it opens" in result.output
    assert f"cv.yaml:{5 if field == 'profile' else 3}:" in result.output


def test_visible_addresses_in_other_scripts_still_pass(tmp_path):
    profile = tmp_path / "cv.yaml"
    profile.write_text('basics:\n  name: Ann Bee\n  website: "https://bücher.example/straße"\n'
                       '  email: "ann@example.com"\n  phone: "+49 30 1234567"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(profile)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("char", ["\\u200b", "\\u202e", "\\u034f", "\\ufe0f", "\\u17b4"])
def test_a_markdown_link_and_an_address_path_refuse_them_too(tmp_path, char):
    """A link in text (``[x](https://ex\\u200bample.com)``) passed, and U+034F, U+FE0F and
    U+17B4 passed in an address's path (fresh trial)."""
    profile = tmp_path / "cv.yaml"
    profile.write_text('basics:\n  name: Ann Bee\n  website: "https://example.com/a' + char + 'b"\n'
                       'summary: "see [x](https://ex' + char + 'ample.com)"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(profile)])
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert f"basics.website: contains the invisible character U+{char[2:].upper()}" in said
    assert f"summary: link contains the invisible character U+{char[2:].upper()}" in said
