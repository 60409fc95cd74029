"""Locale defaults (salutation, closing, CLDR date) and the one-page budget: tighten, then fail saying
by how much; never cut, never write."""

from __future__ import annotations

import datetime

import pytest

from resume_builder import letter_pipeline, pipeline
from resume_builder.errors import UserError
from resume_builder.i18n import built_in_languages, letter_words
from tests.conftest import FIXTURES

PROFILE = FIXTURES / "letters" / "profile.yaml"


@pytest.mark.parametrize(("locale", "salutation", "closing", "date"), [
    ("en", "Dear Hiring Manager,", "Yours sincerely,", "March 2, 2026"),
    ("en-GB", "Dear Hiring Manager,", "Yours faithfully,", "2 March 2026"),  # British: an unnamed reader
    ("de", "Sehr geehrte Damen und Herren,", "Mit freundlichen Grüßen", "2. März 2026"),
    ("fr", "Madame, Monsieur,", "Veuillez agréer, Madame, Monsieur, l’expression de mes salutations distinguées.",
     "2 mars 2026"),
    ("ar", "السادة المحترمون،", "وتفضلوا بقبول فائق الاحترام،", "2 مارس 2026"),
])
def test_locale_defaults(locale, salutation, closing, date, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772409600")  # 2026-03-02 (the build's date)
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=PROFILE, locale=locale), "generic")
    doc = job.document
    assert (doc.salutation.plain, doc.closing.plain, doc.date) == (salutation, closing, date)
    assert doc.direction == ("rtl" if locale == "ar" else "ltr")
    assert doc.metadata.language == locale
    text = pipeline.render(job, "txt", job.profile_folder / "x.txt")[0].data.decode("utf-8")
    assert salutation in text and date in text


def test_every_built_in_language_has_letter_words():
    english = letter_words("en")
    for language in built_in_languages():
        words = letter_words(language)
        assert words.salutation and words.closing
        if language != "en":
            assert (words.salutation, words.closing) != (english.salutation, english.closing), language
        assert str(2026) in words.format_date(datetime.date(2026, 3, 2))


def test_the_letters_own_words_win_and_an_iso_date_is_localised(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=PROFILE, locale="de"), "short")
    assert job.document.date == "2. März 2026"  # the letter's date: 2026-03-02
    assert job.document.salutation.plain == "Sehr geehrte Damen und Herren,"


def test_without_a_date_or_source_date_epoch_the_letter_is_undated_with_a_warning(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=PROFILE), "generic")
    assert job.document.date == ""
    assert any("undated" in warning and "SOURCE_DATE_EPOCH" in warning for warning in job.warnings)


def test_the_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=PROFILE, locale="en-GB"), "generic")
    assert job.document.date == "28 May 2026"


def _long_profile(tmp_path, paragraphs: int) -> None:
    sentence = "This paragraph only makes the letter longer, so that the page budget has work to do. "
    body = "".join(f"      - {sentence * 5}\n" for _ in range(paragraphs))
    text = PROFILE.read_text(encoding="utf-8").replace(
        "  generic:\n    body: |\n", f"  long:\n    body:\n{body}  generic:\n    body: |\n")
    (tmp_path / "profile.yaml").write_text(text, encoding="utf-8")


def test_a_letter_a_little_long_is_tightened_to_one_page(tmp_path):
    """Longer and longer letters: the first that overflows at the theme's options fits once tightened
    (whatever the theme's exact metrics), whole."""
    request = pipeline.RenderRequest(profile=tmp_path / "profile.yaml")
    for paragraphs in range(4, 14):
        _long_profile(tmp_path, paragraphs)
        job = letter_pipeline.prepare_letter(request, "long")
        if job.messages:
            break
    else:
        pytest.fail("no letter length needed tightening")
    assert job.messages[0].startswith("letter page budget 1: tightened the layout: font size")
    assert job.options.font_size < 9.2 or job.options.spacing < 0.75
    assert pipeline.render(job, "pdf", tmp_path / "x.pdf")[0].pages == 1
    assert len(job.document.paragraphs) == paragraphs  # nothing cut


