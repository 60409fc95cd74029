"""Public copies (issue 18): what ``public()`` removes, masks and keeps, and how it is asked for."""

from __future__ import annotations


import pytest
from typer.testing import CliRunner

from resume_builder import pipeline
from resume_builder.cli import app
from resume_builder.schema.profile import Profile
from resume_builder.tailoring.public import WITHHELD, public
from tests.conftest import FIXTURES

runner = CliRunner()
PROFILE = FIXTURES / "public" / "private.yaml"


def _profile(**extra) -> Profile:
    data = {"basics": {"name": "Kit Sample", "email": "kit.sample@example.org", "phone": "+44 20 7946 0958",
                       "location": {"address": "17 Quillfeather Lane", "postal_code": "QX1 7ZZ", "city": "London",
                                    "region": "Greater London", "country_code": "GB"}}}
    data.update(extra)
    return Profile.model_validate(data)


@pytest.mark.parametrize("written", [
    "+44 20 7946 0958", "020 7946 0958", "020-7946-0958", "(020) 7946 0958", "+44 (0)20 7946 0958",
    "0044 20 7946 0958", "(020 7946 0958)", "+44.20.7946.0958", "2079460958", "+44 20 7946 0958 ext. 12",
])
def test_the_phone_number_is_masked_however_it_is_written(written):
    summary = public(_profile(summary=f"Call {written} today; 40 services, since 2019.")).summary
    assert "7946" not in summary and WITHHELD in summary
    assert summary.startswith("Call (withheld)" if not written.startswith("(020 ") else "Call ((withheld))")
    assert "40 services, since 2019." in summary


@pytest.mark.parametrize("written", ["KIT.SAMPLE@EXAMPLE.ORG", "kit.sample@example.org"])
def test_the_email_is_masked_in_any_letter_case(written):
    assert public(_profile(summary=f"Write to {written}.")).summary == f"Write to {WITHHELD}."


@pytest.mark.parametrize("written", [
    "kit%2Esample%40example.org",  # percent-encoded in free text
    "kit.sample＠example.org",  # a fullwidth at sign: looks the same in the PDF
    "ｋｉｔ.sample@example.org",  # fullwidth letters
])
def test_the_email_is_masked_in_other_spellings_of_the_same_characters(written):
    assert public(_profile(summary=f"Write to {written}.")).summary == f"Write to {WITHHELD}."


@pytest.mark.parametrize("written", ["QX1 7ZZ", "QX17ZZ", "qx1  7zz", "QX1%207ZZ"])
def test_the_postcode_is_masked_with_or_without_its_space(written):
    summary = public(_profile(summary=f"Near {written}, London.")).summary
    assert summary == f"Near {WITHHELD}, London."


@pytest.mark.parametrize("link", ["mailto:kit.sample@example.org", "mailto:kit.sample%40example.org",
                                  "tel:+44-20-7946-0958", "tel:%2B44%2020%207946%200958"])
def test_a_markdown_link_to_a_private_value_keeps_only_its_text(link):
    assert public(_profile(summary=f"Ring [the office]({link}) now.")).summary == "Ring the office now."


def test_contact_details_go_and_the_contact_url_takes_the_emails_place():
    profile = _profile(basics={"name": "Kit Sample", "email": "kit.sample@example.org", "phone": "+44 20 7946 0958",
                               "photo": "me.png", "contact_url": "https://kit.example/write",
                               "location": {"address": "17 Quillfeather Lane", "postal_code": "QX1 7ZZ",
                                            "city": "London", "country_code": "GB"},
                               "profiles": [{"network": "GitHub", "url": "https://github.com/kit"},
                                            {"network": "Mail", "url": "mailto:kit.sample@example.org"}]},
                       references=[{"name": "Dr Quentin"}])
    copy = public(profile)
    basics = copy.basics
    assert (basics.email, basics.phone, basics.photo) == (None, None, None)
    assert (basics.location.address, basics.location.postal_code) == (None, None)
    assert (basics.location.city, basics.location.country_code) == ("London", "GB")
    assert [(p.network, p.url) for p in basics.profiles] == [("Contact", "https://kit.example/write"),
                                                             ("GitHub", "https://github.com/kit")]
    assert copy.references == []
    assert profile.basics.email == "kit.sample@example.org" and profile.references  # the input is untouched


