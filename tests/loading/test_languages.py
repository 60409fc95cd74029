"""Multi-language profiles: one language picked before validation, positions kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.errors import UserError
from resume_builder.loading import load_profile
from resume_builder.loading.languages import select_language
from resume_builder.loading.variants import load_variant
from resume_builder.loading.source import parse_yaml
from tests.conftest import EXAMPLE

PROFILE = """\
lang: en
basics:
  name: Ann Example
  headline:
    en: Engineer
    de: Ingenieurin
  location:
    en: Munich, Germany
    de: München, Deutschland
summary:
  en: Builds things.
  de: Baut Dinge.
experience:
  - id: acme
    company: Acme
    position:
      en: Developer
      fr: Développeuse
    start: 2020-01
    highlights:
      en: [Shipped it, Fixed it]
      de: [Ausgeliefert]
    keywords: [Go]
custom:
  - id: talks
    title: {en: Talks, de: Vorträge}
    entries:
      - title: KubeCon
        fields:
          Role: {en: Speaker, de: Sprecherin}
headings:
  experience: {en: Work history, de: Werdegang}
variants:
  de:
    description: The German one
  en:
    description: {en: The English one, de: Die englische}
meta:
  en: kept as is
  de: {nested: true}
"""


def write(tmp_path: Path, text: str, name: str = "me.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_picks_the_default_language_without_warnings(tmp_path):
    loaded = load_profile(write(tmp_path, PROFILE.replace("      fr: Développeuse\n", "")))
    p = loaded.profile
    assert loaded.lang == "en" and loaded.warnings == []
    assert (p.basics.headline, p.summary, p.experience[0].position) == ("Engineer", "Builds things.", "Developer")
    assert p.basics.location.address == "Munich, Germany"  # a model's text shorthand, per language
    assert [h.text for h in p.experience[0].highlights] == ["Shipped it", "Fixed it"]  # a whole list
    assert p.custom[0].title == "Talks"
    assert p.custom[0].entries[0].fields == {"Role": "Speaker"}  # values of a free-key mapping
    assert p.headings == {"experience": "Work history"}


def test_picks_the_requested_language_and_names_missing_fields(tmp_path):
    loaded = load_profile(write(tmp_path, PROFILE), lang="de")
    p = loaded.profile
    assert (p.basics.headline, p.summary) == ("Ingenieurin", "Baut Dinge.")
    assert p.basics.location.address == "München, Deutschland"
    assert [h.text for h in p.experience[0].highlights] == ["Ausgeliefert"]
    assert p.custom[0].entries[0].fields == {"Role": "Sprecherin"}
    assert p.headings == {"experience": "Werdegang"}
    assert p.experience[0].position == "Developer"  # no 'de': the default language, with a warning
    assert loaded.warnings == ["no 'de' text for experience[0].position; used 'en'"]


def test_falls_back_to_the_first_language_when_even_the_default_is_missing(tmp_path):
    text = "basics:\n  name: A\n  headline: {fr: Ingénieure, it: Ingegnere}\n"
    loaded = load_profile(write(tmp_path, text), lang="de")
    assert loaded.profile.basics.headline == "Ingénieure"
    assert loaded.warnings[1:] == ["no 'de' text for basics.headline; used 'fr'"]  # after: none is in 'de'
    assert "no text of the profile is written in 'de'" in loaded.warnings[0]


def test_a_language_no_text_is_written_in_is_one_warning_not_a_list_of_every_field(tmp_path):
    """Trial: --lang de on a profile written in 'en' and 'ar' said so, then listed every text
    as falling back to 'en' (render and tailor alike); the README promises one warning."""
    text = "lang: en\nbasics:\n  name: {en: Layla, ar: ليلى}\n  headline: {en: Engineer, ar: مهندسة}\n"
    loaded = load_profile(write(tmp_path, text), lang="de")
    assert len(loaded.warnings) == 1 and "no text of the profile is written in 'de'" in loaded.warnings[0]
    assert loaded.profile.basics.headline == "Engineer"


def test_regional_tags_match_their_language(tmp_path):
    text = "lang: de-CH\nbasics:\n  name: A\n  headline: {de: Ingenieurin, en-GB: Engineer}\n"
    loaded = load_profile(write(tmp_path, text))
    assert loaded.profile.basics.headline == "Ingenieurin" and loaded.warnings == []
    assert load_profile(write(tmp_path, text), lang="en").profile.basics.headline == "Engineer"


def test_mappings_with_free_keys_are_never_language_mappings(tmp_path):
    p = load_profile(write(tmp_path, PROFILE), lang="de").profile
    assert set(p.variants) == {"de", "en"}  # variants named like languages stay variants
    assert p.variants["en"].description == "Die englische"  # ...but their texts are picked
    assert p.meta == {"en": "kept as is", "de": {"nested": True}}  # meta is free-form data


def test_a_mapping_of_model_fields_is_not_a_language_mapping(tmp_path):
    # 'id' is a language code (Indonesian), but also a field of the entry: it is an entry.
    text = "basics:\n  name: A\nskills:\n  - {id: go, name: Go}\n"
    assert load_profile(write(tmp_path, text)).profile.skills[0].id == "go"


def test_mixed_keys_are_left_for_validation_to_report(tmp_path):
    path = write(tmp_path, "basics:\n  name: A\n  headline:\n    en: Engineer\n    typo: x\n")
    with pytest.raises(UserError) as info:
        load_profile(path)
    assert "me.yaml:4:5: basics.headline: expected text, found a mapping" in str(info.value)


def test_errors_point_at_the_text_of_the_language_used(tmp_path):
    text = ("basics:\n  name: A\nexperience:\n  - company: C\n    position: P\n"
            "    start:\n      en: 2020-01\n      de: 2020-13\n")
    path = write(tmp_path, text)
    load_profile(path)  # English is fine
    with pytest.raises(UserError) as info:
        load_profile(path, lang="de")
    assert "me.yaml:8:11: experience[0].start: month 13 does not exist" in str(info.value)


def test_positions_move_to_the_field_and_other_languages_are_dropped():
    doc = parse_yaml(PROFILE, "me.yaml")
    chosen = select_language(doc, "de")
    assert chosen.source.values[("summary",)] == doc.values[("summary", "de")]
    assert chosen.source.keys[("summary",)] == doc.keys[("summary",)]
    first = ("experience", 0, "highlights")
    assert chosen.source.values[first + (0,)] == doc.values[first + ("de", 0)]
    assert not any(len(p) > 1 and p[:2] == ("summary", "en") for p in chosen.source.values)
    assert doc.data["summary"] == {"en": "Builds things.", "de": "Baut Dinge."}  # the input is untouched
    assert chosen.alternatives[("summary",)] == {"en": "Builds things.", "de": "Baut Dinge."}


def test_unknown_language_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="'zz' is not a language"):
        load_profile(write(tmp_path, PROFILE), lang="zz")


def test_profile_lang_and_locale_are_checked(tmp_path):
    with pytest.raises(UserError) as info:
        load_profile(write(tmp_path, "lang: klingon\nlocale: xx\nbasics: {name: A}\n"))
    text = str(info.value)
    assert "me.yaml:1:7: lang: 'klingon' is not a language or locale" in text
    assert "me.yaml:2:9: locale: 'xx' is not a language or locale" in text


def test_the_language_reaches_loads_made_deeper_down_as_a_parameter(tmp_path):
    path = write(tmp_path, PROFILE)
    assert load_variant(path, None, lang="de").base.profile.summary == "Baut Dinge."
    assert load_profile(path).profile.summary == "Builds things."


def test_example_profile_is_english_by_default_and_german_on_request():
    english = load_profile(EXAMPLE)
    german = load_profile(EXAMPLE, lang="de")
    assert english.profile.basics.headline == "Platform & DevOps Engineer"
    assert german.profile.basics.headline == "Platform- & DevOps-Engineer"
    assert german.profile.summary.startswith("Erfahrener Senior Principal Software Engineer")
    assert english.warnings == german.warnings == []


def test_render_prints_language_warnings(tmp_path):
    result = CliRunner().invoke(app, ["render", str(EXAMPLE), "--lang", "fr", "-f", "md",
                                      "-o", str(tmp_path / "fr.md")])
    assert result.exit_code == 0, result.output
    # no text is in 'fr': one warning says so, not a second listing every text (trial)
    assert "no text of the profile is written in 'fr'" in result.output and "no 'fr' text for" not in result.output


@pytest.mark.parametrize("option, message", [
    ("--lang=", "error: the language is empty (give a language code, e.g. de, or leave the option out)"),
    ("--lang=  ", "error: the language is empty"),
    ("--locale=", "error: the locale is empty (give a locale code, e.g. de-CH, or leave the option out)"),
])
def test_an_empty_language_or_locale_is_refused_not_ignored(tmp_path, option, message):
    """`--lang ""` rendered the default language as if the option were not given."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    result = CliRunner().invoke(app, ["render", str(write(tmp_path, PROFILE)), option, "-f", "md",
                                      "-o", str(tmp_path / "out.md")])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "out.md").exists()


