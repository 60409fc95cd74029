"""Several roles at one employer (issue 18): the profile's `experience[].roles` form.

The flat single-role form stays valid; a company with roles has its span computed from its
roles; every mistake is located at its key with a message saying how to fix it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile
from resume_builder.schema.types import PRESENT, PartialDate
from tests.conftest import EXAMPLE

ROLES = """\
basics: {name: Kit Sample}
experience:
  - id: acme
    tags: [backend]
    company: Acme Anvils
    url: https://acme.example
    location: Berlin, Germany
    summary: Makes anvils for cartoon coyotes.
    roles:
      - id: acme-dev
        position: Developer
        start: 2016-02
        end: 2018-04
      - id: acme-lead
        tags: [lead]
        position: Team Lead
        location: Munich, Germany
        start: 2018-04
        end: present
        highlights: [Led a team of four]
  - id: solo
    company: Solo Works
    position: Engineer
    start: 2014-01
    end: 2016-01
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(tmp_path: Path, text: str) -> list:
    with pytest.raises(UserError) as info:
        load_profile(_write(tmp_path, text))
    return info.value.problems


def test_company_with_roles_and_a_flat_job_load(tmp_path):
    profile = load_profile(_write(tmp_path, ROLES)).profile
    acme, solo = profile.experience
    assert acme.position is None and [r.position for r in acme.roles] == ["Developer", "Team Lead"]
    assert acme.roles[1].location == "Munich, Germany" and acme.roles[1].tags == ["lead"]
    assert solo.roles is None and solo.position == "Engineer"
    # the company's span is computed from its roles: earliest start, latest end
    assert acme.span() == (PartialDate(2016, 2), PRESENT)
    assert solo.span() == (PartialDate(2014, 1), PartialDate(2016, 1))


def test_span_ends_with_the_latest_role_when_none_is_current(tmp_path):
    text = ROLES.replace("        end: present\n", "        end: 2020-06\n")
    acme = load_profile(_write(tmp_path, text)).profile.experience[0]
    assert acme.span() == (PartialDate(2016, 2), PartialDate(2020, 6))


def test_every_existing_profile_form_stays_valid():
    # the example's other jobs are flat; nothing about them changed
    profile = load_profile(EXAMPLE).profile
    flat = [job for job in profile.experience if not job.roles]
    assert len(flat) == 5 and all(job.position for job in flat)


def test_example_groups_the_seed_roles_by_the_company_name_it_gives():
    profile = load_profile(EXAMPLE).profile
    grouped = {job.company: [r.position for r in job.roles] for job in profile.experience if job.roles}
    assert grouped == {
        "MakeMyTrip & GoIbibo": ["Senior Principal Software Engineer", "Principal Software Engineer"],
        "MakeMyTrip": ["Lead Systems Engineer", "Senior Software Engineer II"],
    }


@pytest.mark.parametrize("mistake, replace, line, column, path, words", [
    ("position beside roles", ("    company: Acme Anvils\n", "    company: Acme Anvils\n    position: CTO\n"),
     6, 5, "experience[0].position", "'position' is given beside 'roles'"),
    ("start beside roles", ("    company: Acme Anvils\n", "    company: Acme Anvils\n    start: 2016-01\n"),
     6, 5, "experience[0].start", "'start' is given beside 'roles'"),
    ("highlights beside roles", ("    company: Acme Anvils\n", "    company: Acme Anvils\n    highlights: [x]\n"),
     6, 5, "experience[0].highlights", "each role has its own highlights"),
])
def test_mistakes_are_located_at_their_key(tmp_path, mistake, replace, line, column, path, words):
    problems = _problems(tmp_path, ROLES.replace(*replace))
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert problem.path == path and words in problem.message
    assert (problem.location.line, problem.location.column) == (line, column)


def test_empty_roles_is_an_error_at_roles(tmp_path):
    text = "basics: {name: Kit}\nexperience:\n  - company: Acme\n    roles: []\n"
    (problem,) = _problems(tmp_path, text)
    assert problem.path == "experience[0].roles"
    assert (problem.location.line, problem.location.column) == (4, 5)
    assert "'roles' is empty" in problem.message and "without 'roles'" in problem.message


def test_neither_position_nor_roles_is_reported_beside_the_other_mistakes(tmp_path):
    text = "basics: {name: Kit}\nexperience:\n  - company: Acme\n    start: 2020\n    end: 2019\n"
    missing, order = _problems(tmp_path, text)
    assert (missing.path, missing.message, missing.location.line) == ("experience[0].position",
                                                                     "'position' is required", 3)
    assert order.path == "experience[0].end"
    (explicit,) = _problems(tmp_path, "basics: {name: Kit}\nexperience:\n  - company: Acme\n    position: null\n")
    assert "needs a 'position' (one role) or 'roles'" in explicit.message


def test_typos_get_did_you_mean(tmp_path):
    text = ROLES.replace("    roles:\n", "    role:\n", 1)
    problems = _problems(tmp_path, text)
    assert any(p.path == "experience[0].role" and "did you mean 'roles'" in str(p) for p in problems)
    text = ROLES.replace("        position: Developer", "        postion: Developer")
    problems = _problems(tmp_path, text)
    typo = next(p for p in problems if p.path == "experience[0].roles[0].postion")
    assert "did you mean 'position'" in str(typo) and typo.location.line == 11


def test_role_dates_are_checked_like_a_job(tmp_path):
    text = ROLES.replace("        end: 2018-04\n", "        end: 2015-04\n", 1)
    (problem,) = _problems(tmp_path, text)
    assert problem.path == "experience[0].roles[0].end" and "before start" in problem.message


def test_role_ids_must_be_unique_across_the_profile(tmp_path):
    text = ROLES.replace("id: acme-lead", "id: solo")
    (problem,) = _problems(tmp_path, text)
    assert "id 'solo' is already used" in problem.message
    assert problem.path in ("experience[0].roles[1].id", "experience[1].id")


def test_committed_json_schema_describes_roles():
    import json

    from tests.conftest import REPO

    schema = json.loads((REPO / "profiles" / "profile.schema.json").read_text(encoding="utf-8"))
    role = schema["$defs"]["Role"]
    assert {"position", "start", "end", "location", "summary", "highlights", "id", "tags"} <= set(role["properties"])
    assert role["additionalProperties"] is False
    assert "roles" in schema["$defs"]["Experience"]["properties"]
