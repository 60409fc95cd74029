"""A résumé or letter written mostly in a script its locale does not write is warned about.

User trial: ``letter noa.yaml --locale ja`` on a Hebrew profile printed Japanese 採用ご担当者様
and 敬具 in the Hebrew letter and laid its paragraphs out left to right (their word order
scrambled), without a word; ``render --locale ja`` did the same to the résumé. The warning of
a letter in another language (``text_language``) knew seven Latin-script languages only. Now
the script of the words (Unicode names, CLDR's script names and likely subtags through Babel)
is compared with the locale's, and the warning names the locale to give.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder import letter_pipeline, pipeline
from resume_builder.cli import app
from resume_builder.i18n import script_of
from resume_builder.scripts import foreign_script, word_counts
from tests.conftest import EXAMPLE, REPO

HEBREW = """\
lang: he
basics:
  name: נועה בן-דוד
  headline: מהנדסת תוכנה בכירה — Backend ו-Cloud
  email: noa@example.com
summary: |
  מהנדסת תוכנה עם 9 שנות ניסיון בפיתוח מערכות Backend בקנה מידה גדול. פיתחתי API ב-Python 3.12 עבור 2,000 לקוחות.
experience:
  - company: כרמל מערכות
    position: ראש צוות Backend
    start: 2022-03
    highlights:
      - הובלתי מעבר מ-Python 2.7 ל-Python 3.12 ב-120 שירותים; זמן התגובה ירד מ-350ms ל-90ms.
letters:
  general:
{locale}    recipient:
      company: נחשון טכנולוגיות
    body:
      - אני מגישה מועמדות למשרת מהנדסת Backend ב-{company}. ב-כרמל מערכות הובלתי מעבר ל-Python 3.12 ב-120 שירותים.
      - אשמח לשוחח; ניתן להשיג אותי ב-{basics.email}.