def test_spaces_around_a_language_are_dropped_everywhere(tmp_path, monkeypatch):
    """`--lang " de"` gave German text but wrote example- de.md's name and said "language  de"."""
    from typer.testing import CliRunner

    from resume_builder.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["render", str(write(tmp_path, PROFILE)), "--lang= de", "-f", "md"])
    assert result.exit_code == 0, result.output
    assert "language de)" in result.output
    (written,) = (tmp_path / "output").iterdir()
    assert written.name.endswith("-de.md")
    assert "Baut Dinge." in written.read_text(encoding="utf-8")
    with pytest.raises(UserError, match="the language is empty"):
        load_profile(write(tmp_path, PROFILE), lang=" ")


def test_a_language_no_text_is_written_in_is_said_once(tmp_path):
    """`--lang en` on a profile written only in Spanish (plain strings, `lang: es`) gave English
    headings over Spanish text without a word (newcomer trial); README: --lang "warns about
    texts that fall back"."""
    text = ("lang: es\nbasics:\n  name: Lucía Ejemplo\n  headline: Ingeniera de backend\n"
            "summary: Diseño servicios de pagos.\n")
    loaded = load_profile(write(tmp_path, text), lang="en")
    assert loaded.profile.summary == "Diseño servicios de pagos."
    assert len(loaded.warnings) == 1
    warning = loaded.warnings[0]
    assert warning.startswith(f"{tmp_path / 'me.yaml'}:1:7: no text of the profile is written in 'en' "
                              "(its texts are in 'es'): only the headings, dates")
    assert "summary: {es: ..., en: ...}" in warning
    assert load_profile(write(tmp_path, text)).warnings == []  # its own language: nothing to say
    assert load_profile(write(tmp_path, text), lang="es").warnings == []


