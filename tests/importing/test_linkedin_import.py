"""LinkedIn's data export: every CSV file mapped to the profile, which validates as written.

Archives are built here (tests/importing/linkedin_archives.py) for invented people.
"""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resume_builder.importing.linkedin import import_linkedin_export
from resume_builder.loading import load_profile
from tests.importing.linkedin_archives import (CERTIFICATIONS, FULL, POSITIONS, PROFILE, SKILLS, csv_text,
                                               write_archive)


def imported(tmp_path, files, name="export.zip", **kwargs):
    """Import an archive of ``files``; the YAML is written and loaded back by the real loader."""
    result = import_linkedin_export(write_archive(tmp_path / name, files, **kwargs))
    out = tmp_path / (name + ".yaml")
    out.write_text(result.text, encoding="utf-8")
    return result, load_profile(out).profile


def test_every_file_is_mapped_to_the_profile(tmp_path):
    result, profile = imported(tmp_path, FULL)
    basics = profile.basics
    assert (basics.name, basics.headline, basics.email) == ("Ana Exemplo", "Data Engineer at Exemplo Dados",
                                                            "ana@example.com")
    assert basics.phone == "+351 21 000 0000" and basics.location.display() == "Lisbon, Portugal"
    assert basics.website == "https://ana.example.com"
    assert [(p.network, p.url, p.username) for p in basics.profiles] == [
        ("Company", "https://www.exemplo-dados.example", None), ("Twitter", None, "ana_exemplo")]
    assert profile.summary == "I build data pipelines.\n\nI like \\*clean\\* schemas."  # prints "*clean*"
    education = profile.education[0]
    assert (education.institution, education.degree, str(education.start), str(education.end)) == \
        ("Universidade Inventada", "BSc Computer Science", "2012", "2016")
    assert education.summary == "Thesis on stream joins." and [h.text for h in education.highlights] == ["Chess club"]
    assert profile.skills[0].keywords == ["Python", "SQL", "Apache Kafka"]
    cert = profile.certifications[0]
    assert (cert.name, cert.issuer, str(cert.date), cert.url) == \
        ("Example Cloud Architect", "Example Cloud", "2022-06", "https://certs.example.com/ana")
    assert [(lang.language, lang.fluency) for lang in profile.languages] == [
        ("Portuguese", "Native or bilingual proficiency"), ("English", "Full professional proficiency")]
    project = profile.projects[0]
    assert (project.name, project.summary, [h.text for h in project.highlights], project.url) == \
        ("Open Ledger", "A toy ledger.", ["Double-entry core", "CSV export"], "https://github.com/ana-ex/ledger")
    assert (str(project.start), str(project.end)) == ("2020-02", "2020-08")
    award = profile.awards[0]
    assert (award.title, str(award.date), award.summary) == ("Best Demo", "2019-11", "Hackathon of an invented city.")
    publication = profile.publications[0]
    assert (publication.name, publication.publisher, str(publication.date), publication.url) == \
        ("Joins Without Tears", "Invented Press", "2020-03-12", "https://press.example.com/joins")
    volunteer = profile.volunteering[0]
    assert (volunteer.organization, volunteer.position, str(volunteer.start), str(volunteer.end)) == \
        ("Code Club Exemplo", "Mentor", "2018-10", "present")
    [courses] = profile.custom
    assert (courses.id, courses.title) == ("courses", "Courses")
    assert [(e.title, e.subtitle) for e in courses.entries] == [("Distributed Systems", "CS-501"), ("Statistics", None)]
    assert [(r.name, r.reference) for r in profile.references] == [
        ("Rui Inventado, CTO, Exemplo Dados", "Ana is a careful engineer.")]
    assert result.missing == [] and result.warnings == []


def test_positions_at_one_company_in_a_row_become_its_roles(tmp_path):
    _, profile = imported(tmp_path, {"Positions.csv": POSITIONS})
    company, flat = profile.experience
    assert company.company == "Exemplo Dados" and company.location == "Lisbon, Portugal" and company.position is None
    lead, engineer = company.roles
    assert (lead.position, str(lead.start), lead.end) == ("Lead Data Engineer", "2021-03", "present")
    assert lead.summary == "Leads the platform team."
    assert [h.text for h in lead.highlights] == ["Cut batch time by 40%", "Hired 4 engineers"]
    assert (engineer.position, str(engineer.start), str(engineer.end)) == ("Data Engineer", "2019-01", "2021-03")
    assert engineer.summary is None and [h.text for h in engineer.highlights] == [
        "Built the ingestion service", "Wrote the on-call guide"]
    assert (flat.company, flat.position, flat.roles, flat.location) == ("Fictícia Lda", "Analyst", None,
                                                                        "Porto, Portugal")
    assert (str(flat.start), str(flat.end)) == ("2016-09", "2018-12")


