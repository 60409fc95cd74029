"""Text checks of the scalar types: control and invisible characters, a ``profile:`` file,
links in Markdown text, language tags; each rule and its exact message."""

from __future__ import annotations

import pytest
from pydantic_core import PydanticCustomError

from resume_builder.schema.types import (_check_locale, _check_markdown, _check_no_controls, _check_visible,
                                         _no_controls, _profile_file)


def refusal(check, value, **options) -> tuple[str, str, dict]:
    with pytest.raises(PydanticCustomError) as info:
        check(value, **options)
    return info.value.type, str(info.value), info.value.context


@pytest.mark.parametrize("value, allow, code, position", [
    ("ab\x00c", "", "0000", 3), ("\x1f", "", "001F", 1), ("a\x7f", "", "007F", 2), ("a\x9fb", "", "009F", 2),
    ("a\tb\x0b", "\t", "000B", 4), ("\n\x1b", "\n\t", "001B", 2), ("a\tb", "", "0009", 2),
])
def test_a_control_character_is_refused_by_its_code_and_place(value, allow, code, position):
    """The first control character not allowed is named, counting characters from 1."""
    assert refusal(_check_no_controls, value, allow=allow) == (
        "control_character", f"contains the control character U+{code} (at character {position}); remove it",
        {"code": code, "position": position})


@pytest.mark.parametrize("value, allow", [("plain text", ""), ("é\u00a0ü\u200b", ""), ("a\tb\nc", "\n\t")])
def test_text_without_control_characters_or_with_allowed_ones_passes(value, allow):
    """NO-BREAK SPACE (U+00A0) is the first code point after the C1 controls."""
    assert _check_no_controls(value, allow=allow) == value


def test_plain_text_allows_no_control_character_at_all():
    assert _no_controls("a b") == "a b"
    assert refusal(_no_controls, "a\tb")[1] == "contains the control character U+0009 (at character 2); remove it"


@pytest.mark.parametrize("value, char, position", [
    ("https://ex\u202eample.com/", "U+202E RIGHT-TO-LEFT OVERRIDE", 11),
    ("\u200b+44 20 7946 0000", "U+200B ZERO WIDTH SPACE", 1),
    ("a\u3164@example.com", "U+3164 HANGUL FILLER", 2),
])
def test_an_invisible_character_in_an_address_is_refused_by_name_and_place(value, char, position):
    assert refusal(_check_visible, value) == (
        "invisible_character", f"contains the invisible character {char} (at character {position}): what is "
                               "shown would not be what it opens; remove it", {"char": char, "position": position})


@pytest.mark.parametrize("value", ["https://bücher.example/straße", "ann@example.com", "+49 30 1234567"])
def test_visible_addresses_pass(value):
    assert _check_visible(value) == value


@pytest.mark.parametrize("value", ["cv.yaml", "profile.yml", "cv.json", " CV.YAML ", "../other/Cv.Json"])
def test_a_profile_file_is_a_yaml_or_json_file(value):
    assert _profile_file(value) == value


@pytest.mark.parametrize("value", ["../secret.env", "cv.yaml.txt", "yaml", "cv.yaml/", "cv"])
def test_anything_else_is_not_a_profile_file(value):
    """A variant or letter file someone sent could otherwise have any file read (security review)."""
    assert refusal(_profile_file, value) == (
        "profile_suffix", f"'{value}' is not a profile file: name a .yaml, .yml or .json file", {"value": value})


def _scheme(target: str) -> str:
    return f"link '{target}' must start with http://, https://, mailto: or tel:"


@pytest.mark.parametrize("text, more", [
    ("see [a](javascript:x)", ""),
    ("see [a](javascript:x) and [b](ftp://y)", " (and 1 more bad link)"),
    ("see [a](javascript:x), [b](ftp://y) and [c](file:z)", " (and 2 more bad links)"),
])
def test_bad_links_in_text_are_refused_first_one_named_all_kept(text, more):
    """The message names the first bad link; the error's context holds each with its target
    as written, so each can be reported where it is."""
    targets = ["javascript:x", "ftp://y", "file:z"][:text.count("](")]
    assert refusal(_check_markdown, text) == (
        "markdown_link", _scheme("javascript:x") + more,
        {"problem": _scheme("javascript:x"), "links": [(_scheme(target), target) for target in targets]})


def test_text_with_good_links_passes():
    text = "see [me](https://example.com) or [mail](mailto:a@example.com)"
    assert _check_markdown(text) == text


@pytest.mark.parametrize("value, expected", [("de", "de"), ("en_gb", "en-GB"), ("pt-br", "pt-BR")])
def test_a_language_tag_is_normalised(value, expected):
    assert _check_locale(value) == expected


@pytest.mark.parametrize("value, hint", [
    ("xx", "write e.g. en, de, en-GB, pt-BR"), ("english", "write e.g. en, de, en-GB, pt-BR"),
    ("iw", "did you mean 'he'? 'iw' is an old code for Hebrew, now written 'he'"),
])
def test_an_unknown_language_is_refused_with_a_hint(value, hint):
    """A deprecated code gets its replacement (CLDR); anything else, examples of the form."""
    assert refusal(_check_locale, value) == (
        "locale", f"'{value}' is not a language or locale: {hint}", {"value": value, "hint": hint})