"""


@pytest.fixture(autouse=True)
def build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772409600")  # 2026-03-02


def hebrew(tmp_path, locale=None):
    path = tmp_path / "noa.yaml"
    path.write_text(HEBREW.replace("{locale}", f"    locale: {locale}\n" if locale else ""), encoding="utf-8")
    return path


def said(warnings):
    return [w for w in warnings if "written mostly in" in w]


def test_a_locales_script_comes_from_cldrs_likely_subtags():
    """Babel's Locale.parse drops a script it has no locale data for (ja_Jpan_JP → ja_JP), which
    made every language but Chinese and Serbian a language of no script."""
    assert [script_of(tag) for tag in ("ja", "he", "ar-EG", "ko", "zh", "zh-TW", "sr", "sr-Latn", "en-GB")] == \
        ["Jpan", "Hebr", "Arab", "Kore", "Hans", "Hant", "Cyrl", "Latn", "Latn"]


def test_words_are_counted_per_script_and_unspaced_letters_one_by_one():
    assert word_counts(["ניסיון ב-Python 3.12"]) == {"Hebr": 2, "Latn": 1}
    assert word_counts(["Pythonを使った開発"]) == {"Latn": 1, "Hira": 3, "Hani": 3}


@pytest.mark.parametrize("text, locale, script, language, direction", [
    ("אני מגישה מועמדות למשרת מהנדסת Backend", "ja", "Hebr", "he", "rtl"),
    ("أتقدم لوظيفة مهندسة Backend في الشركة", "en", "Arab", "ar", "rtl"),
    ("Pythonを使ったAPI開発を担当しました", "en", "Jpan", "ja", None),
    ("我在公司负责后端开发", "de", "Hani", "zh", None),
    ("한국어 문장을 여기에 씁니다", "ja", "Kore", "ko", None),
    ("I am applying for the role at Acme", "ar", "Latn", "en", "ltr"),
    ("Я подаю заявку на эту должность", "en", "Cyrl", "ru", None),
])
def test_a_text_in_a_script_the_locale_does_not_write(text, locale, script, language, direction):
    found = foreign_script([text], locale)
    assert (found.script, found.language, found.direction) == (script, language, direction)


@pytest.mark.parametrize("text, locale", [
    ("Pythonを使ったAPI開発、Kubernetesの運用を担当しました", "ja"),  # Latin terms in a Japanese text
    ("הובלתי מעבר מ-Python 2.7 ל-Python 3.12 ב-120 שירותים", "he"),
    ("Plattform-Ingenieur mit zehn Jahren Erfahrung", "en"),  # another language, the same script
    ("נועה כהן", "en"),  # a name is no text
])
def test_a_text_the_locale_writes_is_not(text, locale):
    assert foreign_script([text], locale) is None


def test_the_letter_under_a_locale_of_another_script_is_warned_about(tmp_path):
    request = pipeline.RenderRequest(profile=hebrew(tmp_path), locale="ja")
    job = letter_pipeline.prepare_letter(request, "general")
    assert said(job.warnings) == [
        "the letter is written mostly in Hebrew script, which its locale 'ja' does not write: its date, salutation "
        "and closing are in Japanese, and it is laid out left to right, which scrambles the order of its words; "
        "give --locale he"]


def test_the_letters_own_locale_is_named_as_the_fix(tmp_path):
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=hebrew(tmp_path, "ja")), "general")
    assert said(job.warnings)[0].endswith("give the letter 'locale: he' instead of 'ja'")


def test_a_letter_in_its_locales_script_is_not_warned_about(tmp_path):
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=hebrew(tmp_path)), "general")
    assert not said(job.warnings)


def test_the_resume_under_a_locale_of_another_script_is_warned_about(tmp_path):
    job = pipeline.prepare(pipeline.RenderRequest(profile=hebrew(tmp_path), locale="ja"))
    assert job.document.direction == "ltr"
    assert said(job.warnings) == [
        "the résumé is written mostly in Hebrew script, which its locale 'ja' does not write: its headings, dates "
        "and built-in words are in Japanese, and it is laid out left to right, which scrambles the order of its "
        "words; give --locale he"]


@pytest.mark.parametrize("profile, locale", [(EXAMPLE, None), (REPO / "tests/i18n/fixtures/japanese.yaml", None),
                                             (REPO / "tests/i18n/fixtures/arabic.yaml", None), (EXAMPLE, "de")])
def test_a_resume_in_its_locales_script_is_not_warned_about(profile, locale):
    assert not said(pipeline.prepare(pipeline.RenderRequest(profile=profile, locale=locale)).warnings)


def test_a_japanese_resume_under_english_names_japanese():
    job = pipeline.prepare(pipeline.RenderRequest(profile=REPO / "tests/i18n/fixtures/japanese.yaml", locale="en"))
    assert said(job.warnings)[0].endswith("give --locale ja")


def test_a_profiles_own_locale_of_another_script_names_the_profiles_fix(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(HEBREW.replace("lang: he", "locale: en-GB").replace("{locale}", ""), encoding="utf-8")
    job = pipeline.prepare(pipeline.RenderRequest(profile=path))
    assert said(job.warnings)[0].endswith("give --locale he, or 'locale: he' in the profile")


def test_the_commands_print_the_warning(tmp_path):
    path = hebrew(tmp_path)
    for command in ("render", "letter"):
        result = CliRunner().invoke(app, [command, str(path), "--locale", "ja", "-f", "txt", "-o", "-"])
        assert result.exit_code == 0, result.output
        assert "written mostly in Hebrew script, which its locale 'ja' does not write" in result.output


def test_addresses_and_placeholder_names_are_no_words_of_the_text(tmp_path):
    """A trial's short Arabic letter with an e-mail address and two placeholders was told it
    was "written mostly in Latin script": layla, example, com, position and company were
    counted as five Latin words against four Arabic ones."""
    assert word_counts(["بريدي layla@example.com و https://example.com/cv"]) == {"Arab": 2}
    path = tmp_path / "ml.yaml"
    path.write_text("lang: en\nbasics: {name: Layla Example, email: layla@example.com}\n"
                    "letters:\n  apply:\n    locale: ar\n    recipient: {company: شركة}\n    position: مهندسة\n"
                    "    body:\n      - أتقدم لوظيفة {position} في {company}. بريدي layla@example.com.\n",
                    encoding="utf-8")
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=path), "apply")
    assert said(job.warnings) == []
