"""A key typed without its colon (``location Zaragoza`` between ``company:`` and ``start:``) is
named on its own line, with the fix: the parser notices only on the next key, or at the next
top-level key when it was the last line of a list item, and said "this is not valid YAML"
there (newcomer trial: the line quoted was ``start: 2016-01``, which is right)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app

PROFILE = """\
lang: es
basics:
  name: Lucía Fernández
  email: lucia@example.com
  phone: "+34 612 34 56 78"
experience:
  - company: RutaLogística S.A.
    position: Desarrolladora Júnior
    location: Zaragoza
    start: 2016-01
    end: 2018-08
languages:
  - language: Español
    fluency: Nativo
  - language: Francés
    fluency: B1
letters:
  nubecobro:
    recipient:
      name: Marta Gil
    body: Hola.
"""


def _validate(tmp_path, slipped: str, fixed: str) -> str:
    assert fixed in PROFILE
    profile = tmp_path / "cv.yaml"
    profile.write_text(PROFILE.replace(fixed, slipped, 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(profile)])
    assert result.exit_code == 2, result.output
    return " ".join(result.output.split())


def test_the_unslipped_profile_is_valid(tmp_path):
    profile = tmp_path / "cv.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(profile)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("slipped, fixed, where", [
    ("    location Zaragoza\n", "    location: Zaragoza\n", "cv.yaml:9:13:"),  # inside a list item's mapping
    ("  email lucia@example.com\n", "  email: lucia@example.com\n", "cv.yaml:4:8:"),  # under basics
    ("    fluency B1\n", "    fluency: B1\n", "cv.yaml:16:12:"),  # the last line of a list item
])
def test_a_key_without_its_colon_is_named_on_its_own_line(tmp_path, slipped, fixed, where):
    said = _validate(tmp_path, slipped, fixed)
    typed, meant = slipped.strip(), fixed.strip()
    assert f"{where} YAML syntax error: '{typed}' has no colon after '{meant.split(':')[0]}', so YAML does not " \
           f"read it as a key (write '{meant}')" in said, said
    assert "not valid YAML" not in said
    assert said.count("error: /") == 1


def test_a_word_that_is_no_field_is_not_taken_for_a_key(tmp_path):
    """A line of text that goes on at the level of the keys is no colon slip unless its first
    word is a field's name: it keeps the plain message."""
    said = _validate(tmp_path, "    position: Desarrolladora\n    muy Júnior\n", "    position: Desarrolladora Júnior\n")
    assert "has no colon" not in said


def test_a_near_miss_of_a_field_name_gets_the_field_in_its_fix(tmp_path):
    said = _validate(tmp_path, "    locaton Zaragoza\n", "    location: Zaragoza\n")
    assert "cv.yaml:9:12: YAML syntax error: 'locaton Zaragoza' has no colon after 'locaton'" in said, said
    assert "(write 'location: Zaragoza')" in said, said


@pytest.mark.parametrize("slipped, fixed, said_at", [
    ("    location Zaragoza\n", "    location: Zaragoza\n", "has no colon after 'location'"),
    ("    location:Zaragoza\n", "    location: Zaragoza\n", "has no space after the ':'"),
    ('    location: "Zaragoza\n', "    location: Zaragoza\n", "is never closed"),
])
def test_a_slip_is_found_in_a_profile_with_a_link_in_a_flow_mapping(tmp_path, slipped, fixed, said_at):
    """``profiles: [{network: GitHub, url: https://github.com/x}]`` is YAML 1.2 the loader reads,
    but libyaml (YAML 1.1, the faster parser the slip finder tried first) fails on its ':' at
    that line: every repair further down was judged by that failure, and each slip got the
    plain "not valid YAML" at the line after it (fresh trial)."""
    flow = PROFILE.replace('  phone: "+34 612 34 56 78"\n', '  phone: "+34 612 34 56 78"\n  profiles:\n'
                           '    - {network: GitHub, username: lfernandez, url: https://github.com/lfernandez}\n')
    profile = tmp_path / "cv.yaml"
    profile.write_text(flow.replace(fixed, slipped, 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(profile)])
    said = " ".join(result.output.split())
    assert result.exit_code == 2 and "cv.yaml:11:" in said and said_at in said, said
    assert "not valid YAML" not in said
