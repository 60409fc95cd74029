"""An ``"id"`` on a JSON Resume item is the entry's id, so variants work on JSON Resume files
(user trial: ``drop: [freelance]`` and ``experience[0].highlights`` gave "no entry with id",
and an ``"id": "maple"`` on the work item was ignored, leaving only the undocumented
``meta.resume_builder.entries``); mistakes in such variants are told in JSON Resume's terms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.errors import UserError
from resume_builder.interop.jsonresume_export import export_json_resume
from resume_builder.interop.jsonresume_import import import_json_resume
from resume_builder.loading import load_profile
from resume_builder.schema.jsonresume import SECTIONS

runner = CliRunner()

#: One item per JSON Resume section, titled as that section titles its entries.
ITEMS = {"work": {"name": "Maple", "position": "Dev"}, "volunteer": {"organization": "Harbour Trust"},
         "education": {"institution": "Uni"}, "awards": {"title": "Prize"}, "certificates": {"name": "CKA"},
         "publications": {"name": "Paper"}, "skills": {"name": "Go"}, "languages": {"language": "Welsh"},
         "interests": {"name": "Chess"}, "references": {"name": "Bob"}, "projects": {"name": "Proj"}}

RESUME = {
    "basics": {"name": "Kit Sample", "label": "Engineer"},
    "work": [{"id": "maple", "name": "Maple", "position": "Dev", "startDate": "2020-01",
              "highlights": ["Built the billing service"]},
             {"id": "freelance", "name": "Freelance", "position": "Consultant", "startDate": "2018-01"}],
    "skills": [{"id": "go", "name": "Go"}, {"name": "Rust"}],
    "variants": {"short": {"overrides": {"experience[maple].highlights": ["Shipped billing in a month"]},
                           "drop": ["freelance", "go"]}},
}


def _write(tmp_path: Path, data: dict, name: str = "resume.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def test_every_json_resume_section_has_the_id_field():
    assert all(table.theirs("id") is not None and table.theirs("id").ours == "id" for _, table in SECTIONS.values())


@pytest.mark.parametrize("section", list(ITEMS))
def test_an_id_on_any_json_resume_item_is_the_entry_s_id(tmp_path, section):
    path = _write(tmp_path, {"basics": {"name": "Kit"}, section: [{**ITEMS[section], "id": f"my-{section}"}]})
    loaded = load_profile(path, input_format="jsonresume")
    ours = next(name for name, (theirs, _) in SECTIONS.items() if theirs == section)
    assert getattr(loaded.profile, ours)[0].id == f"my-{section}"
    assert "jsonresume_unmapped" not in json.dumps(loaded.profile.meta)


def test_a_variant_of_a_json_resume_file_names_entries_by_their_ids(tmp_path):
    path = _write(tmp_path, RESUME)
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    result = runner.invoke(app, ["render", str(path), "--variant", "short", "-f", "md", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "Shipped billing in a month" in result.stdout and "Built the billing" not in result.stdout
    assert "Freelance" not in result.stdout and "Rust" in result.stdout and "- Go" not in result.stdout


def test_ids_stay_on_the_items_through_export_and_import(tmp_path):
    exported = export_json_resume(_write(tmp_path, RESUME)).data
    assert [item.get("id") for item in exported["work"]] == ["maple", "freelance"]
    assert [item.get("id") for item in exported["skills"]] == ["go", None]
    assert "entries" not in exported["meta"]["resume_builder"]
    imported = import_json_resume(_write(tmp_path, exported, "exported.json")).data
    assert [job["id"] for job in imported["experience"]] == ["maple", "freelance"]


def test_a_profile_s_ids_are_written_on_its_json_resume_items(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("basics: {name: Kit}\nexperience:\n  - {id: maple, company: Maple, position: Dev, tags: [x]}\n",
                       encoding="utf-8")
    data = export_json_resume(profile).data
    assert data["work"] == [{"id": "maple", "name": "Maple", "position": "Dev"}]
    assert data["meta"]["resume_builder"]["entries"] == {"experience": [{"tags": ["x"]}]}


def _problems(tmp_path: Path, variant: dict, **changes) -> list[str]:
    data = {**RESUME, **changes, "variants": {"v": variant}}
    with pytest.raises(UserError) as caught:
        load_profile(_write(tmp_path, data))
    return [f"{p.path}: {p.message} ({p.hint.split('; read as JSON Resume')[0]})" for p in caught.value.problems]


def test_an_entry_named_by_position_is_told_to_get_an_id_in_the_json_resume_file(tmp_path):
    work = [{key: value for key, value in job.items() if key != "id"} for job in RESUME["work"]]
    assert _problems(tmp_path, {"overrides": {"experience[0].highlights": ["x"]}}, work=work) == [
        "variants.v.overrides.experience[0].highlights: no entry with id '0' in experience (entries are named by "
        'id, not by position: write "id": "maple" in work[0] of the JSON Resume file, then '
        "experience[maple].highlights)"]
    assert _problems(tmp_path, {"overrides": {"experience[acme].highlights": ["x"]}}, work=work) == [
        "variants.v.overrides.experience[acme].highlights: no entry with id 'acme' in experience (give the entry an "
        'id in the JSON Resume file: write "id": "acme" in its work item)']


def test_an_id_no_item_has_is_told_how_to_give_one_in_the_json_resume_file(tmp_path):
    assert _problems(tmp_path, {"keep": ["mapel"], "drop": ["globex"]}) == [
        "variants.v.keep[0]: no entry has id 'mapel' (did you mean 'maple'?)",
        "variants.v.drop[0]: no entry has id 'globex' (write \"id\": \"globex\" on the JSON Resume item you mean: "
        "any work, education, projects... item may carry one)"]


def test_json_resume_names_in_a_variant_get_ours(tmp_path):
    variant = {"sections": ["work", "skills"], "select": {"certificates": {"any": ["x"]}},
               "overrides": {"basics.label": "Lead", "work[maple].startDate": "2019",
                             "experience[maple].startDate": "2019", "basics.summary": "Hi"}}
    problems = _problems(tmp_path, variant)
    assert problems[:3] == [
        "variants.v.sections[0]: the profile has no section 'work' (JSON Resume's 'work' is 'experience' here: "
        "did you mean 'experience'?)",
        "variants.v.select.certificates: the profile has no section 'certificates' with entries (JSON Resume's "
        "'certificates' is 'certifications' here, and this profile has none)",
        "variants.v.select.certificates.any[0]: no entry in the profile has tag 'x' ()"]
    assert problems[3:] == [
        "variants.v.overrides.basics.label: 'basics' has no field 'label' (JSON Resume's 'label' is 'headline' here: "
        "did you mean 'headline'?)",
        "variants.v.overrides.work[maple].startDate: the profile has no field 'work' (JSON Resume's 'work' is "
        "'experience' here: did you mean 'experience'?)",
        "variants.v.overrides.experience[maple].startDate: entry 'maple' has no field 'startDate' (JSON Resume's "
        "'startDate' is 'start' here: did you mean 'start'?)",
        "variants.v.overrides.basics.summary: 'basics' has no field 'summary' (JSON Resume's basics.summary is the "
        "top-level 'summary' here: write summary)"]


def test_a_variant_file_for_a_json_resume_file_gets_the_same_hint(tmp_path):
    path = _write(tmp_path, RESUME)
    variant = tmp_path / "v.yaml"
    variant.write_text("profile: resume.json\ndrop: [globex]\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "--variant", str(variant), "-f", "md", "-o", "-"])
    assert result.exit_code == 2
    assert 'drop[0]: no entry has id \'globex\' (write "id": "globex" on the JSON Resume item you mean' in result.stderr


def test_a_yaml_profile_keeps_its_own_hint(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("basics: {name: Kit}\nexperience:\n  - {company: Maple, position: Dev}\nvariants:\n"
                       "  v:\n    sections: [work]\n    overrides:\n      experience[0].highlights: [x]\n",
                       encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(profile)
    hints = [p.hint for p in caught.value.problems]
    assert hints == ["JSON Resume's 'work' is 'experience' here: did you mean 'experience'?",
                     "give the entry an 'id'"]
