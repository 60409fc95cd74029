"""An employer with roles whose date line carries a plain place and a link, imported back
from every built-in theme's PDF and DOCX (newcomer trial).

The themes set the employer's heading as its name, then ``dates · location · url``, then
its roles. A place without a comma (``Lisbon``) was not read as one, and the link stayed
on the line: the employer became a job with "Lisbon" for its position, and its roles went
to "Unsorted" in every theme; a role's own place after its dates was dropped.
(tests/fixtures/profiles/roles.yaml writes "Berlin, Germany" and no link, which the
importer did read.) Expected values come from the fixture file
(tests/fixtures/profiles/company_link.yaml); each document is rendered and imported once.
"""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from resume_builder.importing.document.build import DocumentImport
from tests.conftest import FIXTURES
from tests.importing.rendered import CASES, import_every_theme

PROFILE = FIXTURES / "profiles" / "company_link.yaml"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], DocumentImport]:
    """Each (theme, format) document of the fixture, imported."""
    return import_every_theme(PROFILE, tmp_path_factory.mktemp("company-link"))


@pytest.fixture(scope="module")
def written() -> dict:
    return YAML(typ="safe").load(PROFILE.read_text(encoding="utf-8"))


def _job(job: dict) -> tuple:
    roles = job.get("roles") or [job]
    return (job["company"], job.get("location"), job.get("url"),
            [(role["position"], role.get("location"), str(role["start"]), str(role["end"]),
              list(role.get("highlights") or []))
             for role in roles])


@pytest.mark.parametrize(("theme", "fmt"), CASES)
def test_an_employers_place_link_and_roles_come_back(imported, written, theme, fmt):
    result = imported[(theme, fmt)]
    assert not [c for c in result.data.get("custom", []) if c.get("id") == "unsorted"], result.data.get("custom")
    assert not result.report.defeated, result.report.reasons
    assert [_job(job) for job in result.data["experience"]] == [_job(job) for job in written["experience"]]