def test_roles_keep_their_own_places_and_a_return_is_a_new_entry(tmp_path):
    rows = [["Acme Exemplo", "Manager", "", "Berlin", "2022", ""],
            ["acme  exemplo", "Engineer", "", "Munich", "2020", "2022"],
            ["Other Co", "Contractor", "", "", "2019", "2020"],
            ["Acme Exemplo", "Intern", "", "Munich", "2018", "2019"]]
    _, profile = imported(tmp_path, {"Positions.csv": csv_text(
        ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"], rows)})
    acme, other, back = profile.experience
    assert acme.location is None and [(r.position, r.location) for r in acme.roles] == [
        ("Manager", "Berlin"), ("Engineer", "Munich")]
    assert other.position == "Contractor" and back.position == "Intern" and back.roles is None


def test_what_is_not_imported_is_reported_and_written_in_comments(tmp_path):
    result, _ = imported(tmp_path, FULL)
    assert "Connections.csv (not résumé content)" in result.skipped
    assert any(s.startswith("Profile.csv column 'Birth Date'") for s in result.skipped)
    assert any("'Eva Oculta'" in s and "hidden" in s for s in result.skipped)
    assert any(s.startswith("Email Addresses.csv line 2, e-mail address 'old@example.org'") for s in result.skipped)
    assert "Jan 1, 1990" not in result.text  # the birth date is not copied anywhere
    assert "#   - Connections.csv (not résumé content)" in result.text  # the header lists them too
    assert "expires 'Jun 2025' (Finished On)" in result.text and "license number 'ABC-123'" in result.text
    assert "cause 'Education' (Cause)" in result.text


def test_missing_files_and_empty_or_extra_columns(tmp_path):
    positions = csv_text(["Company Name", "Title", "Description", "Location", "Started On", "Finished On", "Mood", ""],
                         [["Solo Exemplo", "Founder", "", "", "", "", "sunny", "unnamed"],
                          ["", "", "", "", "", "", "", ""],  # an empty row
                          ["", "", "Only a description", "", "", "", "", ""]])
    skills = csv_text(["Name"], [[""], ["Go"]])
    result, profile = imported(tmp_path, {"Positions.csv": positions, "Skills.csv": skills})
    assert [(j.company, j.position, j.start, j.end) for j in profile.experience] == [
        ("Solo Exemplo", "Founder", None, None)]
    assert profile.skills[0].keywords == ["Go"]
    assert "Positions.csv column 'Mood' (a column resume-builder does not know)" in result.skipped
    assert "Positions.csv line 4 (no Company Name and no Title)" in result.skipped
    assert "Positions.csv: 1 value in columns without a name" in result.skipped
    assert "Profile.csv" in result.missing and "Education.csv" in result.missing
    assert profile.basics.name == "" and any("no name in Profile.csv" in w for w in result.warnings)


def test_a_missing_column_is_read_as_empty(tmp_path):
    positions = csv_text(["Title", "Company Name"], [["Engineer", "Exemplo"]])
    _, profile = imported(tmp_path, {"Positions.csv": positions})
    assert [(j.company, j.position, j.start) for j in profile.experience] == [("Exemplo", "Engineer", None)]


@pytest.mark.parametrize("started, finished, start, end", [
    ("Mar 2019", "", "2019-03", "present"),
    ("2019", "2020", "2019", "2020"),
    ("March 12, 2019", "Apr 3, 2020", "2019-03-12", "2020-04-03"),
    ("2019-03", "2020-01", "2019-03", "2020-01"),
    ("03/2019", "11/2020", "2019-03", "2020-11"),
    ("25/03/2019", "12/31/2020", "2019-03-25", "2020-12-31"),
    ("mars 2019", "déc. 2020", "2019-03", "2020-12"),
    ("12. März 2019", "Jan. 2021", "2019-03-12", "2021-01"),
    ("2019年3月", "2020年1月", "2019-03", "2020-01"),
])
def test_dates_as_linkedin_and_others_write_them(tmp_path, started, finished, start, end):
    positions = csv_text(["Company Name", "Title", "Started On", "Finished On"], [["Exemplo", "Dev", started, finished]])
    result, profile = imported(tmp_path, {"Positions.csv": positions})
    job = profile.experience[0]
    assert (str(job.start), str(job.end)) == (start, end)
    assert [w for w in result.warnings if not w.startswith("no name")] == []


@pytest.mark.parametrize("started, finished, warned", [
    ("Summer 2019", "2020", "Started On: 'Summer 2019' is not a date"),
    ("03/04/2019", "2020", "'03/04/2019' is ambiguous"),
    ("2019", "sometime", "Finished On: 'sometime' is not a date"),
    ("2021", "2019", "ends (2019) before it starts (2021)"),
])
def test_a_date_that_cannot_be_read_is_never_guessed(tmp_path, started, finished, warned):
    positions = csv_text(["Company Name", "Title", "Started On", "Finished On"], [["Exemplo", "Dev", started, finished]])
    result, profile = imported(tmp_path, {"Positions.csv": positions})
    job = profile.experience[0]
    assert job.start is None  # an unreadable end takes the start along: no false "present"
    assert str(job.end) == ("2020" if finished == "2020" else "None")
    assert any(warned in w for w in result.warnings), result.warnings
    if finished == "sometime":
        assert any("Started On: '2019' left out too" in w for w in result.warnings), result.warnings
    bad = started if warned.startswith(("Started", "'03")) else finished
    assert bad in result.text.split("experience:")[1]  # kept in a comment on the entry


def test_non_english_text_crlf_and_a_bom(tmp_path):
    profile_csv = csv_text(["First Name", "Last Name", "Headline", "Geo Location"],
                           [["Zoë", "Ωμέγα-Łukasz 李", "Инженер данных", "Kraków, Polska"]])
    positions = csv_text(["Company Name", "Title", "Description", "Started On", "Finished On"],
                         [["Ünïcode GmbH", "Entwicklerin", "• Größe ändern\r\n• 日本語のテキスト", "Mai 2019", ""]])
    files = {"Profile.csv": codecs.BOM_UTF8 + profile_csv.encode("utf-8"), "Positions.csv": positions}
    result, profile = imported(tmp_path, files)
    assert profile.basics.name == "Zoë Ωμέγα-Łukasz 李" and profile.basics.headline == "Инженер данных"
    job = profile.experience[0]
    assert (job.company, job.position, str(job.start), job.end) == ("Ünïcode GmbH", "Entwicklerin", "2019-05", "present")
    assert [h.text for h in job.highlights] == ["Größe ändern", "日本語のテキスト"]
    assert "\ufeff" not in result.text and "\r" not in result.text


def test_a_file_that_is_not_utf8_is_read_and_said_so(tmp_path):
    skills = "Name\r\nGestão de Projetos\r\n".encode("cp1252")
    result, profile = imported(tmp_path, {"Skills.csv": skills})
    assert profile.skills[0].keywords == ["Gestão de Projetos"]
    assert any("Skills.csv: not UTF-8" in w and "Windows-1252" in w for w in result.warnings)


def test_notes_before_the_header_and_files_in_a_folder(tmp_path):
    skills = csv_text(["Name"], [["Rust"]], notes="Some notes LinkedIn writes, with a comma, over\ntwo lines.")
    _, profile = imported(tmp_path, {"Skills.csv": skills, "Positions.csv": POSITIONS},
                          folder="Basic_LinkedInDataExport_01-01-2026/")
    assert profile.skills[0].keywords == ["Rust"] and len(profile.experience) == 2


def test_file_names_are_matched_loosely_and_unknown_files_reported(tmp_path):
    files = {"skills.csv": SKILLS, "Phone Numbers.csv": csv_text(["Extension", "Number", "Type"],
                                                                  [["12", "+44 20 7946 0000", "Work"]]),
             "Patents.csv": "Title\r\nA thing\r\n", "media/photo.jpg": b"\xff\xd8not really",
             "Skills.csv": csv_text(["Name"], [["Second copy"]])}
    result, profile = imported(tmp_path, files)
    assert profile.skills[0].keywords == ["Python", "SQL", "Apache Kafka"]
    assert profile.basics.phone == "+44 20 7946 0000 ext. 12"
    assert "Patents.csv (not a LinkedIn file resume-builder imports)" in result.skipped
    assert "media/photo.jpg (not a CSV file)" in result.skipped
    assert "Skills.csv (a second Skills.csv; skills.csv was read)" in result.skipped


def test_profile_text_is_kept_literal_not_read_as_markdown(tmp_path):
    positions = csv_text(["Company Name", "Title", "Description"],
                         [["*Star* Exemplo", "Dev [lead]", "• Wrote [docs](javascript:alert(1)) and `code`\n• 5 * 3"]])
    _, profile = imported(tmp_path, {"Positions.csv": positions})
    from resume_builder.markdown import plain_text

    job = profile.experience[0]
    assert plain_text(job.company) == "*Star* Exemplo" and plain_text(job.position) == "Dev [lead]"
    assert [plain_text(h.text) for h in job.highlights] == ["Wrote [docs](javascript:alert(1)) and `code`", "5 * 3"]


def test_bad_values_are_left_out_with_a_warning(tmp_path):
    certs = csv_text(["Name", "Url", "Authority", "Started On"],
                     [["Cert One", "not a url at all", "Issuer", "Jun 2022"], ["Cert Two", "ftp://x.example/c", "", ""]])
    emails = csv_text(["Email Address", "Primary"], [["not-an-email", "Yes"]])
    title = "T" * 1_200
    positions = csv_text(["Company Name", "Title"], [["Exemplo", title]])
    result, profile = imported(tmp_path, {"Certifications.csv": certs, "Email Addresses.csv": emails,
                                          "Positions.csv": positions})
    assert [(c.name, c.url) for c in profile.certifications] == [("Cert One", None), ("Cert Two", None)]
    assert profile.basics.email is None and profile.experience[0].position == ""
    text = "\n".join(result.warnings)
    assert "Certifications.csv line 2, Url: 'not a url at all' is not a web address" in text
    assert "'not-an-email' is not an e-mail address" in text and "Positions.csv line 2, Title:" in text


def test_the_same_archive_gives_the_same_bytes(tmp_path):
    first = import_linkedin_export(write_archive(tmp_path / "a.zip", FULL)).text
    second = import_linkedin_export(write_archive(tmp_path / "b.zip", dict(reversed(list(FULL.items()))))).text
    assert first.replace("b.zip", "a.zip") == second.replace("b.zip", "a.zip")


def test_only_the_first_profile_row_is_read(tmp_path):
    profile_csv = PROFILE + "Other,Person,,,,,,,,,,,\r\n"
    result, profile = imported(tmp_path, {"Profile.csv": profile_csv, "Certifications.csv": CERTIFICATIONS})
    assert profile.basics.name == "Ana Exemplo"
    assert any("Profile.csv: 2 rows; only the first" in w for w in result.warnings)


def test_what_the_profile_still_refuses_is_left_out_with_a_warning():
    """The backstop after the field-by-field checks: values across fields the schema refuses."""
    from resume_builder.importing.linkedin import _validate
    from resume_builder.importing.linkedin_fields import Notes
    from resume_builder.schema.profile import Profile

    data = {"basics": {"name": "Ana Exemplo"},
            "education": [{"institution": "A"}, {"summary": "no school, no degree"}, {"institution": "B"},
                          {"institution": "C", "start": "2020", "end": "2019"}] + [{"institution": f"S{i}"} for i in range(8)]
            + [{"summary": "nothing either"}]}
    notes = Notes()
    _validate(data, notes)
    assert [e["institution"] for e in data["education"]] == ["A", "B", "C", *(f"S{i}" for i in range(8))]
    assert "end" not in data["education"][2] and data["education"][2]["start"] == "2020"
    Profile.model_validate(data)
    assert len(notes.warnings) == 3 and any(w.startswith("education[3].end: end 2019 is before start 2020")
                                            for w in notes.warnings), notes.warnings


def test_your_own_site_is_the_website_whatever_its_place(tmp_path):
    profile_csv = csv_text(["First Name", "Last Name", "Websites", "Twitter Handles"],
                           [["Ana", "Exemplo", "[COMPANY:www.exemplo-dados.example,BLOG:https://blog.ana.example]",
                             "@ana_exemplo"]])
    _, profile = imported(tmp_path, {"Profile.csv": profile_csv})
    assert profile.basics.website == "https://blog.ana.example"
    assert [(p.network, p.url, p.username) for p in profile.basics.profiles] == [
        ("Company", "https://www.exemplo-dados.example", None), ("Twitter", None, "ana_exemplo")]


_CELL = st.one_of(st.text(max_size=30), st.sampled_from(["Mar 2019", "2019", "", "Present", "https://x.example",
                                                          "www.y.example", "• a\n• b", "*x*", "[l](javascript:x)",
                                                          "03/04/2019", "12/25/2019", "\x00\x85\u2028", "ー"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted({"Profile.csv": 0, "Positions.csv": 0, "Education.csv": 0, "Certifications.csv": 0,
                               "Projects.csv": 0, "Volunteering.csv": 0, "Recommendations_Received.csv": 0,
                               "Email Addresses.csv": 0, "PhoneNumbers.csv": 0, "Honors.csv": 0})),
       st.lists(st.lists(_CELL, min_size=0, max_size=8), min_size=1, max_size=4))
def test_any_cell_text_gives_a_profile_that_loads(tmp_path, name, rows):
    """Whatever the cells hold, the YAML written loads through the real loader (or the
    import says what is wrong): no value ever makes an invalid profile."""
    from resume_builder.errors import UserError
    from resume_builder.importing.linkedin_map import BY_KEY, file_key

    spec = BY_KEY[file_key(name)]
    header = [*spec.mapped, *spec.unmapped]
    files = {name: csv_text(header, [row + [""] * (len(header) - len(row)) for row in rows])}
    try:
        imported(tmp_path, files, name=f"{file_key(name)}.zip")
    except UserError as exc:  # only for an archive it cannot read at all
        assert "holds none" in str(exc) or "no header" in str(exc), exc
