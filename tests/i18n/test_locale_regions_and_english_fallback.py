"""Two faults of a user trial with ``--locale``.

A. ``render --locale zh-Hant`` (also zh-TW, th, el, uk: locales without a built-in translation)
   printed that the headings stay in English, then that the résumé's "headings, dates and
   built-in words are in Chinese (Traditional)". The script warning now names only what the
   locale gives in its own language, the dates (from CLDR); the English headings are said once,
   by the warning about the missing translation.
B. ``--locale de-XX`` was accepted silently (Babel fell back to ``de``). A region CLDR does not
   know is now refused as an unknown language is, with the code to write.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.i18n import UnknownLocale, built_in_languages, check_locale, labels_for
from resume_builder.scripts import script_warning
from tests.conftest import EXAMPLE

runner = CliRunner()

ENGLISH_TEXT = ["Built the deployment platform for the payments teams and ran it for three years"]


def warnings_of(*args: str) -> list[str]:
    result = runner.invoke(app, ["render", str(EXAMPLE), "-f", "txt", "-o", "-", *args])
    assert result.exit_code == 0, result.output
    return [line for line in result.output.splitlines() if line.startswith("warning: ")]


@pytest.mark.parametrize("locale, tongue", [("zh-Hant", "Chinese (Traditional)"),
                                            ("zh-TW", "Chinese (Traditional, Taiwan)"),
                                            ("th", "Thai"), ("el", "Greek"), ("uk", "Ukrainian")])
def test_an_untranslated_locale_says_once_that_the_headings_are_english(locale, tongue):
    assert warnings_of("--locale", locale) == [
        f"warning: no built-in translation for '{locale}': headings and 'present' stay in English "
        "(translate them with 'headings:' in the profile)",
        f"warning: the résumé is written mostly in Latin script, which its locale '{locale}' does not write: "
        f"its dates are in {tongue}; give --locale en",
    ]


def test_a_translated_locale_still_names_its_headings():
    assert warnings_of("--locale", "zh") == [
        "warning: the résumé is written mostly in Latin script, which its locale 'zh' does not write: "
        "its headings, dates and built-in words are in Chinese; give --locale en"]


def test_an_untranslated_letter_names_only_its_date():
    fix = lambda language: f"give --locale {language}"  # noqa: E731
    assert script_warning(ENGLISH_TEXT, "th", what="the letter", words="its date, salutation and closing",
                          untranslated="its date", fix=fix) == [
        "the letter is written mostly in Latin script, which its locale 'th' does not write: "
        "its date is in Thai; give --locale en"]
    assert script_warning(ENGLISH_TEXT, "ja", what="the letter", words="its date, salutation and closing",
                          untranslated="its date", fix=fix) == [
        "the letter is written mostly in Latin script, which its locale 'ja' does not write: "
        "its date, salutation and closing are in Japanese; give --locale en"]


@pytest.mark.parametrize("tag, hint", [
    ("de-XX", "'XX' is not a country or region code; write e.g. de-DE, or leave the region out: de"),
    ("de_xx", "'XX' is not a country or region code; write e.g. de-DE, or leave the region out: de"),
    ("de-ZZ", "'ZZ' is not a country or region code; write e.g. de-DE, or leave the region out: de"),
    ("zh-Hant-XX", "'XX' is not a country or region code; write e.g. zh-Hant-TW, or leave the region out: zh-Hant"),
    ("en-UK", "did you mean 'en-GB'? the code for United Kingdom is 'GB'"),
    ("en-USA", "did you mean 'en-US'? the code for United States is 'US'"),
    ("de-276", "did you mean 'de-DE'? the code for Germany is 'DE'"),
])
def test_an_unknown_region_is_refused_with_the_code_to_write(tag, hint):
    with pytest.raises(UnknownLocale) as info:
        check_locale(tag)
    assert info.value.hint == hint


def test_the_commands_and_the_profile_refuse_an_unknown_region(tmp_path):
    hint = "'XX' is not a country or region code; write e.g. de-DE, or leave the region out: de"
    result = runner.invoke(app, ["render", str(EXAMPLE), "-f", "txt", "-o", "-", "--locale", "de-XX"])
    assert result.exit_code != 0
    assert f"error: 'de-XX' is not a known locale ({hint})" in result.output
    result = runner.invoke(app, ["render", str(EXAMPLE), "-f", "txt", "-o", "-", "--lang", "de-XX"])
    assert result.exit_code != 0
    assert f"error: 'de-XX' is not a language ({hint})" in result.output
    path = tmp_path / "me.yaml"
    path.write_text("locale: de-XX\nbasics: {name: Alex Example}\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "-f", "txt", "-o", "-"])
    assert result.exit_code != 0
    assert f"me.yaml:1:9: locale: 'de-XX' is not a language or locale: {hint}" in result.output


@pytest.mark.parametrize("tag", ["de-AT", "de-CH", "en-GB", "en-US", "pt-BR", "zh-Hans", "zh-Hant", "zh-TW",
                                 "sr-Latn", "sr-Latn-RS", "es-419", "en-150", "en-001", "zh-hant-tw", "pt_br",
                                 "sq-XK", *built_in_languages()])
def test_known_regions_and_the_built_in_locales_are_taken(tag):
    assert labels_for(tag).language == check_locale(tag)