def test_a_letter_far_too_long_fails_saying_by_how_much_and_writes_nothing(tmp_path):
    from typer.testing import CliRunner

    from resume_builder.cli import app

    _long_profile(tmp_path, 16)
    result = CliRunner().invoke(app, ["letter", str(tmp_path / "profile.yaml"), "--letter", "long",
                                      "--out-dir", str(tmp_path / "out")])
    assert result.exit_code == 2
    message = result.output
    assert "the letter does not fit in 1 page" in message and "nothing was cut" in message
    # at the letter's body, where it is written (it named no file: trial)
    line = PROFILE.read_text(encoding="utf-8").splitlines().index("  generic:") + 1
    assert message.startswith(f"error: {tmp_path / 'profile.yaml'}:{line + 1}:5: letters.long.body: the letter does "
                              "not fit in 1 page")
    assert "mm (" in message and "lines) over" in message and "max_pages: 2" in message
    assert "Traceback" not in message
    assert not (tmp_path / "out").exists()
    # a budget of two pages fits it, whole
    result = CliRunner().invoke(app, ["letter", str(tmp_path / "profile.yaml"), "--letter", "long",
                                      "--max-pages", "2", "--out-dir", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "2 pages" in result.output


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_a_right_to_left_letters_text_lines_read_in_their_own_direction(fmt, monkeypatch):
    """As the résumé's text and Markdown do (tests/checking/test_bidi_lines.py): a line that
    would start left to right (the e-mail of the contact line, a date) starts with an RLM.
    Before, the letter's text formats had no marks at all. A paragraph of the letter with
    no right-to-left letter at all (an English sentence under an Arabic locale) is the
    exception: it starts with an LRM and reads left to right, so its full stop ends it
    (tests/letters/test_letter_rtl_layout.py)."""
    from resume_builder.bidi import left_to_right_only
    from resume_builder.render.line_direction import LRM, RLM
    from tests.checking.test_bidi_lines import _direction

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772409600")
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=PROFILE, locale="ar"), "generic")
    text = pipeline.render(job, fmt, job.profile_folder / f"x.{fmt}")[0].data.decode("utf-8")
    lines = [line for line in text.splitlines() if any(c.isalnum() for c in line)]
    assert RLM in text and len(lines) > 4
    english = {p.plain for p in job.document.paragraphs if left_to_right_only(p.plain)}
    assert english  # the generic letter's body is English
    for line in lines:
        if line.startswith(LRM):
            assert _direction(line, skip_isolates=True) == "ltr", line
        else:
            assert _direction(line, skip_isolates=True) == "rtl", line
    assert sum(line.startswith(LRM) for line in lines) >= len(english)


@pytest.mark.parametrize("locale, salutation, closing", [
    ("en-GB", None, "Yours faithfully,"), ("en-GB", "Dear Ms Patel,", "Yours sincerely,"),
    ("en-AU", None, "Yours faithfully,"), ("en-IE", None, "Yours faithfully,"),
    ("en", None, "Yours sincerely,"), ("en-US", None, "Yours sincerely,"), ("de", None, "Mit freundlichen Grüßen"),
])
def test_british_usage_closes_a_letter_to_an_unnamed_reader_yours_faithfully(locale, salutation, closing, tmp_path):
    """"Dear Hiring Manager, ... Yours sincerely" is wrong in British usage (visual review):
    an unnamed reader gets "Yours faithfully", a named one "Yours sincerely"."""
    profile = tmp_path / "profile.yaml"
    text = PROFILE.read_text(encoding="utf-8")
    if salutation:
        text = text.replace("  generic:\n", f"  generic:\n    salutation: \"{salutation}\"\n", 1)
        assert salutation in text
    profile.write_text(text, encoding="utf-8")
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=profile, locale=locale), "generic")
    assert job.document.closing.plain == closing


@pytest.mark.parametrize("salutation, closing", [("Dear Sir or Madam,", "Yours faithfully,"),
                                                 ("Dear Hiring Manager,", "Yours faithfully,"),
                                                 ("To whom it may concern:", "Yours faithfully,"),
                                                 ("Dear Dr Okafor,", "Yours sincerely,")])
def test_a_salutation_that_names_no_one_closes_yours_faithfully_in_british_usage(salutation, closing, tmp_path):
    """"Dear Sir or Madam," written by the user closed "Yours sincerely," (fresh trial)."""
    profile = tmp_path / "profile.yaml"
    profile.write_text(PROFILE.read_text(encoding="utf-8").replace(
        "  generic:\n", f"  generic:\n    salutation: \"{salutation}\"\n", 1), encoding="utf-8")
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=profile, locale="en-GB"), "generic")
    assert job.document.closing.plain == closing