def test_a_json_resume_file_is_told_to_be_imported_to_translate_it(tmp_path):
    """`render resume.json --lang ko` advised `summary: {en: ..., ko: ...}`, which a JSON Resume
    file refuses (`basics.summary: expected text, found a mapping`) (user trial): the way there
    is a YAML profile made by `import`."""
    path = tmp_path / "resume.json"
    path.write_text('{"basics": {"name": "Kit Sample", "label": "Engineer", "summary": "Builds things."}}',
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(path), "--lang", "ko", "-f", "md", "-o", "-"])
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.stderr.splitlines() if "no text of the profile" in line)
    assert warning.endswith(
        f"To translate a text, import the file as a YAML profile (resume-builder import {path} -o resume.yaml) and "
        "write the text in both languages there, e.g. summary: {en: ..., ko: ...} (a JSON Resume text holds one "
        "language); or leave out --lang (or the variant's lang) to render in 'en'")
    assert "write it in both languages" not in result.stderr


def test_some_text_in_the_language_keeps_the_field_by_field_warning(tmp_path):
    text = "lang: es\nbasics:\n  name: A\n  headline: {es: Ingeniera, en: Engineer}\nsummary: {es: Hola.}\n"
    assert load_profile(write(tmp_path, text), lang="en").warnings == ["no 'en' text for summary; used 'es'"]
