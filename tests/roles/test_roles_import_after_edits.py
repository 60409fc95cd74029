"""Importing an exported JSON Resume that was edited since (issue 18).

``export`` keeps which ``work`` items were one company's roles under ``meta.resume_builder``;
a user may then rename a ``work`` item or delete one. The file decides: an item whose
company no longer matches is not put back under the company it was exported with, and
variants naming what the file no longer has are left out, each with a warning, so the
profile ``import`` writes passes ``validate``.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.interop import export_json_resume, import_json_resume, json_resume_text
from resume_builder.loading import load_profile

PROFILE = """\
basics: {name: Kit Sample}
experience:
  - id: acme
    tags: [backend]
    company: Acme Anvils
    url: https://acme.example
    location: Berlin, Germany
    roles:
      - id: acme-lead
        tags: [lead]
        position: Engineering Lead
        start: 2020-09
        highlights: [Led six engineers]
      - id: acme-dev
        position: Developer
        start: 2016-02
        end: 2020-09
      - id: acme-intern
        position: Intern
        start: 2015-06
        end: 2015-09
  - id: solo
    company: Solo Works
    position: Freelancer
    start: 2013
    end: 2015
projects:
  - id: proj-a
    name: Project A
    tags: [rust]
variants:
  focus:
    select:
      projects: {any: [rust]}
    drop: [solo]
    pin: [acme-dev]
    overrides:
      experience[acme].roles[acme-dev].highlights: [Wrote the tracker]
  solo-only:
    drop: [proj-a]
"""


def _exported(tmp_path: Path) -> dict:
    source = tmp_path / "p.yaml"
    source.write_text(PROFILE, encoding="utf-8")
    return json.loads(json_resume_text(export_json_resume(source).data))


def _import(tmp_path: Path, data: dict):
    resume = tmp_path / "resume.json"
    resume.write_text(json.dumps(data), encoding="utf-8")
    return import_json_resume(resume)


def _validates(tmp_path: Path, text: str) -> None:
    written = tmp_path / "back.yaml"
    written.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(written)])
    assert result.exit_code == 0, result.output


def test_a_role_renamed_after_export_is_not_grouped_under_the_old_company(tmp_path):
    data = _exported(tmp_path)
    assert [w["position"] for w in data["work"]][:3] == ["Engineering Lead", "Developer", "Intern"]
    data["work"][1]["name"] = "Rocket Works"
    result = _import(tmp_path, data)
    jobs = result.data["experience"]
    # the two roles still named Acme Anvils stay its roles; the renamed one is a job of its own
    assert [(j["company"], [r["position"] for r in j.get("roles", [])]) for j in jobs] == [
        ("Acme Anvils", ["Engineering Lead", "Intern"]), ("Rocket Works", []), ("Solo Works", [])]
    assert jobs[1]["position"] == "Developer" and jobs[1]["id"] == "acme-dev"
    assert jobs[0]["id"] == "acme" and jobs[0]["tags"] == ["backend"]
    renamed = [w for w in result.warnings if "Rocket Works" in w]
    assert len(renamed) == 1 and "work[1]" in renamed[0] and "Acme Anvils" in renamed[0]
    _validates(tmp_path, result.text)


def test_the_first_role_renamed_leaves_the_company_to_the_others(tmp_path):
    data = _exported(tmp_path)
    data["work"][0]["name"] = "Rocket Works"
    result = _import(tmp_path, data)
    jobs = result.data["experience"]
    assert [(j["company"], j.get("position"), [r["id"] for r in j.get("roles", [])]) for j in jobs] == [
        ("Rocket Works", "Engineering Lead", []), ("Acme Anvils", None, ["acme-dev", "acme-intern"]),
        ("Solo Works", "Freelancer", [])]
    assert any("work[0]" in w and "Rocket Works" in w for w in result.warnings)
    _validates(tmp_path, result.text)


def test_a_changed_company_page_splits_the_role_off_too(tmp_path):
    data = _exported(tmp_path)
    data["work"][2]["url"] = "https://elsewhere.example"
    result = _import(tmp_path, data)
    jobs = result.data["experience"]
    assert [len(j.get("roles", [])) for j in jobs] == [2, 0, 0]
    assert jobs[1]["url"] == "https://elsewhere.example" and jobs[1]["position"] == "Intern"
    assert any("work[2]" in w and "https://elsewhere.example" in w for w in result.warnings)


def test_a_company_renamed_in_every_role_stays_one_company(tmp_path):
    data = _exported(tmp_path)
    for item in data["work"][:3]:
        item["name"] = "Acme Rockets"
    result = _import(tmp_path, data)
    company = result.data["experience"][0]
    assert company["company"] == "Acme Rockets" and company["id"] == "acme"
    assert [r["id"] for r in company["roles"]] == ["acme-lead", "acme-dev", "acme-intern"]
    assert result.warnings == []


def test_files_exported_before_the_name_was_kept_compare_with_the_first_item(tmp_path):
    data = _exported(tmp_path)
    for group in data["meta"]["resume_builder"]["roles"]["companies"]:
        del group["name"]
    data["work"][2]["name"] = "Rocket Works"
    jobs = _import(tmp_path, data).data["experience"]
    assert [(j["company"], len(j.get("roles", []))) for j in jobs] == [
        ("Acme Anvils", 2), ("Rocket Works", 0), ("Solo Works", 0)]


def test_variants_naming_what_the_file_lost_are_left_out_with_a_warning_each(tmp_path):
    data = _exported(tmp_path)
    del data["projects"]  # proj-a and the only 'rust' tag go
    data["work"][1]["name"] = "Rocket Works"  # acme-dev is no longer a role of acme
    result = _import(tmp_path, data)
    _validates(tmp_path, result.text)
    # what still exists is kept: dropping 'solo' and pinning 'acme-dev' still mean something
    assert result.data["variants"] == {"focus": {"drop": ["solo"], "pin": ["acme-dev"]}}
    dangling = [w for w in result.warnings if w.startswith("variants.")]
    for reference in ("select.projects", "'rust'", "overrides.experience[acme].roles[acme-dev].highlights",
                      "'proj-a'", "variants.solo-only"):
        assert any(reference in w for w in dangling), (reference, dangling)
    assert not any("'solo'" in w or "pin" in w for w in dangling)


def test_the_import_command_prints_the_warnings_and_writes_a_valid_profile(tmp_path):
    data = _exported(tmp_path)
    data["work"][1]["name"] = "Rocket Works"
    resume = tmp_path / "resume.json"
    resume.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "imported.yaml"
    result = CliRunner().invoke(app, ["import", str(resume), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Rocket Works" in result.output and "acme-dev" in result.output  # both warnings shown
    profile = load_profile(out).profile
    assert "experience[acme].roles[acme-dev].highlights" not in profile.variants["focus"].overrides
