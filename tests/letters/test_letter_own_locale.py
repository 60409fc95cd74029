"""A letter's own ``locale:``: its date, salutation and closing in the letter's language.

Before, a letter written in Portuguese for a résumé in English was dated "March 2, 2026"
and greeted "Dear Hiring Manager," with nothing to say so and no way to change it but
``--locale`` for the whole run. Now a letter may say ``locale: pt-PT``, and a letter whose
text clearly is in another language than its defaults gets a warning naming the fix.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder import letter_pipeline, pipeline
from resume_builder.cli import app

PORTUGUESE = """\
basics:
  name: Agnieszka Example
  email: agnieszka@example.com
letters:
  mares:
{locale}    recipient:
      company: Marés Pagamentos
    body: |
      Escrevo para me candidatar à vaga de engenheira de dados na vossa equipa. Tenho sete anos de
      experiência com pipelines de dados e com a nossa plataforma de pagamentos.

      Seria um prazer falar convosco sobre como posso ajudar a equipa da Marés.
    closing: Com os melhores cumprimentos,
"""


def write(tmp_path, locale: str | None = None):
    path = tmp_path / "p.yaml"
    path.write_text(PORTUGUESE.format(locale=f"    locale: {locale}\n" if locale else ""), encoding="utf-8")
    return path


def prepare(path, **request):
    return letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=path, **request), "mares")


@pytest.fixture(autouse=True)
def build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772409600")  # 2026-03-02


def test_the_letters_locale_dates_and_greets_in_its_language(tmp_path):
    job = prepare(write(tmp_path, "pt-PT"))
    assert job.document.date == "2 de março de 2026"
    assert job.document.metadata.language == "pt-PT"
    assert not [w for w in job.warnings if "reads as" in w]


def test_a_letter_in_another_language_than_its_defaults_is_warned_about(tmp_path):
    job = prepare(write(tmp_path))
    assert job.document.date == "March 2, 2026"
    warned = [w for w in job.warnings if "the letter reads as Portuguese" in w]
    assert warned and "give the letter 'locale: pt'" in warned[0]


def test_the_command_line_wins_over_the_letters_locale(tmp_path):
    path = write(tmp_path, "pt-PT")
    assert prepare(path, locale="de").document.date == "2. März 2026"
    assert prepare(path, lang="en").document.date == "March 2, 2026"
    assert not [w for w in prepare(path, lang="en").warnings if "reads as" in w]  # asked for: no warning


def test_an_english_letter_is_not_warned_about(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("basics:\n  name: Ann Example\nletters:\n  acme:\n    body: |\n      I am writing to apply for "
                    "the role with your team, and I would be glad to talk with you about the work.\n",
                    encoding="utf-8")
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=path), "acme")
    assert not [w for w in job.warnings if "reads as" in w]


def test_an_unknown_locale_is_a_located_error(tmp_path):
    path = write(tmp_path, "xx-yy-zz")
    result = CliRunner().invoke(app, ["letter", str(path), "--letter", "mares", "-f", "txt", "-o", "-"])
    assert result.exit_code == 2
    assert "p.yaml:6:13: letters.mares.locale: 'xx-yy-zz' is not a language or locale" in result.output


@pytest.mark.parametrize(("body", "language", "name"), [
    ("Je me permets de vous adresser ma candidature pour le poste de développeur. Je serais ravi de rejoindre "
     "votre équipe et de mettre mes compétences à votre service.", "fr", "French"),
    ("Me dirijo a ustedes para presentar mi candidatura al puesto de ingeniero. Tengo cinco años de experiencia "
     "y estoy muy interesado en su equipo.", "es", "Spanish"),
    ("Scrivo per candidarmi alla posizione di ingegnere presso la vostra azienda. Ho cinque anni di esperienza e "
     "sarei molto felice di far parte del vostro team.", "it", "Italian"),
    ("Hiermit bewerbe ich mich um die Stelle als Entwicklerin. Ich habe fünf Jahre Erfahrung und würde mich "
     "freuen, Ihr Team zu unterstützen.", "de", "German"),
    ("Graag solliciteer ik naar de functie van ontwikkelaar. Ik heb vijf jaar ervaring en zou graag bij uw team "
     "werken.", "nl", "Dutch"),
])
def test_each_language_the_warning_knows_is_told(tmp_path, body, language, name):
    """French, Spanish and Italian letters got no warning: their common words overlap
    ("de", "con", "para"), and only words one language has tell them apart (user trial)."""
    path = tmp_path / "p.yaml"
    path.write_text(f"basics:\n  name: Kit Example\nletters:\n  x:\n    body: \"{body}\"\n", encoding="utf-8")
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=path), "x")
    warned = [w for w in job.warnings if "the letter reads as" in w]
    assert warned and f"reads as {name}" in warned[0] and f"'locale: {language}'" in warned[0]


HEBREW = """\
lang: he
basics:
  name: {he: נועה בן-דוד, en: Noa Ben-David, ar: نوعا بن دافيد}
  headline: {he: מהנדסת תוכנה בכירה, en: Senior Software Engineer, ar: مهندسة برمجيات أولى}
  email: noa@example.com
