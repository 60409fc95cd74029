"""Several roles at one employer and JSON Resume (issue 18).

JSON Resume has no roles: export writes one ``work`` item per role with the same ``name``;
import puts a profile's companies back from ``meta.resume_builder``, and groups consecutive
items with the same ``name`` from elsewhere only with ``--group-roles``. Both round trips
are lossless.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.interop import export_json_resume, import_json_resume, json_resume_text
from resume_builder.loading import load_profile
from tests.conftest import EXAMPLE

PROFILE = """\
basics: {name: Kit Sample}
experience:
  - id: acme
    tags: [backend]
    company: Acme Anvils
    url: https://acme.example
    description: Anvils for cartoon coyotes
    location: Berlin, Germany
    summary: A company of forty people.
    keywords: [Go]
    roles:
      - id: acme-lead
        tags: [lead]
        position: Engineering Lead
        start: 2020-09
        highlights:
          - text: Led six engineers
            details: [two of them hired by me]
      - id: acme-dev
        position: Developer
        location: Munich, Germany
        summary: Built the tracker.
        start: 2016-02
        end: 2020-09
  - company: Solo Works
    position: Freelancer
    start: 2013
    end: 2016
"""

# A JSON Resume from elsewhere: two promotions at one company, in a row, then another job.
ELSEWHERE = {
    "basics": {"name": "Robin Example"},
    "work": [
        {"name": "Globex", "url": "https://globex.example", "position": "Staff Engineer", "location": "Paris",
         "startDate": "2021-01-01", "highlights": ["Designed the billing system"]},
        {"name": "Globex", "url": "https://globex.example", "position": "Senior Engineer", "location": "Paris",
         "startDate": "2018-01-01", "endDate": "2021-01-01", "summary": "Payments team."},
        {"name": "Initech", "position": "Engineer", "startDate": "2015-01-01", "endDate": "2018-01-01"},
        {"name": "Globex", "position": "Intern", "startDate": "2014-01-01", "endDate": "2014-06-01"},
    ],
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_export_writes_one_work_item_per_role_with_the_company_name(tmp_path):
    data = export_json_resume(_write(tmp_path / "p.yaml", PROFILE)).data
    work = data["work"]
    assert [(w["name"], w["position"]) for w in work] == [
        ("Acme Anvils", "Engineering Lead"), ("Acme Anvils", "Developer"), ("Solo Works", "Freelancer")]
    lead, dev = work[0], work[1]
    # what the company shares is repeated; each role has its own dates and place
    assert lead["url"] == dev["url"] == "https://acme.example"
    assert lead["description"] == dev["description"] == "Anvils for cartoon coyotes"
    assert (lead["location"], dev["location"]) == ("Berlin, Germany", "Munich, Germany")
    assert lead["startDate"] == "2020-09" and "endDate" not in lead
    assert (dev["startDate"], dev["endDate"], dev["summary"]) == ("2016-02", "2020-09", "Built the tracker.")
    assert lead["highlights"] == ["Led six engineers"]
    roles = data["meta"]["resume_builder"]["roles"]
    assert roles["work_items"] == 3
    assert roles["companies"] == [{"at": 0, "count": 2, "name": "Acme Anvils", "company": {
        "id": "acme", "tags": ["backend"], "location": "Berlin, Germany", "summary": "A company of forty people.",
        "keywords": ["Go"]}}]


def test_profile_export_then_import_gives_the_roles_back(tmp_path):
    source = _write(tmp_path / "p.yaml", PROFILE)
    resume = _write(tmp_path / "resume.json", json_resume_text(export_json_resume(source).data))
    back = _write(tmp_path / "back.yaml", import_json_resume(resume).text)
    assert load_profile(back).profile.model_dump() == load_profile(source).profile.model_dump()


def test_the_example_round_trips_with_its_roles(tmp_path):
    resume = _write(tmp_path / "resume.json", json_resume_text(export_json_resume(EXAMPLE).data))
    back = _write(tmp_path / "back.yaml", import_json_resume(resume).text)
    assert load_profile(back).profile.model_dump() == load_profile(EXAMPLE).profile.model_dump()
    assert "    roles:\n      - id: mmt-senior-principal\n" in back.read_text(encoding="utf-8")


def test_import_keeps_work_items_apart_unless_asked(tmp_path):
    resume = _write(tmp_path / "resume.json", json.dumps(ELSEWHERE))
    flat = import_json_resume(resume)
    assert [job.get("roles") for job in flat.data["experience"]] == [None] * 4
    grouped = import_json_resume(resume, group_roles=True).data["experience"]
    assert [job["company"] for job in grouped] == ["Globex", "Initech", "Globex"]  # consecutive only
    globex = grouped[0]
    assert globex["url"] == "https://globex.example" and globex["location"] == "Paris"
    assert [r["position"] for r in globex["roles"]] == ["Staff Engineer", "Senior Engineer"]
    assert all("location" not in r for r in globex["roles"])  # the company's place, said once
    assert globex["roles"][1]["summary"] == "Payments team."
    # the last Globex item has no url: a different company page, so not grouped with Initech between anyway
    assert grouped[2]["position"] == "Intern" and "roles" not in grouped[2]


def test_group_roles_round_trip_gives_the_same_work_items(tmp_path):
    resume = _write(tmp_path / "resume.json", json.dumps(ELSEWHERE))
    profile = _write(tmp_path / "grouped.yaml", import_json_resume(resume, group_roles=True).text)
    assert load_profile(profile).profile.experience[0].roles  # really grouped
    again = export_json_resume(profile).data
    assert again["work"] == ELSEWHERE["work"]
    # and back: the profile is the same, grouped, without asking again
    resume2 = _write(tmp_path / "again.json", json_resume_text(again))
    back = _write(tmp_path / "back.yaml", import_json_resume(resume2).text)
    assert load_profile(back).profile.model_dump() == load_profile(profile).profile.model_dump()


def test_items_that_disagree_on_the_company_page_are_not_grouped(tmp_path):
    data = json.loads(json.dumps(ELSEWHERE))
    data["work"][1]["url"] = "https://other.example"
    resume = _write(tmp_path / "resume.json", json.dumps(data))
    grouped = import_json_resume(resume, group_roles=True).data["experience"]
    assert len(grouped) == 4 and not any(job.get("roles") for job in grouped)


def test_import_command_has_group_roles(tmp_path):
    resume = _write(tmp_path / "resume.json", json.dumps(ELSEWHERE))
    out = tmp_path / "profile.yaml"
    result = CliRunner().invoke(app, ["import", str(resume), "-o", str(out), "--group-roles"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "roles:" in text and "--group-roles" in text  # a comment says what was grouped
    assert [len(j.roles or []) for j in load_profile(out).profile.experience] == [2, 0, 0]
    plain = CliRunner().invoke(app, ["import", str(resume)])
    assert plain.exit_code == 0 and "roles:" not in plain.output


def test_a_json_resume_file_renders_flat_as_it_is(tmp_path):
    resume = _write(tmp_path / "resume.json", json.dumps(ELSEWHERE))
    profile = load_profile(resume).profile
    assert [job.position for job in profile.experience] == ["Staff Engineer", "Senior Engineer", "Engineer", "Intern"]


def test_an_exported_file_renders_with_its_roles(tmp_path):
    """`render` reads meta.resume_builder as `import` does: the same résumé as the profile."""
    source = _write(tmp_path / "p.yaml", PROFILE)
    resume = _write(tmp_path / "resume.json", json_resume_text(export_json_resume(source).data))
    rendered = load_profile(resume).profile.model_dump(exclude={"schema_"})  # JSON Resume's own $schema
    assert rendered == load_profile(source).profile.model_dump(exclude={"schema_"})
    assert [r["id"] for r in rendered["experience"][0]["roles"]] == ["acme-lead", "acme-dev"]
