"""JSON Resume export and import: valid against schema v1.0.0, and lossless both ways."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.errors import UserError
from resume_builder.interop import export_json_resume, import_json_resume, json_resume_text
from resume_builder.interop.jsonresume_export import SCHEMA_URL
from resume_builder.loading import load_profile
from tests.conftest import leaves, EXAMPLE
from tests.interop.jsonresume_schema import FIELDS, schema_errors

pytest.importorskip("jsonschema")

runner = CliRunner()


def imported(source: Path, tmp_path: Path, name: str = "imported.yaml") -> Path:
    path = tmp_path / name
    path.write_text(import_json_resume(source).text, encoding="utf-8")
    return path


def exported(profile: Path, tmp_path: Path, name: str = "resume.json", **kwargs) -> Path:
    path = tmp_path / name
    path.write_text(json_resume_text(export_json_resume(profile, **kwargs).data), encoding="utf-8")
    return path


def same_profile(a: Path, b: Path, lang: str | None = None) -> None:
    first, second = load_profile(a, lang=lang), load_profile(b, lang=lang)
    assert second.profile.model_dump() == first.profile.model_dump()
    assert second.profile.section_order() == first.profile.section_order()
    assert second.translations == first.translations
    assert list(second.source.data) == list(first.source.data)  # top-level keys in the same order


# ----------------------------------------------------------------------------- the schema


def test_the_schema_fixture_rejects_what_json_resume_rejects():
    errors = schema_errors({"basics": {"email": "not-an-email"}, "work": [{"startDate": "2020-1"}],
                            "skills": [{"keywords": "one string"}], "x-extra": 1})
    assert len(errors) == 4, errors


def test_the_sample_uses_every_field_of_the_schema(jsonresume_sample):
    """tests/fixtures/jsonresume/full.resume.json holds each JSON Resume v1.0.0 field at least once."""
    data = json.loads(jsonresume_sample.read_text(encoding="utf-8"))

    def missing(spec, value, path):
        if isinstance(spec, list):
            assert isinstance(value, list) and value, path
            for name in spec[0]:
                if not any(name in item for item in value):
                    yield f"{path}[].{name}"
                else:
                    yield from missing(spec[0][name], next(item[name] for item in value if name in item),
                                       f"{path}[].{name}")
        elif isinstance(spec, dict):
            for name, inner in spec.items():
                if name not in value:
                    yield f"{path}.{name}"
                else:
                    yield from missing(inner, value[name], f"{path}.{name}")

    assert "$schema" in data
    assert list(missing(FIELDS, data, "")) == []


def test_the_sample_is_valid(jsonresume_sample):
    assert schema_errors(json.loads(jsonresume_sample.read_text(encoding="utf-8"))) == []


def test_example_export_is_valid_json_resume():
    data = export_json_resume(EXAMPLE).data
    assert schema_errors(data) == []
    assert data["$schema"] == SCHEMA_URL
    assert data["basics"]["label"] == "Platform & DevOps Engineer"
    assert data["basics"]["summary"].startswith("I am an experienced Senior Principal")
    assert data["work"][0] == {"id": "fresha-platform", "name": "Fresha", "location": "London, UK",
                               "position": "Platform Engineer", "startDate": "2023-03"}  # no endDate: "until now"
    assert data["projects"][1]["highlights"][1].startswith("Deployment orchestration")
    assert [k for k in data if k not in ("$schema", "basics", "meta")] == [
        "work", "education", "awards", "skills", "projects"]  # JSON Resume's usual order


def test_what_json_resume_lacks_lives_under_meta():
    extras = export_json_resume(EXAMPLE).data["meta"]["resume_builder"]
    assert extras["version"] == 1
    assert [c["id"] for c in extras["profile"]["custom"]] == ["specialties", "responsibilities", "team-management"]
    assert set(extras["profile"]["variants"]) == {"platform", "monitoring"}
    assert extras["profile"]["lang"] == "en"
    work = extras["entries"]["experience"]
    assert work[0] == {"tags": ["platform", "devops", "kubernetes", "aws", "ci-cd"], "end": "present"}  # id: on the item
    projects = extras["entries"]["projects"]
    assert projects[0]["summary"].startswith("During my tenure") and projects[0]["outcome"].startswith("The successful")
    assert projects[1]["highlight_details"] == {"1": [
        "Automation for creating ECS Task Definitions", "Automation for creating ECS Services",
        "Canary metric comparison b/w blue and green pools", "State management and handling failure scenarios"]}
    summary = next(t["text"] for t in extras["translations"] if t["path"] == ["summary"])
    assert list(summary) == ["en", "de"] and summary["en"] is None  # None: the text in basics.summary
    assert summary["de"].startswith("Erfahrener Senior Principal Software Engineer")
    assert extras["keys"][:3] == ["lang", "basics", "summary"]


def test_export_in_another_language_keeps_the_default_one_in_meta():
    data = export_json_resume(EXAMPLE, lang="de").data
    assert data["basics"]["label"] == "Platform- & DevOps-Engineer"
    headline = next(t for t in data["meta"]["resume_builder"]["translations"] if t["path"] == ["basics", "headline"])
    assert headline["text"] == {"en": "Platform & DevOps Engineer", "de": None}
    assert schema_errors(data) == []


# ----------------------------------------------------------------------------- round trips


def test_sample_survives_import_then_export(jsonresume_sample, tmp_path):
    original = json.loads(jsonresume_sample.read_text(encoding="utf-8"))
    again = export_json_resume(imported(jsonresume_sample, tmp_path)).data
    assert schema_errors(again) == []
    given = {path: value for path, value in leaves(original) if value not in ("", None)}
    # every field equal; empty ones ("image": "") stay out, extra ones are written back
    assert {path: value for path, value in leaves(again) if value != ""} == given
    assert again["basics"]["profiles"][0]["x-url"] == ""
    assert list(again) == list(original)
    assert "resume_builder" not in again["meta"]  # nothing of ours was needed


def test_example_survives_export_then_import(tmp_path):
    back = imported(exported(EXAMPLE, tmp_path), tmp_path)
    same_profile(EXAMPLE, back)
    same_profile(EXAMPLE, back, lang="de")  # the German texts came back too
    text = back.read_text(encoding="utf-8")
    assert "headline:\n    en: Platform & DevOps Engineer\n    de: Platform- & DevOps-Engineer\n" in text
    assert "resume_builder" not in text


def test_round_trip_from_a_german_export(tmp_path):
    back = imported(exported(EXAMPLE, tmp_path, lang="de"), tmp_path)
    same_profile(EXAMPLE, back)
    same_profile(EXAMPLE, back, lang="de")


def test_every_profile_field_survives(tmp_path):
    """A profile using each field once (and a few JSON Resume cannot hold) comes back whole."""
    profile = tmp_path / "full.yaml"
    profile.write_text("""\