def test_entries_tagged_private_and_fields_named_private_are_left_out():
    copy = public(_profile(
        experience=[{"company": "Acme", "position": "Dev", "location": "Secret Town", "private": ["location"]},
                    {"company": "Hushcorp", "position": "Spy", "tags": ["private"]},
                    {"company": "Client X", "position": "Consultant", "private": ["company"]}],
        custom=[{"id": "notes", "title": "Notes", "tags": ["private"], "items": ["diary"]},
                {"id": "personal", "title": "Personal", "entries": [
                    {"title": "Kit", "fields": {"Date of birth": "5 June 1987", "D.O.B.": "1987",
                                                "Geburtsort": "Bonn", "Hobby": "Chess", "Shoe size": "44"},
                     "private": ["Shoe size"]},
                    {"title": "Secret entry", "tags": ["private"]}]}]))
    assert [(e.company, e.location) for e in copy.experience] == [("Acme", None), (WITHHELD, None)]
    assert [s.id for s in copy.custom] == ["personal"]
    assert [(e.title, e.fields) for e in copy.custom[0].entries] == [("Kit", {"Hobby": "Chess"})]


def test_a_private_name_that_is_no_field_is_a_located_mistake(tmp_path):
    path = tmp_path / "me.yaml"
    path.write_text("basics:\n  name: Kit\n  private: [phon]\nexperience:\n"
                    "  - {company: A, position: B, private: [locaton]}\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:3:12: basics.private: 'phon' in private is not a field here (did you mean 'phone'?)" \
        in result.output
    assert "experience[0].private: 'locaton' in private is not a field here (did you mean 'location'?)" \
        in result.output


def test_render_public_gives_the_public_variants_document_under_its_own_name(tmp_path):
    flagged = pipeline.prepare(pipeline.RenderRequest(profile=PROFILE, public=True, out_dir=tmp_path))
    variant = pipeline.prepare(pipeline.RenderRequest(profile=PROFILE, variant="web", out_dir=tmp_path))
    full = pipeline.prepare(pipeline.RenderRequest(profile=PROFILE, out_dir=tmp_path))
    assert flagged.document.sections == variant.document.sections
    assert flagged.document.contacts == variant.document.contacts
    assert full.document.contacts != flagged.document.contacts
    assert (flagged.stem, variant.stem, full.stem) == ("private-public", "private-web", "private")


def test_render_public_on_the_command_line(tmp_path):
    result = runner.invoke(app, ["render", str(PROFILE), "--public", "-f", "txt", "--out-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "private-public.txt"
    assert "public copy" in result.output and written.exists()
    text = written.read_text(encoding="utf-8")
    assert "Robin Quire" in text and "hushmail" not in text and "7946" not in text


def test_watch_public_keeps_the_public_copy_fresh(tmp_path):
    from resume_builder.watching import Watcher

    messages: list[str] = []
    Watcher(PROFILE, formats=["txt"], out_dir=tmp_path, say=messages.append, public=True).render_once()
    assert any(m.startswith("rendered") for m in messages), messages
    assert "hushmail" not in (tmp_path / "private-public.txt").read_text(encoding="utf-8")


def test_a_contact_url_named_private_is_not_printed_either():
    profile = _profile(basics={"name": "Kit", "contact_url": "https://kit.example/write", "private": ["contact_url"]})
    assert public(profile).basics.profiles == []


def test_a_social_profile_that_is_a_phone_or_an_email_is_left_out():
    profile = _profile(basics={"name": "Kit", "phone": "+44 20 7946 0958", "email": "kit@example.org",
                               "profiles": [{"network": "WhatsApp", "username": "+44 20 7946 0958"},
                                            {"network": "Signal", "username": "020-7946-0958"},
                                            {"network": "GitHub", "username": "kit"}]})
    assert [p.network for p in public(profile).basics.profiles] == ["GitHub"]


def test_the_cover_letters_are_not_in_the_public_copy(tmp_path):
    """`export --public` wrote the profile's letters (to whom, and a body naming work tagged
    private) into the JSON Resume's meta (newcomer trial)."""
    import json

    from tests.conftest import EXAMPLE

    copy = public(pipeline.select_variant(EXAMPLE, None).profile)
    assert copy.letters == {}
    result = CliRunner().invoke(app, ["export", str(EXAMPLE), "--public", "-o", str(tmp_path / "public.json")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "public.json").read_text(encoding="utf-8")
    assert "Northwind" not in text and "letters" not in json.dumps(json.loads(text).get("meta", {}))
    full = CliRunner().invoke(app, ["export", str(EXAMPLE), "-o", str(tmp_path / "full.json")])
    assert full.exit_code == 0 and "Northwind" in (tmp_path / "full.json").read_text(encoding="utf-8")


def test_a_place_written_as_the_location_shorthand_stays_and_is_not_masked_elsewhere():
    """``location: Bristol, UK`` (read as an address line) was removed from the public copy and
    every job located "Bristol, UK" read "(withheld)" (newcomer trial). A line with a digit (a
    house number, a postcode) is a street address and still goes."""
    data = {"basics": {"name": "Kit Sample", "location": "Bristol, UK"},
            "experience": [{"company": "Acme", "position": "Engineer", "location": "Bristol, UK", "start": "2020-01"}]}
    copy = public(Profile.model_validate(data))
    assert copy.basics.location.display() == "Bristol, UK"
    assert copy.experience[0].location == "Bristol, UK"
    data["basics"]["location"] = {"address": "12 Harbour Road\nBristol", "postal_code": "BS1 5TT"}
    data["experience"][0]["location"] = "12 Harbour Road"
    copy = public(Profile.model_validate(data))
    assert copy.basics.location.display() == "Bristol"
    assert copy.experience[0].location == WITHHELD


def test_a_one_line_address_is_cut_at_its_commas_and_its_street_and_postcode_masked():
    """``location: "12 Harbour Street, Bristol BS1 4AA, UK"`` went whole, and the summary's
    "12 Harbour Street" and "BS1 4AA" stayed unmasked (fresh trial). The city beside its
    postcode and the country stay (the whole line went, the city with it: the trial after)."""
    data = {"basics": {"name": "Pat Public", "location": "12 Harbour Street, Bristol BS1 4AA, UK"},
            "summary": "I live at 12 Harbour Street. BS1 4AA is my postcode; bs14aa too. Bristol, UK is lovely."}
    copy = public(Profile.model_validate(data))
    assert copy.basics.location.display() == "Bristol, UK"
    assert copy.summary == f"I live at {WITHHELD}. {WITHHELD} is my postcode; {WITHHELD} too. Bristol, UK is lovely."


@pytest.mark.parametrize("line, place", [
    ("12 Harbour Street, Bristol BS1 4AA, UK", "Bristol, UK"),
    ("Rose Cottage, Mill Lane 4, Bristol, UK", None),  # after a house number: a building or a city?
    ("Musterstraße 5, 10115 Berlin", "Berlin"),
    ("Flat 3, 12 Harbour St, London SW1A 1AA", "London"),
    ("12 Harbour Street", None),  # a street alone: nothing of it stays
    ("Harbour Street 12, Bristol", None),
    ("Flat 3, Quillfeather House", None),
    ("Calle Mayor 7, 28013 Madrid, España", "Madrid, España"),
    # a unit of the building goes with its number, whatever the number looks like (user trial)
    ("200 Bay Street, Suite 1200", None),
    ("200 Bay Street, Suite 1200, Toronto ON M5J 2T3", "Toronto ON"),
    ("1 Main St, Apt 4B", None),
    ("Flat 2, Quillfeather House", None),
    ("12 Harbour Street, Floor 1200", None),
    ("Unit B12, 4 Dock Road", None),
    ("Calle Mayor 7, Piso 1200", None),
    ("Musterstraße 5, Wohnung 1012", None),
    ("12 Rue de la Paix, Appartement 4500", None),
    ("Via Roma 1, Interno 1200", None),
    ("Rua Augusta 100, Sala 1200", None),
    ("Keizersgracht 1, bus 1200", None),
    ("12 Harbour Street, Suite A", None),  # no digit in the unit's part: still the street's
    ("Charleston SC 29401, USA", "Charleston SC, USA"),  # a region's code is no unit
    ("Isle of Man IM1 1AA", "Isle of Man"),
])
def test_a_public_copy_keeps_the_place_an_address_line_names(line, place):
    """A one-line address lost its city in a public copy (the whole line went). The city beside
    a postal code and what follows it stay; the street, its number, the postal code and
    anything before them go, and so does a line whose last number is a house number."""
    copy = public(Profile.model_validate({"basics": {"name": "Pat Public", "location": line}}))
    assert (copy.basics.location.display() if copy.basics.location else None) == place


def test_a_public_copy_of_an_address_with_a_suite_keeps_no_fragment_of_it(tmp_path):
    """``address: 200 Bay Street, Suite 1200`` (city Toronto, region Ontario, country CA) was
    printed "Suite, Toronto, Ontario, CA" (user trial): "1200" was read as a postal code and
    "Suite" as its city. Nor is the suite's number alone masked in the text as a postal code."""
    location = {"address": "200 Bay Street, Suite 1200", "city": "Toronto", "region": "Ontario",
                "country_code": "CA"}
    data = {"basics": {"name": "Jiwoo Park", "location": location},
            "summary": "Served 1200 clients from Suite 1200."}
    copy = public(Profile.model_validate(data))
    assert copy.basics.location.display() == "Toronto, Ontario, CA"
    assert copy.summary == f"Served 1200 clients from {WITHHELD}."
    data = {"basics": {"name": "Jiwoo Park", "location": {**location, "address": "200 Bay Street\nFlat B"}}}
    assert public(Profile.model_validate(data)).basics.location.display() == "Toronto, Ontario, CA"


# ------------------------------------------------------------------ other spellings of the same value
# A user trial found ``kit.sample％40example.org`` (a fullwidth percent sign) and a phone number
# written without its "+" (``4420 7946 0958``; or ``basics.phone`` written so, and the text saying
# ``020 7946 0958``) printed in the public copy.


@pytest.mark.parametrize("written", [
    "kit.sample％40example.org",  # a fullwidth percent sign: read as "%40", which is "@"
    "kit.sample%EF%BC%A0example.org",  # a fullwidth at sign, percent-encoded
    "kit％2Esample％40example．org",
    "ｋｉｔ．ｓａｍｐｌｅ＠ｅｘａｍｐｌｅ．ｏｒｇ",
    "kit.sample﹫example.org",  # the small at sign
    "kit.sample@example。org",  # an ideographic full stop: a dot in a domain name (UTS #46)
    "kit.sample\u200b@exam\u00adple.org",  # characters that draw nothing
])
def test_the_email_is_masked_in_compatibility_and_encoded_spellings(written):
    assert public(_profile(summary=f"Write to {written}.")).summary == f"Write to {WITHHELD}."


@pytest.mark.parametrize("written", [
    "4420 7946 0958", "44 20 7946 0958", "44 (0)20 7946 0958", "+44 020 7946 0958", "44-20-7946-0958",
    "０２０ ７９４６ ０９５８", "＋４４ ２０ ７９４６ ０９５８", "٠٢٠ ٧٩٤٦ ٠٩٥٨", "𝟎𝟐𝟎 𝟕𝟗𝟒𝟔 𝟎𝟗𝟓𝟖",
    "020·7946·0958", "020\u200b7946\u200b0958", "020％207946％200958",
])
def test_the_phone_number_is_masked_whole_without_a_plus_or_in_other_digits(written):
    assert public(_profile(summary=f"Call {written} today.")).summary == f"Call {WITHHELD} today."


@pytest.mark.parametrize("phone", ["4420 7946 0958", "0044 20 7946 0958", "44 20 7946 0958", "020 7946 0958"])
@pytest.mark.parametrize("country", [None, "US", "DE"])
@pytest.mark.parametrize("written", ["020 7946 0958", "(020) 7946-0958", "020.7946.0958", "+44 20 7946 0958",
                                     "0044 20 7946 0958", "4420 7946 0958"])
def test_a_profile_phone_written_without_a_plus_is_masked_however_the_text_writes_it(phone, country, written):
    """``basics.phone: 4420 7946 0958`` read in the profile's region (DE: a German number; none:
    no number) left "call me on 020 7946 0958" in the public copy. A number written without
    "+" that does not start with a single trunk "0" is read as international as well."""
    location = {"city": "London", **({"country_code": country} if country else {})}
    profile = Profile.model_validate({"basics": {"name": "Kit", "phone": phone, "location": location},
                                      "summary": f"call me on {written}, not after 2019."})
    assert public(profile).summary == f"call me on {WITHHELD}, not after 2019."


@pytest.mark.parametrize("phone, written", [
    ("+7 495 123-45-67", "8 (495) 123-45-67"),  # Russia's trunk prefix is 8
    ("+36 1 234 5678", "(06 1) 234 5678"),  # Hungary's is 06
    ("+1 415 555 0132", "1-415-555-0132"),
    ("+39 06 1234 5678", "06 1234 5678"),  # Italy: none, the 0 belongs to the number
])
def test_the_national_format_with_the_regions_own_trunk_prefix_is_masked(phone, written):
    profile = Profile.model_validate({"basics": {"name": "Kit", "phone": phone}, "summary": f"Call {written}."})
    assert public(profile).summary == f"Call {WITHHELD}."


def test_text_around_a_masked_value_keeps_its_own_characters():
    """The whole text was printed in its NFKC form when a secret was found in it: a Japanese
    summary lost its fullwidth punctuation. Only the secret is replaced now."""
    summary = "電話：０２０－７９４６－０９５８（平日）、メール：kit.sample＠example.org。ｍ² ＆ ﬁne"
    assert public(_profile(summary=summary)).summary == f"電話：{WITHHELD}（平日）、メール：{WITHHELD}。ｍ² ＆ ﬁne"


ORDINARY = ("2019 – 2023, 2019-2023 and 2015–2017; Python 3.11.7; 1 000 000 requests a day, $2,500,000 saved, "
            "99.95% uptime, up 40 %; since 2021-03-04 (04.03.2021); ISBN 978-0-13-235088-4; "
            "https://example.org/issues/2079460958123 and https://doi.org/10.1000/182; 7946 users in 20 "
            "countries, 44 teams, 0958 builds; order 20794609581.")


@pytest.mark.parametrize("phone", ["+44 20 7946 0958", "4420 7946 0958", "020 7946 0958", "+1 415 555 0132"])
def test_ordinary_numbers_are_not_masked(phone):
    """Years, ranges, versions, amounts, percentages, dates, ISBNs and numbers in links stay as
    written: only the profile's own number is looked for, and never inside a longer one."""
    profile = Profile.model_validate({"basics": {"name": "Kit", "phone": phone, "email": "kit@example.org",
                                                 "location": {"city": "London", "country_code": "GB"}},
                                      "summary": ORDINARY})
    assert public(profile).summary == ORDINARY
