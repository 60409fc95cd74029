"""A misspelt key is one mistake: reported once, as an unknown field with its fix.

Before: 'postion: Platform Engineer' gave two errors, "'position' is required" and
"unknown field 'postion' (did you mean 'position'?)"; 'theme:{name: modern}' (no space after
the ':') gave "unknown field 'theme:{name' (did you mean 'theme'?)"."""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile

EXAMPLE = Path(__file__).resolve().parents[2] / "profiles" / "example.yaml"


def _errors(tmp_path: Path, old: str, new: str) -> list[str]:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "p.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")  # the first one: experience[0]
    with pytest.raises(UserError) as caught:
        load_profile(path)
    return [line for line in caught.value.render().replace(str(path), "p.yaml").splitlines()
            if line.startswith("p.yaml:")]


def test_a_misspelt_required_key_is_reported_once(tmp_path):
    errors = _errors(tmp_path, "    position: Platform Engineer\n", "    postion: Platform Engineer\n")
    line = EXAMPLE.read_text(encoding="utf-8").split("\n").index("    position: Platform Engineer") + 1
    assert line == 86
    assert errors == [f"p.yaml:{line}:5: experience[0].postion: unknown field 'postion' "
                      "(did you mean 'position'?)"]


def test_a_missing_key_with_an_unrelated_unknown_key_is_still_reported(tmp_path):
    errors = _errors(tmp_path, "    position: Platform Engineer\n", "    salary: 100\n")
    assert any("'position' is required" in e for e in errors), errors
    assert any("unknown field 'salary'" in e for e in errors), errors


def test_a_key_with_no_space_after_its_colon_is_named(tmp_path):
    errors = _errors(tmp_path, "    theme: {name: modern}\n", "    theme:{name: modern}\n")
    assert len(errors) == 1, errors
    assert ("unknown field 'theme:{name' (a key needs a space after the ':', so YAML read 'theme:{name' as "
            "one key: write 'theme: {name: modern}')") in errors[0]


def test_a_misspelt_key_that_stands_in_for_a_required_one_is_reported_once(tmp_path):
    """'role:' for 'roles:' also gave "'position' is required" (newcomer trial): 'roles' would
    have made 'position' unneeded, so the typo is the one mistake."""
    path = tmp_path / "p.yaml"
    path.write_text("basics:\n  name: Sam Sample\nexperience:\n  - company: Acme\n    role:\n"
                    "      - position: Dev\n        start: 2020-01\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert caught.value.render().replace(str(path), "p.yaml").splitlines() == [
        "p.yaml:5:5: experience[0].role: unknown field 'role' (did you mean 'roles'?)"]


def test_an_unrelated_key_beside_a_job_with_neither_position_nor_roles_still_says_both(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("basics:\n  name: Sam Sample\nexperience:\n  - company: Acme\n    salary: 100\n",
                    encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    text = caught.value.render()
    assert "'position' is required" in text and "unknown field 'salary'" in text
