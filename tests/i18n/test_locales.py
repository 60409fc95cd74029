"""Locales: translated headings and words, CLDR month names and date formats, direction."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from resume_builder.document import build_document, format_date, format_range
from resume_builder.errors import UserError
from resume_builder.i18n import (HEADING_KEYS, WORD_KEYS, Labels, UnknownLocale, built_in_languages,
                                 labels_for, resolve_locale)
from resume_builder.loading import load_profile
from resume_builder.pipeline import document_labels, prepare
from resume_builder.schema.types import PartialDate
from tests.conftest import EXAMPLE, REPO

REQUIRED = ("en", "de", "fr", "es", "pt", "it", "nl", "pl", "tr", "ja", "zh", "ar", "hi")
MARCH_2023 = PartialDate(2023, 3)

# locale → (the experience heading, a job from March 2023 until now, a year alone)
EXPECTED = {
    "en": ("Experience", "Mar 2023 – present", "2021"),
    "de": ("Berufserfahrung", "März 2023 – heute", "2021"),
    "fr": ("Expérience professionnelle", "mars 2023 – aujourd’hui", "2021"),
    "es": ("Experiencia profesional", "mar 2023 – actualidad", "2021"),
    "pt": ("Experiência profissional", "mar. de 2023 – atual", "2021"),
    "it": ("Esperienza professionale", "mar 2023 – oggi", "2021"),
    "nl": ("Werkervaring", "mrt 2023 – heden", "2021"),
    "pl": ("Doświadczenie zawodowe", "mar 2023 – obecnie", "2021"),
    "tr": ("İş deneyimi", "Mar 2023 – halen", "2021"),
    "ja": ("職歴", "2023年3月 – 現在", "2021年"),
    "zh": ("工作经历", "2023年3月 – 至今", "2021年"),
    "ar": ("الخبرة المهنية", "مارس 2023 – حتى الآن", "2021"),
    "hi": ("कार्य अनुभव", "मार्च 2023 – वर्तमान", "2021"),
    "he": ("ניסיון תעסוקתי", "מרץ 2023 – היום", "2021"),
    "ru": ("Опыт работы", "март 2023\u202fг. – настоящее время", "2021"),
    "ko": ("경력", "2023년 3월 – 현재", "2021년"),
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("language", sorted(set(REQUIRED) | set(built_in_languages())))
def test_every_translation_file_is_complete(language):
    item = resources.files("resume_builder") / "locales" / f"{language}.toml"
    data = tomllib.loads(item.read_text(encoding="utf-8"))
    assert set(data["headings"]) == set(HEADING_KEYS)
    for key in WORD_KEYS:
        assert data[key].strip()
    assert all(value.strip() for value in data["headings"].values())
    labels = labels_for(language)
    assert labels.translated and labels.language == language


@pytest.mark.parametrize("locale", sorted(EXPECTED))
def test_headings_and_dates(locale):
    heading, job, year = EXPECTED[locale]
    labels = labels_for(locale)
    assert labels.headings["experience"] == heading
    assert format_range(MARCH_2023, None, labels, open_ended=True) == job
    assert format_date(PartialDate(2021), labels) == year


def test_month_names_come_from_cldr():
    from babel.dates import get_month_names

    for locale in EXPECTED:
        cldr = get_month_names("abbreviated", locale=locale)
        assert labels_for(locale).months == tuple(cldr[m] for m in range(1, 13))


def test_english_words_agree_with_the_built_in_defaults():
    assert labels_for("en").headings == Labels().headings
    english = labels_for("en")
    assert (english.present, english.technologies, english.courses, english.score) == (
        Labels().present, Labels().technologies, Labels().courses, Labels().score)


@pytest.mark.parametrize(("locale", "direction"), [("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("en", "ltr"),
                                                   ("ja", "ltr"), ("hi", "ltr")])
def test_direction_comes_from_cldr(locale, direction):
    assert labels_for(locale).direction == direction


def test_regional_locales_use_their_language_words_and_their_own_months():
    austrian = labels_for("de-AT")
    assert austrian.headings["experience"] == "Berufserfahrung"
    assert austrian.format_month(2023, 1) == "Jän. 2023"  # CLDR's Austrian January
    assert austrian.language == "de-AT"
    assert labels_for("en_gb").format_month(2023, 9) == "Sept 2023" and labels_for("en_gb").language == "en-GB"
    assert labels_for("pt-BR").headings["education"] == "Formação acadêmica"


def test_a_language_without_translations_keeps_english_words_with_its_own_months():
    swedish = labels_for("sv")
    assert not swedish.translated
    assert swedish.headings["experience"] == "Experience"
    assert swedish.format_month(2023, 10) == "okt. 2023"


def test_unknown_locales_are_refused():
    for bad in ("xx", "klingon", "e", "en--GB", ""):
        with pytest.raises(UnknownLocale):
            labels_for(bad or "!")


def test_resolve_locale_precedence():
    assert resolve_locale() == "en"
    assert resolve_locale(profile_lang="de") == "de"
    assert resolve_locale(profile_locale="fr", profile_lang="de") == "fr"
    assert resolve_locale(lang="de", profile_locale="fr") == "de"  # the text's language wins
    assert resolve_locale(lang="de", profile_locale="de-CH") == "de-CH"  # ...unless the locale is its own
    assert resolve_locale(locale="ja", lang="de", profile_locale="fr") == "ja"


# ----------------------------------------------------------------------------- profiles


PROFILE = """\
basics: {name: Ann}
experience:
  - {company: Acme, position: Dev, start: 2023-03}
