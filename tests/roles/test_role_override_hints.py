""""Did you mean" for role overrides comes from the right scope (issue 18).

An override reaches a role as ``experience[COMPANY].roles[ROLE].FIELD``. An id not found
is suggested from the ids of the scope it is written in (the company's roles); an id that
belongs to another scope (a role's id written as a company's, a role of another company,
a company's id written as a role's) gets the whole path to write instead.
"""

from __future__ import annotations

import pytest

from resume_builder.errors import UserError
from resume_builder.loading import load_profile
from resume_builder.schema.variant import Variant
from resume_builder.tailoring import tailor

PROFILE = """\
basics: {name: Kit Sample}
experience:
  - id: acme
    company: Acme
    roles:
      - {id: acme-lead, position: Lead, start: 2020-01}
      - {id: acme-developer, position: Developer, start: 2016-01, end: 2019-12}
  - id: acme-labs
    company: Acme Labs
    roles:
      - {id: labs-intern, position: Intern, start: 2015-01, end: 2015-06}
      - {id: labs-tester, position: Tester, start: 2014-01, end: 2014-12}
  - id: solo
    company: Solo Works
    position: Freelancer
    start: 2012-01
    end: 2013-12
"""


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    path = tmp_path_factory.mktemp("roles") / "p.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return load_profile(path).profile


def _hint(profile, path: str) -> str:
    with pytest.raises(UserError) as caught:
        tailor(profile, Variant(overrides={path: ["x"]}))
    (problem,) = caught.value.problems
    return problem.hint


@pytest.mark.parametrize("path, hint", [
    # a typo of a role id: the company's own roles, never a company id
    ("experience[acme].roles[acme-lab].highlights", "did you mean 'acme-lead'?"),
    ("experience[acme-labs].roles[acme-lead].highlights",
     "'acme-lead' is a role of 'acme': write experience[acme].roles[acme-lead].highlights"),
    # a role's id written where a company's goes
    ("experience[acme-developer].highlights",
     "'acme-developer' is a role of 'acme': write experience[acme].roles[acme-developer].highlights"),
    ("experience[acme-develper].highlights", "did you mean experience[acme].roles[acme-developer].highlights?"),
    # a company's (or a single job's) id written where a role's goes
    ("experience[acme].roles[solo].highlights", "'solo' is an entry of experience: write experience[solo].highlights"),
    # a job without roles
    ("experience[solo].roles[acme-lead].highlights",
     "'acme-lead' is a role of 'acme': write experience[acme].roles[acme-lead].highlights"),
    ("experience[solo].roles[zzz].highlights", "experience[solo] has no roles"),
])
def test_the_hint_names_the_right_scope(profile, path, hint):
    assert _hint(profile, path) == hint


def test_an_unrelated_typo_lists_the_companys_roles(profile):
    assert _hint(profile, "experience[acme-labs].roles[qqqq].highlights") == "ids here: labs-intern, labs-tester"