$schema: ./profile.schema.json
locale: en-GB
headings: {references: Referees}
basics:
  name: Ann Example
  headline: Engineer
  email: ann@example.com
  phone: "+44 20 7946 0000"
  photo: me.png
  website: https://ann.example
  location: {address: 1 Road, postal_code: AB1 2CD, city: Leeds, region: Yorkshire, country_code: GB}
  profiles: [{network: GitHub, username: ann, url: https://github.com/ann}, {network: Mastodon, username: ann}]
summary: |
  First paragraph.

  Second paragraph.
experience:
  - {id: acme, tags: [go], company: Acme, position: Dev, location: York, url: https://acme.example,
     start: 2020-01, end: 2021-02-03, description: Widgets, summary: Built things, keywords: [Go, SQL],
     highlights: [{text: Shipped, details: [On time, On budget]}, Fixed]}
volunteering:
  - {organization: Club, position: Coach, location: Leeds, url: https://club.example, start: 2019, summary: Coached,
     highlights: [Won]}
projects:
  - {id: tool, name: Tool, description: A tool, summary: My part, outcome: It worked, keywords: [Rust],
     url: https://tool.example, roles: [Lead], entity: Acme, type: application, start: 2021, end: 2022}
skills: [{name: Go, level: Expert, keywords: [goroutines]}]
education:
  - {institution: Uni, degree: BSc, area: CS, location: Leeds, url: https://uni.example, score: First,
     summary: Thesis on X, courses: [Algorithms], highlights: [Prize], start: 2010, end: 2013}
awards: [{title: Prize, date: 2014-05, awarder: Uni, summary: For X}]
certifications: [{name: CKA, date: 2022-01-15, issuer: CNCF, url: https://cncf.example, summary: Kubernetes}]
publications: [{name: Paper, publisher: ACM, date: 2015, url: https://acm.example, summary: About X}]
languages: [{language: English, fluency: Native}]
interests: [{name: Chess, keywords: [openings]}]
references: [{name: Bob, reference: Great}]
custom:
  - id: talks
    title: Talks
    items: [One talk]
    entries: [{title: KubeCon, subtitle: Speaker, date: 2023-04, fields: {Slides: "[link](https://s.example)"}}]
theme: {name: modern, accent_color: "#112233"}
meta: {source: hand-written}
""", encoding="utf-8")
    json_path = exported(profile, tmp_path)
    assert schema_errors(json.loads(json_path.read_text(encoding="utf-8"))) == []
    same_profile(profile, imported(json_path, tmp_path))


def test_fields_with_no_place_in_the_profile_are_kept_and_written_back(tmp_path):
    source = tmp_path / "resume.json"
    source.write_text(json.dumps({
        "basics": {"name": "A", "label": "Dev", "x-pronouns": "she/her",
                   "location": {"city": "Leeds", "x-timezone": "Europe/London"}},
        "work": [{"name": "Acme", "position": "Dev", "startDate": "2020", "x-team": {"size": 5}}],
        "meta": {"version": "v1.0.0"},
    }), encoding="utf-8")
    result = import_json_resume(source)
    assert result.data["meta"]["jsonresume_unmapped"] == [
        {"path": ["basics", "x-pronouns"], "value": "she/her"},
        {"path": ["basics", "location", "x-timezone"], "value": "Europe/London"},
        {"path": ["work", 0, "x-team"], "value": {"size": 5}},
    ]
    assert "# fields of resume.json with no place in the profile; 'export' writes them back" in result.text
    profile = tmp_path / "profile.yaml"
    profile.write_text(result.text, encoding="utf-8")
    again = export_json_resume(profile).data
    assert again["basics"]["x-pronouns"] == "she/her"
    assert again["basics"]["location"]["x-timezone"] == "Europe/London"
    assert again["work"][0]["x-team"] == {"size": 5}
    assert again["meta"] == {"version": "v1.0.0"}


def test_a_field_kept_at_a_negative_or_boolean_index_is_not_written_back_elsewhere(tmp_path):
    """meta.jsonresume_unmapped comes from a file: work[-1] is not the last job, work[true] not
    the second (export's own path helper refused them; value_at(strict=True) does now)."""
    profile = tmp_path / "profile.yaml"
    profile.write_text("""\
basics: {name: A}
experience:
  - {company: Acme, position: Dev, start: 2020}
  - {company: Beta, position: Ops, start: 2018}
meta:
  jsonresume_unmapped:
    - {path: [work, -1, x-team], value: 5}
    - {path: [work, true, x-team], value: 6}
    - {path: [basics, name, 0, x-char], value: 7}
    - {path: [work, 0, x-team], value: 8}
""", encoding="utf-8")
    result = export_json_resume(profile)
    assert [job.get("x-team") for job in result.data["work"]] == [8, None]
    assert [w for w in result.warnings if "nowhere to put back" in w] == [
        "meta.jsonresume_unmapped: nowhere to put back work[-1].x-team; left out",
        "meta.jsonresume_unmapped: nowhere to put back work[True].x-team; left out",
        "meta.jsonresume_unmapped: nowhere to put back basics.name[0].x-char; left out"]


# ----------------------------------------------------------------------------- import details


def test_import_comments_say_what_changed(jsonresume_sample):
    text = import_json_resume(jsonresume_sample).text
    assert text.startswith("# Imported from full.resume.json (JSON Resume)")
    assert "basics:  # 'image' was empty in full.resume.json; left out\n" in text
    assert "- network: Mastodon\n" in text and "- x-url\n" in text  # the extra key, kept under meta
    assert "# JSON Resume keeps this in basics.summary\nsummary: Ottilie builds the pipelines" in text
    assert "keywords: [Python, Apache Kafka, SQL]\n" in text
    assert "$schema" not in text  # JSON Resume's schema link does not describe a profile


def test_import_errors_point_into_the_json_file(tmp_path):
    source = tmp_path / "resume.json"
    source.write_text('{\n  "basics": {"name": "A"},\n  "work": [{"name": "C", "position": "P",\n'
                      '            "startDate": "2020-13"}]\n}\n', encoding="utf-8")
    result = import_json_resume(source)  # JSON Resume's date pattern allows month 13
    assert result.warnings == [f"{source}:4:26: work[0].startDate: month 13 does not exist in '2020-13': months run from 01 to 12 (write YYYY-MM, e.g. 2020-03); left "
                               "out of the résumé (kept for export)"]
    assert result.data["meta"]["jsonresume_unmapped"] == [{"path": ["work", 0, "startDate"], "value": "2020-13"}]
    source.write_text(source.read_text(encoding="utf-8").replace("2020-13", "March 2020"), encoding="utf-8")
    with pytest.raises(UserError) as info:
        import_json_resume(source)
    assert f"{source}:4:26: work[0].startDate: 'March 2020' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD" \
        in str(info.value)


def test_importing_one_of_our_profiles_says_there_is_nothing_to_import(tmp_path):
    """It was read as a JSON Resume: errors about fields that are right ("basics.location:
    expected a mapping") for the example, and for a JSON one a profile without its experience."""
    result = runner.invoke(app, ["import", str(EXAMPLE)])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {EXAMPLE}:")
    assert "example.yaml is already a resume-builder profile, not a JSON Resume" in result.output
    assert f"(use it as it is: resume-builder validate {EXAMPLE})" in result.output
    assert "basics.location" not in result.output
    ours = tmp_path / "ours.json"
    ours.write_text('{"basics": {"name": "Sam Sample"},\n "experience": [{"company": "Acme", "position": "Dev",'
                    ' "start": "2020-01"}]}\n', encoding="utf-8")
    with pytest.raises(UserError) as info:
        import_json_resume(ours)
    assert str(info.value).startswith(f"{ours}:2:2: ours.json is already a resume-builder profile, not a JSON "
                                      "Resume (it has 'experience' and 'experience[0].start')")
    # A JSON Resume with one key of ours is still a JSON Resume (json_resume_reason decides).
    theirs = tmp_path / "theirs.json"
    theirs.write_text('{"basics": {"name": "Sam Sample", "label": "Dev"}, "summary": "x",'
                      ' "work": [{"name": "Acme", "startDate": "2020-01"}]}', encoding="utf-8")
    assert import_json_resume(theirs).data["experience"][0]["company"] == "Acme"


def test_edited_entries_do_not_get_the_wrong_ids(tmp_path):
    data = json.loads(exported(EXAMPLE, tmp_path).read_text(encoding="utf-8"))
    ids = [job["id"] for job in data["work"]]  # each on its own work item: they move with it
    del data["work"][0]
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = import_json_resume(source)
    assert any("entries.experience no longer matches the 8 entries of 'work'" in w for w in result.warnings)
    assert [job["id"] for job in result.data["experience"]] == ids[1:]
    assert all("tags" not in job for job in result.data["experience"])  # kept in meta, by position: not given


# ----------------------------------------------------------------------------- commands


def test_export_and_import_commands(tmp_path):
    out = tmp_path / "resume.json"
    result = runner.invoke(app, ["export", str(EXAMPLE), "--to", "jsonresume", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert schema_errors(json.loads(out.read_text(encoding="utf-8"))) == []
    stdout = runner.invoke(app, ["export", str(EXAMPLE)])
    assert json.loads(stdout.stdout) == json.loads(out.read_text(encoding="utf-8"))
    dash = runner.invoke(app, ["export", str(EXAMPLE), "-o", "-"])  # '-' is standard output, as for render
    assert dash.stdout == stdout.stdout and not (tmp_path / "-").exists() and not Path("-").exists()

    profile = tmp_path / "profile.yaml"
    result = runner.invoke(app, ["import", str(out), "-o", str(profile)])
    assert result.exit_code == 0, result.output
    same_profile(EXAMPLE, profile)
    again = runner.invoke(app, ["import", str(out), "-o", str(profile)])
    assert again.exit_code == 2 and "already exists" in again.output
    assert runner.invoke(app, ["import", str(out), "-o", str(profile), "--force"]).exit_code == 0
    assert runner.invoke(app, ["validate", str(profile)]).exit_code == 0


def test_export_refuses_unknown_formats():
    result = runner.invoke(app, ["export", str(EXAMPLE), "--to", "json-resum"])
    assert result.exit_code == 2
    assert "cannot export to 'json-resum' (did you mean 'jsonresume'?)" in result.output


@pytest.mark.parametrize("name", ["cv.yaml", "cv.YML", "cv.pdf"])
def test_export_refuses_a_file_name_that_says_another_format(tmp_path, name):
    """`export -o out.yaml` wrote JSON into a .yaml file without a word (newcomer trial)."""
    from tests.conftest import EXAMPLE

    result = CliRunner().invoke(app, ["export", str(EXAMPLE), "-o", str(tmp_path / name)])
    assert result.exit_code == 2 and not (tmp_path / name).exists()
    assert f"write -o {tmp_path / Path(name).with_suffix('.json')}" in " ".join(result.output.split())


@pytest.mark.parametrize("hidden", ["\ufeff", "\x01", "\x85", "\x9b", "\x0c"])
def test_an_imported_text_of_several_lines_with_a_hidden_character_validates(tmp_path, hidden):
    """`import` wrote such a text as a `|` block holding the character as is, and its own
    `validate` refused the file (a byte-order mark inside the text; security review)."""
    summary = f"line one\nline two {hidden} more"
    source = tmp_path / "resume.json"
    source.write_text(json.dumps({"basics": {"name": "Ann Bee", "summary": summary}}), encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(source), "-o", str(tmp_path / "cv.yaml")])
    assert result.exit_code == 0, result.output
    loaded = load_profile(tmp_path / "cv.yaml")  # raises a UserError for a file validate refuses
    # YAML 1.1 reads a NEL (U+0085) as a line break, as a block would have shown it
    assert loaded.profile.summary == summary.replace("\x85", "\n")


def test_export_refuses_a_recursive_alias_instead_of_writing_null(tmp_path):
    """``meta: &m {x: *m}`` validated and export wrote ``"meta": {"x": null}`` (security review)."""
    profile = tmp_path / "p.yaml"
    profile.write_text("basics:\n  name: Ann Example\nmeta: &m {x: *m}\n", encoding="utf-8")
    out = tmp_path / "resume.json"
    result = runner.invoke(app, ["export", str(profile), "--to", "jsonresume", "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert f"{profile}:3:14: meta.x: the alias '*m' is inside the value its anchor '&m' names" in result.output
    assert not out.exists()


def test_a_translation_at_a_negative_or_boolean_index_is_not_restored_elsewhere(tmp_path):
    """meta.resume_builder.translations comes from the file: a path through work[-1] or work[true]
    names no job; before, Python's indexing restored it onto the last or the second job."""
    source = tmp_path / "resume.json"
    source.write_text(json.dumps({
        "basics": {"name": "A"},
        "work": [{"name": "Acme", "position": "Dev", "startDate": "2020", "summary": "one"},
                 {"name": "Beta", "position": "Ops", "startDate": "2018", "summary": "two"}],
        "meta": {"resume_builder": {"version": 1, "translations": [
            {"path": ["experience", -1, "summary"], "text": {"en": None, "de": "zwei"}},
            {"path": ["experience", True, "summary"], "text": {"en": None, "de": "zwei"}},
            {"path": ["experience", 0, "summary"], "text": {"en": None, "de": "eins"}}]}}}), encoding="utf-8")
    result = import_json_resume(source)
    assert [job["summary"] for job in result.data["experience"]] == [{"en": "one", "de": "eins"}, "two"]
    assert sum("were not restored" in w for w in result.warnings) == 2
