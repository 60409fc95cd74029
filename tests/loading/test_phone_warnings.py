"""A doubtful phone number is a located warning, not silence (newcomer trial): ``+44 7700 9001``
(a digit short) was linked as dialable; ``07700 900123`` (no country code, no country) was
printed but silently not linked."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app


@pytest.mark.parametrize("phone, extra, said", [
    ("+44 20 7946 001", "", "'+44 20 7946 001' is not a valid number for country code +44 (GB): check its digits"),
    ("07700 900123", "", "'07700 900123' has no country code, and the profile gives no country: it is printed "
                         "but not linked"),
    ("0044 20 7946 0958", "", "'0044 20 7946 0958' starts with 00, which is read as the international prefix only "
                              "in a country the profile does not give: write + for it ('+44 20 7946 0958')"),
    ("020 7946 09", "  location: {city: London, country_code: GB}\n", "'020 7946 09' is not a"),
])
def test_a_doubtful_phone_number_is_a_located_warning(tmp_path, phone, extra, said):
    profile = tmp_path / "cv.yaml"
    profile.write_text(f'basics:\n  name: Ann Bee\n  phone: "{phone}"\n{extra}', encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(profile)])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert f"warning: {profile}:3:10: basics.phone: {said}" in output, output


@pytest.mark.parametrize("phone, extra", [("+44 20 7946 0958", ""), ("+1 415 555 0100", ""),
                                          ("020 7946 0958", "  location: {city: London, country_code: GB}\n")])
def test_a_good_number_gets_no_warning(tmp_path, phone, extra):
    profile = tmp_path / "cv.yaml"
    profile.write_text(f'basics:\n  name: Ann Bee\n  phone: "{phone}"\n{extra}', encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(profile)])
    assert result.exit_code == 0 and "warning" not in result.output, result.output


def test_a_number_read_in_the_profiles_country_says_which(tmp_path):
    """"020 7946 0018" with country FR said "not a possible phone number" without saying it
    was read as French (fresh trial)."""
    profile = tmp_path / "cv.yaml"
    profile.write_text('basics:\n  name: Ann Bee\n  phone: "020 7946 0018"\n  location: {city: Paris, country_code: FR}\n',
                       encoding="utf-8")
    output = " ".join(CliRunner().invoke(app, ["validate", str(profile)]).output.split())
    assert "'020 7946 0018' is not a possible phone number in FR (the profile's country)" in output, output
    assert "or write it with its country code" in output


@pytest.mark.parametrize("head, said", [
    ("locale: es\n", "and the profile's locale 'es' names a language but no country: it is printed but not linked "
                     "(write it with its country code, e.g. +34 …, or name the country: 'locale: es-ES', or "
                     "basics.location.country_code)"),
    ("lang: es\n", "and the profile gives no locale (its lang 'es' sets the language only): it is printed but not "
                   "linked (write it with its country code, e.g. +34 …, or name the country: 'locale: es-ES'"),
    ("lang: pt-BR\n", "e.g. +55 …, or name the country: 'locale: pt-BR'"),
])
def test_a_locale_without_a_country_is_said_with_the_country_it_likely_is(tmp_path, head, said):
    """``locale: es`` gave "e.g. +44 …" and "the profile gives no country", though it says Spanish
    (newcomer trial): the example is the language's likely country, and the locale's missing
    region is named as the thing to add."""
    profile = tmp_path / "cv.yaml"
    profile.write_text(f'{head}basics:\n  name: Ann Bee\n  phone: "612 34 56 78"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(profile)])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert f"warning: {profile}:4:10: basics.phone: '612 34 56 78' has no country code, " in output, output
    assert said in output and "+44" not in output, output
