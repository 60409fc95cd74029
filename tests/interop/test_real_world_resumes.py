"""Real-world JSON Resume documents: nothing the standard allows is refused, nothing written is lost.

Issue 15, items 1, 3, 4 and 5, each from small documents of our own (tests/fixtures/jsonresume).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker

from resume_builder.errors import UserError
from resume_builder.interop import export_json_resume, import_json_resume
from resume_builder.loading import load_profile
from resume_builder.pipeline import prepare
from resume_builder.render.text import render_text
from resume_builder.schema.jsonresume import official_schema

VALID = Path(__file__).parent.parent / "fixtures" / "jsonresume" / "valid"


def schema_errors(data, schema=None) -> list[str]:
    validator = Draft7Validator(schema or official_schema(), format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def strict_schema() -> dict:
    """The v1.0.0 schema as some published copies have it: certificates[].date a full date."""
    schema = copy.deepcopy(official_schema())
    schema["properties"]["certificates"]["items"]["properties"]["date"] = {"type": "string", "format": "date"}
    return schema


def text_of(path: Path, **options) -> str:
    job = prepare(path, input_format="jsonresume", overrides=options)
    return render_text(job.document)


# ----------------------------------------------------------------------------- 1. never refused


def test_null_is_refused_everywhere_as_the_standard_does(tmp_path: Path):
    for document, where in (({"basics": {"name": "Kit", "email": None}}, "basics.email"),
                            ({"awards": None}, "awards"),
                            ({"work": [{"highlights": [None]}]}, "work[0].highlights[0]")):
        path = tmp_path / "resume.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(UserError) as caught:
            load_profile(path, input_format="jsonresume")
        assert f": {where}: expected " in caught.value.render() and "found nothing (null)" in caught.value.render()


def test_entries_without_the_fields_our_model_wants_are_shown_with_what_they_have():
    path = VALID / "work-without-name-position-or-dates.json"
    loaded = load_profile(path, input_format="jsonresume")
    assert [(job.company, job.position, job.start) for job in loaded.profile.experience] == [
        ("Harbour Lights Ltd", "", None), ("", "Night editor", None), ("", "", None)]
    assert loaded.warnings == [f"{path}:6:5: work[2] has no name or position: shown without a title"]
    text = text_of(path)
    assert "\nHarbour Lights Ltd\n" in text  # the company titles the job; no stray dash
    assert "\nNight editor\nRan the late desk.\n" in text
    assert "• Cut print errors by half" in text
    assert " — " not in text


def test_untitled_entries_of_every_section_are_shown_and_named_in_warnings():
    path = VALID / "entries-without-titles.json"
    loaded = load_profile(path, input_format="jsonresume")
    missing = [w.split(": ", 1)[1] for w in loaded.warnings]
    assert missing == [
        "projects[0] has no name: shown without a title",
        "education[0] has no institution or studyType or area: shown without a title",
        "publications[0] has no name: shown without a title",
        "awards[0] has no title: shown without a title",
        "certificates[0] has no name: shown without a title",
        "skills[0] has no name: its keywords are shown without a title",
        "languages[0] has no language: shown without a title",
        "interests[0] has no name: its keywords are shown without a title",
        "references[0] has no name: shown without a title",
        "basics.name is not given: the résumé has no name at its head",
    ]
    text = text_of(path)
    for shown in ("Quay Press", "Harbour Guild", "Sail Board", "rigging, knots", "Native", "tides",
                  "Always on time.", "A tide-table app", "Score: 3.7", "tides.example.org"):
        assert shown in text, shown


def test_values_the_standard_accepts_but_a_resume_cannot_show_are_left_out_with_a_warning():
    path = VALID / "standard-allows-what-a-resume-cannot-show.json"
    loaded = load_profile(path, input_format="jsonresume")
    fields = [w.split(": ")[1] for w in loaded.warnings]
    assert fields == ["basics.email", "basics.phone", "basics.url", "work[0].startDate", "awards[0].date"]
    assert all(w.endswith("left out of the résumé (kept for export)") for w in loaded.warnings)
    basics = loaded.profile.basics
    assert (basics.email, basics.phone, basics.website) == (None, None, None)
    assert str(loaded.profile.experience[0].end) == "2017"  # with the start gone, the end is no longer before it
    back = export_json_resume(path).data  # ...and export gives every one of them back
    assert back["basics"]["email"] == "kit@@example" and back["basics"]["phone"] == "ask me"
    assert back["work"][0]["startDate"] == "2018-13" and back["awards"][0]["date"] == "1899"
    assert schema_errors(back) == []


# ----------------------------------------------------------------------------- 3. extra keys kept


def test_legacy_names_are_mapped_and_every_other_key_is_kept_and_written_back():
    path = VALID / "legacy-and-extra-keys.json"
    loaded = load_profile(path, input_format="jsonresume")
    job = loaded.profile.experience[0]
    assert (job.company, job.url) == ("Harbour Lights Ltd", "https://harbour.example.com")
    assert loaded.warnings == []
    back = export_json_resume(path).data
    assert back["work"][0]["name"] == "Harbour Lights Ltd" and back["work"][0]["url"] == "https://harbour.example.com"
    assert back["work"][0]["isCurrentRole"] is True and back["work"][0]["x-team"] == {"size": 4}
    assert back["education"][0]["gpa"] == "3.9"
    assert back["basics"]["x-pronouns"] == "they/them"
    assert back["basics"]["location"]["x-timezone"] == "Europe/London"
    assert back["x-custom"] == {"anything": [1, 2, 3]}
    assert "jsonresume_unmapped" not in back.get("meta", {})
    assert schema_errors(back) == []


def test_import_keeps_extra_keys_too(tmp_path: Path):
    result = import_json_resume(VALID / "legacy-and-extra-keys.json")
    profile = tmp_path / "profile.yaml"
    profile.write_text(result.text, encoding="utf-8")
    assert load_profile(profile).profile.education[0].institution == "Porthaven College"
    back = export_json_resume(profile).data
    assert back["education"][0]["gpa"] == "3.9" and back["work"][0]["isCurrentRole"] is True


# ----------------------------------------------------------------------------- 4. export is valid


def test_certificate_dates_are_exported_whole_and_come_back_as_written(tmp_path: Path):
    profile = tmp_path / "profile.yaml"
    profile.write_text("basics: {name: Kit Sample}\ncertifications:\n  - {name: Sail Board Level 2, date: 2022-05}\n"
                       "  - {name: Radio licence, date: 2019}\n  - {name: First aid, date: 2021-03-14}\n",
                       encoding="utf-8")
    result = export_json_resume(profile)
    assert [c["date"] for c in result.data["certificates"]] == ["2022-05-01", "2019-01-01", "2021-03-14"]
    assert result.warnings == [
        "certifications[0].date 2022-05 is written as 2022-05-01 (date is a full date in JSON Resume); "
        "'import' gives back 2022-05",
        "certifications[1].date 2019 is written as 2019-01-01 (date is a full date in JSON Resume); "
        "'import' gives back 2019"]
    assert schema_errors(result.data) == [] and schema_errors(result.data, strict_schema()) == []
    exported = tmp_path / "resume.json"
    exported.write_text(json.dumps(result.data), encoding="utf-8")
    back = import_json_resume(exported).profile
    assert [str(c.date) for c in back.certifications] == ["2022-05", "2019", "2021-03-14"]


@pytest.mark.parametrize("path", sorted(VALID.glob("*.json")), ids=lambda p: p.stem)
def test_every_export_passes_the_official_schema_with_formats_checked(path: Path):
    data = export_json_resume(path, input_format="jsonresume").data
    assert schema_errors(data) == [] and schema_errors(data, strict_schema()) == []


def test_the_example_profile_exports_valid_json_resume():
    data = export_json_resume(Path("profiles/example.yaml")).data
    assert schema_errors(data) == [] and schema_errors(data, strict_schema()) == []


def test_export_refuses_free_form_meta_that_would_break_the_standard(tmp_path: Path):
    profile = tmp_path / "profile.yaml"
    profile.write_text("basics: {name: Kit Sample}\nmeta: {canonical: not a link}\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        export_json_resume(profile)
    assert "exported meta.canonical: 'not a link' is not a URI (RFC 3986)" in caught.value.render()


# ----------------------------------------------------------------------------- 5. nothing lost


def test_address_postal_code_and_profiles_without_links_are_all_shown():
    path = VALID / "location-and-profiles-in-full.json"
    job = prepare(path, input_format="jsonresume")
    contacts = [(c.kind, c.text, c.href) for c in job.document.contacts]
    assert contacts == [
        ("location", "4 Quay Row, Flat 2, Porthaven, PH1 2AB, United Kingdom", None),
        ("profile", "Mastodon: social.example.net/@kit", "https://social.example.net/@kit"),
        ("profile", "Codeberg", None),
    ]
    # basics.image is a URL: never fetched, never a failure
    assert job.document.photo is None
    assert any("basics.image 'https://img.example.com/kit.png' is an address, not a file" in w for w in job.warnings)


@pytest.mark.parametrize(("profile", "shown"), [
    ({"network": "GitHub", "username": "kit-sample", "url": "https://github.com/kit-sample"}, "github.com/kit-sample"),
    ({"network": "Mastodon", "username": "kit", "url": "https://social.example.net/@kit"},
     "Mastodon: social.example.net/@kit"),
    ({"network": "Blog", "username": "harbourkit", "url": "https://blog.example.org/"},
     "blog.example.org (harbourkit)"),
    ({"network": "Codeberg", "username": "kit"}, "Codeberg: kit"),
    ({"username": "kit"}, "kit"),
    ({"network": "Codeberg"}, "Codeberg"),
])
def test_a_profile_shows_the_network_and_username_its_link_does_not(tmp_path: Path, profile, shown):
    path = tmp_path / "resume.json"
    path.write_text(json.dumps({"basics": {"name": "Kit Sample", "profiles": [profile]}}), encoding="utf-8")
    contacts = prepare(path, input_format="jsonresume").document.contacts
    assert [c.text for c in contacts] == [shown]


def test_project_type_is_shown(tmp_path: Path):
    path = tmp_path / "resume.json"
    path.write_text(json.dumps({"basics": {"name": "Kit Sample"}, "projects": [
        {"name": "Tidewatch", "entity": "Harbour Guild", "roles": ["Lead"], "type": "application"}]}),
        encoding="utf-8")
    assert "Tidewatch — Harbour Guild, Lead, application" in text_of(path)


def test_a_json_resume_image_that_is_no_local_file_is_left_out_with_a_warning(tmp_path: Path):
    path = tmp_path / "resume.json"
    path.write_text(json.dumps({"basics": {"name": "Kit Sample", "label": "Engineer", "image": "kit.jpg"}}),
                    encoding="utf-8")
    job = prepare(path)
    assert job.document.photo is None
    assert f"{path}:1:65: basics.image 'kit.jpg' is no file beside the profile: the photo is not shown" in job.warnings
    ours = tmp_path / "profile.yaml"  # our own format keeps refusing a photo that is not there
    ours.write_text("basics: {name: Kit Sample, photo: kit.jpg}\n", encoding="utf-8")
    with pytest.raises(UserError, match="photo file 'kit.jpg' not found"):
        prepare(ours)


def test_a_json_resume_image_that_is_a_dangling_link_or_a_loop_says_so(tmp_path: Path, monkeypatch):
    """``basics.image`` naming a symbolic link to a moved photo said "is no file beside the
    profile" beside an ``ls`` that lists it: the warning says where the link points, as
    ``basics.photo``'s error does; a loop of links is said as one, and render still writes
    (it ended in a RuntimeError traceback comparing its output with the files it read)."""
    from typer.testing import CliRunner

    monkeypatch.chdir(tmp_path)  # its warnings alone: no ./themes of the folder the suite runs in

    from resume_builder.cli import app

    path = tmp_path / "resume.json"
    (tmp_path / "kit.jpg").symlink_to("old/kit.jpg")
    path.write_text(json.dumps({"basics": {"name": "Kit Sample", "label": "Engineer", "image": "kit.jpg"}}),
                    encoding="utf-8")
    job = prepare(path)
    assert job.document.photo is None
    assert job.warnings == [f"{path}:1:65: basics.image 'kit.jpg' is a symbolic link to 'old/kit.jpg', which does "
                            "not exist: the photo is not shown"]
    (tmp_path / "a.jpg").symlink_to("b.jpg")
    (tmp_path / "b.jpg").symlink_to("a.jpg")
    path.write_text(json.dumps({"basics": {"name": "Kit Sample", "label": "Engineer", "image": "a.jpg"}}),
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(path), "-f", "txt", "-o", str(tmp_path / "cv.txt")])
    assert result.exit_code == 0, result.output
    assert f"warning: {path}:1:65: basics.image 'a.jpg' is a symbolic link to 'b.jpg', which leads back to it (a " \
           "loop of links): the photo is not shown" in " ".join(result.output.split())
    assert (tmp_path / "cv.txt").is_file()


def test_the_one_table_names_our_paths_in_json_resume_terms():
    from resume_builder.schema.jsonresume import their_path

    assert their_path(("experience", 0, "start")) == ("work", 0, "startDate")
    assert their_path(("experience", 0, "highlights", 2, "text")) == ("work", 0, "highlights", 2)
    assert their_path(("basics", "location", "postal_code")) == ("basics", "location", "postalCode")
    assert their_path(("basics", "photo")) == ("basics", "image")
    assert their_path(("summary",)) == ("basics", "summary")
    assert their_path(("certifications", 0, "date")) == ("certificates", 0, "date")