variants:
  arabic:
    lang: ar
letters:
  general:
{locale}    recipient:
      company: {he: נחשון טכנולוגיות, en: Nachshon Tech, ar: ناحشون تك}
    body:
      - he: אני מגישה מועמדות למשרת מהנדסת Backend ב-{company}.
        en: I am applying for the Backend Engineer role at {company}.
        ar: أتقدم لوظيفة مهندسة Backend في {company}.
"""


def hebrew(tmp_path, locale):
    path = tmp_path / "noa.yaml"
    path.write_text(HEBREW.replace("{locale}", f"    locale: {locale}\n" if locale else ""), encoding="utf-8")
    return path


def letter_of(path, **request):
    return letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=path, **request), "general")


def test_the_letters_locale_reads_the_profiles_texts_in_its_language(tmp_path):
    """User trial: a letter with ``locale: en-US`` on a Hebrew profile with English texts kept
    the Hebrew name, headline, body and signature under an English date and salutation."""
    job = letter_of(hebrew(tmp_path, "en-US"))
    document = job.document
    assert (document.name, document.headline) == ("Noa Ben-David", "Senior Software Engineer")
    assert [p.plain for p in document.paragraphs] == ["I am applying for the Backend Engineer role at Nachshon Tech."]
    assert [line.plain for line in document.recipient] == ["Nachshon Tech"]
    assert document.signature_name.plain == "Noa Ben-David"
    assert (document.date, document.direction, document.metadata.language) == ("March 2, 2026", "ltr", "en-US")
    assert not [w for w in job.warnings if "text" in w]  # every text has its English: nothing to warn of


def test_the_letters_locale_wins_over_the_variants_lang(tmp_path):
    job = letter_of(hebrew(tmp_path, "en-US"), variant="arabic")
    assert job.document.name == "Noa Ben-David"


def test_lang_given_for_the_run_wins_over_the_letters_locale(tmp_path):
    job = letter_of(hebrew(tmp_path, "en-US"), lang="he")
    assert (job.document.name, job.document.direction, job.document.date) == ("נועה בן-דוד", "rtl", "2 במרץ 2026")


def test_locale_given_for_the_run_changes_the_words_not_the_letters_language(tmp_path):
    job = letter_of(hebrew(tmp_path, "en-US"), locale="en-GB")
    assert (job.document.name, job.document.date) == ("Noa Ben-David", "2 March 2026")


def test_without_a_locale_the_letter_reads_the_profiles_language(tmp_path):
    assert letter_of(hebrew(tmp_path, None)).document.name == "נועה בן-דוד"
    assert letter_of(hebrew(tmp_path, None), variant="arabic").document.name == "نوعا بن دافيد"


def test_a_locale_the_profile_has_no_texts_in_keeps_its_texts_without_a_warning(tmp_path):
    job = letter_of(hebrew(tmp_path, "pt-PT"))
    assert job.document.name == "נועה בן-דוד"
    assert job.document.date == "2 de março de 2026"
    assert not [w for w in job.warnings if "no text of the profile" in w or "no 'pt" in w]


def test_the_letter_file_renders_in_its_language_in_every_format(tmp_path):
    path = hebrew(tmp_path, "en-US")
    result = CliRunner().invoke(app, ["letter", str(path), "-f", "txt", "-f", "md", "-f", "html",
                                      "--out-dir", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for suffix in ("txt", "md", "html"):
        text = (tmp_path / "out" / f"noa-letter-general.{suffix}").read_text(encoding="utf-8")
        assert "Noa Ben-David" in text and "נועה" not in text
