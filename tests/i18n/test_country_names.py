"""A location's country code is printed as the country's name, in the document's language.

Before, ``location: {city: Lisboa, country_code: PT}`` (JSON Resume's ``countryCode``)
printed "Lisboa, PT" in every format: a reader, or a parser looking for a country, got an
ISO code. The name is CLDR's (Babel) in the résumé's or the letter's language.
"""

from __future__ import annotations

from functools import partial

import pytest

from resume_builder import letter_pipeline, pipeline
from resume_builder.i18n import country_name
from resume_builder.schema.profile import Location


@pytest.mark.parametrize(("code", "locale", "name"), [
    ("PT", None, "Portugal"), ("pt", "en", "Portugal"), ("DE", "fr", "Allemagne"), ("DE", "es", "Alemania"),
    ("PT", "ja", "ポルトガル"), ("US", "en-GB", "United States"), ("GB", "de-AT", "Vereinigtes Königreich"),
    (" JP ", "xx-unknown", "Japan"), ("XK", "en", "Kosovo"), ("QA", "en", "Qatar"),
])
def test_cldr_names_the_country_in_the_locales_language(code, locale, name):
    assert country_name(code, locale) == name


@pytest.mark.parametrize("written", ["Portugal", "UK", "XX", "P", "PRT", "", "ZZ", "zz", "EU", "EZ", "UN", "QO", "XA", "AA"])
def test_anything_but_a_known_two_letter_code_is_not_named(written):
    assert country_name(written) is None


@pytest.mark.parametrize(("location", "shown"), [
    (Location(city="Lisboa", country_code="PT"), "Lisboa, Portugal"),
    (Location(city="Lisbon, Portugal", country_code="PT"), "Lisbon, Portugal"),  # not twice
    (Location(city="Bristol", country_code="UK"), "Bristol, UK"),  # not a code CLDR knows: as written
    (Location(address="1 Rua Nova", postal_code="1100-001", city="Lisboa", country_code="pt"),
     "1 Rua Nova, Lisboa, 1100-001, Portugal"),
    (Location(country_code="PT"), "Portugal"),
])
def test_a_location_names_its_country(location, shown):
    assert location.display(partial(country_name, locale="en")) == shown


def test_without_names_the_code_is_printed_as_written():
    assert Location(city="Lisboa", country_code="PT").display() == "Lisboa, PT"


PROFILE = """\
basics:
  name: Ana Example
  location: {city: Berlin, country_code: DE}
letters:
  hello:
    locale: es
    recipient: {company: Ejemplo S.A.}
    body: Escribo desde {basics.location} para presentar mi candidatura al puesto.
"""


@pytest.mark.parametrize(("lang", "shown"), [(None, "Berlin, Germany"), ("fr", "Berlin, Allemagne"),
                                             ("ja", "Berlin, ドイツ")])
def test_every_format_prints_the_name_in_the_resumes_language(tmp_path, lang, shown):
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    job = pipeline.prepare(pipeline.RenderRequest(profile=path, lang=lang))
    assert [c.text for c in job.document.contacts if c.kind == "location"] == [shown]
    for fmt in ("txt", "md", "html"):
        text = pipeline.render(job, fmt, tmp_path / f"out.{fmt}")[0].data.decode()
        assert shown in text and ", DE" not in text, fmt


def test_a_letters_location_placeholder_names_the_country_in_the_letters_language(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772409600")
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    job = letter_pipeline.prepare_letter(pipeline.RenderRequest(profile=path), "hello")
    body = " ".join(paragraph.plain for paragraph in job.document.paragraphs)
    assert "Escribo desde Berlin, Alemania para" in body
    assert [c.text for c in job.document.contacts if c.kind == "location"] == ["Berlin, Alemania"]