education:
  - {institution: TU, start: 2015, end: 2019, score: '1.3'}
"""


def test_profile_locale_sets_headings_and_dates(tmp_path):
    profile = load_profile(write(tmp_path, "locale: de\n" + PROFILE)).profile
    doc = build_document(profile)
    assert [s.title for s in doc.sections] == ["Berufserfahrung", "Ausbildung"]
    assert doc.section("experience").entries[0].date == "März 2023 – heute"
    assert doc.section("education").entries[0].fields[0].label == "Note"
    assert doc.metadata.language == "de" and doc.direction == "ltr"


def test_heading_overrides_win_over_the_locale(tmp_path):
    text = "locale: de\nheadings:\n  experience: Werdegang\n  education: {en: Studies, de: Studium}\n" + PROFILE
    doc = build_document(load_profile(write(tmp_path, text)).profile)
    assert [s.title for s in doc.sections] == ["Werdegang", "Studium"]
    english = build_document(load_profile(write(tmp_path, "headings: {experience: Work history}\n" + PROFILE)).profile)
    assert [s.title for s in english.sections] == ["Work history", "Education"]


def test_unknown_heading_is_a_located_error(tmp_path):
    with pytest.raises(UserError) as info:
        load_profile(write(tmp_path, "headings:\n  experince: Work\n" + PROFILE))
    assert "me.yaml:2:3: headings: no section 'experince' has a heading to override " \
           "(did you mean 'experience'?)" in str(info.value)


def test_prepare_takes_locale_and_lang(tmp_path):
    path = write(tmp_path, "locale: fr\n" + PROFILE)
    assert prepare(path).document.section("experience").title == "Expérience professionnelle"
    assert prepare(path, locale="it").document.section("experience").title == "Esperienza professionale"
    assert prepare(path, lang="nl").document.section("experience").title == "Werkervaring"
    with pytest.raises(UserError, match="'xx' is not a known locale"):
        prepare(path, locale="xx")


def test_untranslated_locale_warns(tmp_path):
    job = prepare(write(tmp_path, PROFILE), locale="sv")
    assert job.warnings == ["no built-in translation for 'sv': headings and 'present' stay in English "
                            "(translate them with 'headings:' in the profile)"]
    assert document_labels(job.profile, locale="de")[1] == []


def test_example_english_output_is_unchanged_by_locales():
    doc = prepare(EXAMPLE).document
    assert doc.section("experience").entries[0].date == "Mar 2023 – present"
    assert doc.metadata.language == "en"


def test_babel_is_not_imported_when_the_cli_starts():
    code = ("import sys, resume_builder.cli, resume_builder.i18n, resume_builder.document; "
            "assert 'babel' not in sys.modules, 'babel imported at start-up'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


@pytest.mark.parametrize("tag, translated", [("zh", True), ("zh-CN", True), ("zh-Hans", True), ("zh-SG", True),
                                             ("zh-Hant", False), ("zh-TW", False), ("zh-HK", False),
                                             ("zh-MO", False), ("de-CH", True), ("pt-BR", True)])
def test_a_language_in_another_script_does_not_get_the_built_in_words_of_its_script(tag, translated):
    """zh-Hant, zh-TW and zh-HK got the Simplified Chinese headings, silently (newcomer trial):
    a built-in translation serves a regional form only when both are written in one script
    (CLDR likely subtags); otherwise the headings stay English and render warns."""
    from resume_builder.i18n import labels_for

    labels = labels_for(tag)
    assert labels.translated is translated
    assert (labels.headings["experience"] == "工作经历") is (tag.startswith("zh") and translated)
