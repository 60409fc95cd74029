"""A bare word where a TOML value goes that was meant as a boolean (``check = tru``, ``True``,
``yes``) was told "a text value goes in double quotes" (trial): the hint names the boolean."""

from __future__ import annotations

import tomllib

import pytest

from resume_builder.loading.toml_errors import toml_syntax_error


@pytest.mark.parametrize("value, hint", [
    ("tru", "did you mean 'true'? TOML's booleans are true and false; a text value goes in double quotes"),
    ("fals", "did you mean 'false'? TOML's booleans are true and false; a text value goes in double quotes"),
    ("True", "write true: TOML's booleans are true and false, in lower case, without quotes"),
    ("yes", "write true: TOML's booleans are true and false, in lower case, without quotes"),
    ("off", "write false: TOML's booleans are true and false, in lower case, without quotes"),
    ("output", 'a text value goes in double quotes: key = "text"; lists are ["a", "b"]'),
])
def test_a_bare_word_meant_as_a_boolean_is_named(value, hint):
    source = f"out_dir = \"out\"\ncheck = {value}\n"
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(source)
    error = toml_syntax_error("b.toml", caught.value, source)
    assert str(error) == f"b.toml:2:9: TOML syntax error: Invalid value ({hint})"
